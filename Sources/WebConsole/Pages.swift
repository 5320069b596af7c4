import Foundation
import Hummingbird
import Mustache
import WorkbookIO

/// Pages rendered on the server from `Templates/web/*.mustache`: every `{{value}}` is
/// HTML-escaped by Mustache (a unit named `<script>` shows as text); only our own rendered
/// fragments (the page body, the SVG chart) go in unescaped.
struct Pages: Sendable {
    let library: MustacheLibrary
    let csrf: String
    let folder: String
    let version: String

    enum Section: String { case home, round, collect, status, problems, export, login }

    func page(_ section: Section, template: String, title: String, document: String?, _ values: [String: Any],
              notice: String? = nil, script: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        Self.html(render(section, template: template, title: title, document: document, values, notice: notice, script: script), status: status)
    }

    func render(_ section: Section, template: String, title: String, document: String?, _ values: [String: Any],
                notice: String? = nil, script: String? = nil) -> String {
        var values = values
        values["csrf"] = csrf
        let body = library.render(values, withTemplate: template) ?? ""
        let layout: [String: Any] = [
            // A missing value is false, not "": Mustache shows a section for any string.
            "title": title, "document": document ?? false, "csrf": csrf, "body": body, "nav": [section.rawValue: true],
            "notice": notice ?? false, "script": script ?? "web.js", "version": version, "folder": folder,
        ]
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A short page of its own (errors, the login wall): built here, every text escaped.
    /// A page that says one thing (an error, a refusal); `navigation`: the site's menu too, so the
    /// clerk can go on from it (not before signing in).
    static func message(status: HTTPResponse.Status, title: String, text: String, link: (String, String),
                        navigation: Bool = true) -> Response {
        let menu = navigation
            ? "<header><div class=\"brand\">督查任务报送</div><nav>" + [("/", "首页"), ("/round", "本期"), ("/collect", "收文"), ("/status", "进度"),
                                                                       ("/problems", "问题"), ("/export", "导出")]
                .map { "<a href=\"\($0.0)\">\($0.1)</a>" }.joined(separator: " ") + "</nav></header>"
            : ""
        return html("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <link rel="stylesheet" href="/static/web.css"></head><body>\(menu)<main><h1>\(escape(title))</h1>
            <p class="notice">\(escape(text))</p><p><a href="\(escape(link.0))">\(escape(link.1))</a></p></main></body></html>
            """, status: status)
    }

    static func escape(_ text: String) -> String { XMLText.escapeAttribute(text) }
}
