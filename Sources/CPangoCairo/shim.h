#ifndef KIOSK_CPANGOCAIRO_SHIM_H
#define KIOSK_CPANGOCAIRO_SHIM_H
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>

static inline int kiosk_pango_scale(void) { return PANGO_SCALE; }
// g_object_unref takes gpointer; this keeps call sites typed.
static inline void kiosk_g_object_unref(void *object) { g_object_unref(object); }
#endif
