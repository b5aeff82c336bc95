// swift-did: decentralized identity for Swift. Apache-2.0.

/// Finding verification methods and services by id (DID Core 1.0 §5.3, §5.4), where relative and absolute DID URLs
/// match each other (DID Core 1.0 §3.2.2).
extension DIDDocument {
    /// The entries of a verification relationship.
    /// - Parameter relationship: The relationship.
    public subscript(relationship: VerificationRelationship) -> [VerificationRelationship.Entry] {
        get {
            switch relationship {
            case .authentication: authentication
            case .assertionMethod: assertionMethod
            case .keyAgreement: keyAgreement
            case .capabilityInvocation: capabilityInvocation
            case .capabilityDelegation: capabilityDelegation
            }
        }
        set {
            switch relationship {
            case .authentication: authentication = newValue
            case .assertionMethod: assertionMethod = newValue
            case .keyAgreement: keyAgreement = newValue
            case .capabilityInvocation: capabilityInvocation = newValue
            case .capabilityDelegation: capabilityDelegation = newValue
            }
        }
    }

    /// Finds a verification method by id, in `verificationMethod` and among the embedded ones.
    ///
    /// Relative and absolute ids match each other: `#key-1` finds `did:example:123#key-1` and the other way round.
    /// - Parameter id: The id, absolute or relative to this document's `id`.
    /// - Returns: The verification method, or `nil`.
    public func verificationMethod(withID id: String) -> VerificationMethod? {
        if let method = verificationMethod.first(where: { DocumentSupport.idsMatch($0.id, id, base: self.id) }) {
            return method
        }
        for relationship in VerificationRelationship.allCases {
            for case .embedded(let method) in self[relationship]
            where DocumentSupport.idsMatch(method.id, id, base: self.id) {
                return method
            }
        }
        return nil
    }

    /// The verification methods usable for a relationship: embedded ones as they are, references looked up with
    /// ``verificationMethod(withID:)``. References that name no method in this document are skipped.
    /// - Parameter relationship: The relationship.
    /// - Returns: The verification methods, in the relationship's order.
    public func verificationMethods(for relationship: VerificationRelationship) -> [VerificationMethod] {
        self[relationship].compactMap { entry in
            switch entry {
            case .embedded(let method): method
            case .reference(let reference): verificationMethod(withID: reference)
            }
        }
    }

    /// Whether the verification method with this id may be used for a relationship, by reference or embedded.
    /// - Parameters:
    ///   - id: The verification method id, absolute or relative.
    ///   - relationship: The relationship.
    /// - Returns: `true` when an entry of the relationship names the method.
    public func isAuthorized(_ id: String, for relationship: VerificationRelationship) -> Bool {
        self[relationship].contains { DocumentSupport.idsMatch($0.id, id, base: self.id) }
    }

    /// Finds a service by id; relative and absolute ids match each other (`#files`, `did:example:123#files`).
    /// - Parameter id: The service id.
    /// - Returns: The service, or `nil`.
    public func service(withID id: String) -> Service? {
        service.first { DocumentSupport.idsMatch($0.id, id, base: self.id) }
    }

    /// A copy with every relative DID URL made absolute against ``id``: verification method ids, relationship
    /// references and service ids (the `expandRelativeUrls` resolution option, DID Resolution §"Resolving").
    public var expandingRelativeURLs: DIDDocument {
        var copy = self
        for index in copy.verificationMethod.indices {
            copy.verificationMethod[index].id = copy.verificationMethod[index].absoluteID(relativeTo: id)
        }
        for relationship in VerificationRelationship.allCases {
            copy[relationship] = copy[relationship].map { entry in
                switch entry {
                case .reference(let reference):
                    return .reference(DocumentSupport.absolute(reference, base: id))
                case .embedded(var method):
                    method.id = method.absoluteID(relativeTo: id)
                    return .embedded(method)
                }
            }
        }
        for index in copy.service.indices {
            copy.service[index].id = copy.service[index].absoluteID(relativeTo: id)
        }
        return copy
    }
}
