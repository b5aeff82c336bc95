// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore

/// The result of one check of the receiver's algorithm (IMB v0.1 §14.1).
public struct MigrationCheck: Sendable, Hashable, CustomStringConvertible {
    /// What a check found (§14.1).
    public enum Status: String, Sendable, Hashable {
        /// Performed and passed.
        case verified
        /// Performed and failed; carries a reason and a location.
        case failed
        /// The receiver lacked an input or a capability; carries a reason.
        case notChecked = "not-checked"
        /// The format cannot establish it (§14.4).
        case notProvable = "not-provable"
    }

    /// The check's name as §14.2 spells it: `manifest.parse`, `proof.signature`, `collections.followers.pages[2]`.
    public let name: MigrationCheckName
    /// The status.
    public let status: Status
    /// The reason code, for every status but ``Status/verified``.
    public let reason: MigrationReason?
    /// A JSON Pointer into the manifest, or a page `href` with `:line`.
    public let location: String?
    /// A human sentence.
    public let detail: String?
    /// Whether the check is one of the mandatory steps (1–8, 11).
    public let isMandatory: Bool

    /// Creates a check result.
    /// - Parameters:
    ///   - name: The check's name.
    ///   - status: The status.
    ///   - reason: The reason code.
    ///   - location: A JSON Pointer or `href:line`.
    ///   - detail: A human sentence.
    ///   - isMandatory: Whether the check is mandatory.
    public init(
        _ name: MigrationCheckName,
        _ status: Status,
        reason: MigrationReason? = nil,
        location: String? = nil,
        detail: String? = nil,
        isMandatory: Bool = true
    ) {
        self.name = name
        self.status = status
        self.reason = reason
        self.location = location
        self.detail = detail
        self.isMandatory = isMandatory
    }

    /// `name: status (reason at location: detail)`.
    public var description: String {
        var text = "\(name): \(status.rawValue)"
        if let reason { text += " (\(reason)" + (location.map { " at \($0)" } ?? "") + ")" }
        if let detail { text += ": \(detail)" }
        return text
    }

    /// The check as JSON: `name`, `status`, and `reason`, `location`, `detail` when present.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name.rawValue), "status": .string(status.rawValue)]
        if let reason { object.append("reason", .string(reason.rawValue)) }
        if let location { object.append("location", .string(location)) }
        if let detail { object.append("detail", .string(detail)) }
        return .object(object)
    }
}
