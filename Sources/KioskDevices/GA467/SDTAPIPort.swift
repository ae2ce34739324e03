#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import Synchronization

/// An ID reader driven through its vendor's SDK, `libsdtapi` (Routon's sdtapi and the clones
/// other vendors ship): the library is loaded with dlopen(3) and each GA 467 command becomes the
/// SDK call that sends it. Used from the reader's queue only; the watchdog there covers a call that
/// never returns (the library is never unloaded: such a call may still be inside it).
///
/// The C ABI, as the public headers declare it (github.com/libinqi/idr-routon `tmp/include/sdtapi.h`;
/// `STDCALL` is empty off Windows, so plain cdecl on Linux); every call's last argument `iIfOpen` is
/// 0 here (the port stays open between calls):
///
///     int SDT_OpenPort(int iPort);   int SDT_ClosePort(int iPort);
///     int SDT_GetSAMStatus(int iPort, int iIfOpen);
///     int SDT_GetSAMID(int iPort, unsigned char *pucSAMID, int iIfOpen);              // 16 bytes
///     int SDT_StartFindIDCard(int iPort, unsigned char *pucManaInfo, int iIfOpen);     // 4 bytes
///     int SDT_SelectIDCard(int iPort, unsigned char *pucManaMsg, int iIfOpen);         // 8 bytes
///     int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
///                         unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen);  // 256 + 1024
///
/// Each returns the SAM's SW3 (0x90 success, 0x9F card found, `GA467Status` for the rest) or one
/// of the library's own codes: 0x01 port open failed or not open, 0x02 receive timeout, 0x03 data
/// transfer error, 0x05 SAM serial port unusable; 0x04 and 0x06 (USB device not configured /
/// disabled) appear in one vendor's manual only. Ports 1–16 are serial COM ports, 1001–1016 USB readers.
public final class SDTAPIPort: GA467Port, @unchecked Sendable {
    public let libraryPath: String
    public let portNumber: Int
    private var library: Library?
    /// The library as loaded, with the versioned file its path linked to then (`diag` reads it from any thread).
    private let loadedFile = Mutex<String?>(nil)

    public init(libraryPath: String, portNumber: Int) {
        self.libraryPath = libraryPath
        self.portNumber = portNumber
    }

    public var name: String { "sdtapi:\(libraryPath)?port=\(portNumber)" }
    public var connection: String {
        "sdtapi \(loadedFile.withLock { $0 } ?? libraryPath), port \(portNumber) (\(portNumber >= 1001 ? "USB reader \(portNumber - 1000)" : "COM\(portNumber)"))"
    }

    private typealias OpenPort = @convention(c) (Int32) -> Int32
    private typealias SAMStatus = @convention(c) (Int32, Int32) -> Int32
    private typealias BytesOut = @convention(c) (Int32, UnsafeMutablePointer<UInt8>?, Int32) -> Int32
    private typealias ReadBase = @convention(c) (Int32, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?,
                                                 UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt32>?, Int32) -> Int32

    private struct Library {
        let openPort: OpenPort
        let closePort: OpenPort
        let samStatus: SAMStatus
        let samID: BytesOut?
        let findCard: BytesOut
        let selectCard: BytesOut
        let readBase: ReadBase
    }

    public func open(timeout: Duration) throws(KioskError) {
        let library: Library
        if let loaded = self.library {
            library = loaded
        } else {
            library = try load()
            self.library = library
            loadedFile.withLock { $0 = SharedLibraryFile.described(libraryPath) }
        }
        let code = library.openPort(Int32(portNumber))
        guard code == 0x90 else { throw failure(code, in: "SDT_OpenPort") }
    }

    public func close() {
        _ = library?.closePort(Int32(portNumber))
    }

    public func exchange(_ command: GA467Command, timeout: Duration) throws(KioskError) -> GA467Exchange {
        guard let library else { throw KioskError(.cardReaderMissing, "\(libraryPath) is not loaded") }
        let port = Int32(portNumber)
        var data: [UInt8] = []
        let code: Int32
        let call: String
        switch (command.code, command.parameter) {
        case (GA467Command.samStatus.code, GA467Command.samStatus.parameter):
            (call, code) = ("SDT_GetSAMStatus", library.samStatus(port, 0))
        case (GA467Command.samNumber.code, GA467Command.samNumber.parameter):
            guard let samID = library.samID else { return GA467Exchange(response: GA467Response(sw3: 0x24)) }
            var bytes = [UInt8](repeating: 0, count: 16)
            (call, code) = ("SDT_GetSAMID", samID(port, &bytes, 0))
            data = bytes
        case (GA467Command.findCard.code, GA467Command.findCard.parameter):
            var bytes = [UInt8](repeating: 0, count: 8)
            (call, code) = ("SDT_StartFindIDCard", library.findCard(port, &bytes, 0))
            data = Array(bytes.prefix(4))
        case (GA467Command.selectCard.code, GA467Command.selectCard.parameter):
            var bytes = [UInt8](repeating: 0, count: 16)
            (call, code) = ("SDT_SelectIDCard", library.selectCard(port, &bytes, 0))
            data = Array(bytes.prefix(8))
        case (GA467Command.readTextAndPhoto.code, GA467Command.readTextAndPhoto.parameter):
            // Buffers as the SDK's callers allocate them, with room to spare.
            var text = [UInt8](repeating: 0, count: 512), photo = [UInt8](repeating: 0, count: 2048)
            var textLength: UInt32 = 0, photoLength: UInt32 = 0
            (call, code) = ("SDT_ReadBaseMsg", library.readBase(port, &text, &textLength, &photo, &photoLength, 0))
            if code == 0x90 {
                guard textLength <= 512, photoLength <= 2048 else {
                    throw KioskError(.cardUnreadable, "SDT_ReadBaseMsg reported \(textLength) + \(photoLength) bytes, more than its buffers")
                }
                // As the 30 01 answer carries them (`IDCardReadAnswer`): both lengths, big-endian, then text and photo.
                data = [UInt8(textLength >> 8), UInt8(textLength & 0xFF), UInt8(photoLength >> 8), UInt8(photoLength & 0xFF)]
                    + text.prefix(Int(textLength)) + photo.prefix(Int(photoLength))
            }
        default:
            throw KioskError(.cardUnreadable, "sdtapi has no call for \(command)")
        }
        if (0x01...0x06).contains(code) { throw failure(code, in: call) }
        let sw3 = UInt8(truncatingIfNeeded: code)
        return GA467Exchange(response: GA467Response(sw3: sw3, data: sw3 == command.success ? data : []))
    }

    /// The library loaded and its calls resolved, or what is wrong with it.
    private func load() throws(KioskError) -> Library {
        guard let handle = dlopen(libraryPath, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw KioskError(.cardReaderMissing, "cannot load the ID reader's sdtapi library: \(reason)")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(KioskError) -> T {
            guard let address = dlsym(handle, name) else {
                throw KioskError(.cardReaderMissing, "\(libraryPath) does not export \(name): is it the ID reader's sdtapi (libsdtapi.so)?")
            }
            return unsafeBitCast(address, to: type)
        }
        return Library(
            openPort: try symbol("SDT_OpenPort", as: OpenPort.self), closePort: try symbol("SDT_ClosePort", as: OpenPort.self),
            samStatus: try symbol("SDT_GetSAMStatus", as: SAMStatus.self),
            samID: dlsym(handle, "SDT_GetSAMID").map { unsafeBitCast($0, to: BytesOut.self) },
            findCard: try symbol("SDT_StartFindIDCard", as: BytesOut.self), selectCard: try symbol("SDT_SelectIDCard", as: BytesOut.self),
            readBase: try symbol("SDT_ReadBaseMsg", as: ReadBase.self)
        )
    }

    /// The library's own codes.
    private func failure(_ code: Int32, in call: String) -> KioskError {
        let at = "\(call) on port \(portNumber) returned 0x\(UInt8(truncatingIfNeeded: code).hexByte)"
        return switch code {
        case 0x01: KioskError(.cardReaderMissing, "\(at): the port could not be opened (no reader at port \(portNumber)? 1–16 are COM ports, 1001–1016 USB readers)")
        case 0x02: KioskError(.cardNotResponding, "\(at): the reader did not answer in time")
        case 0x03: KioskError(.cardUnreadable, "\(at): the data from the reader was corrupt")
        case 0x04, 0x06: KioskError(.cardReaderMissing, "\(at): the USB reader is not configured or disabled")
        case 0x05: KioskError(.cardReaderMissing, "\(at): the reader's SAM port cannot be used")
        case 0x90: KioskError(.cardUnreadable, "\(at)")
        default: KioskError(.cardUnreadable, "\(at), which the SDK does not document")
        }
    }
}
