// swift-did: decentralized identity for Swift. Apache-2.0.

/// What kind of failure an error is, whatever module threw it.
///
/// A closed set: the `did` command's exit codes and the resolver service's HTTP statuses are each decided from it by
/// one exhaustive table, so adding a category is a deliberate change to both. Every module's error (``DIDError``,
/// ``ResolutionError`` and the errors of the modules above) gives its ``CategorizedError/category``.
public enum ErrorCategory: String, Sendable, Hashable, CaseIterable {
    /// The input is not parseable as the thing asked for: not JSON, not a DID, a key file that is not a key file,
    /// bytes of the wrong length for a key.
    case malformedInput
    /// The input is well-formed but fails a rule or a signature: a document that breaks the data model, a signature
    /// that does not verify, a proof that cannot be made with these options.
    case rejected
    /// The thing named does not exist: no such DID, key or resource.
    case notFound
    /// The input is understood but asks for something this library does not implement: a DID method, a key type,
    /// a cryptosuite, a file-format version, a representation.
    case unsupported
    /// A local policy refuses the request: the SSRF guard on an origin's address, a size or redirect limit.
    case refusedByPolicy
    /// Access is denied: a wrong passphrase, file permissions the operating system or the key store refuses.
    case permissionDenied
    /// The thing to create already exists and is never overwritten.
    case conflict
    /// Reading or writing local storage failed (a missing file, a full disk, an I/O error).
    case io
    /// A remote party failed or could not be reached: DNS, connect, TLS, timeout, an origin's 5xx. Worth a retry.
    case network
    /// The work was refused because capacity is used up right now (all origin-fetch slots busy). Worth a retry
    /// later.
    case overloaded
    /// A failure inside this software or a library under it that no input explains: a bug or a broken dependency.
    case internalFailure
}
