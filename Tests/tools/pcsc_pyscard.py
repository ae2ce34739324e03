#!/usr/bin/python3
"""The Python peer for `make bench`: the same APDU replay as pcsc-floor.c, with pyscard.
usage: pcsc_pyscard.py READER APDU_FILE ITERATIONS — prints one read's seconds per line."""
import sys
import time

from smartcard.scard import (SCARD_LEAVE_CARD, SCARD_PCI_T0, SCARD_PCI_T1, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1,
                             SCARD_S_SUCCESS, SCARD_SCOPE_SYSTEM, SCARD_SHARE_EXCLUSIVE, SCardConnect, SCardDisconnect,
                             SCardEstablishContext, SCardGetErrorMessage, SCardReleaseContext, SCardTransmit)


def main():
    reader, path, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
    apdus = [list(bytes.fromhex(line.strip())) for line in open(path) if line.strip()]
    result, context = SCardEstablishContext(SCARD_SCOPE_SYSTEM)
    if result != SCARD_S_SUCCESS:
        sys.exit("SCardEstablishContext: " + SCardGetErrorMessage(result))
    for _ in range(iterations):
        start = time.monotonic()
        result, card, protocol = SCardConnect(context, reader, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1)
        if result != SCARD_S_SUCCESS:
            sys.exit("SCardConnect: " + SCardGetErrorMessage(result))
        pci = SCARD_PCI_T1 if protocol == SCARD_PROTOCOL_T1 else SCARD_PCI_T0
        for apdu in apdus:
            result, _ = SCardTransmit(card, pci, apdu)
            if result != SCARD_S_SUCCESS:
                sys.exit("SCardTransmit: " + SCardGetErrorMessage(result))
        SCardDisconnect(card, SCARD_LEAVE_CARD)
        print(f"{time.monotonic() - start:.9f}")
    SCardReleaseContext(context)


if __name__ == "__main__":
    main()
