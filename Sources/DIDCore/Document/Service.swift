// swift-did: decentralized identity for Swift. Apache-2.0.

extension DIDDocument {
    /// A service: a way to interact with the DID subject (DID Core 1.0 §5.4).
    ///
    /// `type` is a string or a set of strings and keeps the shape it was read in (a single type written as a
    /// string stays a string). `serviceEndpoint` may be a URI string, a map, or a set of strings and maps; it is
    /// kept as JSON, with the typed view ``endpoints``. Other members are kept in ``additionalProperties``.
    /// Output order: `id`, `type`, `serviceEndpoint`, then the others.
    public struct Service: Sendable, Hashable {
        /// One value of `serviceEndpoint`.
        public enum Endpoint: Sendable, Hashable {
            /// A URI string.
            case uri(String)
            /// A map, whose meaning the service type defines.
            case map(JSONObject)
        }

        /// The `id`: a URI, often a DID URL like `did:example:123#linked-domain` or the relative `#linked-domain`.
        public var id: String
        /// The `type` values (at least one).
        public var types: [String]
        /// The `serviceEndpoint`: a URI string, a map, or an array of those.
        public var serviceEndpoint: JSONValue
        /// Every other member, in its original order and shape.
        public var additionalProperties: JSONObject
        /// Whether a single type is written as an array (it was read that way).
        var typeIsArray: Bool

        static let knownNames: Set<String> = ["id", "type", "serviceEndpoint"]

        /// Creates a service with one type, written as a string; no validation.
        /// - Parameters:
        ///   - id: The `id` URI.
        ///   - type: The `type`.
        ///   - serviceEndpoint: The endpoint: a URI string, a map, or an array of those.
        ///   - additionalProperties: Other members.
        public init(id: String, type: String, serviceEndpoint: JSONValue, additionalProperties: JSONObject = [:]) {
            self.init(
                id: id,
                types: [type],
                serviceEndpoint: serviceEndpoint,
                additionalProperties: additionalProperties
            )
        }

        /// Creates a service; a single type is written as a string, several as an array. No validation.
        /// - Parameters:
        ///   - id: The `id` URI.
        ///   - types: The `type` values.
        ///   - serviceEndpoint: The endpoint: a URI string, a map, or an array of those.
        ///   - additionalProperties: Other members.
        public init(
            id: String,
            types: [String],
            serviceEndpoint: JSONValue,
            additionalProperties: JSONObject = [:]
        ) {
            self.id = id
            self.types = types
            self.serviceEndpoint = serviceEndpoint
            self.additionalProperties = additionalProperties
            self.typeIsArray = types.count != 1
        }

        /// Reads and validates a service map (DID Core 1.0 §5.4).
        /// - Parameter json: The service object.
        /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when `id`, `type` or
        ///   `serviceEndpoint` is missing or malformed.
        public init(json: JSONValue) throws(DIDError) {
            try self.init(json: DocumentSupport.object(json, "service"), path: "service")
        }

        init(json object: JSONObject, path: String) throws(DIDError) {
            var id: String?
            var types: [String]?
            var typeIsArray = false
            var endpoint: JSONValue?
            var others: [JSONObject.Member] = []
            for member in object {
                switch member.key {
                case "id":
                    id = try DocumentSupport.string(member.value, path + ".id")
                case "type":
                    switch member.value {
                    case .string(let type):
                        types = [type]
                    case .array(let items):
                        typeIsArray = true
                        var values: [String] = []
                        for (index, item) in items.enumerated() {
                            values.append(try DocumentSupport.string(item, path + ".type[\(index)]"))
                        }
                        types = values
                    default:
                        throw DocumentSupport.invalid(
                            path + ".type",
                            "must be a string or an array of strings, not \(DocumentSupport.kind(member.value))"
                        )
                    }
                case "serviceEndpoint":
                    endpoint = member.value
                default:
                    others.append(member)
                }
            }
            guard let id else { throw DocumentSupport.invalid(path, "a service must have an 'id'") }
            guard let types else { throw DocumentSupport.invalid(path, "service '\(id)' has no 'type'") }
            guard let endpoint else { throw DocumentSupport.invalid(path, "service '\(id)' has no 'serviceEndpoint'") }
            self.id = id
            self.types = types
            self.serviceEndpoint = endpoint
            self.additionalProperties = DocumentSupport.object(others)
            self.typeIsArray = typeIsArray
            try check(path: path)
        }

        /// Checks the rules of DID Core 1.0 §5.4: `id` is a URI (or a relative reference, resolved against the
        /// document), there is at least one non-empty type, and `serviceEndpoint` is a URI string, a map, or a
        /// non-empty array of URI strings and maps.
        /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` naming the broken rule.
        public func validate() throws(DIDError) { try check(path: "service") }

        func check(path: String) throws(DIDError) {
            if id.isEmpty || !URIReference.isValidReference(id) {
                throw DocumentSupport.invalid(path + ".id", "'\(id)' is not a URI (RFC 3986)")
            }
            if types.isEmpty { throw DocumentSupport.invalid(path + ".type", "must name at least one type") }
            if types.contains(where: \.isEmpty) { throw DocumentSupport.invalid(path + ".type", "must not be empty") }
            switch serviceEndpoint {
            case .string(let uri):
                try Self.checkURI(uri, path + ".serviceEndpoint")
            case .object:
                break
            case .array(let items):
                if items.isEmpty {
                    throw DocumentSupport.invalid(path + ".serviceEndpoint", "an array must have at least one item")
                }
                for (index, item) in items.enumerated() {
                    switch item {
                    case .string(let uri): try Self.checkURI(uri, path + ".serviceEndpoint[\(index)]")
                    case .object: break
                    default:
                        throw DocumentSupport.invalid(
                            path + ".serviceEndpoint[\(index)]",
                            "must be a URI string or a map, not \(DocumentSupport.kind(item))"
                        )
                    }
                }
            default:
                throw DocumentSupport.invalid(
                    path + ".serviceEndpoint",
                    "must be a URI string, a map, or an array of those, not \(DocumentSupport.kind(serviceEndpoint))"
                )
            }
        }

        private static func checkURI(_ uri: String, _ path: String) throws(DIDError) {
            if !URIReference.isValidURI(uri) { throw DocumentSupport.invalid(path, "'\(uri)' is not a URI (RFC 3986)") }
        }

        /// The endpoints as typed values: one for a string or map, one per item for an array. Items of other
        /// JSON types (which validation rejects) are skipped.
        public var endpoints: [Endpoint] {
            func endpoint(_ value: JSONValue) -> Endpoint? {
                switch value {
                case .string(let uri): .uri(uri)
                case .object(let map): .map(map)
                default: nil
                }
            }
            if case .array(let items) = serviceEndpoint { return items.compactMap(endpoint) }
            return endpoint(serviceEndpoint).map { [$0] } ?? []
        }

        /// The URI endpoints only (maps skipped): what `relativeRef` resolves against and what a
        /// `text/uri-list` dereference returns (DID Resolution, "Dereferencing the Resource").
        public var endpointURIs: [String] {
            endpoints.compactMap {
                if case .uri(let uri) = $0 { return uri }
                return nil
            }
        }

        /// Services are equal when they have the same members and would be written the same way.
        public static func == (lhs: Service, rhs: Service) -> Bool {
            lhs.id == rhs.id && lhs.types == rhs.types && lhs.serviceEndpoint == rhs.serviceEndpoint
                && lhs.additionalProperties == rhs.additionalProperties
                && lhs.writesSingleTypeAsArray == rhs.writesSingleTypeAsArray
        }

        /// Hashes what ``==(_:_:)`` compares.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(id)
            hasher.combine(types)
            hasher.combine(serviceEndpoint)
            hasher.combine(additionalProperties)
            hasher.combine(writesSingleTypeAsArray)
        }

        private var writesSingleTypeAsArray: Bool { typeIsArray && types.count == 1 }

        /// The `id` made absolute against a DID when it is relative (`#files` → `did:example:123#files`).
        /// - Parameter did: The base, usually the document's `id`.
        /// - Returns: The absolute id.
        public func absoluteID(relativeTo did: DID) -> String { DocumentSupport.absolute(id, base: did) }

        /// The JSON object: `id`, `type` (string or array, as read), `serviceEndpoint`, then the other members.
        public var json: JSONValue {
            var members: [JSONObject.Member] = []
            members.reserveCapacity(3 + additionalProperties.count)
            members.append(.init(key: "id", value: .string(id)))
            let type: JSONValue =
                types.count == 1 && !typeIsArray ? .string(types[0]) : .array(types.map { .string($0) })
            members.append(.init(key: "type", value: type))
            members.append(.init(key: "serviceEndpoint", value: serviceEndpoint))
            for member in additionalProperties where !Self.knownNames.contains(member.key) { members.append(member) }
            return .object(DocumentSupport.object(members))
        }
    }
}
