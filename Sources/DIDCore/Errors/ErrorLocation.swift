// swift-did: decentralized identity for Swift. Apache-2.0.

/// Where in this package's source an error was created: for debugging only, never shown to users.
///
/// Errors capture it through default arguments of their initializers (`#fileID`, `#line`), and show it only in
/// their `debugDescription` (see ``CategorizedError``).
public struct ErrorLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, as `#fileID` spells it (`Module/File.swift`).
    public let fileID: String
    /// The line in that file.
    public let line: UInt

    /// Captures a location; the defaults are the caller's.
    /// - Parameters:
    ///   - fileID: The file, as `#fileID` spells it.
    ///   - line: The line.
    public init(fileID: String = #fileID, line: UInt = #line) {
        self.fileID = fileID
        self.line = line
    }

    /// `Module/File.swift:42`.
    public var description: String { "\(fileID):\(line)" }
}
