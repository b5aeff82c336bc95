// swift-did: decentralized identity for Swift. Apache-2.0.

/// The code of a ``CategorizedError``: an open set of named values, each of one ``ErrorCategory``.
///
/// Each module's `Code` is a struct over a private enum with one `static let` per code, so a new code breaks no
/// client's `switch` (clients write `default:`); the struct's `description` is the code's name.
public protocol CategorizedErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure this code is.
    var category: ErrorCategory { get }
}

/// The shape every module's error shares: a machine-readable ``code`` of one ``category``, a ``reason`` for people
/// and the ``location`` in the source where it was created.
///
/// Conforming types get, once, what each used to write for itself: equality and hashing by ``code`` alone (tests
/// and callers match the kind of failure, not the wording), ``category`` from the code, a `description` that is
/// the reason without the source location, and a `debugDescription` that adds the type, code and location.
public protocol CategorizedError: Error, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The type of ``code``.
    associatedtype Code: CategorizedErrorCode
    /// The kind of failure.
    var code: Code { get }
    /// The kind of failure, as the command line and the HTTP service classify it; by default the code's.
    var category: ErrorCategory { get }
    /// A sentence for people that says what is wrong (and where in the input, when known). Never contains secrets.
    var reason: String { get }
    /// Where in this package the error was created.
    var location: ErrorLocation { get }
}

extension CategorizedError {
    /// The code's category.
    public var category: ErrorCategory { code.category }

    /// The reason. Never includes the source location.
    public var description: String { reason }

    /// `Type.code: description (Module/File.swift:42)`, for logs read by developers.
    public var debugDescription: String { "\(Self.self).\(code): \(description) (\(location))" }

    /// Errors are equal when their codes are.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
