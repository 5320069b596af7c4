/// How the workbooks look: fonts, sizes and fills, from the template's `style` section, so an
/// office can match its own house style without touching code.
extension ReportTemplate {
    public struct Style: Sendable, Hashable {
        /// The first name is the one written into the cells — the face Excel and WPS on the
        /// units' Windows machines have; the others are the families a Linux machine renders it
        /// with (Templates/fonts maps the first name to them, see scripts/install-deps.sh).
        public var bodyFont: [String]
        public var titleFont: [String]
        /// Points. Tables in official documents use 10–12 pt; 三号 (16 pt) for titles.
        public var bodySize: Double
        public var titleSize: Double
        /// RGB fills: task column headers, progress column headers, locked task cells, and the
        /// cells of a task no unit reported on (merged workbook).
        public var headerFill: UInt32
        public var progressHeaderFill: UInt32
        public var lockedFill: UInt32
        public var unreportedFill: UInt32

        public init(bodyFont: [String] = ["仿宋", "FangSong", "Noto Serif CJK SC"],
                    titleFont: [String] = ["黑体", "SimHei", "Noto Sans CJK SC"],
                    bodySize: Double = 11, titleSize: Double = 16,
                    headerFill: UInt32 = 0xDDEBF7, progressHeaderFill: UInt32 = 0xFCE4D6,
                    lockedFill: UInt32 = 0xF2F2F2, unreportedFill: UInt32 = 0xFFF2CC) {
            self.bodyFont = bodyFont
            self.titleFont = titleFont
            self.bodySize = bodySize
            self.titleSize = titleSize
            self.headerFill = headerFill
            self.progressHeaderFill = progressHeaderFill
            self.lockedFill = lockedFill
            self.unreportedFill = unreportedFill
        }

        /// What a template without a `style` section gets, and what the master (written before
        /// any template is chosen) uses.
        public static let standard = Style()
    }
}
