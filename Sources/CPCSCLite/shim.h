#ifndef KIOSK_CPCSCLITE_SHIM_H
#define KIOSK_CPCSCLITE_SHIM_H
#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <PCSC/reader.h>

// Macros Swift cannot import: pointer-valued and cast-valued defines.
static inline const SCARD_IO_REQUEST *kiosk_scard_pci_t0(void) { return SCARD_PCI_T0; }
static inline const SCARD_IO_REQUEST *kiosk_scard_pci_t1(void) { return SCARD_PCI_T1; }
static inline DWORD kiosk_scard_autoallocate(void) { return SCARD_AUTOALLOCATE; }
static inline DWORD kiosk_scard_attr_atr_string(void) { return SCARD_ATTR_ATR_STRING; }
static inline DWORD kiosk_scard_attr_vendor_name(void) { return SCARD_ATTR_VENDOR_NAME; }
static inline DWORD kiosk_scard_infinite(void) { return INFINITE; }
#endif
