import Glibc
import NIOCore

/// Who is on the other end of an admin connection: the process that connected to the unix
/// socket, as the kernel recorded it at connect time (SO_PEERCRED).
struct PeerCredentials: Sendable, Equatable {
    let pid: Int32
    let uid: UInt32
    let gid: UInt32

    /// Asks the socket through NIO's `SocketOptionProvider`, on the channel's event loop (no blocking);
    /// nil when the channel is not a socket or the kernel does not answer.
    static func of(_ channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        do {
            let raw: UCred = try await peerCredentialOption(of: provider).get()
            return PeerCredentials(pid: raw.pid, uid: raw.uid, gid: raw.gid)
        } catch {
            return nil
        }
    }

    // NIO asks that the unsafe option calls stay in non-public, non-inlinable functions.
    private static func peerCredentialOption(of provider: any SocketOptionProvider) -> EventLoopFuture<UCred> {
        provider.unsafeGetSocketOption(level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
    }

    /// Linux's `struct ucred { pid_t pid; uid_t uid; gid_t gid; }`, which Glibc's Swift module does
    /// not export (it needs _GNU_SOURCE): three 32-bit fields in this order, 12 bytes.
    private struct UCred: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }
}
