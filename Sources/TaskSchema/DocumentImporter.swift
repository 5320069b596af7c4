/// Imports a document's text export into a master task list.
public enum DocumentImporter {
    /// Reads the source document at `path`. Throws ``ImportError`` naming the file (and line).
    public static func importMaster(from path: String) throws -> Master {
        let raw = try TextExportReader(path: path).read()
        return MasterAssembler.assemble(raw)
    }
}
