// swift-did: decentralized identity for Swift. Apache-2.0.

/// Shared helpers for reading and writing the DID document data model (DID Core 1.0 §5, §6.2).
enum DocumentSupport {
    /// An ``DIDError/Code/invalidDocument`` error whose reason starts with the JSON path of the problem.
    static func invalid(_ path: String, _ message: String) -> DIDError {
        DIDError(.invalidDocument, path.isEmpty ? message : "\(path): \(message)")
    }

    /// A short name for the JSON type of a value, for error messages.
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// Reads a string member.
    static func string(_ value: JSONValue, _ path: String) throws(DIDError) -> String {
        guard case .string(let text) = value else { throw invalid(path, "must be a string, not \(kind(value))") }
        return text
    }

    /// Reads a DID member.
    static func did(_ value: JSONValue, _ path: String) throws(DIDError) -> DID {
        let text = try string(value, path)
        do {
            return try DID(text)
        } catch {
            throw invalid(path, "'\(text)' is not a DID: \(error.description)")
        }
    }

    /// Reads a member that must be an array.
    static func array(_ value: JSONValue, _ path: String) throws(DIDError) -> [JSONValue] {
        guard case .array(let items) = value else { throw invalid(path, "must be an array, not \(kind(value))") }
        return items
    }

    /// Reads a member that must be an object.
    static func object(_ value: JSONValue, _ path: String) throws(DIDError) -> JSONObject {
        guard case .object(let object) = value else { throw invalid(path, "must be an object, not \(kind(value))") }
        return object
    }

    /// Checks that `reference` is a DID URL, absolute or relative to `base` (DID Core 1.0 §3.2, §3.2.2).
    static func checkDIDURL(_ reference: String, base: DID, _ path: String) throws(DIDError) {
        if reference.hasPrefix("did:") {
            do {
                _ = try DIDURL(reference)
            } catch {
                throw invalid(path, "'\(reference)' is not a DID URL: \(error.description)")
            }
        } else {
            do {
                _ = try DIDURL(resolving: reference, against: base.url)
            } catch {
                throw invalid(path, "'\(reference)' is not a relative DID URL: \(error.reason)")
            }
        }
    }

    /// Whether two ids name the same thing once relative ones (`#…`, `?…`) are made absolute against `base`
    /// (DID Core 1.0 §3.2.2). Does not allocate.
    static func idsMatch(_ a: String, _ b: String, base: DID) -> Bool {
        if a == b { return true }
        let aRelative = isSameDocumentReference(a)
        let bRelative = isSameDocumentReference(b)
        if aRelative == bRelative { return false }
        let (relative, absolute) = aRelative ? (a, b) : (b, a)
        let prefix = base.description.utf8
        let absoluteUTF8 = absolute.utf8
        guard absoluteUTF8.count == prefix.count + relative.utf8.count, absoluteUTF8.starts(with: prefix) else {
            return false
        }
        return absoluteUTF8.dropFirst(prefix.count).elementsEqual(relative.utf8)
    }

    /// `true` for references that RFC 3986 §5.2 resolves by appending to a DID: `#fragment` and `?query`.
    static func isSameDocumentReference(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == 0x23 || first == 0x3F
    }

    /// Makes a `#…` or `?…` reference absolute against `base`; other values are returned unchanged.
    static func absolute(_ reference: String, base: DID) -> String {
        isSameDocumentReference(reference) ? base.description + reference : reference
    }

    /// Builds an object from members whose keys the caller knows to be unique.
    static func object(_ members: [JSONObject.Member]) -> JSONObject {
        JSONObject(uniqueMembers: members, index: nil)
    }
}
