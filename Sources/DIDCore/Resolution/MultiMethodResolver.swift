// swift-did: decentralized identity for Swift. Apache-2.0.

/// A resolver that hands each DID to the resolver of its method (DID Resolution §4 "Resolving Algorithm" step 2).
///
/// A DID whose method has no resolver here fails with ``ResolutionError/Code/methodNotSupported``. This type does
/// no I/O and no caching itself; the network-backed methods and the cache wrap or join it.
public struct MultiMethodResolver: DIDResolver {
    private let resolvers: [DID.Method: any DIDMethodResolver]

    /// Creates a resolver over method resolvers; a later resolver for the same method name replaces an earlier one.
    /// - Parameter methods: One resolver per DID method.
    public init(_ methods: [any DIDMethodResolver]) {
        var table: [DID.Method: any DIDMethodResolver] = [:]
        for method in methods { table[method.method] = method }
        self.resolvers = table
    }

    /// The methods this resolver supports, sorted by name.
    public var supportedMethods: [DID.Method] { resolvers.keys.sorted() }

    /// The method names this resolver supports, sorted.
    public var methodNames: [String] { supportedMethods.map(\.rawValue) }

    /// Whether this resolver has a resolver for `method`.
    /// - Parameter method: The method.
    /// - Returns: `true` when DIDs of `method` go to one of this resolver's method resolvers.
    public func supports(_ method: DID.Method) -> Bool { resolvers[method] != nil }

    /// Resolves `did` with its method's resolver.
    /// - Parameters:
    ///   - did: The DID.
    ///   - options: Resolution options, checked before the method runs (DID Resolution §4 step 3).
    /// - Returns: The method's result.
    /// - Throws: ``ResolutionError/Code/methodNotSupported`` for an unknown method,
    ///   ``ResolutionError/Code/invalidOptions`` for inconsistent options, else the method's error.
    public func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        guard let method = resolvers[did.method] else {
            throw ResolutionError(
                .methodNotSupported,
                "the DID method '\(did.method)' is not supported (supported: \(methodNames.joined(separator: ", ")))"
            )
        }
        try options.validate()
        return try await method.resolve(did, options: options)
    }
}
