// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDMethodKey
import DIDMethodWeb
import DIDResolution
import Foundation

/// The resolver options shared by `did resolve` and `did dereference` (`Specs/resolver.md`).
struct ResolverOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Trust the CA certificates in this PEM file for did:web (instead of the system store).",
            valueName: "file"
        )
    )
    var caFile: String?

    @Flag(
        name: .long,
        help: "Allow did:web hosts that resolve to loopback, private or link-local addresses (local development only)."
    )
    var allowPrivateNetwork = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Use this DID document for its id instead of resolving it (repeatable; offline and pinned use).",
            valueName: "file"
        )
    )
    var didDocument: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A Universal Resolver endpoint (https://host[:port][/path]) asked for DID methods that are not built in.",
            valueName: "url"
        )
    )
    var resolverURL: String?

    @Flag(name: .long, help: "Bypass the did:web cache (the answer still refreshes it).")
    var noCache = false

    @Option(
        name: .long,
        help: ArgumentHelp("The did:web cache folder (default: $XDG_CACHE_HOME/swift-did).", valueName: "dir")
    )
    var cacheDir: String?

    @Flag(name: .long, help: "Print to stderr what was resolved: URL, cache hit/miss/stale, age and time taken.")
    var trace = false

    /// The resolution options these flags select.
    var resolutionOptions: ResolutionOptions { ResolutionOptions(noCache: noCache) }

    /// The cache folder: `--cache-dir`, else `$XDG_CACHE_HOME/swift-did`, else `~/.cache/swift-did`.
    var cacheFolder: String {
        if let cacheDir { return cacheDir }
        let environment = ProcessInfo.processInfo.environment
        if let base = environment["XDG_CACHE_HOME"], !base.isEmpty { return base + "/swift-did" }
        return (environment["HOME"] ?? NSTemporaryDirectory()) + "/.cache/swift-did"
    }

    /// Writes one `--trace` line for a resolution.
    func writeTrace(did: String, metadata: DIDResolutionMetadata?, error: ResolutionError?, elapsed: Duration) {
        guard trace else { return }
        var parts = ["trace: \(did)"]
        if let parsed = try? DID(did), let location = try? DIDWebURL(did: parsed) {
            parts.append("url=\(location.url)")
        }
        if let cache = metadata?.cache {
            parts.append("cache=\(cache.status.rawValue)")
            parts.append("age=\(cache.ageSeconds)s")
            if cache.isStale { parts.append("stale") }
            if let tier = cache.tier { parts.append("tier=\(tier.rawValue)") }
            if let status = cache.originStatus { parts.append("http=\(status)") }
        } else {
            parts.append("cache=none")
        }
        if let error { parts.append("error=\(error.code.legacyKeyword)") }
        let (seconds, attoseconds) = elapsed.components
        parts.append("time=\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms")
        StandardError.write(parts.joined(separator: " "))
    }

    /// The resolver these options select: every built-in method, pinned documents first.
    /// - Parameters:
    ///   - didKeyOptions: did:key document options.
    ///   - persistent: Whether to open the SQLite cache tier (only did:web answers are cached, so other DIDs skip it).
    func resolver(
        didKeyOptions: DIDKeyMethod.Options = DIDKeyMethod.Options(),
        persistent: Bool = true
    ) throws -> any DIDResolver {
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw CommandFailure(.ioError, "cannot read the CA file '\(caFile)'")
        }
        // The persistent tier is best effort: a folder that cannot be used leaves the memory tier.
        let store = persistent ? try? PersistentCacheStore(path: cacheFolder + "/resolver.sqlite") : nil
        let fetcherConfiguration = HTTPSFetcher.Configuration(caFile: caFile, allowPrivateNetwork: allowPrivateNetwork)
        let remote = try resolverURL.map { url throws(ResolutionError) in
            try RemoteResolver(url: url, fetcher: HTTPSFetcher(configuration: fetcherConfiguration))
        }
        let standard = StandardResolver(
            fetcherConfiguration: fetcherConfiguration,
            didKeyOptions: didKeyOptions,
            cacheConfiguration: ResolutionCache.Configuration(),
            persistentCache: store,
            fallback: remote
        )
        var pinned: [DID: DIDDocument] = [:]
        for path in didDocument {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(.ioError, "cannot read the DID document '\(path)'")
            }
            let document = try DIDDocument(json: JSONValue(parsing: data))
            pinned[document.id] = document
        }
        return pinned.isEmpty ? standard : PinnedDocumentResolver(documents: pinned, fallback: standard)
    }
}

/// Answers from documents given on the command line, else asks the fallback resolver.
struct PinnedDocumentResolver: DIDResolver {
    let documents: [DID: DIDDocument]
    let fallback: any DIDResolver

    func resolve(_ did: DID, options: ResolutionOptions) async throws(ResolutionError) -> ResolutionResult {
        if let document = documents[did] {
            let type = document.context == nil ? DIDMediaType.didJSON : DIDMediaType.didLDJSON
            return ResolutionResult(didDocument: document, didResolutionMetadata: .init(contentType: type))
        }
        return try await fallback.resolve(did, options: options)
    }
}
