import CCurl
import Foundation

/// Sends rendered messages through an SMTP server with libcurl (Debian libcurl4-openssl-dev): the
/// protocol, TLS and AUTH of a library that every mail server has been tested against, rather
/// than an SMTP client of our own over SwiftNIO. `smtps://host:465` is TLS from the start;
/// `smtp://host:587` must upgrade with STARTTLS, or nothing is sent (the password never travels
/// in clear).
public final class SmtpSender {
    public struct Server: Sendable {
        public var url: String
        public var user: String?
        public var password: String?
        /// A CA bundle for a server whose certificate the system does not trust (an office's own CA).
        public var caFile: String?
        public init(url: String, user: String?, password: String?, caFile: String? = nil) {
            self.url = url
            self.user = user
            self.password = password
            self.caFile = caFile
        }
    }

    let server: Server
    let handle: UnsafeMutableRawPointer

    public init(_ server: Server) throws {
        guard server.url.hasPrefix("smtps://") || server.url.hasPrefix("smtp://") else {
            throw MailError("--smtp \(server.url): give smtps://host:465 or smtp://host:587")
        }
        _ = Self.started
        guard let handle = curl_easy_init() else { throw MailError("libcurl could not start") }
        self.handle = handle
        self.server = server
    }

    deinit { curl_easy_cleanup(handle) }

    /// libcurl's global setup, once per process (it is not thread-safe to repeat).
    static let started: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// The message's bytes to `recipients`, from `sender` (the SMTP envelope).
    public func send(_ message: Data, from sender: MailAddress, to recipients: [MailAddress]) throws {
        guard !recipients.isEmpty else { throw MailError("no recipient") }
        curl_easy_reset(handle)
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for recipient in recipients { list = curl_slist_append(list, "<\(recipient.address)>") }
        defer { curl_slist_free_all(list) }
        let body = Body(message)
        let unmanaged = Unmanaged.passRetained(body)
        defer { unmanaged.release() }
        var errors = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try errors.withUnsafeMutableBufferPointer { buffer in
            try check(xt_setopt_string(handle, CURLOPT_URL, server.url))
            try check(xt_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(sender.address)>"))
            try check(xt_setopt_pointer(handle, CURLOPT_MAIL_RCPT, UnsafeMutableRawPointer(list)))
            // STARTTLS on smtp:// is required, not tried: CURLUSESSL_ALL fails rather than send in clear.
            try check(xt_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)))
            if let user = server.user { try check(xt_setopt_string(handle, CURLOPT_USERNAME, user)) }
            if let password = server.password { try check(xt_setopt_string(handle, CURLOPT_PASSWORD, password)) }
            if let caFile = server.caFile { try check(xt_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
            try check(xt_setopt_long(handle, CURLOPT_UPLOAD, 1))
            try check(xt_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, 30))
            try check(xt_setopt_long(handle, CURLOPT_TIMEOUT, 300))
            try check(xt_setopt_pointer(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress))
            try check(xt_setopt_read(handle) { destination, size, count, context in
                let body = Unmanaged<Body>.fromOpaque(context!).takeUnretainedValue()
                return body.read(into: destination!, capacity: size * count)
            })
            try check(xt_setopt_pointer(handle, CURLOPT_READDATA, unmanaged.toOpaque()))
            let status = curl_easy_perform(handle)
            guard status == CURLE_OK else {
                let detail = String(cString: buffer.baseAddress!)
                throw MailError("\(server.url): \(detail.isEmpty ? String(cString: curl_easy_strerror(status)) : detail)")
            }
        }
    }

    func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else { throw MailError("libcurl: \(String(cString: curl_easy_strerror(code)))") }
    }

    /// What the read callback hands libcurl, piece by piece.
    final class Body {
        let data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
        func read(into destination: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
            let count = min(capacity, data.count - offset)
            guard count > 0 else { return 0 }
            data.withUnsafeBytes { bytes in
                UnsafeMutableRawPointer(destination).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
            }
            offset += count
            return count
        }
    }
}
