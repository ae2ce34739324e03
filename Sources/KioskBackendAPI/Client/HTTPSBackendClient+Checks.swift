import AsyncHTTPClient
import Foundation
import KioskCore
import NIOSSL

extension HTTPSBackendClient {
    /// The backend's clock, from the `Date` header of any answer to a GET of the base URL.
    public func serverDate() async throws(KioskError) -> Date {
        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(HTTPClientRequest(url: settings.url), timeout: .seconds(10))
        } catch {
            throw KioskError(.backendUnreachable, "GET \(settings.url): \(error)")
        }
        guard let text = response.headers.first(name: "date"), let date = Self.httpDate(text) else {
            throw KioskError(.backendMalformed, "the backend's answer has no Date header")
        }
        return date
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }

    /// When the kiosk's client certificate (PEM, the first in the file) stops being valid.
    public static func certificateExpiry(path: String) throws(KioskError) -> Date {
        do {
            guard let certificate = try NIOSSLCertificate.fromPEMFile(path).first else {
                throw KioskError(.backendCredentials, "\(path) holds no certificate")
            }
            return Date(timeIntervalSince1970: TimeInterval(certificate.notValidAfter))
        } catch let error as KioskError {
            throw error
        } catch {
            throw KioskError(.backendCredentials, "cannot read \(path): \(error)")
        }
    }
}
