#ifndef KIOSK_CLIBUSB_SHIM_H
#define KIOSK_CLIBUSB_SHIM_H
#include <libusb.h>

// libusb_set_option is variadic; Swift cannot call it directly.
static inline int kiosk_libusb_set_log_level(libusb_context *ctx, int level) {
    return libusb_set_option(ctx, LIBUSB_OPTION_LOG_LEVEL, level);
}
static inline int kiosk_libusb_set_no_device_discovery(libusb_context *ctx) {
    return libusb_set_option(ctx, LIBUSB_OPTION_NO_DEVICE_DISCOVERY);
}
#endif
