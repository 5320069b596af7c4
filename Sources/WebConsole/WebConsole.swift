import BundledTemplates
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// `xlsx-tasks serve`: the whole round in a browser, on the office's own machine. Every action
/// calls the library code the CLI calls (Workspace); the page only shows and uploads.
public enum WebConsole {
    public struct Settings: Sendable {
        public var folder: URL
        public var host: String
        public var port: Int
        /// Required when `host` is not loopback (nil there: generated and printed once).
        public var token: String?
        public var maxFileBytes: Int
        public var maxFiles: Int
        public var version: String

        public init(folder: URL, host: String = "127.0.0.1", port: Int = 8080, token: String? = nil,
                    maxFileBytes: Int = 50 << 20, maxFiles: Int = 500, version: String) {
            self.folder = folder
            self.host = host
            self.port = port
            self.token = token
            self.maxFileBytes = maxFileBytes
            self.maxFiles = maxFiles
            self.version = version
        }

        /// 127.0.0.0/8, ::1 and localhost reach only this machine.
        public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
    }

    /// Serves until the process is stopped. `running` gets the address the server listens on
    /// (with port 0, the one the system chose) and the token when one is needed.
    public static func run(_ settings: Settings, running: @escaping @Sendable (String, String?) -> Void) async throws {
        let token = settings.isLoopback ? nil : (settings.token ?? Access.random(bytes: 16))
        let access = Access(token: token)
        let library = try await MustacheLibrary(directory: BundledTemplates.web.path)
        let pages = Pages(library: library, csrf: access.csrf, folder: settings.folder.path, version: settings.version)
        let gate = WorkspaceGate(folder: settings.folder)
        let router = Router()
        router.add(middleware: AccessMiddleware(access: access))
        Routes(pages: pages, gate: gate, access: access, settings: settings, uploads: UploadBatches()).register(on: router)
        let app = Application(
            router: router, configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "xlsx-tasks"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                running("http://\(settings.host.contains(":") ? "[\(settings.host)]" : settings.host):\(port)/", token)
            })
        try await app.runService()
    }
}
