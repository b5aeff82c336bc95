// swift-did: decentralized identity for Swift. Apache-2.0.

/// A resolver that hands each DID to the resolver of its method (DID Resolution §4 "Resolving Algorithm" step 2).
///
/// A DID whose method has no resolver here fails with ``ResolutionError/Code/methodNotSupported``. This type does
/// no I/O and no caching itself; the network-backed methods and the cache wrap or join it.
public struct MultiMethodResolver: DIDResolver {
    private let methods: [String: any DIDMethodResolver]

    /// Creates a resolver over method resolvers; a later resolver for the same method name replaces an earlier one.
    /// - Parameter methods: One resolver per DID method.
    public init(_ methods: [any DIDMethodResolver]) {
        var table: [String: any DIDMethodResolver] = [:]
        for method in methods { table[method.methodName] = method }
        self.methods = table
    }

    /// The method names this resolver supports, sorted.
    public var methodNames: [String] { methods.keys.sorted() }

    /// Resolves `did` with its method's resolver.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options, checked before the method runs (DID Resolution §4 step 3).
    /// - Returns: The method's result.
    /// - Throws: ``ResolutionError/Code/methodNotSupported`` for an unknown method,
    ///   ``ResolutionError/Code/invalidOptions`` for inconsistent options, else the method's error.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        guard let method = methods[did.method] else {
            throw ResolutionError(
                .methodNotSupported,
                "the DID method '\(did.method)' is not supported (supported: \(methodNames.joined(separator: ", ")))"
            )
        }
        try options.validate()
        return try await method.resolve(did, options: options)
    }
}
