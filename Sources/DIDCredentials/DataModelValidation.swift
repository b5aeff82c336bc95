// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation

/// The core rules of the VC Data Model (2.0, and 1.1 for reading), checked on the JSON as received: one
/// ``VerificationProblem/Kind/malformed`` problem per broken rule, each naming the member and the section.
///
/// No JSON-LD processing: contexts are checked as the specification's JSON rules and the test suite require (first
/// item, URL or object items, no redefinition of protected terms, `type` terms mapped by a known or inline context).
struct DataModelValidation {
    /// The base context of VC Data Model 2.0 (§4.3).
    static let v2Context = "https://www.w3.org/ns/credentials/v2"
    /// The base context of VC Data Model 1.1 (§4.1 of 1.1).
    static let v1Context = "https://www.w3.org/2018/credentials/v1"

    /// Terms the protected v2 context defines (`contexts/credentials-v2.jsonld`, top level and the scoped contexts of
    /// `VerifiableCredential` and `VerifiablePresentation`).
    static let v2ProtectedTerms: Set<String> = [
        "id", "type", "description", "digestMultibase", "digestSRI", "mediaType", "name", "VerifiableCredential",
        "EnvelopedVerifiableCredential", "VerifiablePresentation", "EnvelopedVerifiablePresentation",
        "JsonSchemaCredential", "JsonSchema", "BitstringStatusListCredential", "BitstringStatusList",
        "BitstringStatusListEntry", "DataIntegrityProof", "_sd", "_sd_alg", "aud", "cnf", "exp", "iat", "iss", "jku",
        "kid", "nbf", "sub", "x5u", "confidenceMethod", "credentialSchema", "credentialStatus", "credentialSubject",
        "evidence", "issuer", "proof", "refreshService", "relatedResource", "renderMethod", "termsOfUse", "validFrom",
        "validUntil", "holder", "verifiableCredential",
    ]

    private(set) var problems: [VerificationProblem] = []
    private let prefix: String

    /// The version the document declares by its first context.
    let version: VerifiableCredential.Version

    /// Terms defined by inline contexts (the v2 context's terms are looked up in ``v2ProtectedTerms``).
    private var definedTerms: [String: JSONValue] = [:]
    /// Terms protected by inline contexts with `@protected: true`.
    private var protectedTerms: Set<String> = []
    private var vocabularyActive = false
    private var unknownRemoteContext = false
    /// Set when `@context` itself is broken: type terms are then not checked again (one problem per broken rule).
    private var contextBroken = false

    private init(_ object: JSONObject, prefix: String) {
        self.prefix = prefix
        let first = object["@context"].flatMap { $0.arrayValue?.first ?? $0 }
        self.version = first == .string(Self.v1Context) ? .v1_1 : .v2
    }

    private mutating func fail(_ member: String, _ rule: String) {
        problems.append(VerificationProblem(.malformed, "\(prefix)\(member): \(rule)"))
    }

    /// Whether text is an absolute URL (RFC 3986 §4.3: a scheme, `:`, and no whitespace or control characters).
    static func isURL(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, colon < bytes.count - 1 else {
            return false
        }
        func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard isAlpha(bytes[0]) else { return false }
        for byte in bytes[1..<colon] {
            let ok =
                isAlpha(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard ok else { return false }
        }
        return !bytes.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") }
    }

    /// Validates a credential.
    static func credential(_ object: JSONObject, prefix: String = "") -> [VerificationProblem] {
        var validation = DataModelValidation(object, prefix: prefix)
        validation.checkContext(object["@context"])
        validation.checkID(object["id"], "id")
        validation.checkTypes(object["type"], "type", required: "VerifiableCredential")
        validation.checkIssuer(object["issuer"])
        validation.checkSubjects(object["credentialSubject"])
        validation.checkDates(object)
        for member in ["name", "description"] { validation.checkLanguageValues(object[member], member) }
        validation.checkTyped(object["credentialStatus"], "credentialStatus", idRequired: false)
        validation.checkTyped(object["credentialSchema"], "credentialSchema", idRequired: true)
        for member in ["evidence", "termsOfUse", "refreshService", "proof"] {
            validation.checkTyped(object[member], member, idRequired: false)
        }
        return validation.problems
    }

    /// Validates a presentation, and the credentials it embeds.
    static func presentation(_ object: JSONObject) -> [VerificationProblem] {
        var validation = DataModelValidation(object, prefix: "")
        validation.checkContext(object["@context"])
        validation.checkID(object["id"], "id")
        validation.checkTypes(object["type"], "type", required: "VerifiablePresentation")
        if let holder = object["holder"] {
            switch holder {
            case .string(let text) where isURL(text): break
            case .object(let holderObject):
                if !(holderObject["id"]?.stringValue.map(isURL) ?? false) {
                    validation.fail("holder.id", "must be a URL (VC Data Model 2.0 §4.13)")
                }
            default: validation.fail("holder", "must be a URL or an object with an id URL (VC Data Model 2.0 §4.13)")
            }
        }
        validation.checkTyped(object["proof"], "proof", idRequired: false)
        validation.checkTyped(object["termsOfUse"], "termsOfUse", idRequired: false)
        if let embedded = object["verifiableCredential"] {
            let items = embedded.arrayValue ?? [embedded]
            for (index, item) in items.enumerated() {
                let path = "verifiableCredential[\(index)]"
                guard case .object(let credential) = item else {
                    validation.fail(path, "must be an object, not a string or URL (VC Data Model 2.0 §4.13)")
                    continue
                }
                let types = credential["type"].map { $0.arrayValue ?? [$0] } ?? []
                if types.contains("EnvelopedVerifiableCredential") {
                    validation.checkEnveloped(credential, path)
                } else {
                    validation.problems += Self.credential(credential, prefix: path + ".")
                }
            }
        }
        return validation.problems
    }

    private mutating func checkEnveloped(_ object: JSONObject, _ path: String) {
        let contexts = object["@context"].map { $0.arrayValue ?? [$0] } ?? []
        if !contexts.contains(.string(Self.v2Context)) {
            fail(
                path + ".@context",
                "an EnvelopedVerifiableCredential needs the v2 context (VC Data Model 2.0 §4.13.1)"
            )
        }
        guard let id = object["id"]?.stringValue, id.hasPrefix("data:"), id.contains(",") else {
            fail(path + ".id", "an EnvelopedVerifiableCredential's id must be a data: URL (VC Data Model 2.0 §4.13.1)")
            return
        }
    }

    private mutating func checkContext(_ context: JSONValue?) {
        guard let context else {
            fail("@context", "is required (VC Data Model 2.0 §4.3)")
            contextBroken = true
            return
        }
        let items = context.arrayValue ?? [context]
        let base = version == .v1_1 ? Self.v1Context : Self.v2Context
        guard items.first == .string(base) else {
            fail("@context", "the first item must be \(Self.v2Context) (VC Data Model 2.0 §4.3)")
            contextBroken = true
            return
        }
        if version == .v1_1 { vocabularyActive = true }
        for (index, item) in items.enumerated().dropFirst() {
            switch item {
            case .string(let url):
                if !Self.isURL(url) {
                    fail("@context[\(index)]", "'\(url)' is not a URL (VC Data Model 2.0 §4.3)")
                } else if url != Self.v2Context && url != Self.v1Context {
                    unknownRemoteContext = true
                }
            case .object(let inline):
                checkInlineContext(inline, index)
            default:
                fail("@context[\(index)]", "items must be URLs or objects (VC Data Model 2.0 §4.3)")
            }
        }
    }

    private mutating func checkInlineContext(_ inline: JSONObject, _ index: Int) {
        let protects = inline["@protected"] == .bool(true)
        for member in inline {
            if member.key == "@vocab" {
                vocabularyActive = !member.value.isNull
                continue
            }
            if member.key.hasPrefix("@") { continue }
            let protectedByV2 = version == .v2 && Self.v2ProtectedTerms.contains(member.key)
            if protectedByV2 || (protectedTerms.contains(member.key) && definedTerms[member.key] != member.value) {
                fail(
                    "@context[\(index)].\(member.key)",
                    "redefines a protected term (JSON-LD 1.1 §4.1.11; VC Data Model 2.0 §4.3)"
                )
                continue
            }
            let iri = member.value.stringValue ?? member.value["@id"]?.stringValue
            if let iri, !Self.isURL(iri) && !iri.hasPrefix("@") {
                fail("@context[\(index)].\(member.key)", "maps to '\(iri)', which is not a URL")
            }
            definedTerms[member.key] = member.value
            if protects { protectedTerms.insert(member.key) }
        }
    }

    private func isMapped(_ type: String) -> Bool {
        contextBroken || (version == .v2 && Self.v2ProtectedTerms.contains(type)) || definedTerms[type] != nil
            || vocabularyActive || unknownRemoteContext || Self.isURL(type)
    }

    private mutating func checkTypeValue(_ value: JSONValue?, _ member: String, required: String?) {
        let items: [JSONValue]
        switch value {
        case nil:
            fail(member, "is required (VC Data Model 2.0 §4.5)")
            return
        case .string?: items = [value!]
        case .array(let array)?: items = array
        default:
            fail(member, "must be a string or an array of strings (VC Data Model 2.0 §4.5)")
            return
        }
        var names: [String] = []
        for item in items {
            guard let name = item.stringValue else {
                fail(member, "must be a string or an array of strings (VC Data Model 2.0 §4.5)")
                return
            }
            names.append(name)
        }
        if names.isEmpty {
            fail(member, "must name at least one type (VC Data Model 2.0 §4.5)")
            return
        }
        if let required, !names.contains(required) {
            fail(member, "must include \(required) (VC Data Model 2.0 §4.5)")
        }
        for name in names where !isMapped(name) {
            fail(member, "'\(name)' is neither a URL nor a term defined by a context (VC Data Model 2.0 §4.5)")
        }
    }

    private mutating func checkTypes(_ value: JSONValue?, _ member: String, required: String) {
        checkTypeValue(value, member, required: required)
    }

    private mutating func checkID(_ value: JSONValue?, _ member: String) {
        guard let value else { return }
        guard let text = value.stringValue, Self.isURL(text) else {
            fail(member, "must be a single URL (VC Data Model 2.0 §4.4)")
            return
        }
    }

    private mutating func checkIssuer(_ value: JSONValue?) {
        switch value {
        case nil: fail("issuer", "is required (VC Data Model 2.0 §4.7)")
        case .string(let text)?:
            if !Self.isURL(text) {
                fail("issuer", "must be a URL or an object with an id URL (VC Data Model 2.0 §4.7)")
            }
        case .object(let issuer)?:
            if let id = issuer["id"] {
                if !(id.stringValue.map(Self.isURL) ?? false) {
                    fail("issuer.id", "must be a URL (VC Data Model 2.0 §4.7)")
                }
            } else {
                fail("issuer.id", "is required when issuer is an object (VC Data Model 2.0 §4.7)")
            }
            for member in ["name", "description"] { checkLanguageValues(issuer[member], "issuer." + member) }
        default: fail("issuer", "must be a URL or an object with an id URL (VC Data Model 2.0 §4.7)")
        }
    }

    private mutating func checkSubjects(_ value: JSONValue?) {
        guard let value else {
            fail("credentialSubject", "is required (VC Data Model 2.0 §4.8)")
            return
        }
        let items = value.arrayValue ?? [value]
        if items.isEmpty { fail("credentialSubject", "must not be empty (VC Data Model 2.0 §4.8)") }
        for (index, item) in items.enumerated() {
            let path = value.arrayValue == nil ? "credentialSubject" : "credentialSubject[\(index)]"
            guard case .object(let subject) = item else {
                fail(path, "must be an object (VC Data Model 2.0 §4.8)")
                continue
            }
            if subject.isEmpty { fail(path, "must make at least one claim (VC Data Model 2.0 §4.8)") }
            if let id = subject["id"], !(id.stringValue.map(Self.isURL) ?? false) {
                fail(path + ".id", "must be a single URL (VC Data Model 2.0 §4.4)")
            }
        }
    }

    private mutating func checkDates(_ object: JSONObject) {
        let (fromName, untilName) = version == .v1_1 ? ("issuanceDate", "expirationDate") : ("validFrom", "validUntil")
        func date(_ member: String) -> Date? {
            guard let value = object[member] else { return nil }
            guard let text = value.stringValue, let date = try? DateTime(text, rules: .dateTimeStamp).date else {
                fail(member, "must be an XML Schema dateTimeStamp with a time zone (VC Data Model 2.0 §4.9)")
                return nil
            }
            return date
        }
        if version == .v1_1 && object["issuanceDate"] == nil {
            fail("issuanceDate", "is required in VC Data Model 1.1 (§4.6)")
        }
        let from = date(fromName)
        let until = date(untilName)
        if let from, let until, from > until {
            fail(untilName, "must not be before \(fromName) (VC Data Model 2.0 §4.9)")
        }
    }

    private mutating func checkLanguageValues(_ value: JSONValue?, _ member: String) {
        guard let value else { return }
        let items = value.arrayValue ?? [value]
        for item in items {
            switch item {
            case .string: continue
            case .object(let language):
                let allowed: Set<String> = ["@value", "@language", "@direction"]
                if language["@value"]?.stringValue == nil || !language.keys.allSatisfy(allowed.contains) {
                    fail(
                        member,
                        "a language value object has a string @value and only @language, @direction "
                            + "(VC Data Model 2.0 §4.6, §11.1)"
                    )
                    return
                }
            default:
                fail(member, "must be a string or language value objects (VC Data Model 2.0 §4.6)")
                return
            }
        }
    }

    private mutating func checkTyped(_ value: JSONValue?, _ member: String, idRequired: Bool) {
        guard let value else { return }
        let items = value.arrayValue ?? [value]
        for (index, item) in items.enumerated() {
            let path = value.arrayValue == nil ? member : "\(member)[\(index)]"
            guard case .object(let object) = item else {
                fail(path, "must be an object (VC Data Model 2.0 §4)")
                continue
            }
            if object["type"] == nil {
                fail(path + ".type", "is required (VC Data Model 2.0 §4)")
            } else {
                checkTypeValue(object["type"], path + ".type", required: nil)
            }
            if let id = object["id"] {
                if !(id.stringValue.map(Self.isURL) ?? false) {
                    fail(path + ".id", "must be a single URL (VC Data Model 2.0 §4)")
                }
            } else if idRequired {
                fail(path + ".id", "is required (VC Data Model 2.0 §4.11)")
            }
        }
    }
}
