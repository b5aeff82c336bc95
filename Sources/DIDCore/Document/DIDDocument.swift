// swift-did: decentralized identity for Swift. Apache-2.0.

/// A DID document (DID Core 1.0 §5) with typed core properties and every other member kept as it was.
///
/// - Reading (``init(json:)``) validates the data model and keeps unknown members, in their order and shape, in
///   ``additionalProperties`` (also inside verification methods and services). Known members keep their shape:
///   a single `controller` written as a string stays a string, an empty array stays an empty array.
/// - Building (``init(id:context:controller:alsoKnownAs:verificationMethod:authentication:assertionMethod:keyAgreement:capabilityInvocation:capabilityDelegation:service:additionalProperties:)``)
///   does no validation and no parsing, so a DID method can build a document per resolve cheaply;
///   ``validate()`` checks a hand-built document.
/// - Writing (``json``) emits `@context`, `id`, `controller`, `alsoKnownAs`, `verificationMethod`,
///   `authentication`, `assertionMethod`, `capabilityDelegation`, `capabilityInvocation`, `keyAgreement`,
///   `service`, then the other members in their original order. Empty arrays are omitted unless they were read.
///
/// Equality compares the data model and the shapes that affect output; the order of unknown members does not
/// matter (JSON objects are unordered).
public struct DIDDocument: Sendable, Hashable {
    /// `@context` (JSON-LD; required by `application/did+ld+json`), in any JSON shape, or `nil`.
    public var context: JSONValue?
    /// `id`: the DID this document is about (DID Core 1.0 §5.1.1).
    public var id: DID
    /// `controller`: the DIDs allowed to change this document (DID Core 1.0 §5.1.2). One controller is written
    /// as a string unless it was read as an array.
    public var controller: [DID]
    /// `alsoKnownAs`: other URIs for the subject (DID Core 1.0 §5.1.3).
    public var alsoKnownAs: [String]
    /// `verificationMethod`: the verification methods (DID Core 1.0 §5.2).
    public var verificationMethod: [VerificationMethod]
    /// `authentication` (DID Core 1.0 §5.3.1).
    public var authentication: [VerificationRelationship.Entry]
    /// `assertionMethod` (DID Core 1.0 §5.3.2).
    public var assertionMethod: [VerificationRelationship.Entry]
    /// `keyAgreement` (DID Core 1.0 §5.3.3).
    public var keyAgreement: [VerificationRelationship.Entry]
    /// `capabilityInvocation` (DID Core 1.0 §5.3.4).
    public var capabilityInvocation: [VerificationRelationship.Entry]
    /// `capabilityDelegation` (DID Core 1.0 §5.3.5).
    public var capabilityDelegation: [VerificationRelationship.Entry]
    /// `service`: the services (DID Core 1.0 §5.4).
    public var service: [Service]
    /// Every other member, in its original order and shape.
    public var additionalProperties: JSONObject
    /// Output shapes that the typed properties cannot express.
    var shape = Shape()

    /// Output shapes read from JSON: which known arrays were present (so an empty one is written back), and
    /// whether a single controller was written as an array.
    struct Shape: Sendable, Hashable {
        var presentArrays: UInt16 = 0
        var controllerIsArray = false
    }

    /// The known member names, in output order, with the bit used in ``Shape/presentArrays``.
    enum Member: String, CaseIterable {
        case context = "@context"
        case id
        case controller
        case alsoKnownAs
        case verificationMethod
        case authentication
        case assertionMethod
        case capabilityDelegation
        case capabilityInvocation
        case keyAgreement
        case service

        var bit: UInt16 {
            switch self {
            case .context: 1 << 0
            case .id: 1 << 1
            case .controller: 1 << 2
            case .alsoKnownAs: 1 << 3
            case .verificationMethod: 1 << 4
            case .authentication: 1 << 5
            case .assertionMethod: 1 << 6
            case .capabilityDelegation: 1 << 7
            case .capabilityInvocation: 1 << 8
            case .keyAgreement: 1 << 9
            case .service: 1 << 10
            }
        }
    }

    /// Builds a document from typed values, without validation or parsing.
    /// - Parameters:
    ///   - id: The DID.
    ///   - context: `@context`, such as `["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]`.
    ///   - controller: Controller DIDs; one is written as a string.
    ///   - alsoKnownAs: Other URIs for the subject.
    ///   - verificationMethod: Verification methods.
    ///   - authentication: `authentication` entries.
    ///   - assertionMethod: `assertionMethod` entries.
    ///   - keyAgreement: `keyAgreement` entries.
    ///   - capabilityInvocation: `capabilityInvocation` entries.
    ///   - capabilityDelegation: `capabilityDelegation` entries.
    ///   - service: Services.
    ///   - additionalProperties: Other members, written after the known ones.
    public init(
        id: DID,
        context: JSONValue? = nil,
        controller: [DID] = [],
        alsoKnownAs: [String] = [],
        verificationMethod: [VerificationMethod] = [],
        authentication: [VerificationRelationship.Entry] = [],
        assertionMethod: [VerificationRelationship.Entry] = [],
        keyAgreement: [VerificationRelationship.Entry] = [],
        capabilityInvocation: [VerificationRelationship.Entry] = [],
        capabilityDelegation: [VerificationRelationship.Entry] = [],
        service: [Service] = [],
        additionalProperties: JSONObject = JSONObject()
    ) {
        self.context = context
        self.id = id
        self.controller = controller
        self.alsoKnownAs = alsoKnownAs
        self.verificationMethod = verificationMethod
        self.authentication = authentication
        self.assertionMethod = assertionMethod
        self.keyAgreement = keyAgreement
        self.capabilityInvocation = capabilityInvocation
        self.capabilityDelegation = capabilityDelegation
        self.service = service
        self.additionalProperties = additionalProperties
    }

    // MARK: Reading

    /// Reads and validates a DID document (DID Core 1.0 §5, consumption rules of §6.2.2).
    ///
    /// Errors name the JSON path and the rule, for example
    /// `verificationMethod[0].publicKeyJwk: contains the private key member 'd'`. The rules: `id` is a DID;
    /// `controller` is a DID or an array of DIDs; `alsoKnownAs` is an array of URIs; `@context` is a string, a
    /// map or an array of those; verification methods have `id`, `type`, `controller`, at most one of
    /// `publicKeyMultibase`/`publicKeyJwk`, no private JWK members, and unique ids; relationship entries are DID
    /// URL strings or verification method maps; services have `id`, `type`, `serviceEndpoint` and unique ids
    /// (consumers must reject duplicates, DID Core 1.0 §5.4).
    /// - Parameter json: The parsed document.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument``.
    public init(json: JSONValue) throws(DIDError) {
        guard case .object(let object) = json else {
            throw DocumentSupport.invalid("", "a DID document must be a JSON object, not \(DocumentSupport.kind(json))")
        }
        guard let idValue = object["id"] else { throw DocumentSupport.invalid("", "a DID document must have an 'id'") }
        let id = try DocumentSupport.did(idValue, "id")
        self.init(id: id)
        var others: [JSONObject.Member] = []
        for member in object {
            guard let known = Member(rawValue: member.key) else {
                others.append(member)
                continue
            }
            let path = member.key
            let value = member.value
            switch known {
            case .context:
                try Self.checkContext(value)
                context = value
            case .id:
                break
            case .controller:
                if case .array(let items) = value {
                    shape.controllerIsArray = true
                    shape.presentArrays |= known.bit
                    controller = []
                    for (index, item) in items.enumerated() {
                        controller.append(try DocumentSupport.did(item, "\(path)[\(index)]"))
                    }
                } else if case .string = value {
                    controller = [try DocumentSupport.did(value, path)]
                } else {
                    throw DocumentSupport.invalid(
                        path,
                        "must be a DID string or an array of DIDs, not \(DocumentSupport.kind(value))"
                    )
                }
            case .alsoKnownAs:
                shape.presentArrays |= known.bit
                for (index, item) in try DocumentSupport.array(value, path).enumerated() {
                    let uri = try DocumentSupport.string(item, "\(path)[\(index)]")
                    if !URIReference.isValidURI(uri) {
                        throw DocumentSupport.invalid("\(path)[\(index)]", "'\(uri)' is not a URI (RFC 3986)")
                    }
                    alsoKnownAs.append(uri)
                }
            case .verificationMethod:
                shape.presentArrays |= known.bit
                for (index, item) in try DocumentSupport.array(value, path).enumerated() {
                    let itemPath = "\(path)[\(index)]"
                    let method = try VerificationMethod(
                        json: DocumentSupport.object(item, itemPath),
                        path: itemPath,
                        base: id
                    )
                    if verificationMethod.contains(where: { DocumentSupport.idsMatch($0.id, method.id, base: id) }) {
                        throw DocumentSupport.invalid(
                            itemPath,
                            "duplicate verification method id '\(method.id)' (DID Core 1.0 §5.2)"
                        )
                    }
                    verificationMethod.append(method)
                }
            case .authentication, .assertionMethod, .keyAgreement, .capabilityInvocation, .capabilityDelegation:
                shape.presentArrays |= known.bit
                var entries: [VerificationRelationship.Entry] = []
                for (index, item) in try DocumentSupport.array(value, path).enumerated() {
                    let itemPath = "\(path)[\(index)]"
                    switch item {
                    case .string(let reference):
                        try DocumentSupport.checkDIDURL(reference, base: id, itemPath)
                        entries.append(.reference(reference))
                    case .object(let map):
                        entries.append(.embedded(try VerificationMethod(json: map, path: itemPath, base: id)))
                    default:
                        throw DocumentSupport.invalid(
                            itemPath,
                            "must be a DID URL string or a verification method map, not \(DocumentSupport.kind(item))"
                        )
                    }
                }
                self[VerificationRelationship(rawValue: member.key)!] = entries
            case .service:
                shape.presentArrays |= known.bit
                for (index, item) in try DocumentSupport.array(value, path).enumerated() {
                    let itemPath = "\(path)[\(index)]"
                    let entry = try Service(json: DocumentSupport.object(item, itemPath), path: itemPath)
                    if service.contains(where: { DocumentSupport.idsMatch($0.id, entry.id, base: id) }) {
                        throw DocumentSupport.invalid(
                            itemPath,
                            "duplicate service id '\(entry.id)' (consumers must reject duplicates, DID Core 1.0 §5.4)"
                        )
                    }
                    service.append(entry)
                }
            }
        }
        additionalProperties = DocumentSupport.object(others)
    }

    /// `@context` must be a string, a map, or an array of strings and maps (JSON-LD 1.1 §3.1).
    private static func checkContext(_ value: JSONValue) throws(DIDError) {
        switch value {
        case .string, .object: return
        case .array(let items):
            for (index, item) in items.enumerated() {
                switch item {
                case .string, .object: continue
                default:
                    throw DocumentSupport.invalid(
                        "@context[\(index)]",
                        "must be a string or a map, not \(DocumentSupport.kind(item))"
                    )
                }
            }
        default:
            throw DocumentSupport.invalid(
                "@context",
                "must be a string, a map or an array, not \(DocumentSupport.kind(value))"
            )
        }
    }

    /// Checks a document built from typed values against the rules ``init(json:)`` enforces.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` naming the first broken rule.
    public func validate() throws(DIDError) {
        if let context { try Self.checkContext(context) }
        for (index, uri) in alsoKnownAs.enumerated() where !URIReference.isValidURI(uri) {
            throw DocumentSupport.invalid("alsoKnownAs[\(index)]", "'\(uri)' is not a URI (RFC 3986)")
        }
        for (index, method) in verificationMethod.enumerated() {
            try method.check(base: id, path: "verificationMethod[\(index)]")
            for earlier in verificationMethod[..<index]
            where DocumentSupport.idsMatch(earlier.id, method.id, base: id) {
                throw DocumentSupport.invalid(
                    "verificationMethod[\(index)]",
                    "duplicate verification method id '\(method.id)' (DID Core 1.0 §5.2)"
                )
            }
        }
        for relationship in VerificationRelationship.allCases {
            for (index, entry) in self[relationship].enumerated() {
                let path = "\(relationship.rawValue)[\(index)]"
                switch entry {
                case .reference(let reference): try DocumentSupport.checkDIDURL(reference, base: id, path)
                case .embedded(let method): try method.check(base: id, path: path)
                }
            }
        }
        for (index, entry) in service.enumerated() {
            try entry.check(path: "service[\(index)]")
            for earlier in service[..<index] where DocumentSupport.idsMatch(earlier.id, entry.id, base: id) {
                throw DocumentSupport.invalid(
                    "service[\(index)]",
                    "duplicate service id '\(entry.id)' (DID Core 1.0 §5.4)"
                )
            }
        }
    }

    // MARK: Writing

    /// The JSON object, members in the order described on ``DIDDocument``.
    public var json: JSONValue {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8 + additionalProperties.count)
        if let context { members.append(.init(key: "@context", value: context)) }
        members.append(.init(key: "id", value: .string(id.description)))
        if controller.count == 1 && !shape.controllerIsArray {
            members.append(.init(key: "controller", value: .string(controller[0].description)))
        } else if !controller.isEmpty || shape.presentArrays & Member.controller.bit != 0 {
            members.append(.init(key: "controller", value: .array(controller.map { .string($0.description) })))
        }
        func appendArray(_ member: Member, _ values: @autoclosure () -> [JSONValue], isEmpty: Bool) {
            if !isEmpty || shape.presentArrays & member.bit != 0 {
                members.append(.init(key: member.rawValue, value: .array(values())))
            }
        }
        appendArray(.alsoKnownAs, alsoKnownAs.map { .string($0) }, isEmpty: alsoKnownAs.isEmpty)
        appendArray(.verificationMethod, verificationMethod.map(\.json), isEmpty: verificationMethod.isEmpty)
        appendArray(.authentication, authentication.map(\.json), isEmpty: authentication.isEmpty)
        appendArray(.assertionMethod, assertionMethod.map(\.json), isEmpty: assertionMethod.isEmpty)
        appendArray(.capabilityDelegation, capabilityDelegation.map(\.json), isEmpty: capabilityDelegation.isEmpty)
        appendArray(.capabilityInvocation, capabilityInvocation.map(\.json), isEmpty: capabilityInvocation.isEmpty)
        appendArray(.keyAgreement, keyAgreement.map(\.json), isEmpty: keyAgreement.isEmpty)
        appendArray(.service, service.map(\.json), isEmpty: service.isEmpty)
        for member in additionalProperties where Member(rawValue: member.key) == nil { members.append(member) }
        return .object(DocumentSupport.object(members))
    }

    // MARK: Equality

    /// The shape flags that change the output: present-but-empty arrays, and a one-element controller array.
    private var effectiveShape: Shape {
        var bits: UInt16 = 0
        func keep(_ member: Member, _ isEmpty: Bool) {
            if isEmpty && shape.presentArrays & member.bit != 0 { bits |= member.bit }
        }
        keep(.controller, controller.isEmpty)
        keep(.alsoKnownAs, alsoKnownAs.isEmpty)
        keep(.verificationMethod, verificationMethod.isEmpty)
        keep(.authentication, authentication.isEmpty)
        keep(.assertionMethod, assertionMethod.isEmpty)
        keep(.capabilityDelegation, capabilityDelegation.isEmpty)
        keep(.capabilityInvocation, capabilityInvocation.isEmpty)
        keep(.keyAgreement, keyAgreement.isEmpty)
        keep(.service, service.isEmpty)
        return Shape(presentArrays: bits, controllerIsArray: shape.controllerIsArray && controller.count == 1)
    }

    /// Documents are equal when they have the same data model and would be written the same way (the order of
    /// unknown members aside).
    public static func == (lhs: DIDDocument, rhs: DIDDocument) -> Bool {
        lhs.id == rhs.id && lhs.context == rhs.context && lhs.controller == rhs.controller
            && lhs.alsoKnownAs == rhs.alsoKnownAs && lhs.verificationMethod == rhs.verificationMethod
            && lhs.authentication == rhs.authentication && lhs.assertionMethod == rhs.assertionMethod
            && lhs.keyAgreement == rhs.keyAgreement && lhs.capabilityInvocation == rhs.capabilityInvocation
            && lhs.capabilityDelegation == rhs.capabilityDelegation && lhs.service == rhs.service
            && lhs.additionalProperties == rhs.additionalProperties && lhs.effectiveShape == rhs.effectiveShape
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(context)
        hasher.combine(controller)
        hasher.combine(alsoKnownAs)
        hasher.combine(verificationMethod)
        hasher.combine(authentication)
        hasher.combine(assertionMethod)
        hasher.combine(keyAgreement)
        hasher.combine(capabilityInvocation)
        hasher.combine(capabilityDelegation)
        hasher.combine(service)
        hasher.combine(additionalProperties)
        hasher.combine(effectiveShape)
    }
}
