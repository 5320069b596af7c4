import WorkbookIO

/// Imports a task-decomposition document — the Word file (.docx) or its text export — into
/// a master task list. The format is decided by the file's content, not its name.
public enum DocumentImporter {
    /// Reads the source document at `path`. Throws ``ImportError`` naming the file (and line).
    public static func importMaster(from path: String) throws -> Master {
        // Any ZIP, damaged ones too, is taken for a Word file: DocxReader says when it is not one.
        if ZipPackage.hasSignature(path: path) {
            return MasterAssembler.assemble(try DocxReader(path: path).read())
        }
        return try importText(path)
    }

    /// The document's text export (tab-indented table cells).
    static func importText(_ path: String) throws -> Master {
        MasterAssembler.assemble(try TextExportReader(path: path).read())
    }
}
