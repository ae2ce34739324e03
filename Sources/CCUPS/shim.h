#ifndef KIOSK_CCUPS_SHIM_H
#define KIOSK_CCUPS_SHIM_H
// Debian 12 ships no cups.pc: the module links "cups" directly.
#include <cups/cups.h>
#include <cups/ipp.h>
#include <cups/http.h>

// CUPS_HTTP_DEFAULT is a cast macro Swift does not import.
static inline http_t *kiosk_cups_http_default(void) { return CUPS_HTTP_DEFAULT; }
#endif
