/// What a source-table column means, whatever the document calls it.
public enum ColumnRole: String, Codable, Sendable, CaseIterable {
    case sequence, category, project, content, leaders, primaryUnits, relatedUnits, deadline

    /// Header names seen in Chinese task-decomposition documents, after spaces are removed.
    /// One place for all synonyms: importers and the merge step both recognise columns here.
    public static let synonyms: [ColumnRole: [String]] = [
        .sequence: ["序号", "编号"],
        .category: ["门类", "分类", "类别", "板块"],
        .project: ["项目", "工程名称", "重点任务", "项目名称", "任务名称", "工作任务"],
        .content: ["内容和要求", "主要建设内容", "具体内容", "工作内容", "主要内容", "目标任务", "内容", "工作目标"],
        .leaders: ["分管领导", "责任领导", "牵头领导", "市领导", "分管市领导"],
        .primaryUnits: ["主要责任单位", "牵头单位", "责任单位", "主办单位", "牵头部门", "责任部门"],
        .relatedUnits: ["相关单位", "配合单位", "协办单位", "参与单位", "配合部门", "协办部门"],
        .deadline: ["完成时限", "时间节点", "完成时间", "时限要求"],
    ]

    private static let byName: [String: ColumnRole] = {
        var table: [String: ColumnRole] = [:]
        for (role, names) in synonyms { for name in names { table[name] = role } }
        return table
    }()

    /// The role of a header cell such as "内    容    和    要    求", or nil for a column
    /// the document added on its own (kept as it is).
    public static func recognise(_ header: String) -> ColumnRole? {
        byName[ColumnName.normalise(header)]
    }

    /// Whether the column holds lists of names (split into units or people).
    public var holdsNames: Bool { self == .leaders || self == .primaryUnits || self == .relatedUnits }
}

/// Header and name normalisation shared by every importer.
public enum ColumnName {
    /// "项  目" → "项目": Word documents space out short headers to fill the cell.
    public static func normalise(_ header: String) -> String {
        WhiteSpace.removed(from: header)
    }
}
