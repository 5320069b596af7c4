import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who may use the page. On 127.0.0.1 only this machine can reach it; on any other address
/// every request needs the access token (given once on a login page, then a cookie holding a
/// keyed hash of it, never the token itself). Every POST carries the page's CSRF token, so a
/// page of another site cannot make the clerk's browser act.
struct Access: Sendable {
    /// nil: loopback, no login.
    let token: String?
    /// Random per server start: forms and the upload script send it back.
    let csrf: String
    /// The key of the session cookie's hash, new at every start (a restart signs everyone out).
    private let key: [UInt8]

    static let cookieName = "xlsx_tasks_session"

    init(token: String?) {
        self.token = token
        key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        csrf = Self.random(bytes: 24)
    }

    static func random(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// What the cookie holds once the token was given.
    var session: String? {
        token.map { token in
            HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: SymmetricKey(data: key)).map { String(format: "%02x", $0) }.joined()
        }
    }

    func isSignedIn(_ request: Request) -> Bool {
        guard let session else { return true }
        guard let cookie = request.cookies[Self.cookieName]?.value else { return false }
        return Self.same(cookie, session)
    }

    func tokenMatches(_ given: String) -> Bool { token.map { Self.same(given, $0) } ?? false }

    func csrfMatches(_ given: String?) -> Bool { given.map { Self.same($0, csrf) } ?? false }

    /// Compared in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Security headers on every response; the login wall; CSRF on every POST.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let access: Access

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        var request = request
        let path = request.uri.path
        if !access.isSignedIn(request) && path != "/login" && !path.hasPrefix("/static/") {
            response = Pages.message(status: .unauthorized, title: "需要登录", text: "请先输入访问口令登录。", link: ("/login", "登录"),
                                     navigation: false)
        } else if request.method == .post, path != "/login", !(await Self.carriesToken(&request, access: access)) {
            response = Pages.message(status: .forbidden, title: "请求被拒绝", text: "页面已过期或来源不明（缺少 CSRF 校验），请刷新页面后重试。", link: ("/", "返回首页"))
        } else {
            do {
                response = try await next(request, context)
            } catch let error as PageError {
                response = Pages.message(status: error.status, title: "无法完成", text: error.message, link: ("/", "返回首页"))
            }
        }
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    /// The upload script sends the token as a header; a form, as its `csrf` field (the form's
    /// body is small: read here, and kept for its handler).
    static func carriesToken(_ request: inout Request, access: Access) async -> Bool {
        if access.csrfMatches(request.headers[HTTPField.Name("X-CSRF-Token")!]) { return true }
        guard request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true,
            let body = try? await request.collectBody(upTo: 64 << 10)
        else { return false }
        return access.csrfMatches(FormFields(String(buffer: body))["csrf"])
    }
}

/// An `application/x-www-form-urlencoded` body.
struct FormFields {
    var fields: [String: String] = [:]
    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ text: Substring) -> String { text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[decoded(parts[0])] = parts.count > 1 ? decoded(parts[1]) : ""
        }
    }
    subscript(name: String) -> String? { fields[name] }
}

extension PageError {
    var status: HTTPResponse.Status {
        switch kind {
        case .badRequest: return .badRequest
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .tooLarge: return .contentTooLarge
        case .unauthorized: return .unauthorized
        }
    }
}
