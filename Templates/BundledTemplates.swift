import Foundation

/// The layout templates in `Templates/xlsx`, as shipped with the tool.
public enum BundledTemplates {
    /// The folder holding the bundled `*.json` templates.
    public static var folder: URL { Bundle.module.resourceURL!.appendingPathComponent("xlsx") }

    /// The default unit progress-report form.
    public static var progressReport: URL { folder.appendingPathComponent("progress-report.json") }

    /// The web page's templates (`*.mustache`), style sheet and script, for `serve`.
    public static var web: URL { Bundle.module.resourceURL!.appendingPathComponent("web") }
}
