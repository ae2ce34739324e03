#if canImport(Glibc)
import Glibc
#endif

/// A vendor's shared library as technicians see it in `diag`. The reader interfaces have no call that
/// says the library's version, but vendors install it as a link to a versioned file
/// (libSSCardDriver.so → libSSCardDriver.so.2.1.0): that file's name is the version where there is one.
enum SharedLibraryFile {
    /// `path`, followed by the file it resolves to when that has another name. Called when the library
    /// is loaded, so that an upgrade on disk does not rename what is still running.
    static func described(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        let file = String(cString: resolved).split(separator: "/").last.map(String.init) ?? ""
        let named = path.split(separator: "/").last.map(String.init) ?? ""
        return file.isEmpty || file == named ? path : "\(path) (\(file))"
    }
}
