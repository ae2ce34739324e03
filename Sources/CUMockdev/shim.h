#ifndef KIOSK_CUMOCKDEV_SHIM_H
#define KIOSK_CUMOCKDEV_SHIM_H
// libumockdev (an in-process UMockdevTestbed with ioctl handlers), the usbfs ABI it emulates,
// and openpty/tcflow for the pseudo-terminal that stands in for the usbfs file's poll readiness.
#include <umockdev.h>
#include <linux/usbdevice_fs.h>
#include <pty.h>
#include <termios.h>

// The usbfs request numbers are _IOR/_IOW macros, which Swift cannot import.
static const unsigned long kiosk_usbdevfs_control = USBDEVFS_CONTROL;
static const unsigned long kiosk_usbdevfs_setinterface = USBDEVFS_SETINTERFACE;
static const unsigned long kiosk_usbdevfs_setconfiguration = USBDEVFS_SETCONFIGURATION;
static const unsigned long kiosk_usbdevfs_getdriver = USBDEVFS_GETDRIVER;
static const unsigned long kiosk_usbdevfs_submiturb = USBDEVFS_SUBMITURB;
static const unsigned long kiosk_usbdevfs_discardurb = USBDEVFS_DISCARDURB;
static const unsigned long kiosk_usbdevfs_reapurbndelay = USBDEVFS_REAPURBNDELAY;
static const unsigned long kiosk_usbdevfs_claiminterface = USBDEVFS_CLAIMINTERFACE;
static const unsigned long kiosk_usbdevfs_releaseinterface = USBDEVFS_RELEASEINTERFACE;
static const unsigned long kiosk_usbdevfs_connectinfo = USBDEVFS_CONNECTINFO;
static const unsigned long kiosk_usbdevfs_ioctl = USBDEVFS_IOCTL;
static const unsigned long kiosk_usbdevfs_reset = USBDEVFS_RESET;
static const unsigned long kiosk_usbdevfs_clear_halt = USBDEVFS_CLEAR_HALT;
static const unsigned long kiosk_usbdevfs_disconnect = USBDEVFS_DISCONNECT;
static const unsigned long kiosk_usbdevfs_connect = USBDEVFS_CONNECT;
static const unsigned long kiosk_usbdevfs_get_capabilities = USBDEVFS_GET_CAPABILITIES;
static const unsigned long kiosk_usbdevfs_disconnect_claim = USBDEVFS_DISCONNECT_CLAIM;
static const unsigned long kiosk_usbdevfs_get_speed = USBDEVFS_GET_SPEED;
#endif
