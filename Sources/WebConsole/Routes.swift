import Foundation
import Hummingbird
import TaskSchema
import Workspace

/// What 新建工作区 answers: the master's size and the import's corrections, in Chinese.
struct CreatedAnswer: Encodable {
    var tasks: Int
    var units: Int
    var warnings: [String]
}

/// Every page and action. A path from a request never reaches the file system: unit names are
/// looked up in the master, files are named by us, uploads are stored under a name made safe.
struct Routes: Sendable {
    let pages: Pages
    let gate: WorkspaceGate
    let access: Access
    let settings: WebConsole.Settings
    let uploads: UploadBatches

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in try await home() }
        router.post("/workspace") { request, _ in try await createWorkspace(request) }
        router.get("/round") { _, _ in try await round() }
        router.post("/round/open") { request, _ in try await openRound(request) }
        router.post("/round/close") { _, _ in try await closeRound() }
        router.get("/round/workbooks.zip") { _, _ in try await workbooksZip() }
        router.get("/round/mail.zip") { _, _ in try await mailZip() }
        router.get("/round/checklist") { _, _ in try await checklist() }
        router.get("/round/outbox/:unit") { _, context in try await outboxWorkbook(context.parameters.get("unit") ?? "") }
        router.get("/collect") { _, _ in try await collectPage() }
        router.post("/collect/upload") { request, _ in try await upload(request) }
        router.get("/status") { request, _ in try await status(filter: request.uri.queryParameters["filter"].map(String.init)) }
        router.get("/units/:unit") { _, context in try await unit(context.parameters.get("unit") ?? "") }
        router.get("/problems") { request, _ in try await problems(level: request.uri.queryParameters["level"].map(String.init)) }
        router.get("/export") { _, _ in try await exportPage() }
        router.get("/export/master.xlsx") { _, _ in try await export(bulletin: false) }
        router.get("/export/bulletin.xlsx") { _, _ in try await export(bulletin: true) }
        router.get("/login") { _, _ in login() }
        router.post("/login") { request, _ in try await signIn(request) }
        router.get("/static/:name") { _, context in try staticFile(context.parameters.get("name") ?? "") }
    }

    // MARK: - 首页

    func home() async throws -> Response {
        guard let workspace = try await gate.workspace() else {
            return pages.page(.home, template: "home", title: "首页", document: nil, ["folder": settings.folder.path], script: "web.js")
        }
        let summary = try workspace.summary()
        let rounds: [[String: Any]] = summary.rounds.reversed().map { round in
            ["label": round.label, "opened": String(round.opened.prefix(10)), "due": round.due ?? "",
             "state": round.closed == nil ? "进行中" : "已结束", "stateClass": round.closed == nil ? "returned" : "missing"]
        }
        return pages.page(.home, template: "home", title: "首页", document: summary.document, [
            "workspace": ["tasks": summary.tasks, "units": summary.units, "roundCount": summary.rounds.count,
                          "hasRounds": !rounds.isEmpty, "rounds": rounds] as [String: Any],
        ])
    }

    func createWorkspace(_ request: Request) async throws -> Response {
        guard try await gate.workspace() == nil else { return Pages.json(["error": "此文件夹已有工作区"], status: .conflict) }
        let stored = try await UploadBatches.receive(request, into: settings.folder.appendingPathComponent(".uploads"), limit: settings.maxFileBytes)
        defer { try? FileManager.default.removeItem(at: stored.deletingLastPathComponent()) }
        do {
            let created = try await gate.create(source: stored.path)
            // What the import corrected or wants checked, shown before the clerk goes on.
            let kinds: [ImportWarning.Kind: String] = [.corrected: "已自动更正", .lookalike: "相似未改", .notice: "请核对"]
            return Pages.json(CreatedAnswer(tasks: created.master.taskCount, units: created.master.units.count,
                                            warnings: created.master.warnings.map { "\(kinds[$0.kind] ?? "")：\($0.message)" }))
        } catch {
            return Pages.json(["error": "无法导入 \(stored.lastPathComponent)：\(error)"], status: .badRequest)
        }
    }

    // MARK: - 本期

    /// The open round, or nil.
    func openRoundNow(_ workspace: Workspace) throws -> Round? {
        try workspace.summary().rounds.last { $0.closed == nil }
    }

    func round() async throws -> Response {
        let workspace = try await gate.required()
        let summary = try workspace.summary()
        guard let open = summary.rounds.last(where: { $0.closed == nil }) else {
            return pages.page(.round, template: "round", title: "本期", document: summary.document,
                              ["last": summary.rounds.last?.label ?? ""])
        }
        let books: [[String: Any]] = try workspace.dispatched(round: open.label).map {
            ["unit": $0.unit, "tasks": $0.tasks, "link": Self.pathComponent($0.unit)]
        }
        return pages.page(.round, template: "round", title: "本期", document: summary.document, [
            "open": ["label": open.label, "due": open.due ?? "", "opened": String(open.opened.prefix(16)).replacingOccurrences(of: "T", with: " "),
                     "workbookCount": books.count, "workbooks": books, "csrf": pages.csrf] as [String: Any],
        ])
    }

    func openRound(_ request: Request) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: 64 << 10)))
        let label = (form["label"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty, !label.contains("/"), !label.contains("\\"), !label.hasPrefix(".") else {
            throw PageError(.badRequest, "请填写期次名称（不能含 / 或 \\）。")
        }
        let dueText = form["due"] ?? ""
        let due = dueText.isEmpty ? nil : CalendarDay(iso: dueText)
        if !dueText.isEmpty && due == nil { throw PageError(.badRequest, "截止日期格式应为 年-月-日。") }
        let contact = form["contact"] ?? ""
        do {
            _ = try await gate.exclusive { workspace in
                try workspace.openRound(label, due: due, contact: contact, template: try workspace.template()).round.label
            }
        } catch let error as PageError { throw error } catch {
            throw PageError(.badRequest, "无法开启：" + Self.chinese(error))
        }
        return Pages.redirect("/round")
    }

    func closeRound() async throws -> Response {
        do { _ = try await gate.exclusive { try $0.closeRound(nil).label } } catch { throw PageError(.badRequest, "无法结束：" + Self.chinese(error)) }
        return Pages.redirect("/")
    }

    /// The open round (else the last one), with the workspace and its summary, read once a request.
    func currentRound() async throws -> (Workspace, Round, Workspace.Summary) {
        let workspace = try await gate.required()
        let summary = try workspace.summary()
        guard let round = summary.rounds.last(where: { $0.closed == nil }) ?? summary.rounds.last else {
            throw PageError(.notFound, "还没有开启任何一期。")
        }
        return (workspace, round, summary)
    }

    func roundFolder(_ workspace: Workspace, _ round: Round) -> URL {
        workspace.folder.appendingPathComponent("rounds").appendingPathComponent(round.label)
    }

    func workbooksZip() async throws -> Response {
        let (workspace, round, _) = try await currentRound()
        let files = try workspace.dispatched(round: round.label).map(\.file).filter { FileManager.default.fileExists(atPath: $0.path) }
        return try Downloads.zip(files, named: "\(round.label)-填报表.zip")
    }

    func mailZip() async throws -> Response {
        let (workspace, round, _) = try await currentRound()
        let written = try await gate.exclusive { try $0.writeMail(round: round.label).messages.map(\.path) }
        return try Downloads.zip(written.map { workspace.folder.appendingPathComponent($0) }, named: "\(round.label)-邮件草稿.zip")
    }

    func checklist() async throws -> Response {
        let (workspace, round, _) = try await currentRound()
        return try Downloads.file(roundFolder(workspace, round).appendingPathComponent("outbox/分发清单.xlsx"), named: "分发清单.xlsx")
    }

    func outboxWorkbook(_ raw: String) async throws -> Response {
        let (workspace, round, _) = try await currentRound()
        let name = raw.removingPercentEncoding ?? raw
        // Only a unit the round was sent to: the name picks a file we wrote, it is never a path.
        guard let sent = try workspace.dispatched(round: round.label).first(where: { $0.unit == name }) else {
            throw PageError(.notFound, "没有这个单位的填报表。")
        }
        return try Downloads.file(sent.file, named: "\(sent.file.deletingPathExtension().lastPathComponent)-\(round.label).xlsx")
    }

    // MARK: - 收文

    func collectPage() async throws -> Response {
        let workspace = try await gate.required()
        let open = try openRoundNow(workspace)
        return pages.page(.collect, template: "collect", title: "收文", document: try workspace.summary().document, [
            "open": open != nil, "maxFileMB": settings.maxFileBytes >> 20, "maxFiles": settings.maxFiles,
        ], notice: open.map { "收入：\($0.label)" }, script: "web.js")
    }

    func upload(_ request: Request) async throws -> Response {
        let workspace = try await gate.required()
        guard let round = try openRoundNow(workspace) else { return Pages.json(["error": "当前没有正在进行的一期"], status: .conflict) }
        let batch = request.uri.queryParameters["batch"].map(String.init) ?? ""
        guard await uploads.admit(batch: batch, limit: settings.maxFiles) else {
            return Pages.json(["error": "每批最多上传 \(settings.maxFiles) 个文件，请分批上传"], status: .contentTooLarge)
        }
        // Stored under the round, out of the inbox's way, and removed once collected (the inbox keeps its copy).
        let stored: URL
        do {
            stored = try await UploadBatches.receive(request, into: roundFolder(workspace, round).appendingPathComponent(".uploads"),
                                                     limit: settings.maxFileBytes)
        } catch let error as PageError {
            return Pages.json(["error": error.message], status: error.status)
        }
        let folder = stored.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let collected = try await gate.exclusive { workspace in
                try workspace.collect([folder.path], round: round.label, template: try workspace.template())
            }
            return Pages.json(UploadOutcome(collected))
        } catch {
            // Said to the page: the row shows why the file was not collected.
            return Pages.json(["error": "\(stored.lastPathComponent) 未收取：\(error)"], status: .badRequest)
        }
    }

    // MARK: - 进度

    func status(filter: String?) async throws -> Response {
        let (workspace, round, summary) = try await currentRound()
        let key = await gate.cache.key(round.label, filter ?? "", "\(try workspace.ledgerVersion())", Workspace.today().iso)
        if let html = await gate.cache.page(key) { return Pages.html(html) }
        let html = try statusPage(workspace, round: round, document: summary.document, filter: filter)
        await gate.cache.store(html, for: key)
        return Pages.html(html)
    }

    func statusPage(_ workspace: Workspace, round: Round, document: String, filter: String?) throws -> String {
        let status = try workspace.status(round: round.label, template: try workspace.template())
        // The unit's state as status judges it: a form sent back blank is not a return.
        func state(_ unit: Workspace.Status.Unit) -> (String, String) {
            switch unit.state {
            case "returned":
                let late = unit.returnedLate ? "（逾期报送）" : ""
                return unit.problems > 0 ? ("有问题" + late, "problem") : ("已报" + late, "returned")
            case "blank": return ("原样退回", "late")
            case "late": return ("逾期", "late")
            default: return ("未报", "missing")
            }
        }
        let kinds: [(String, String, (Workspace.Status.Unit) -> Bool)] = [
            ("all", "全部", { _ in true }), ("returned", "已报", { $0.returned }), ("missing", "未报", { !$0.returned }),
            ("late", "逾期", { $0.late }), ("blank", "原样退回", { $0.state == "blank" }), ("problem", "有问题", { $0.problems > 0 }),
        ]
        let chosen = kinds.first { $0.0 == filter } ?? kinds[0]
        let units: [[String: Any]] = status.units.filter(chosen.2).map { unit in
            let (text, className) = state(unit)
            return ["name": unit.name, "link": Self.pathComponent(unit.name),
                    "tasks": unit.tasks, "state": text, "stateClass": className, "file": unit.file ?? "",
                    "received": unit.returnedAt.map { at in unit.returnedBy == .filled ? String(at.prefix(10)) + "（填报日期）" : LocalTime.shown(iso: at) } ?? "",
                    // The unit's own 完成率, the figure 汇总 and 单位排名 show.
                    "completion": unit.returned ? String(format: "%.1f%%", unit.completion * 100) : "—",
                    "problems": unit.problems]
        }
        let returned = status.units.filter(\.returned).count
        let problemUnits = status.units.filter { $0.problems > 0 }.count
        // Units and tasks are counted apart: two charts, each on its own scale.
        var chart = StatusChart.svg([
            ("已报", returned, "#66bb6a"), ("未报", status.missing.count, "#b0bec5"), ("逾期", status.late.count, "#e53935"),
            ("有问题", problemUnits, "#ffa726"),
        ], caption: "单位报送情况（个）")
        if let lights = status.lights {
            chart += StatusChart.svg([("红灯", lights.red, "#e53935"), ("黄灯", lights.yellow, "#fdd835"), ("蓝灯", lights.blue, "#42a5f5"),
                                      ("绿灯", lights.green, "#66bb6a"), ("未报送", lights.unreported, "#bdbdbd")], caption: "任务亮灯情况（项）")
        }
        var values: [String: Any] = [
            "round": status.round, "due": status.due ?? "", "returned": returned, "unitCount": status.units.count,
            "missingCount": status.missing.count, "lateCount": status.late.count, "problemUnits": problemUnits,
            "reported": status.reported, "tasks": status.tasks, "chart": chart, "units": units,
            "filters": kinds.map { kind in ["key": kind.0, "name": kind.1, "count": status.units.filter(kind.2).count, "current": kind.0 == chosen.0] },
        ]
        if let expected = status.expected { values["expected"] = String(format: "%.1f", expected) }
        if let lights = status.lights {
            values["lights"] = ["red": lights.red, "yellow": lights.yellow, "blue": lights.blue, "green": lights.green, "unreported": lights.unreported]
        }
        return pages.render(.status, template: "status", title: "进度", document: document, values)
    }

    func unit(_ raw: String) async throws -> Response {
        let (workspace, round, summary) = try await currentRound()
        let name = raw.removingPercentEncoding ?? raw
        guard let view = try workspace.unitView(name, round: round.label, template: try workspace.template()) else {
            throw PageError(.notFound, "没有这个单位。")
        }
        let tasks: [[String: Any]] = view.tasks.map { task in
            ["id": task.id, "content": task.content, "role": task.primary ? "牵头" : "配合", "cells": view.columns.map { task.values[$0] ?? "" }]
        }
        return pages.page(.status, template: "unit", title: view.unit, document: summary.document, [
            "unit": view.unit, "taskCount": view.tasks.count, "primaryCount": view.tasks.filter(\.primary).count,
            "columns": view.columns, "tasks": tasks,
        ])
    }

    func problems(level: String?) async throws -> Response {
        let (workspace, round, summary) = try await currentRound()
        let all = try workspace.problems(round: round.label)
        let chosen = all.filter { level == nil || $0.level.rawValue == level }
        let shown = chosen.prefix(2_000)
        let rows: [[String: Any]] = shown.map { problem in
            ["level": problem.level.chinese, "levelClass": problem.level.rawValue, "file": problem.file, "unit": problem.unit ?? "",
             "sheet": problem.sheet ?? "", "row": problem.row.map(String.init) ?? "", "task": problem.task ?? "",
             "column": problem.column ?? "", "kind": problem.kind, "chinese": problem.chinese]
        }
        return pages.page(.problems, template: "problems", title: "问题", document: summary.document, [
            "round": round.label, "errors": all.filter { $0.level == .error }.count, "warnings": all.filter { $0.level == .warning }.count,
            "problems": rows, "truncated": chosen.count > shown.count, "shown": shown.count,
            "filters": [["key": "", "name": "全部", "current": level == nil], ["key": "error", "name": "错误", "current": level == "error"],
                        ["key": "warning", "name": "警告", "current": level == "warning"]],
        ])
    }

    // MARK: - 导出

    func exportPage() async throws -> Response {
        let (_, round, summary) = try await currentRound()
        return pages.page(.export, template: "export", title: "导出", document: summary.document, ["round": round.label])
    }

    func export(bulletin: Bool) async throws -> Response {
        let (_, round, _) = try await currentRound()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-tasks-export-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("out.xlsx")
        try await gate.exclusive { workspace in
            _ = try workspace.report(round: round.label, template: try workspace.template(), to: bulletin ? nil : file, bulletin: bulletin ? file : nil)
        }
        return try Downloads.file(file, named: bulletin ? "督查通报（\(round.label)）.xlsx" : "汇总表（\(round.label)）.xlsx")
    }

    /// A unit's name as one path segment of a link (a "/" or "?" in it stays inside the segment).
    /// What the page says of a failure: the workspace's Chinese sentence when it has one.
    static func chinese(_ error: Error) -> String { (error as? WorkspaceError)?.chinese ?? "\(error)" }

    static func pathComponent(_ name: String) -> String {
        name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    // MARK: - 登录与静态文件

    func login() -> Response {
        pages.page(.login, template: "login", title: "登录", document: nil, [:])
    }

    func signIn(_ request: Request) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: 16 << 10)))
        guard let session = access.session, access.tokenMatches(form["token"] ?? "") else {
            return pages.page(.login, template: "login", title: "登录", document: nil, [:], notice: "口令不正确。", status: .unauthorized)
        }
        var response = Pages.redirect("/")
        response.setCookie(Cookie(name: Access.cookieName, value: session, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only the files listed here, by name: the request names one, it never gives a path.
    static let staticFiles = ["web.css": "text/css; charset=utf-8", "web.js": "text/javascript; charset=utf-8"]

    func staticFile(_ name: String) throws -> Response {
        guard let type = Self.staticFiles[name], let data = FileManager.default.contents(atPath: BundledTemplatesWeb.file(name).path) else {
            throw PageError(.notFound, "没有这个文件。")
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=300"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
