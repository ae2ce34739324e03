import Foundation
import KioskCore

/// Value checks for configuration keys: each returns a message saying what is wrong, or nil.
enum ConfigChecks {
    static func nonEmpty(_ value: String) -> String? {
        value.trimmingWhitespace().isEmpty ? "must not be empty" : nil
    }

    static func kioskID(_ value: String) -> String? {
        let allowed = value.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        return (1...64).contains(value.utf8.count) && allowed
            ? nil : "\"\(value)\" is not a kiosk id (1–64 characters of A–Z, a–z, 0–9, - and _)"
    }

    static func oneOf(_ allowed: [String]) -> (String) -> String? {
        { allowed.contains($0) ? nil : "\"\($0)\" is not one of \(allowed.joined(separator: ", "))" }
    }

    static func absolutePath(_ value: String) -> String? {
        value.hasPrefix("/") ? nil : "\"\(value)\" is not an absolute path"
    }

    /// Where the backend's CA and the kiosk's certificate and key live: root's folder (tmpfiles:
    /// 0750 root:kioskd), which neither a bundle nor kioskd itself can write.
    static let tlsDirectory = "/etc/kioskd/tls/"

    /// A TLS file under /etc/kioskd/tls/, named without `.` or `..` segments.
    /// `terminal.address`: "simulated", or host:port of the terminal (an IP address or a name).
    static func terminalAddress(_ value: String) -> String? {
        if value == "simulated" { return nil }
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]), (1...65535).contains(port),
              !value[..<colon].isEmpty, !value[..<colon].contains(where: { $0.isWhitespace || $0 == "/" }) else {
            return "\"\(value)\" is not host:port (e.g. 192.168.1.20:8443, the terminal's port for local Terminal API messages) nor \"simulated\""
        }
        return nil
    }

    /// A nexo POIID: the terminal's model and serial number, e.g. "V400m-324688179".
    static func terminalPOIID(_ value: String) -> String? {
        guard (1...40).contains(value.count), value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
            return "\"\(value)\" is not a terminal POIID (1–40 letters, digits, \"-\", \"_\" or \".\", e.g. V400m-324688179)"
        }
        return nil
    }

    static func dnsName(_ value: String) -> String? {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        guard value.count <= 253, labels.count >= 2,
              labels.allSatisfy({ (1...63).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }) else {
            return "\"\(value)\" is not a DNS name (the name the terminal's certificate is issued to)"
        }
        return nil
    }

    /// "HH:MM", 24-hour.
    static func clockTime(_ value: String) -> String? {
        let parts = value.split(separator: ":")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else {
            return "\"\(value)\" is not a time of day written HH:MM (24-hour, e.g. 23:30)"
        }
        return nil
    }

    static func tlsFile(_ value: String) -> String? {
        guard value.hasPrefix(tlsDirectory) else {
            return "\"\(value)\" is not in \(tlsDirectory) (the backend's CA and this kiosk's certificate and key live only there, e.g. \(tlsDirectory)backend-ca.pem)"
        }
        let segments = value.dropFirst(tlsDirectory.count).split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            return "\"\(value)\" is not a file name under \(tlsDirectory) (no empty, . or .. parts)"
        }
        return nil
    }

    static func absolutePathOrEmpty(_ value: String) -> String? {
        value.isEmpty || value.hasPrefix("/") ? nil : "\"\(value)\" is not an absolute path"
    }

    /// https:// anywhere; plain http:// only to this machine (the embedded sandbox backend).
    static func backendURL(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme, let host = url.host, !host.isEmpty else {
            return "\"\(value)\" is not a URL such as https://backend.example/kiosk/v1"
        }
        switch scheme {
        case "https": return nil
        case "http": return ["127.0.0.1", "localhost", "::1"].contains(host) ? nil : "\"\(value)\" uses plain http to another machine; use https://"
        default: return "\"\(value)\" is not an http:// or https:// URL"
        }
    }

    /// The resident screen carries residents' (masked) data and takes their taps: it listens on this
    /// machine only, for the kiosk's own browser.
    static func loopbackListen(_ value: String) -> String? {
        guard let (host, _) = hostPort(value) else { return "\"\(value)\" is not HOST:PORT (e.g. 127.0.0.1:8080)" }
        let loopback = host == "localhost" || host == "::1" || (host.hasPrefix("127.") && host.split(separator: ".").count == 4)
        return loopback ? nil : "\"\(value)\" is not a loopback address: the resident screen must not be reachable from the network (use 127.0.0.1:PORT)"
    }

    /// Port 0 lets the system choose (tests); kioskd logs the port it got.
    static func hostPort(_ value: String) -> (String, Int)? {
        guard let colon = value.lastIndex(of: ":") else { return nil }
        var host = String(value[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(value[value.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        return (host, port)
    }

    static func socketPath(_ value: String) -> String? {
        guard value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("../") else {
            return "\"\(value)\" is not a path (absolute, or starting with ./)"
        }
        // sockaddr_un.sun_path holds 108 bytes including the terminating NUL.
        return value.utf8.count <= 107 ? nil : "socket path is \(value.utf8.count) bytes; at most 107 fit in a unix socket address"
    }

    static func groupName(_ value: String) -> String? {
        let allowed = value.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        return value.utf8.count <= 32 && allowed ? nil : "\"\(value)\" is not a group name"
    }

    static func ed25519PublicKey(_ value: String) -> String? {
        guard let bytes = Data(base64Encoded: value) else { return "\"\(value)\" is not base64" }
        return bytes.count == 32 ? nil : "an Ed25519 public key is 32 bytes, this one is \(bytes.count)"
    }
}
