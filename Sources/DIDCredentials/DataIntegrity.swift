// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import DIDCrypto
public import Foundation

/// The options of a new Data Integrity proof (Data Integrity 1.0 §2.1, §4.2).
public struct ProofOptions: Sendable, Hashable {
    /// The cryptosuite.
    public var cryptosuite: Cryptosuite
    /// The absolute DID URL of the signing key's verification method.
    public var verificationMethod: String
    /// `proofPurpose`: `assertionMethod` for credentials, `authentication` for presentations.
    public var proofPurpose: VerificationRelationship
    /// `id` of the proof (a URL such as `urn:uuid:…`), needed when later proofs chain to it.
    public var id: String?
    /// `created`, emitted as a UTC dateTimeStamp with whole seconds.
    public var created: Date?
    /// `expires`, emitted as a UTC dateTimeStamp with whole seconds.
    public var expires: Date?
    /// `domain`: one string is emitted as a string, several as an array.
    public var domain: [String]?
    /// `challenge`.
    public var challenge: String?
    /// `nonce`.
    public var nonce: String?
    /// `previousProof`: the ids of the proofs this one chains to (one is emitted as a string).
    public var previousProof: [String]?

    /// Creates proof options.
    /// - Parameters:
    ///   - cryptosuite: The cryptosuite.
    ///   - verificationMethod: The absolute DID URL of the signing key's verification method.
    ///   - proofPurpose: The proof purpose; `assertionMethod` by default.
    ///   - id: The proof's `id`.
    ///   - created: `created`.
    ///   - expires: `expires`.
    ///   - domain: `domain`.
    ///   - challenge: `challenge`.
    ///   - nonce: `nonce`.
    ///   - previousProof: `previousProof`.
    public init(
        cryptosuite: Cryptosuite,
        verificationMethod: String,
        proofPurpose: VerificationRelationship = .assertionMethod,
        id: String? = nil,
        created: Date? = nil,
        expires: Date? = nil,
        domain: [String]? = nil,
        challenge: String? = nil,
        nonce: String? = nil,
        previousProof: [String]? = nil
    ) {
        self.cryptosuite = cryptosuite
        self.verificationMethod = verificationMethod
        self.proofPurpose = proofPurpose
        self.id = id
        self.created = created
        self.expires = expires
        self.domain = domain
        self.challenge = challenge
        self.nonce = nonce
        self.previousProof = previousProof
    }

    /// The proof object these options describe, without `@context` and `proofValue`, members in the order of the
    /// specifications' examples.
    public var proofConfiguration: JSONObject {
        func stringOrArray(_ values: [String]) -> JSONValue {
            values.count == 1 ? .string(values[0]) : .array(values.map(JSONValue.string))
        }
        var proof = JSONObject()
        proof.append("type", "DataIntegrityProof")
        if let id { proof.append("id", .string(id)) }
        proof.append("cryptosuite", .string(cryptosuite.name))
        if let created { proof.append("created", .string(DateTime(created).text)) }
        if let expires { proof.append("expires", .string(DateTime(expires).text)) }
        proof.append("verificationMethod", .string(verificationMethod))
        proof.append("proofPurpose", .string(proofPurpose.rawValue))
        if let domain { proof.append("domain", stringOrArray(domain)) }
        if let challenge { proof.append("challenge", .string(challenge)) }
        if let nonce { proof.append("nonce", .string(nonce)) }
        if let previousProof { proof.append("previousProof", stringOrArray(previousProof)) }
        return proof
    }
}

/// Data Integrity proofs: add a proof to a JSON document, verify every proof of a document (Data Integrity 1.0 §4).
///
/// Proof sets (several independent proofs) and proof chains (`previousProof`) are both supported (§4.3, §4.5).
public enum DataIntegrity {
    /// Adds a proof (Data Integrity 1.0 §4.2 Add Proof, §4.3 Add Proof Set/Chain).
    ///
    /// Existing proofs are kept: the output's `proof` is the new proof alone when there was none, else an array of
    /// all of them. With `previousProof` options, the proofs with those ids are signed along with the document.
    /// - Parameters:
    ///   - document: The document, with or without proofs.
    ///   - options: The proof options.
    ///   - key: The private key of `options.verificationMethod`.
    /// - Returns: The secured document: `document` with `proof` set.
    /// - Throws: ``CredentialError/Code/invalidKey`` when the key type does not fit the suite,
    ///   ``CredentialError/Code/proofGeneration`` when a `previousProof` id names no proof or `proof` is malformed.
    public static func addProof(
        to document: JSONObject,
        options: ProofOptions,
        key: PrivateKey
    ) throws(CredentialError) -> JSONObject {
        let suite = options.cryptosuite
        guard suite.keyTypes.contains(key.keyType) else {
            throw CredentialError(.invalidKey, "\(suite.name) does not sign with \(key.keyType) keys")
        }
        let existing: [JSONObject]
        switch proofs(of: document) {
        case .success(let proofs): existing = proofs
        case .failure(let problem): throw CredentialError(.proofGeneration, problem.reason)
        }
        var input = document
        input["proof"] = nil
        if let previous = options.previousProof {
            var matching: [JSONValue] = []
            for id in previous {
                guard let proof = existing.first(where: { $0["id"] == .string(id) }) else {
                    throw CredentialError(.proofGeneration, "previousProof '\(id)' names no proof of the document")
                }
                matching.append(.object(proof))
            }
            input["proof"] = .array(matching)
        }
        var proof = options.proofConfiguration
        if suite.proofContext == .copiedIntoProof, let context = document["@context"] {
            proof.append("@context", context)
        }
        let signingInput = try suite.signingInput(document: input, proofConfiguration: proof, keyType: key.keyType)
        let signature: [UInt8]
        do {
            signature = try key.signature(for: signingInput.hashData)
        } catch {
            throw CredentialError(.invalidKey, "signing failed: \(error.reason)")
        }
        proof.append("proofValue", .string(Multibase.encode(signature, as: .base58btc)))
        var output = document
        output["proof"] = existing.isEmpty ? .object(proof) : .array((existing + [proof]).map(JSONValue.object))
        return output
    }

    /// What a verification expects of the proofs.
    public struct Expectations: Sendable, Hashable {
        /// The `proofPurpose` every proof must have, or `nil` to accept any (each is still checked against the
        /// relationship it names).
        public var proofPurpose: VerificationRelationship?
        /// The `domain` the proofs must carry (as a set), or `nil`.
        public var domain: [String]?
        /// The `challenge` the proofs must carry, or `nil`.
        public var challenge: String?
        /// The suites that may be used.
        public var cryptosuites: [Cryptosuite]

        /// Creates expectations.
        /// - Parameters:
        ///   - proofPurpose: The required `proofPurpose`; `assertionMethod` by default (credentials).
        ///   - domain: The required `domain`.
        ///   - challenge: The required `challenge`.
        ///   - cryptosuites: The suites that may be used; ``Cryptosuite/implemented`` by default.
        public init(
            proofPurpose: VerificationRelationship? = .assertionMethod,
            domain: [String]? = nil,
            challenge: String? = nil,
            cryptosuites: [Cryptosuite] = Cryptosuite.implemented
        ) {
            self.proofPurpose = proofPurpose
            self.domain = domain
            self.challenge = challenge
            self.cryptosuites = cryptosuites
        }
    }

    /// Verifies every proof of a document (Data Integrity 1.0 §4.4 Verify Proof, §4.5 Verify Proof Sets and Chains).
    ///
    /// The document verifies when it has at least one proof and every proof verifies: the signature over the
    /// canonical forms, the verification method resolved through `resolver` and listed under the proof's purpose, a
    /// key type the suite allows, `expires` not passed, the expected purpose, domain and challenge.
    /// - Parameters:
    ///   - document: The secured document.
    ///   - expectations: What the proofs must carry.
    ///   - resolver: Resolves the DIDs of verification methods.
    ///   - now: The current time, for `expires`.
    /// - Returns: The result; problems carry the index of the proof they are about.
    public static func verify(
        _ document: JSONObject,
        expecting expectations: Expectations = Expectations(),
        resolver: some DIDResolver,
        now: Date
    ) async -> VerificationResult {
        let all: [JSONObject]
        switch proofs(of: document) {
        case .success(let proofs): all = proofs
        case .failure(let problem): return VerificationResult(problems: [problem])
        }
        guard !all.isEmpty else {
            return VerificationResult(problems: [VerificationProblem(.malformed, "the document has no proof")])
        }
        var unsecured = document
        unsecured["proof"] = nil
        var result = VerificationResult()
        for (index, proof) in all.enumerated() {
            let problems = await verifyOne(
                proof,
                at: all.count > 1 ? index : nil,
                allProofs: all,
                unsecured: unsecured,
                expectations: expectations,
                resolver: resolver,
                now: now
            )
            result.problems += problems
        }
        return result
    }

    /// Parses JSON bytes and verifies the document's proofs; bytes that are not a JSON object give a
    /// ``VerificationProblem/Kind/malformed`` result (`PARSING_ERROR`).
    /// - Parameters:
    ///   - bytes: The secured document's bytes.
    ///   - expectations: What the proofs must carry.
    ///   - resolver: Resolves the DIDs of verification methods.
    ///   - now: The current time.
    /// - Returns: The result.
    public static func verify(
        bytes: [UInt8],
        expecting expectations: Expectations = Expectations(),
        resolver: some DIDResolver,
        now: Date
    ) async -> VerificationResult {
        guard case .object(let object)? = try? JSONValue(parsing: bytes) else {
            return VerificationResult(problems: [VerificationProblem(.malformed, "the document is not a JSON object")])
        }
        return await verify(object, expecting: expectations, resolver: resolver, now: now)
    }

    /// The proofs of a document: none, the one object, or the objects of the array.
    static func proofs(of document: JSONObject) -> Outcome<[JSONObject]> {
        switch document["proof"] {
        case nil: return .success([])
        case .object(let proof)?: return .success([proof])
        case .array(let items)?:
            var proofs: [JSONObject] = []
            for item in items {
                guard case .object(let proof) = item else {
                    return .failure(VerificationProblem(.malformed, "every item of proof must be an object"))
                }
                proofs.append(proof)
            }
            return .success(proofs)
        default:
            return .failure(VerificationProblem(.malformed, "proof must be an object or an array of objects"))
        }
    }

    private static func strings(_ value: JSONValue?) -> [String]? {
        switch value {
        case .string(let text)?: return [text]
        case .array(let items)?:
            var result: [String] = []
            for item in items {
                guard let text = item.stringValue else { return nil }
                result.append(text)
            }
            return result
        default: return nil
        }
    }

    private static func verifyOne(
        _ proof: JSONObject,
        at index: Int?,
        allProofs: [JSONObject],
        unsecured: JSONObject,
        expectations: Expectations,
        resolver: some DIDResolver,
        now: Date
    ) async -> [VerificationProblem] {
        func problem(_ kind: VerificationProblem.Kind, _ reason: String) -> [VerificationProblem] {
            [VerificationProblem(kind, reason, proofIndex: index)]
        }
        // Data Integrity 1.0 §4.4 step 2: type, verificationMethod and proofPurpose are required.
        guard let type = proof["type"]?.stringValue,
            let verificationMethod = proof["verificationMethod"]?.stringValue,
            let purposeText = proof["proofPurpose"]?.stringValue
        else {
            return problem(.malformed, "the proof needs string type, verificationMethod and proofPurpose")
        }
        guard type == "DataIntegrityProof" else {
            return problem(.unsupportedCryptosuite, "proof type \(type) is not supported")
        }
        guard let suiteName = proof["cryptosuite"]?.stringValue else {
            return problem(.malformed, "a DataIntegrityProof needs a string cryptosuite")
        }
        guard let suite = expectations.cryptosuites.first(where: { $0.name == suiteName }) else {
            return problem(.unsupportedCryptosuite, "cryptosuite \(suiteName) is not supported")
        }
        guard let purpose = VerificationRelationship(rawValue: purposeText) else {
            return problem(.malformed, "proofPurpose '\(purposeText)' is not a verification relationship")
        }
        var problems: [VerificationProblem] = []
        if let expected = expectations.proofPurpose, expected != purpose {
            problems += problem(.proofPurposeMismatch, "proofPurpose is \(purposeText), expected \(expected.rawValue)")
        }
        if let expected = expectations.domain, Set(strings(proof["domain"]) ?? []) != Set(expected) {
            problems += problem(.invalidDomain, "the proof's domain is not \(expected.joined(separator: ", "))")
        }
        if let expected = expectations.challenge, proof["challenge"] != .string(expected) {
            problems += problem(.invalidChallenge, "the proof's challenge is not the expected one")
        }
        if let expires = proof["expires"] {
            if let text = expires.stringValue, let date = try? DateTime(text, rules: .xmlSchemaDateTime).date {
                if date < now { problems += problem(.expired, "the proof expired at \(text)") }
            } else {
                problems += problem(.malformed, "the proof's expires is not an XML Schema dateTime")
            }
        }
        // §4.5: a chained proof signs the document together with the proofs it names.
        var input = unsecured
        if let previous = proof["previousProof"] {
            guard let ids = strings(previous) else {
                return problems + problem(.malformed, "previousProof must be a string or an array of strings")
            }
            var matching: [JSONValue] = []
            for id in ids {
                guard let match = allProofs.first(where: { $0["id"] == .string(id) }) else {
                    return problems + problem(.malformed, "previousProof '\(id)' names no proof of the document")
                }
                matching.append(.object(match))
            }
            input["proof"] = .array(matching)
        }
        guard let proofValue = proof["proofValue"]?.stringValue else {
            return problems + problem(.malformed, "the proof has no string proofValue")
        }
        guard proofValue.first == "z", let signature = try? Multibase.decode(proofValue, expecting: .base58btc) else {
            return problems + problem(.malformed, "proofValue is not multibase base58btc ('z…')")
        }
        var configuration = proof
        configuration["proofValue"] = nil
        // vc-di-eddsa §3.3.2 step 2: the proof's @context must be the start of the document's, and replaces it.
        if suite.proofContext == .copiedIntoProof, let proofContext = configuration["@context"] {
            let documentContext = input["@context"].map { $0.arrayValue ?? [$0] } ?? []
            let expected = proofContext.arrayValue ?? [proofContext]
            guard documentContext.count >= expected.count, Array(documentContext.prefix(expected.count)) == expected
            else {
                return problems
                    + problem(.signature, "the document's @context does not start with the proof's @context")
            }
            input["@context"] = proofContext
        }
        let retrieved: VerificationMethodRetrieval.Retrieved
        switch await VerificationMethodRetrieval.retrieve(
            verificationMethod,
            for: purpose,
            resolver: resolver,
            proofIndex: index
        ) {
        case .success(let found): retrieved = found
        case .failure(let failure): return problems + [failure]
        }
        guard retrieved.method.type == .multikey, suite.keyTypes.contains(retrieved.key.keyType) else {
            let allowed = suite.keyTypes.map(\.rawValue).sorted().joined(separator: ", ")
            return problems
                + problem(
                    .invalidVerificationMethod,
                    "\(suite.name) needs a Multikey verification method with a key of type \(allowed), not a "
                        + "\(retrieved.method.type.rawValue) \(retrieved.key.keyType.rawValue) key"
                )
        }
        let signingInput: Cryptosuite.SigningInput
        do {
            signingInput = try suite.signingInput(
                document: input,
                proofConfiguration: configuration,
                keyType: retrieved.key.keyType
            )
        } catch {
            return problems + problem(.malformed, error.reason)
        }
        // The ECDSA suites set no low-S rule (vc-di-ecdsa §3.3); Ed25519 ignores the flag.
        if !retrieved.key.isValidSignature(signature, for: signingInput.hashData, acceptingHighS: true) {
            problems += problem(.signature, "the \(suite.name) signature does not verify with \(verificationMethod)")
        }
        return problems
    }
}
