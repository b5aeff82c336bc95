// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDMethodKey
import DIDResolution

extension DIDCommand {
    /// `did resolve DID`: print the DID document, or the whole resolution result.
    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resolve",
            abstract: "Resolve a DID and print its DID document.",
            discussion: """
                With --result, prints the whole DID resolution result \
                {didResolutionMetadata, didDocument, didDocumentMetadata}, also when resolution fails. \
                A resolution error exits with status 1 and one line on stderr.
                """
        )

        @Argument(help: "The DID to resolve, such as did:key:z6Mk…, did:jwk:… or did:web:example.com.")
        var did: String

        @Flag(name: .long, help: "Print the whole resolution result instead of only the DID document.")
        var result = false

        @Flag(name: .long, help: "Write resolution errors as DID Core 1.0 keywords (invalidDid) in --result output.")
        var errorKeywords = false

        @OptionGroup var documentOptions: DIDKeyDocumentOptions

        @OptionGroup var resolverOptions: ResolverOptions

        func run() async throws {
            try await reportingFailures {
                let resolver = try resolverOptions.resolver(
                    didKeyOptions: documentOptions.options,
                    persistent: (try? DID(did))?.method == .web
                )
                let outcome: Result<ResolutionResult, ResolutionError>
                let started = ContinuousClock.now
                do throws(ResolutionError) {
                    outcome = .success(try await resolver.resolve(did, options: resolverOptions.resolutionOptions))
                } catch {
                    outcome = .failure(error)
                }
                resolverOptions.writeTrace(
                    did: did,
                    metadata: try? outcome.get().didResolutionMetadata,
                    error: { if case .failure(let error) = outcome { error } else { nil } }(),
                    elapsed: ContinuousClock.now - started
                )
                switch outcome {
                case .success(let resolution):
                    try StandardOutput.write(json: result ? resolution.json : (resolution.didDocument?.json ?? .null))
                case .failure(let error):
                    if result {
                        let style: ResolutionError.Style = errorKeywords ? .didCore10Keyword : .problemDetails
                        try StandardOutput.write(json: ResolutionResult(error: error).json(errorStyle: style))
                    }
                    throw error
                }
            }
        }
    }
}
