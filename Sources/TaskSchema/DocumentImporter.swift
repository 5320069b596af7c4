import WorkbookIO

/// Imports a task-decomposition document — the Word file (.docx) or its text export — into
/// a master task list. The format is decided by the file's first bytes, not its name.
public enum DocumentImporter {
    /// Reads the source document at `path`. Throws ``ImportError`` naming the file (and line).
    public static func importMaster(from path: String) throws -> Master {
        if (try? FileKind.sniff(path: path)) == .zip {
            return MasterAssembler.assemble(try DocxReader(path: path).read())
        }
        let raw = try TextExportReader(path: path).read()
        return MasterAssembler.assemble(raw)
    }
}
