/// An e-mail address as the clerk types it into the contacts workbook, checked: the
/// addr-spec form local@domain in ASCII, the domain with a dot. Several may share a cell,
/// separated by ；;，, or spaces.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: String
    public var description: String { address }

    static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-".unicodeScalars)
    static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.".unicodeScalars)

    /// Nil, with the reason, when `text` is not one address.
    public static func check(_ text: String) -> Result<MailAddress, MailError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(MailError("\"\(text)\": not one address (local@domain)")) }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= 64, local.unicodeScalars.allSatisfy(localCharacters.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return .failure(MailError("\"\(text)\": the part before @ has characters an address cannot have")) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.count <= 253, domain.unicodeScalars.allSatisfy(domainCharacters.contains),
              labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else { return .failure(MailError("\"\(text)\": \(domain) is not a mail domain (like qq.com)")) }
        return .success(MailAddress(address: trimmed))
    }

    /// "市政府督查室 <ducha@example.cn>" or a bare address: the display name ("" when none) and
    /// the address. The name may be quoted; it is written RFC 2047-encoded.
    public static func mailbox(_ text: String) -> Result<(name: String, address: MailAddress), MailError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            return check(trimmed).map { ("", $0) }
        }
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        guard !name.contains(where: { $0.isNewline }) else { return .failure(MailError("\"\(text)\": a line break in the name")) }
        let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        return check(inner).map { (name, $0) }
    }

    /// Every address in a cell; the first that is not one is the error.
    public static func list(_ cell: String) -> Result<[MailAddress], MailError> {
        var addresses: [MailAddress] = []
        for part in cell.split(whereSeparator: { "；;，, \t、".contains($0) }) {
            switch check(String(part)) {
            case .success(let address): if !addresses.contains(address) { addresses.append(address) }
            case .failure(let error): return .failure(error)
            }
        }
        return .success(addresses)
    }
}

import Foundation
