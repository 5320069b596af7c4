/// The status counts as a bar chart in inline SVG, drawn here (no script library): one bar per
/// count, its number above it, its name below. Labels are ours, numbers are numbers: nothing a
/// unit typed goes into the drawing.
enum StatusChart {
    static func svg(_ bars: [(label: String, value: Int, colour: String)], caption: String) -> String {
        let width = 420, height = 230, top = 48, bottom = 36, left = 20
        let slot = (width - 2 * left) / max(1, bars.count)
        let highest = max(1, bars.map(\.value).max() ?? 1)
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(Pages.escape(caption))\">",
                     "<text x=\"\(width / 2)\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(Pages.escape(caption))</text>"]
        for (index, bar) in bars.enumerated() {
            let barHeight = (height - top - bottom) * bar.value / highest
            let x = left + index * slot + slot / 5, barWidth = slot * 3 / 5
            let y = height - bottom - barHeight
            parts.append("<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"\(bar.colour)\"/>")
            parts.append("<text x=\"\(x + barWidth / 2)\" y=\"\(y - 6)\" text-anchor=\"middle\" font-size=\"14\">\(bar.value)</text>")
            parts.append("<text x=\"\(x + barWidth / 2)\" y=\"\(height - 12)\" text-anchor=\"middle\" font-size=\"14\">\(Pages.escape(bar.label))</text>")
        }
        parts.append("<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - left)\" y2=\"\(height - bottom)\" stroke=\"#90a4ae\"/></svg>")
        return parts.joined()
    }
}
