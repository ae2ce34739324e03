// prctl(2) is variadic, so Swift cannot call it directly.
#include <sys/prctl.h>

static inline int kiosk_set_not_dumpable(void) { return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); }
static inline int kiosk_is_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0); }
