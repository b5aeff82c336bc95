// swift-did: decentralized identity for Swift. Apache-2.0.

/// A verification method: public key material and who controls it (DID Core 1.0 §5.2).
///
/// The registered properties are typed; every other member (`publicKeyBase58`, `blockchainAccountId`, `revoked`,
/// …) is kept in ``additionalProperties`` in its original order and shape, and written back after the registered
/// ones. Output order: `id`, `type`, `controller`, `publicKeyMultibase`, `publicKeyJwk`, then the others.
public struct VerificationMethod: Sendable, Hashable {
    /// The `id`: a DID URL, usually `did#fragment`; relative ids (`#key-1`) are allowed in a document and resolve
    /// against the document's `id` (DID Core 1.0 §3.2.2).
    public var id: String
    /// The `type`, such as ``VerificationMethodType/multikey``.
    public var type: VerificationMethodType
    /// The `controller`: the DID of the entity that controls this key.
    public var controller: DID
    /// `publicKeyMultibase`: a multibase-encoded public key (DID Core 1.0 §5.2.1; Multikey), or `nil`.
    public var publicKeyMultibase: String?
    /// `publicKeyJwk`: a JSON Web Key (RFC 7517) without private members (DID Core 1.0 §5.2.1), or `nil`.
    public var publicKeyJwk: JSONObject?
    /// Every other member, in its original order and shape.
    public var additionalProperties: JSONObject

    /// The member names this type reads into typed properties.
    static let knownNames: Set<String> = ["id", "type", "controller", "publicKeyMultibase", "publicKeyJwk"]

    /// The JWK members that hold private or secret key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2).
    static let privateJWKMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    /// Creates a verification method from typed values, without validation (cheap: for methods such as did:key
    /// that build a document on every resolve). Call ``validate(documentID:)`` to check a hand-built value.
    /// - Parameters:
    ///   - id: The `id` DID URL.
    ///   - type: The `type`.
    ///   - controller: The controller DID.
    ///   - publicKeyMultibase: A multibase-encoded public key.
    ///   - publicKeyJwk: A public JWK.
    ///   - additionalProperties: Other members, written after the registered ones.
    public init(
        id: String,
        type: VerificationMethodType,
        controller: DID,
        publicKeyMultibase: String? = nil,
        publicKeyJwk: JSONObject? = nil,
        additionalProperties: JSONObject = JSONObject()
    ) {
        self.id = id
        self.type = type
        self.controller = controller
        self.publicKeyMultibase = publicKeyMultibase
        self.publicKeyJwk = publicKeyJwk
        self.additionalProperties = additionalProperties
    }

    /// Reads and validates a verification method map (DID Core 1.0 §5.2, §6.2.2).
    /// - Parameter json: The verification method object. A relative `id` is checked against the `controller`.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` when a rule of ``validate(documentID:)``
    ///   is broken or a registered member has the wrong JSON type.
    public init(json: JSONValue) throws(DIDError) {
        try self.init(json: DocumentSupport.object(json, "verificationMethod"), path: "verificationMethod", base: nil)
    }

    /// Reads a verification method; relative ids resolve against `base` (the document id), else the controller.
    init(json object: JSONObject, path: String, base: DID?) throws(DIDError) {
        var id: String?
        var type: String?
        var controller: DID?
        var multibase: String?
        var jwk: JSONObject?
        var others: [JSONObject.Member] = []
        for member in object {
            switch member.key {
            case "id": id = try DocumentSupport.string(member.value, path + ".id")
            case "type": type = try DocumentSupport.string(member.value, path + ".type")
            case "controller": controller = try DocumentSupport.did(member.value, path + ".controller")
            case "publicKeyMultibase":
                multibase = try DocumentSupport.string(member.value, path + ".publicKeyMultibase")
            case "publicKeyJwk": jwk = try DocumentSupport.object(member.value, path + ".publicKeyJwk")
            default: others.append(member)
            }
        }
        guard let id else { throw DocumentSupport.invalid(path, "a verification method must have an 'id'") }
        guard let type else { throw DocumentSupport.invalid(path, "verification method '\(id)' has no 'type'") }
        guard let controller else {
            throw DocumentSupport.invalid(path, "verification method '\(id)' has no 'controller'")
        }
        self.init(
            id: id,
            type: VerificationMethodType(type),
            controller: controller,
            publicKeyMultibase: multibase,
            publicKeyJwk: jwk,
            additionalProperties: DocumentSupport.object(others)
        )
        try check(base: base ?? controller, path: path)
    }

    /// Checks the rules of DID Core 1.0 §5.2 and §5.2.1 that the typed properties cannot express.
    ///
    /// - `id` is a DID URL, or a relative DID URL that resolves against `documentID` (or the controller);
    /// - `type` is not empty;
    /// - `publicKeyMultibase`, when present, is not empty;
    /// - at most one of `publicKeyMultibase` and `publicKeyJwk` is present (one material, one property);
    /// - `publicKeyJwk` has a `kty` and no private key member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`, `k`).
    /// - Parameter documentID: The `id` of the containing document, the base for relative ids.
    /// - Throws: ``DIDError`` with code ``DIDError/Code/invalidDocument`` naming the broken rule.
    public func validate(documentID: DID? = nil) throws(DIDError) {
        try check(base: documentID ?? controller, path: "verificationMethod")
    }

    func check(base: DID, path: String) throws(DIDError) {
        try DocumentSupport.checkDIDURL(id, base: base, path + ".id")
        if type.rawValue.isEmpty { throw DocumentSupport.invalid(path + ".type", "must not be empty") }
        if let publicKeyMultibase, publicKeyMultibase.isEmpty {
            throw DocumentSupport.invalid(path + ".publicKeyMultibase", "must not be empty")
        }
        if publicKeyMultibase != nil && publicKeyJwk != nil {
            throw DocumentSupport.invalid(
                path,
                "verification method '\(id)' has both publicKeyMultibase and publicKeyJwk "
                    + "(one verification material, one property: DID Core 1.0 §5.2.1)"
            )
        }
        if let publicKeyJwk {
            for name in Self.privateJWKMembers where publicKeyJwk[name] != nil {
                throw DocumentSupport.invalid(
                    path + ".publicKeyJwk",
                    "contains the private key member '\(name)': private key material must never be in a DID document"
                )
            }
            guard case .string = publicKeyJwk["kty"] else {
                throw DocumentSupport.invalid(path + ".publicKeyJwk", "a JWK must have a string 'kty' (RFC 7517 §4.1)")
            }
        }
    }

    /// The JSON object: `id`, `type`, `controller`, `publicKeyMultibase`, `publicKeyJwk`, then the other members.
    public var json: JSONValue { .object(jsonObject) }

    /// The JSON object, as ``json`` describes.
    var jsonObject: JSONObject {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(4 + additionalProperties.count)
        members.append(.init(key: "id", value: .string(id)))
        members.append(.init(key: "type", value: .string(type.rawValue)))
        members.append(.init(key: "controller", value: .string(controller.description)))
        if let publicKeyMultibase {
            members.append(.init(key: "publicKeyMultibase", value: .string(publicKeyMultibase)))
        }
        if let publicKeyJwk { members.append(.init(key: "publicKeyJwk", value: .object(publicKeyJwk))) }
        for member in additionalProperties where !Self.knownNames.contains(member.key) { members.append(member) }
        return DocumentSupport.object(members)
    }

    /// The `id` made absolute against a DID when it is relative (`#key-1` → `did:example:123#key-1`).
    /// - Parameter did: The base, usually the document's `id`.
    /// - Returns: The absolute id.
    public func absoluteID(relativeTo did: DID) -> String { DocumentSupport.absolute(id, base: did) }
}
