// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

extension BundleExporter {
    /// What goes into the manifest besides the collections.
    public struct Configuration: Sendable {
        /// `subject.id`.
        public var subject: DID
        /// `subject.alsoKnownAs`: a verbatim copy of the DID document's `alsoKnownAs`.
        public var alsoKnownAs: [String]
        /// `subject.previousIdentifiers`: identifiers being left behind, `{id, acct?, handle?, relation, until?}`
        /// (§8.2); empty by default (the member is then omitted).
        public var previousIdentifiers: [JSONObject] = []
        /// `sources`: at least one Presence object (§8.3).
        public var sources: [JSONObject]
        /// `destination`: a Presence whose `service` becomes `proof.domain`; `nil` for a portable export.
        public var destination: JSONObject?
        /// `sequence` (§13.1).
        public var sequence: Int
        /// `previousBundle` (§13.3).
        public var previousBundle: ContentIdentifier?
        /// `exportedAt`; also `proof.created`.
        public var exportedAt: Date
        /// How long the proof is valid; 7 days by default (producers should not exceed 30 days).
        public var validity: TimeInterval
        /// `proof.challenge`, when the destination issued one.
        public var challenge: String?
        /// `extensions`.
        public var extensions: JSONObject?
        /// Entries per page, a power of two ≤ 65536; 1024 by default.
        public var pageSize: Int
        /// Collections with at most this many entries are written inline; 1024 by default (§9.1).
        public var inlineLimit: Int
        /// Entries of one collection held in memory before a sorted run is written to disk; 65536 by default.
        public var sortChunkSize: Int

        /// Creates a configuration.
        /// - Parameters:
        ///   - subject: The subject DID.
        ///   - alsoKnownAs: The DID document's `alsoKnownAs`.
        ///   - sources: The source Presences.
        ///   - destination: The destination Presence, or `nil`.
        ///   - sequence: The bundle's sequence number.
        ///   - previousBundle: The previous bundle's CID.
        ///   - exportedAt: The snapshot time (whole seconds are written).
        ///   - validity: The proof's validity window.
        ///   - challenge: The destination's challenge.
        ///   - extensions: Extension members.
        ///   - pageSize: Entries per page.
        ///   - inlineLimit: The largest inline collection.
        ///   - sortChunkSize: The in-memory sort chunk.
        public init(
            subject: DID,
            alsoKnownAs: [String] = [],
            sources: [JSONObject],
            destination: JSONObject? = nil,
            sequence: Int,
            previousBundle: ContentIdentifier? = nil,
            exportedAt: Date,
            validity: TimeInterval = 7 * 86400,
            challenge: String? = nil,
            extensions: JSONObject? = nil,
            pageSize: Int = 1024,
            inlineLimit: Int = 1024,
            sortChunkSize: Int = 65536
        ) {
            self.subject = subject
            self.alsoKnownAs = alsoKnownAs
            self.sources = sources
            self.destination = destination
            self.sequence = sequence
            self.previousBundle = previousBundle
            self.exportedAt = exportedAt
            self.validity = validity
            self.challenge = challenge
            self.extensions = extensions
            self.pageSize = pageSize
            self.inlineLimit = inlineLimit
            self.sortChunkSize = sortChunkSize
        }
    }
}
