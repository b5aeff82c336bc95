// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCore
import DIDResolution

extension DIDCommand {
    /// `did dereference DIDURL`: print what a DID URL names.
    struct Dereference: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dereference",
            abstract: "Dereference a DID URL and print the resource it names.",
            discussion: """
                A fragment gives the verification method or other node with that id; ?service=ID (with \
                &relativeRef=…) and --accept text/uri-list give the service endpoint URLs, one per line. With \
                --result, prints {content, dereferencingMetadata, contentMetadata}, also on failure. A \
                dereferencing error exits with status 1 and one line on stderr.
                """
        )

        @Argument(help: "The DID URL, such as did:web:example.com#key-0 or did:web:example.com?service=files.")
        var didURL: String

        @Option(name: .long, help: "The media type wanted: a DID document type (default) or text/uri-list.")
        var accept: String?

        @Option(
            name: .long,
            help: "Require the fragment's verification method to have this relationship (authentication, …)."
        )
        var relationship: String?

        @Flag(name: .long, help: "Print the whole dereferencing result instead of only the content.")
        var result = false

        @Flag(name: .long, help: "Write errors as DID Core 1.0 keywords (invalidDidUrl) in --result output.")
        var errorKeywords = false

        @OptionGroup var resolverOptions: ResolverOptions

        func validate() throws {
            if let relationship, VerificationRelationship(rawValue: relationship) == nil {
                throw ValidationError(
                    "--relationship must be one of "
                        + VerificationRelationship.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
        }

        func run() async throws {
            try await reportingFailures {
                let resolver = try resolverOptions.resolver(persistent: (try? DIDURL(didURL))?.did.method == .web)
                let options = DereferencingOptions(
                    accept: accept,
                    verificationRelationship: relationship.flatMap(VerificationRelationship.init(rawValue:)),
                    resolutionOptions: resolverOptions.resolutionOptions
                )
                let outcome = await DIDURLDereferencer(resolver: resolver).dereference(didURL, options: options)
                if result {
                    let style: ResolutionError.Style = errorKeywords ? .didCore10Keyword : .problemDetails
                    try StandardOutput.write(json: outcome.json(errorStyle: style))
                } else if case .uriList(let urls)? = outcome.content {
                    for url in urls { try StandardOutput.write(line: url) }
                } else if let content = outcome.content {
                    try StandardOutput.write(json: content.json)
                }
                if let error = outcome.error { throw error }
            }
        }
    }
}
