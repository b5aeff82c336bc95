// swift-did: decentralized identity for Swift. Apache-2.0.

public import DIDCore
public import Foundation

/// Fetches status list credentials for ``BitstringStatusList/check(_:fetcher:resolver:now:minimumEntries:)``:
/// injected so the library does no I/O (an HTTP fetcher lives in DIDResolution; tests use a dictionary).
public protocol StatusListFetcher: Sendable {
    /// Returns the bytes of the status list credential at a URL: JSON (Data Integrity) or a compact JWT
    /// (VC-JOSE-COSE).
    /// - Parameter url: The entry's `statusListCredential`.
    /// - Returns: The bytes.
    /// - Throws: Any error; it is reported as a status problem (`STATUS_RETRIEVAL_ERROR`).
    func statusListCredential(at url: String) async throws -> [UInt8]
}

/// A decoded bitstring (Bitstring Status List 1.0 §2.1): index 0 is the most significant bit of the first byte.
public struct BitstringStatusList: Sendable, Hashable {
    /// The uncompressed bitstring bytes.
    public let bytes: [UInt8]

    /// The number of bits.
    public var count: Int { bytes.count * 8 }

    /// Wraps uncompressed bytes.
    /// - Parameter bytes: The bitstring.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Decodes an `encodedList`: multibase base64url (`u…`, no padding) of the GZIP-compressed bitstring
    /// (Bitstring Status List 1.0 §3.2 "Expand Bitstring"). Text without the `u` prefix is read as plain base64url,
    /// as StatusList2021 lists were written.
    /// - Parameters:
    ///   - encodedList: The `encodedList` value.
    ///   - limit: The most bytes the bitstring may have; 16 MiB by default.
    /// - Throws: ``CredentialError/Code/malformedDocument`` for bad base64url or GZIP.
    public init(encodedList: String, limit: Int = 16 * 1024 * 1024) throws(CredentialError) {
        let body = encodedList.hasPrefix("u") ? encodedList.dropFirst() : Substring(encodedList)
        let compressed: [UInt8]
        do {
            compressed = try Base64URL.decode(body)
        } catch {
            throw CredentialError(.malformedDocument, "encodedList is not base64url: \(error.reason)")
        }
        self.bytes = try GZIP.decompress(compressed, limit: limit)
    }

    /// The `encodedList` of this bitstring: `u` + base64url(GZIP(bytes)) (GZIP with stored blocks).
    public var encodedList: String { Multibase.encode(GZIP.compressStored(bytes), as: .base64url) }

    /// Reads the status of an entry: the `size`-bit big-endian value at bit `index * size` (Bitstring Status List
    /// 1.0 §3.2 step 10).
    /// - Parameters:
    ///   - index: The `statusListIndex`.
    ///   - size: The `statusSize` in bits (1 by default).
    /// - Returns: The value, or `nil` when the entry lies outside the list (`RANGE_ERROR`).
    public func status(at index: Int, size: Int = 1) -> Int? {
        guard index >= 0, size >= 1, size <= 32 else { return nil }
        let (start, overflow) = index.multipliedReportingOverflow(by: size)
        guard !overflow, start <= count - size else { return nil }
        var value = 0
        for bit in start..<(start + size) {
            value = value << 1 | Int(bytes[bit >> 3] >> (7 - UInt8(bit & 7)) & 1)
        }
        return value
    }

    /// A copy with an entry's status set (for issuers).
    /// - Parameters:
    ///   - value: The value; only its low `size` bits are kept.
    ///   - index: The entry index.
    ///   - size: The status size in bits.
    /// - Returns: The updated list, or `nil` when the entry lies outside the list.
    public func setting(_ value: Int, at index: Int, size: Int = 1) -> BitstringStatusList? {
        guard status(at: index, size: size) != nil else { return nil }
        var bytes = self.bytes
        for offset in 0..<size {
            let bit = index * size + offset
            let mask = UInt8(0x80) >> UInt8(bit & 7)
            if (value >> (size - 1 - offset)) & 1 == 1 { bytes[bit >> 3] |= mask } else { bytes[bit >> 3] &= ~mask }
        }
        return BitstringStatusList(bytes: bytes)
    }

    /// The outcome of checking one status entry.
    public struct Check: Sendable, Hashable {
        /// The entry's `statusPurpose`, when it could be read.
        public var purpose: String?
        /// The status value read from the list, or `nil` when it could not be read.
        public var status: Int?
        /// The matching `statusMessage` entry's message, when the list gives one.
        public var message: String?
        /// Problems: kind ``VerificationProblem/Kind/status`` for a set revocation/suspension bit and for failures
        /// to retrieve, verify or read the list; ``VerificationProblem/Kind/malformed`` for a malformed entry.
        public var result: VerificationResult
    }

    /// The smallest list a verifier accepts by default: 131,072 entries (Bitstring Status List 1.0 §4.1, 16 KiB).
    public static let minimumEntries = 131_072

    /// Checks a `BitstringStatusListEntry` (Bitstring Status List 1.0 §3.2 "Validate Algorithm"): fetches the list
    /// credential, verifies it (Data Integrity or VC-JOSE-COSE, through `resolver`), checks its type and purpose,
    /// expands the bitstring, and reads the entry. A non-zero `revocation` or `suspension` status is a problem; other
    /// purposes report their value and message only.
    /// - Parameters:
    ///   - entry: The `credentialStatus` entry.
    ///   - fetcher: Fetches the status list credential.
    ///   - resolver: Resolves the list issuer's DID.
    ///   - now: The current time.
    ///   - minimumEntries: The smallest list accepted (`STATUS_LIST_LENGTH_ERROR` below it).
    /// - Returns: The status and result.
    public static func check(
        _ entry: JSONObject,
        fetcher: some StatusListFetcher,
        resolver: some DIDResolver,
        now: Date,
        minimumEntries: Int = BitstringStatusList.minimumEntries
    ) async -> Check {
        var check = Check(result: VerificationResult())
        func fail(_ kind: VerificationProblem.Kind, _ reason: String) -> Check {
            var failed = check
            failed.result.problems.append(VerificationProblem(kind, reason))
            return failed
        }
        guard entry["type"] == "BitstringStatusListEntry" else {
            return fail(.malformed, "credentialStatus type must be BitstringStatusListEntry")
        }
        guard let purpose = entry["statusPurpose"]?.stringValue else {
            return fail(.malformed, "statusPurpose must be a string (Bitstring Status List 1.0 §2.1)")
        }
        check.purpose = purpose
        guard let indexText = entry["statusListIndex"]?.stringValue, !indexText.isEmpty,
            indexText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let index = Int(indexText)
        else {
            return fail(.malformed, "statusListIndex must be a base-10 string of an integer ≥ 0 (§2.1)")
        }
        var size = 1
        if let sizeValue = entry["statusSize"] {
            guard let number = sizeValue.numberValue, number >= 1, number <= 32, number.rounded() == number else {
                return fail(.malformed, "statusSize must be a positive integer (§2.1)")
            }
            size = Int(number)
        }
        guard let url = entry["statusListCredential"]?.stringValue, DataModelValidation.isURL(url) else {
            return fail(.malformed, "statusListCredential must be a URL (§2.1)")
        }
        if entry["id"] == .string(url) {
            return fail(.malformed, "the entry id must not be the statusListCredential URL (§2.1)")
        }

        // Retrieve and verify the list credential.
        let bytes: [UInt8]
        do {
            bytes = try await fetcher.statusListCredential(at: url)
        } catch {
            return fail(.status, "STATUS_RETRIEVAL_ERROR: \(url) could not be retrieved: \(error)")
        }
        let listCredential: JSONObject
        let verification: VerificationResult
        let text = String(decoding: bytes.prefix(2), as: UTF8.self)
        if text == "ey" {
            let envelope = await JOSE.verify(String(decoding: bytes, as: UTF8.self), resolver: resolver, now: now)
            guard let document = envelope.document else {
                return fail(.status, "STATUS_VERIFICATION_ERROR: \(url): \(envelope.result)")
            }
            (listCredential, verification) = (document, envelope.result)
        } else {
            guard let credential = try? VerifiableCredential(bytes: bytes) else {
                return fail(.status, "STATUS_RETRIEVAL_ERROR: \(url) is not a JSON credential or JWT")
            }
            (listCredential, verification) = (credential.json, await credential.verify(resolver: resolver, now: now))
        }
        guard verification.verified else {
            return fail(
                .status,
                "STATUS_VERIFICATION_ERROR: the status list credential \(url) did not verify: \(verification)"
            )
        }
        let types = listCredential["type"].map { $0.arrayValue ?? [$0] } ?? []
        guard types.contains("BitstringStatusListCredential") else {
            return fail(.status, "STATUS_VERIFICATION_ERROR: \(url) is not a BitstringStatusListCredential")
        }
        guard case .object(let subject)? = listCredential["credentialSubject"],
            subject["type"] == "BitstringStatusList"
        else {
            return fail(.status, "STATUS_VERIFICATION_ERROR: \(url) has no BitstringStatusList subject")
        }
        let purposes = subject["statusPurpose"].map { $0.arrayValue ?? [$0] } ?? []
        guard purposes.contains(.string(purpose)) else {
            return fail(.status, "STATUS_VERIFICATION_ERROR: \(url) is not a \(purpose) list")
        }
        guard let encoded = subject["encodedList"]?.stringValue else {
            return fail(.status, "STATUS_VERIFICATION_ERROR: \(url) has no encodedList")
        }
        let list: BitstringStatusList
        do {
            list = try BitstringStatusList(encodedList: encoded)
        } catch {
            return fail(.status, "STATUS_VERIFICATION_ERROR: \(url): \(error.reason)")
        }
        guard list.count / size >= minimumEntries else {
            return fail(
                .status,
                "STATUS_LIST_LENGTH_ERROR: \(url) has \(list.count / size) entries, fewer than \(minimumEntries)"
            )
        }
        guard let status = list.status(at: index, size: size) else {
            return fail(.status, "RANGE_ERROR: index \(index) is outside \(url) (\(list.count / size) entries)")
        }
        check.status = status
        if let messages = entry["statusMessage"]?.arrayValue {
            let hex = "0x" + String(status, radix: 16)
            check.message = messages.first { $0["status"]?.stringValue?.lowercased() == hex }?["message"]?.stringValue
        }
        if status != 0 && (purpose == "revocation" || purpose == "suspension") {
            let word = purpose == "revocation" ? "revoked" : "suspended"
            return fail(.status, "the credential is \(word) (\(url) entry \(index))")
        }
        return check
    }
}

extension VerifiableCredential {
    /// Verifies a credential as ``verify(resolver:now:)`` does, then checks each `BitstringStatusListEntry` of its
    /// `credentialStatus` (other status types are reported as warnings: not checked).
    /// - Parameters:
    ///   - resolver: Resolves the issuer's (and list issuers') DIDs.
    ///   - statusFetcher: Fetches status list credentials.
    ///   - now: The current time.
    ///   - minimumEntries: The smallest status list accepted.
    /// - Returns: The result.
    public func verify(
        resolver: some DIDResolver,
        statusFetcher: some StatusListFetcher,
        now: Date,
        minimumEntries: Int = BitstringStatusList.minimumEntries
    ) async -> VerificationResult {
        var result = await verify(resolver: resolver, now: now)
        for entry in credentialStatus {
            guard entry["type"] == "BitstringStatusListEntry" else {
                let type = entry["type"]?.stringValue ?? "?"
                result.warnings.append(VerificationProblem(.status, "credentialStatus of type \(type) was not checked"))
                continue
            }
            let check = await BitstringStatusList.check(
                entry,
                fetcher: statusFetcher,
                resolver: resolver,
                now: now,
                minimumEntries: minimumEntries
            )
            result.problems += check.result.problems
            result.warnings += check.result.warnings
        }
        return result
    }
}
