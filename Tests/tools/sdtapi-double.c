/*
 * A test double of the ID-card reader SDK `libsdtapi` (Routon's sdtapi and its clones), built by the
 * test run: the SDK's C ABI on Linux (plain cdecl; STDCALL is empty off Windows), talking GA 467
 * frames on a serial line to whatever SAM is there (the tests' virtual SAM behind a pty).
 *
 * Signatures and return codes as the public headers and manuals show them: github.com/libinqi/idr-routon
 * tmp/include/sdtapi.h; 0x90 success, 0x9F card found, other SAM SW3 codes passed through, and the
 * library's own 0x01 (port open failed / not open), 0x02 (receive timeout), 0x03 (data transfer error).
 * Ports 1-16 are COM ports, 1001-1016 USB; here each is a device path.
 *
 * Configuration: a file beside the library, `<library>.conf`, lines `port <number> <device path>` and
 * `control <directory>`. While `<control>/hang` exists and names a function, that function waits
 * (a call that "never returns") until the file is removed.
 * Built with -DSDTAPI_DOUBLE_INCOMPLETE it lacks SDT_ReadBaseMsg (a library that is not sdtapi).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_PORTS 8

static struct { int number; char path[256]; int fd; } ports[MAX_PORTS];
static int port_count = -1;
static char control[256];

static void load_configuration(void) {
    if (port_count >= 0) return;
    port_count = 0;
    Dl_info info;
    if (!dladdr((void *)load_configuration, &info) || !info.dli_fname) return;
    char path[512];
    snprintf(path, sizeof path, "%s.conf", info.dli_fname);
    FILE *file = fopen(path, "r");
    if (!file) return;
    char line[600];
    while (fgets(line, sizeof line, file)) {
        int number;
        char value[256];
        if (sscanf(line, "port %d %255s", &number, value) == 2 && port_count < MAX_PORTS) {
            ports[port_count].number = number;
            snprintf(ports[port_count].path, sizeof ports[port_count].path, "%s", value);
            ports[port_count].fd = -1;
            port_count++;
        } else if (sscanf(line, "control %255s", value) == 1) {
            snprintf(control, sizeof control, "%s", value);
        }
    }
    fclose(file);
}

/* Waits while <control>/hang names `function`. */
static void maybe_hang(const char *function) {
    if (!control[0]) return;
    char path[300];
    snprintf(path, sizeof path, "%s/hang", control);
    for (;;) {
        FILE *file = fopen(path, "r");
        if (!file) return;
        char name[64] = {0};
        if (!fgets(name, sizeof name, file)) name[0] = 0;
        fclose(file);
        name[strcspn(name, "\n")] = 0;
        if (strcmp(name, function) != 0) return;
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
}

static int find_port(int number) {
    load_configuration();
    for (int i = 0; i < port_count; i++)
        if (ports[i].number == number) return i;
    return -1;
}

int SDT_OpenPort(int iPort) {
    maybe_hang("SDT_OpenPort");
    int index = find_port(iPort);
    if (index < 0) return 0x01;
    if (ports[index].fd >= 0) return 0x90;
    int fd = open(ports[index].path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return 0x01;
    struct termios settings;
    if (tcgetattr(fd, &settings) != 0) { close(fd); return 0x01; }
    cfmakeraw(&settings);
    cfsetispeed(&settings, B115200);
    cfsetospeed(&settings, B115200);
    settings.c_cflag |= CLOCAL | CREAD;
    settings.c_cc[VMIN] = 1;
    settings.c_cc[VTIME] = 0;
    tcsetattr(fd, TCSANOW, &settings);
    tcflush(fd, TCIOFLUSH);
    ports[index].fd = fd;
    return 0x90;
}

int SDT_ClosePort(int iPort) {
    int index = find_port(iPort);
    if (index < 0 || ports[index].fd < 0) return 0x01;
    close(ports[index].fd);
    ports[index].fd = -1;
    return 0x90;
}

static long remaining_ms(const struct timespec *deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

/* One command; the answer's data in `data` (up to `capacity`), its length in `*length`. Returns SW3,
 * or 0x01 (port not open), 0x02 (timeout: 5 s for the whole answer, as Routon's SDK waits), 0x03 (bad frame). */
static int exchange(int iPort, int iIfOpen, unsigned char command, unsigned char parameter, unsigned char *data, unsigned int capacity,
                    unsigned int *length) {
    if (iIfOpen && SDT_OpenPort(iPort) != 0x90) return 0x01;
    int index = find_port(iPort);
    if (index < 0 || ports[index].fd < 0) return 0x01;
    int fd = ports[index].fd;
    unsigned char frame[10] = {0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, command, parameter, 0};
    frame[9] = frame[5] ^ frame[6] ^ frame[7] ^ frame[8];
    tcflush(fd, TCIFLUSH);
    if (write(fd, frame, sizeof frame) != (ssize_t)sizeof frame) return 0x02;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 5;
    static unsigned char answer[4200];
    unsigned int have = 0, need = 7;
    int result = 0x02;
    while (have < need) {
        long left = remaining_ms(&deadline);
        if (left <= 0) goto done;
        struct pollfd entry = {fd, POLLIN, 0};
        int ready = poll(&entry, 1, (int)left);
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) goto done;
        ssize_t got = read(fd, answer + have, sizeof answer - have);
        if (got <= 0) { if (got < 0 && errno == EAGAIN) continue; result = 0x01; goto done; }
        have += (unsigned int)got;
        /* Skip to the preamble. */
        while (have >= 5 && memcmp(answer, frame, 5) != 0) { memmove(answer, answer + 1, --have); }
        if (have >= 7) {
            need = 7 + ((unsigned int)answer[5] << 8 | answer[6]);
            if (need > sizeof answer || need < 11) { result = 0x03; goto done; }
        }
    }
    unsigned char check = 0;
    for (unsigned int i = 5; i < need - 1; i++) check ^= answer[i];
    if (check != answer[need - 1]) { result = 0x03; goto done; }
    unsigned int count = need - 11;
    if (count > capacity) count = capacity;
    if (data) memcpy(data, answer + 10, count);
    if (length) *length = count;
    result = answer[9];
done:
    if (iIfOpen) SDT_ClosePort(iPort);
    return result;
}

int SDT_GetSAMStatus(int iPort, int iIfOpen) {
    maybe_hang("SDT_GetSAMStatus");
    unsigned int length = 0;
    return exchange(iPort, iIfOpen, 0x11, 0xFF, NULL, 0, &length);
}

int SDT_GetSAMID(int iPort, unsigned char *pucSAMID, int iIfOpen) {
    maybe_hang("SDT_GetSAMID");
    unsigned int length = 0;
    return exchange(iPort, iIfOpen, 0x12, 0xFF, pucSAMID, 16, &length);
}

int SDT_StartFindIDCard(int iPort, unsigned char *pucManaInfo, int iIfOpen) {
    maybe_hang("SDT_StartFindIDCard");
    unsigned int length = 0;
    return exchange(iPort, iIfOpen, 0x20, 0x01, pucManaInfo, 4, &length);
}

int SDT_SelectIDCard(int iPort, unsigned char *pucManaMsg, int iIfOpen) {
    maybe_hang("SDT_SelectIDCard");
    unsigned int length = 0;
    return exchange(iPort, iIfOpen, 0x20, 0x02, pucManaMsg, 8, &length);
}

#ifndef SDTAPI_DOUBLE_INCOMPLETE
int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen, unsigned char *pucPHMsg, unsigned int *puiPHMsgLen,
                    int iIfOpen) {
    maybe_hang("SDT_ReadBaseMsg");
    static unsigned char data[4200];
    unsigned int length = 0;
    int result = exchange(iPort, iIfOpen, 0x30, 0x01, data, sizeof data, &length);
    if (result != 0x90) return result;
    if (length < 4) return 0x03;
    unsigned int text = (unsigned int)data[0] << 8 | data[1], photo = (unsigned int)data[2] << 8 | data[3];
    if (4 + text + photo != length || text > 256 || photo > 1024) return 0x03;
    memcpy(pucCHMsg, data + 4, text);
    memcpy(pucPHMsg, data + 4 + text, photo);
    *puiCHMsgLen = text;
    *puiPHMsgLen = photo;
    return 0x90;
}
#endif
