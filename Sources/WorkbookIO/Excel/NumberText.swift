/// "100" rather than "100.0"; no binary noise ("0.1 + 0.2").
public enum NumberText {
    public static func format(_ number: Double) -> String {
        if number == number.rounded() && abs(number) < 1e15 { return String(Int(number)) }
        var text = String(format: "%.10f", number)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
