/*
 * A test double of the social security card reader library of the ministry's "部标" SSCardDriver
 * interface (libSSCardDriver and the vendors' builds of it), built by the test run: the interface's C ABI
 * on Linux (plain cdecl), reading the card's SSSE application over PC/SC (libpcsclite) from whatever
 * card is in the configured reader (the tests' virtual card behind vpcd).
 *
 * Signatures, field layout and return codes as the vendor headers of the 部标 SSCardDriver interface and
 * integrators' code show them:
 *   long iReadCardBas(int iType, char *pOutInfo);
 *   long iReadCard(int iType, int iAuthType, char *pCardInfo, char *pFileAddr, char *pOutInfo);
 *   long iGetReaderInfo(char *pReaderSN, char *pPsamTermNo);   (a vendor extension, not in every library)
 * iType 1 contact, 2 contactless, 3 auto (contact first), 4 auto (contactless first); the double has one
 * reader, so all four read it the same way. 0 is success; a failure is a negative code with a short GBK
 * text in pOutInfo (caller-allocated, at least 1024 bytes): -2 无卡, -4 卡无应答, -11 读卡器连接错,
 * -14 命令参数错, -2201 无PSAM卡, -2203 PSAM卡内无RKSSSE密钥, and a card status word other than
 * 9000/61xx/6Cxx as its negative decimal (6A82 → -27266, "卡返回状态字6A82").
 * iReadCardBas answers `发卡地区行政区划代码|社会保障号码|卡号|卡识别码|姓名|卡复位信息|规范版本|发卡日期|
 * 卡有效期|终端机编号|终端设备号|`; iReadCard answers the address it is given (`SSSEEF05|02|$SSSEEF06|0A|$`)
 * with each tag replaced by its value. The double ignores iAuthType and pCardInfo (a real library uses
 * them for the PSAM authentication of 3.0 cards). Each call opens and closes the device itself, as the
 * standard says: a context, an exclusive connection, the APDUs, a reset on disconnect.
 *
 * Values as the tests' virtual card (Sources/KioskSimulators/VirtualCard/SSCRecords.swift) stores them:
 * ASCII fields (01 卡识别码, 02 卡类别, 03, 04, 07, 08, 0A) as text when printable, else upper-case hex;
 * BCD fields (05, 06, 0B 民族, 0C, 0D) as their digits; 09 姓名 and 4E 姓名扩展 as GBK without the
 * trailing 00/20/FF padding.
 *
 * Configuration: a file beside the library, `<library>.conf`, lines `reader <PC/SC reader name, rest of
 * line>`, `terminal <终端机编号> [<终端设备号>]`, `serial <the reader's serial number>` and `control <directory>`. While `<control>/hang` exists
 * and names a function, that function waits (a call that "never returns") until the file is removed.
 * `<control>/psam` holding `none` makes every call fail with -2201; holding `nokey`, a 3.00 card fails
 * with -2203 once EF05 is read (iReadCardBas) or before EF06 is read (iReadCard): 3.0 cards need PSAM
 * external authentication for personal data. `<control>/readerinfo` holding a code (e.g. `-11`) makes
 * iGetReaderInfo fail with it, the serial number given and 读卡器连接错 as the text.
 * Built with -DSSCARD_DOUBLE_INCOMPLETE it lacks iReadCardBas (a library that is not the SSC driver);
 * with -DSSCARD_DOUBLE_NO_READER_INFO it lacks iGetReaderInfo (as libraries of the core set alone do);
 * with -DSSCARD_DOUBLE_READER_INFO_PSAM_FIRST its iGetReaderInfo takes the PSAM's number first, as one
 * province's SiCardDriver declares it (`iGetReaderInfo(StringBuilder psamNo, StringBuilder devCSN)`).
 */
#define _GNU_SOURCE
#include <PCSC/winscard.h>
#include <ctype.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OUT_CAPACITY 1024

/* The error texts, in GBK. */
#define TEXT_NO_CARD "\xCE\xDE\xBF\xA8"                                              /* 无卡 */
#define TEXT_NO_ANSWER "\xBF\xA8\xCE\xDE\xD3\xA6\xB4\xF0"                            /* 卡无应答 */
#define TEXT_READER "\xB6\xC1\xBF\xA8\xC6\xF7\xC1\xAC\xBD\xD3\xB4\xED"                /* 读卡器连接错 */
#define TEXT_PARAMETER "\xC3\xFC\xC1\xEE\xB2\xCE\xCA\xFD\xB4\xED"                     /* 命令参数错 */
#define TEXT_NO_PSAM "\xCE\xDE" "PSAM" "\xBF\xA8"                                     /* 无PSAM卡 */
#define TEXT_NO_KEY "PSAM" "\xBF\xA8\xC4\xDA\xCE\xDE" "RKSSSE" "\xC3\xDC\xD4\xBF"     /* PSAM卡内无RKSSSE密钥 */
#define TEXT_STATUS "\xBF\xA8\xB7\xB5\xBB\xD8\xD7\xB4\xCC\xAC\xD7\xD6"                /* 卡返回状态字 */

static int loaded;
static char reader[256], control[256], terminal_number[32] = "000000000000", terminal_device[64], serial[64] = "SSCDOUBLE0001";

static void load_configuration(void) {
    if (loaded) return;
    loaded = 1;
    Dl_info info;
    if (!dladdr((void *)load_configuration, &info) || !info.dli_fname) return;
    char path[512];
    snprintf(path, sizeof path, "%s.conf", info.dli_fname);
    FILE *file = fopen(path, "r");
    if (!file) return;
    char line[600];
    while (fgets(line, sizeof line, file)) {
        line[strcspn(line, "\r\n")] = 0;
        char value[256];
        if (strncmp(line, "reader ", 7) == 0) {
            snprintf(reader, sizeof reader, "%s", line + 7);
        } else if (strncmp(line, "terminal ", 9) == 0) {
            terminal_device[0] = 0;
            if (sscanf(line, "terminal %31s %63s", terminal_number, terminal_device) < 1) strcpy(terminal_number, "000000000000");
        } else if (sscanf(line, "serial %63s", value) == 1) {
            snprintf(serial, sizeof serial, "%s", value);
        } else if (sscanf(line, "control %255s", value) == 1) {
            snprintf(control, sizeof control, "%s", value);
        }
    }
    fclose(file);
}

/* The first line of <control>/<name> in `text` (empty when there is none). */
static void read_control(const char *name, char *text, size_t capacity) {
    text[0] = 0;
    if (!control[0]) return;
    char path[300];
    snprintf(path, sizeof path, "%s/%s", control, name);
    FILE *file = fopen(path, "r");
    if (!file) return;
    if (!fgets(text, (int)capacity, file)) text[0] = 0;
    fclose(file);
    text[strcspn(text, "\r\n")] = 0;
}

/* Waits while <control>/hang names `function`. */
static void maybe_hang(const char *function) {
    load_configuration();
    char name[64];
    for (read_control("hang", name, sizeof name); strcmp(name, function) == 0; read_control("hang", name, sizeof name)) {
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

/* The answer being built: at most 1023 bytes, the rest dropped. */
typedef struct { char text[OUT_CAPACITY]; size_t length; } Output;

static void append(Output *out, const void *bytes, size_t count) {
    if (count > OUT_CAPACITY - 1 - out->length) count = OUT_CAPACITY - 1 - out->length;
    memcpy(out->text + out->length, bytes, count);
    out->length += count;
    out->text[out->length] = 0;
}

static void append_text(Output *out, const char *text) { append(out, text, strlen(text)); }

/* Writes the error text to pOutInfo; returns `code`. */
static long fail(char *pOutInfo, long code, const char *text) {
    if (pOutInfo) snprintf(pOutInfo, OUT_CAPACITY, "%s", text);
    return code;
}

/* An open session: the context, the card and the protocol's PCI. `error` holds a failure's text. */
typedef struct {
    SCARDCONTEXT context;
    SCARDHANDLE handle;
    const SCARD_IO_REQUEST *pci;
    char error[64];
} Card;

/* A failed transmit: the card gone (-2) or silent (-4). A card pulled out mid-command fails the
 * transmit with SCARD_E_NOT_TRANSACTED before pcscd has seen the slot empty (as kioskd's PC/SC
 * driver, the double takes that, and a reset card, for a removal). */
static long transmit_failure(Card *card, LONG rv) {
    int gone = rv == SCARD_W_REMOVED_CARD || rv == SCARD_E_NO_SMARTCARD || rv == SCARD_E_NOT_TRANSACTED || rv == SCARD_W_RESET_CARD;
    snprintf(card->error, sizeof card->error, "%s", gone ? TEXT_NO_CARD : TEXT_NO_ANSWER);
    return gone ? -2 : -4;
}

/* Sends `apdu` (the last byte is Le when `has_le`), following 6Cxx (resend with Le = xx) and 61xx
 * (GET RESPONSE, the chunks appended). The data in `data` (up to `capacity`), the final status in `*sw`. */
static long exchange(Card *card, const unsigned char *apdu, DWORD length, int has_le, unsigned char *data, size_t capacity,
                     size_t *got, unsigned *sw) {
    unsigned char command[300], response[260];
    memcpy(command, apdu, length);
    *got = 0;
    for (int attempt = 0;; attempt++) {
        DWORD answered = sizeof response;
        LONG rv = SCardTransmit(card->handle, card->pci, command, length, NULL, response, &answered);
        if (rv != SCARD_S_SUCCESS) return transmit_failure(card, rv);
        /* A card always answers at least a status word: nothing at all means it left mid-command. */
        if (answered < 2) return transmit_failure(card, SCARD_W_REMOVED_CARD);
        size_t count = answered - 2;
        if (count > capacity - *got) count = capacity - *got;
        memcpy(data + *got, response, count);
        *got += count;
        *sw = (unsigned)response[answered - 2] << 8 | response[answered - 1];
        if ((*sw >> 8) == 0x6C && has_le && command[1] != 0xC0 && attempt < 8) {
            command[length - 1] = (unsigned char)*sw; /* the exact length the card wants */
            *got = 0;
        } else if ((*sw >> 8) == 0x61 && attempt < 64) {
            unsigned char get_response[5] = {0x00, 0xC0, 0x00, 0x00, (unsigned char)*sw};
            memcpy(command, get_response, sizeof get_response);
            length = sizeof get_response;
            has_le = 1;
        } else {
            return 0;
        }
    }
}

/* A status word that ends the read: its negative decimal, "卡返回状态字XXXX". */
static long status_failure(Card *card, unsigned sw) {
    snprintf(card->error, sizeof card->error, TEXT_STATUS "%04X", sw);
    return -(long)sw;
}

/* A command whose only good answer is 9000. */
static long command_ok(Card *card, const unsigned char *apdu, DWORD length) {
    unsigned char data[256];
    size_t got;
    unsigned sw;
    long result = exchange(card, apdu, length, 0, data, sizeof data, &got, &sw);
    if (result != 0) return result;
    return sw == 0x9000 ? 0 : status_failure(card, sw);
}

static long select_application(Card *card) {
    static const unsigned char select[] = {0x00, 0xA4, 0x04, 0x00, 0x0F, 0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E,
                                           0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF}; /* "sx1.sh." 社会保障 */
    return command_ok(card, select, sizeof select);
}

static long select_ef(Card *card, unsigned char ef) {
    unsigned char select[] = {0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, ef};
    return command_ok(card, select, sizeof select);
}

/* READ RECORD of `tag` in the current EF: 0 with the value in `value`/`*length`, 1 when the card has no
 * such record (6A83), or a failure. */
static long read_tag(Card *card, unsigned char tag, unsigned char *value, size_t *length) {
    unsigned char read[] = {0x00, 0xB2, tag, 0x00, 0x00}, data[258];
    size_t got;
    unsigned sw;
    long result = exchange(card, read, sizeof read, 1, data, sizeof data, &got, &sw);
    if (result != 0) return result;
    if (sw == 0x6A83) return 1;
    if (sw != 0x9000) return status_failure(card, sw);
    if (got < 2 || data[0] != tag || (size_t)data[1] + 2 > got) return transmit_failure(card, SCARD_F_COMM_ERROR);
    memcpy(value, data + 2, data[1]);
    *length = data[1];
    return 0;
}

/* Context, exclusive connection to the configured reader, the SSSE application selected. */
static long open_card(Card *card) {
    memset(card, 0, sizeof *card);
    snprintf(card->error, sizeof card->error, "%s", TEXT_READER);
    load_configuration();
    if (!reader[0]) return -11;
    if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &card->context) != SCARD_S_SUCCESS) return -11;
    DWORD protocol;
    LONG rv = SCardConnect(card->context, reader, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card->handle, &protocol);
    if (rv != SCARD_S_SUCCESS) {
        SCardReleaseContext(card->context);
        card->context = 0;
        if (rv == SCARD_E_NO_SMARTCARD || rv == SCARD_W_REMOVED_CARD) return transmit_failure(card, rv);
        return -11;
    }
    card->pci = protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
    return select_application(card);
}

static void close_card(Card *card) {
    if (card->handle) SCardDisconnect(card->handle, SCARD_RESET_CARD);
    if (card->context) SCardReleaseContext(card->context);
}

/* Ends a call: the session closed, a failure's text in pOutInfo, else the answer. */
static long finish(Card *card, long result, const Output *out, char *pOutInfo) {
    close_card(card);
    if (result != 0) return fail(pOutInfo, result, card->error);
    memcpy(pOutInfo, out->text, out->length + 1);
    return 0;
}

static void append_hex(Output *out, const unsigned char *bytes, size_t count) {
    for (size_t i = 0; i < count; i++) {
        char pair[3];
        snprintf(pair, sizeof pair, "%02X", bytes[i]);
        append(out, pair, 2);
    }
}

/* GBK text without its trailing 00, 20 or FF padding. */
static void append_gbk(Output *out, const unsigned char *bytes, size_t count) {
    while (count > 0 && (bytes[count - 1] == 0x00 || bytes[count - 1] == 0x20 || bytes[count - 1] == 0xFF)) count--;
    append(out, bytes, count);
}

/* A value as the library renders it (see the header). */
static void append_value(Output *out, unsigned char tag, const unsigned char *value, size_t count) {
    switch (tag) {
    case 0x05: case 0x06: case 0x0B: case 0x0C: case 0x0D: /* BCD: a byte's two nibbles are two digits */
        append_hex(out, value, count);
        return;
    case 0x09: case 0x4E:
        append_gbk(out, value, count);
        return;
    default: {
        size_t printable = 0;
        while (printable < count && value[printable] >= 0x20 && value[printable] < 0x7F) printable++;
        if (printable == count) append(out, value, count);
        else append_hex(out, value, count);
    }
    }
}

/* Whether <control>/psam says `what` ("none" or "nokey"). */
static int psam_is(const char *what) {
    load_configuration();
    char text[32];
    read_control("psam", text, sizeof text);
    return strcmp(text, what) == 0;
}

static int valid_type(int iType) { return iType >= 1 && iType <= 4; }

/* -2203 when <control>/psam says `nokey` and the card's 规范版本 (EF05 tag 03) is 3.00, else 0. */
static long check_psam_key(Card *card, const unsigned char *version, size_t length) {
    if (length != 4 || memcmp(version, "3.00", 4) != 0 || !psam_is("nokey")) return 0;
    snprintf(card->error, sizeof card->error, "%s", TEXT_NO_KEY);
    return -2203;
}

#ifndef SSCARD_DOUBLE_INCOMPLETE
/* A field of iReadCardBas' answer: `length` bytes of `text`, then `|`. */
static void append_field(Output *out, const char *text, size_t length) {
    append(out, text, length);
    append_text(out, "|");
}

/* 卡复位信息: the ATR's historical bytes (T0's low nibble counts them; they follow TS, T0 and the
 * interface bytes that T0's and each TDi's high nibble announce). */
static void append_history(Output *out, const unsigned char *atr, size_t length) {
    if (length < 2) return;
    size_t position = 2, history = atr[1] & 0x0F;
    unsigned char y = atr[1] >> 4;
    for (;;) {
        int td = y & 0x08;
        position += (size_t)((y & 1) + (y >> 1 & 1) + (y >> 2 & 1));
        if (!td || position >= length) break;
        y = atr[position++] >> 4;
    }
    if (position >= length) return;
    if (history > length - position) history = length - position;
    append_hex(out, atr + position, history);
}

long iReadCardBas(int iType, char *pOutInfo) {
    maybe_hang("iReadCardBas");
    if (!pOutInfo || !valid_type(iType)) return fail(pOutInfo, -14, TEXT_PARAMETER);
    if (psam_is("none")) return fail(pOutInfo, -2201, TEXT_NO_PSAM);
    Card card;
    Output out = {{0}, 0};
    long result = open_card(&card);
    if (result != 0) return finish(&card, result, &out, pOutInfo);

    static const unsigned char issuer_tags[] = {0x01, 0x03, 0x05, 0x06, 0x07}, holder_tags[] = {0x08, 0x09, 0x4E};
    unsigned char values[0x4F][256];
    size_t lengths[0x4F] = {0};
    result = select_ef(&card, 0x05);
    for (size_t i = 0; result == 0 && i < sizeof issuer_tags; i++) result = read_tag(&card, issuer_tags[i], values[issuer_tags[i]], &lengths[issuer_tags[i]]);
    if (result == 0) result = check_psam_key(&card, values[0x03], lengths[0x03]);
    if (result == 0) result = select_ef(&card, 0x06);
    for (size_t i = 0; result == 0 && i < sizeof holder_tags; i++) {
        result = read_tag(&card, holder_tags[i], values[holder_tags[i]], &lengths[holder_tags[i]]);
        if (result == 1 && holder_tags[i] == 0x4E) result = 0; /* no 姓名扩展 */
        else if (result == 1) result = status_failure(&card, 0x6A83);
    }
    if (result != 0) return finish(&card, result, &out, pOutInfo);

    unsigned char atr[MAX_ATR_SIZE];
    char name[MAX_READERNAME];
    DWORD name_length = sizeof name, state, protocol, atr_length = sizeof atr;
    LONG rv = SCardStatus(card.handle, name, &name_length, &state, &protocol, atr, &atr_length);
    if (rv != SCARD_S_SUCCESS) return finish(&card, transmit_failure(&card, rv), &out, pOutInfo);

    /* 发卡地区行政区划代码 (卡识别码's first 6 characters), then the tags in answer order; 00 stands for
     * 卡复位信息, 09 for 姓名 with 姓名扩展. */
    static const unsigned char order[] = {0x08, 0x07, 0x01, 0x09, 0x00, 0x03, 0x05, 0x06};
    Output field = {{0}, 0};
    append_value(&field, 0x01, values[0x01], lengths[0x01]);
    append_field(&out, field.text, field.length < 6 ? field.length : 6);
    for (size_t i = 0; i < sizeof order; i++) {
        unsigned char tag = order[i];
        field.length = 0;
        if (tag == 0x00) append_history(&field, atr, atr_length);
        else append_value(&field, tag, values[tag], lengths[tag]);
        if (tag == 0x09) append_gbk(&field, values[0x4E], lengths[0x4E]);
        if (tag == 0x07 && field.length > 9) field.length = 9; /* 卡号: its first 9 characters */
        append_field(&out, field.text, field.length);
    }
    append_field(&out, terminal_number, strlen(terminal_number));
    append_field(&out, terminal_device, strlen(terminal_device));
    return finish(&card, 0, &out, pOutInfo);
}
#endif

/* pFileAddr parsed: sections `FILE|tag|tag|…|` each ended by `$`. */
#define MAX_SECTIONS 8
#define MAX_TAGS 32
typedef struct { unsigned char ef; unsigned char tags[MAX_TAGS]; int count; } Section;

/* The number of sections, or -1 when the address does not follow the grammar. */
static int parse_address(const char *address, Section *sections) {
    int count = 0;
    size_t length = strnlen(address, OUT_CAPACITY);
    if (length == 0 || length == OUT_CAPACITY || address[length - 1] != '$') return -1;
    char copy[OUT_CAPACITY];
    memcpy(copy, address, length + 1);
    for (char *end, *section = copy; *section; section = end + 1) {
        end = strchr(section, '$');
        *end = 0;
        if (count == MAX_SECTIONS) return -1;
        Section *current = &sections[count++];
        current->count = 0;
        char *save = NULL, *token = strtok_r(section, "|", &save);
        if (!token) return -1;
        if (strcmp(token, "SSSEEF05") == 0) current->ef = 0x05;
        else if (strcmp(token, "SSSEEF06") == 0) current->ef = 0x06;
        else return -1;
        while ((token = strtok_r(NULL, "|", &save))) {
            if (strlen(token) != 2 || !isxdigit((unsigned char)token[0]) || !isxdigit((unsigned char)token[1]) || current->count == MAX_TAGS)
                return -1;
            current->tags[current->count++] = (unsigned char)strtoul(token, NULL, 16);
        }
    }
    return count;
}

long iReadCard(int iType, int iAuthType, char *pCardInfo, char *pFileAddr, char *pOutInfo) {
    (void)iAuthType;
    (void)pCardInfo;
    maybe_hang("iReadCard");
    Section sections[MAX_SECTIONS];
    int count = pFileAddr ? parse_address(pFileAddr, sections) : -1;
    if (!pOutInfo || !valid_type(iType) || count < 0) return fail(pOutInfo, -14, TEXT_PARAMETER);
    if (psam_is("none")) return fail(pOutInfo, -2201, TEXT_NO_PSAM);
    Card card;
    Output out = {{0}, 0};
    long result = open_card(&card);
    int checked_key = 0;
    for (int s = 0; result == 0 && s < count; s++) {
        if (sections[s].ef == 0x06 && !checked_key && psam_is("nokey")) {
            /* A 3.0 card's personal data needs the PSAM's key: the version first (EF05 tag 03). */
            unsigned char version[256];
            size_t length = 0;
            checked_key = 1;
            result = select_ef(&card, 0x05);
            if (result == 0) result = read_tag(&card, 0x03, version, &length);
            if (result == 1) result = 0; /* no version: not a 3.0 card */
            if (result == 0) result = check_psam_key(&card, version, length);
            if (result != 0) break;
        }
        result = select_ef(&card, sections[s].ef);
        append_text(&out, sections[s].ef == 0x05 ? "SSSEEF05|" : "SSSEEF06|");
        for (int t = 0; result == 0 && t < sections[s].count; t++) {
            unsigned char value[256];
            size_t length = 0;
            result = read_tag(&card, sections[s].tags[t], value, &length);
            if (result == 0) append_value(&out, sections[s].tags[t], value, length);
            if (result == 1) result = 0; /* a record the card lacks: an empty value */
            append_text(&out, "|");
        }
        append_text(&out, "$");
    }
    return finish(&card, result, &out, pOutInfo);
}

#ifndef SSCARD_DOUBLE_NO_READER_INFO
/* The reader's serial number and its PSAM's 终端机编号; no card needed. Without a PSAM: -2201, the
 * serial number still given. */
#ifdef SSCARD_DOUBLE_READER_INFO_PSAM_FIRST
long iGetReaderInfo(char *pPsamTermNo, char *pReaderSN) {
#else
long iGetReaderInfo(char *pReaderSN, char *pPsamTermNo) {
#endif
    maybe_hang("iGetReaderInfo");
    if (!pReaderSN || !pPsamTermNo) return -14;
    snprintf(pReaderSN, 64, "%s", serial);
    char failure[16];
    read_control("readerinfo", failure, sizeof failure);
    if (failure[0]) return fail(pPsamTermNo, strtol(failure, NULL, 10), TEXT_READER);
    if (psam_is("none")) return fail(pPsamTermNo, -2201, TEXT_NO_PSAM);
    snprintf(pPsamTermNo, 32, "%s", terminal_number);
    return 0;
}
#endif
