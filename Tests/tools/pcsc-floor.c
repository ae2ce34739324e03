/* The C floor for `make bench`: replays a card read's APDUs through libpcsclite, as kioskd's
 * PC/SC reader does (one context; per read: exclusive connect, the APDUs, disconnect leaving the card).
 * usage: pcsc-floor READER APDU_FILE ITERATIONS — prints one read's seconds per line. */
#include <PCSC/winscard.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_APDUS 256

static unsigned char apdus[MAX_APDUS][300];
static DWORD lengths[MAX_APDUS];

static int load(const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) { perror(path); exit(2); }
    char line[1024];
    int count = 0;
    while (count < MAX_APDUS && fgets(line, sizeof line, file)) {
        DWORD length = 0;
        for (char *p = line; p[0] && p[1] && p[0] != '\n'; p += 2) sscanf(p, "%2hhx", &apdus[count][length++]);
        if (length) lengths[count++] = length;
    }
    fclose(file);
    return count;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s READER APDU_FILE ITERATIONS\n", argv[0]); return 2; }
    int count = load(argv[2]), iterations = atoi(argv[3]);
    SCARDCONTEXT context;
    LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
    if (rv != SCARD_S_SUCCESS) { fprintf(stderr, "SCardEstablishContext: %s\n", pcsc_stringify_error(rv)); return 1; }
    unsigned char response[65538];
    for (int i = 0; i < iterations; i++) {
        double start = now();
        SCARDHANDLE card;
        DWORD protocol;
        rv = SCardConnect(context, argv[1], SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &card, &protocol);
        if (rv != SCARD_S_SUCCESS) { fprintf(stderr, "SCardConnect: %s\n", pcsc_stringify_error(rv)); return 1; }
        const SCARD_IO_REQUEST *pci = protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
        for (int a = 0; a < count; a++) {
            DWORD length = sizeof response;
            rv = SCardTransmit(card, pci, apdus[a], lengths[a], NULL, response, &length);
            if (rv != SCARD_S_SUCCESS) { fprintf(stderr, "SCardTransmit: %s\n", pcsc_stringify_error(rv)); return 1; }
        }
        SCardDisconnect(card, SCARD_LEAVE_CARD);
        printf("%.9f\n", now() - start);
    }
    SCardReleaseContext(context);
    return 0;
}
