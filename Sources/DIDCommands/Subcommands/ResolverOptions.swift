// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDMethodKey
import DIDResolution
import Foundation

/// The resolver options shared by `did resolve` and `did dereference` (RESOLVER.md).
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

    /// The resolver these options select: every built-in method, pinned documents first.
    func resolver(didKeyOptions: DIDKeyMethod.Options = DIDKeyMethod.Options()) throws -> any DIDResolver {
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw CommandFailure(.ioError, "cannot read the CA file '\(caFile)'")
        }
        let standard = StandardResolver(
            fetcherConfiguration: HTTPSFetcher.Configuration(caFile: caFile, allowPrivateNetwork: allowPrivateNetwork),
            didKeyOptions: didKeyOptions
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
