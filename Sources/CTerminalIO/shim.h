// Pseudo-terminals for the serial card readers' test doubles: posix_openpt(3), grantpt(3),
// unlockpt(3) and ptsname_r(3) are XSI/GNU declarations that Swift's Glibc module (built without
// _XOPEN_SOURCE/_GNU_SOURCE) does not show.
#include <fcntl.h>
#include <stddef.h>

extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buf, size_t buflen);

static inline int kiosk_open_pty_master(void) { return posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC); }
static inline int kiosk_grantpt(int fd) { return grantpt(fd); }
static inline int kiosk_unlockpt(int fd) { return unlockpt(fd); }
static inline int kiosk_ptsname(int fd, char *buffer, size_t length) { return ptsname_r(fd, buffer, length); }
