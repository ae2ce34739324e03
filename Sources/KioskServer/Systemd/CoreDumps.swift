import CLinuxProcess
import Glibc

/// kioskd's memory holds pay codes in flight, typed names and ID numbers, card holder data and PIN
/// attempts (Swift strings are not zeroed): it must never be written to disk as a core dump.
/// `LimitCORE=0` in kioskd.service says so to systemd; this says so wherever kioskd runs.
public enum CoreDumps {
    /// RLIMIT_CORE 0 (a pipe handler such as systemd-coredump honours it) and PR_SET_DUMPABLE 0
    /// (the kernel then dumps nothing at all, whatever core_pattern is). Returns what could not be
    /// done; under kioskd.service's system call filter setrlimit is refused, and LimitCORE=0 has
    /// already set the limit.
    @discardableResult
    public static func forbid() -> [String] {
        var refused: [String] = []
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        if setrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &none) != 0 { refused.append("setrlimit(RLIMIT_CORE): errno \(errno)") }
        if kiosk_set_not_dumpable() != 0 { refused.append("prctl(PR_SET_DUMPABLE): errno \(errno)") }
        return refused
    }

    /// Whether the kernel would dump this process's core (PR_GET_DUMPABLE).
    public static var processIsDumpable: Bool { kiosk_is_dumpable() != 0 }
}
