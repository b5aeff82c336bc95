// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A keystore with one Ed25519 key `alice` and a scratch folder for bundles, for `did migrate` process tests.
struct MigrateFixture: ~Copyable {
    static let passphrase = "migrate pass phrase"
    let keystore: KeyCommandKeystore
    /// alice's did:key.
    let did: String

    init(keyType: String = "ed25519") async throws {
        let store = try KeyCommandKeystore()
        let generated = try await store.run(
            ["key", "generate", "--type", keyType, "--name", "alice"],
            passphrase: Self.passphrase
        )
        generated.expectSuccess()
        did = try #require(try generated.json()["did"]?.stringValue, "\(generated)")
        keystore = store
    }

    /// A path in the scratch folder.
    func path(_ name: String) -> String { keystore.scratch.path(name) }

    /// Runs `did` with the keystore and passphrase.
    func run(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> CLIRunResult {
        try await keystore.run(arguments, passphrase: Self.passphrase, sourceLocation: sourceLocation)
    }

    /// Writes `followers.jsonl` (`count` actor URIs and DIDs, JSON Lines) and `following.csv` (a header and 3 rows).
    func writeLists(followers count: Int) throws -> (followers: String, following: String) {
        var lines: [String] = []
        for index in 0..<count {
            lines.append(
                index % 3 == 0
                    ? #"{"id":"https://f\#(index).example/users/u\#(index)","protocol":"activitypub","acct":"u\#(index)@f\#(index).example"}"#
                    : #""https://h\#(index).example/users/u\#(index)""#
            )
        }
        let followers = try keystore.write("followers.jsonl", lines.joined(separator: "\n") + "\n")
        let following = try keystore.write(
            "following.csv",
            "Account address,Show boosts\r\nbob@other.example,true\r\nhttps://x.example/users/carol,true\r\n"
                + "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK,false\r\n"
        )
        return (followers, following)
    }

    /// Exports a did:key bundle of 10 followers (pages of 4: 3 pages) and 3 following (inline) into `name`.
    func exportBundle(_ name: String = "bundle", extra: [String] = []) async throws -> String {
        let (followers, following) = try writeLists(followers: 10)
        let out = path(name)
        let exported = try await run(
            [
                "migrate", "export", "--key", "alice", "--subject", did, "--followers", followers, "--following",
                following, "--page-size", "4", "--out", out,
            ] + extra
        )
        exported.expectSuccess()
        return out
    }
}

/// Flips one byte of a file (`index` counted from the start), to a different printable byte.
func flipByte(_ path: String, at index: Int) throws {
    let url = URL(fileURLWithPath: path)
    var bytes = Array(try Data(contentsOf: url))
    bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    try Data(bytes).write(to: url)
}

@Suite("did migrate (the built binary)")
struct MigrateCommandTests {
    @Test("export from followers/following lists, then verify a did:key bundle offline in a fresh process")
    func exportThenVerify() async throws {
        let fixture = try await MigrateFixture()
        let (followers, following) = try fixture.writeLists(followers: 10)
        let out = fixture.path("bundle")
        let exported = try await fixture.run(
            [
                "migrate", "export", "--key", "alice", "--subject", fixture.did, "--followers", followers,
                "--following", following, "--page-size", "4", "--sequence", "7", "--out", out,
            ]
        )
        exported.expectSuccess()
        let summary = exported.standardOutput
        #expect(summary.contains("exported \(out)\n"), "\(exported)")
        #expect(summary.contains("following: 3 inline\n"), "\(exported)")
        #expect(summary.contains("followers: 10 in 3 pages of 4\n"), "\(exported)")
        #expect(summary.contains("proof: DataIntegrityProof by \(fixture.did)#"), "\(exported)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out).sorted()
        #expect(
            files == [
                "bundle.json", "pages", "pages/followers", "pages/followers/000000.jsonl",
                "pages/followers/000001.jsonl", "pages/followers/000002.jsonl",
            ]
        )
        // Nothing but the bundle is left next to it (no staging or sort folders).
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.keystore.scratch.url.path)
        #expect(siblings.filter { $0.hasPrefix(".") || $0.contains("imb-export") }.isEmpty, "\(siblings)")

        let manifest = try JSONValue(parsing: Data(contentsOf: URL(fileURLWithPath: out + "/bundle.json")))
        #expect(manifest["sequence"] == 7)
        #expect(manifest["graph"]?["following"]?["items"]?.arrayValue?.first?["id"] == "acct:bob@other.example")

        // The folder and its bundle.json both work; stderr stays empty (no progress bar without a terminal).
        for path in [out, out + "/bundle.json"] {
            let verified = try await CLI.run(["migrate", "verify", path])
            verified.expectSuccess()
            #expect(verified.standardOutput.hasPrefix("verified: \(out)/bundle.json\n"), "\(verified)")
            #expect(verified.standardOutput.contains("subject: \(fixture.did)\n"), "\(verified)")
            #expect(verified.standardOutput.contains("not checked: replay no-replay-state"), "\(verified)")
            #expect(!verified.standardOutput.contains("failed:"), "\(verified)")
        }
        let json = try await CLI.run(["migrate", "verify", "--json", out])
        json.expectSuccess()
        let result = try json.json()
        #expect(result["outcome"] == "verified")
        #expect(result["qualifiers"] == [])
        let checks = try #require(result["checks"]?.arrayValue)
        let byName = Dictionary(checks.compactMap { c in c["name"]?.stringValue.map { ($0, c) } }) { a, _ in a }
        for name in [
            "manifest.parse", "proof.key", "proof.signature", "proof.audience", "proof.validity",
            "collections.followers.root", "collections.following.root", "collections.followers.pages[0]",
            "collections.followers.pages[2]",
        ] {
            #expect(byName[name]?["status"] == "verified", "\(name): \(json)")
        }
        #expect(byName["followerConsent"]?["status"] == "not-provable")
    }

    @Test("one flipped byte in any page or in bundle.json exits 1 naming the page or field")
    func flippedBytesFail() async throws {
        let fixture = try await MigrateFixture()
        let out = try await fixture.exportBundle()
        let pristine = try FileManager.default.subpathsOfDirectory(atPath: out)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") }
        var originals: [String: Data] = [:]
        for file in pristine { originals[file] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + file)) }
        for file in pristine.sorted() {
            let size = try #require(originals[file]).count
            // Three positions per file: early, middle, late (the last byte of a page is its final LF).
            for index in [size / 7, size / 2, size - 3] {
                try flipByte(out + "/" + file, at: index)
                defer { try? originals[file]?.write(to: URL(fileURLWithPath: out + "/" + file)) }
                let result = try await CLI.run(["migrate", "verify", out])
                // A bundle.json that no longer parses is malformed input (65); any other flip fails a check (1).
                let unparseable = result.standardOutput.contains("failed: manifest.parse ")
                let line = result.expectFailure(unparseable ? 65 : 1, linePrefix: "rejected: ")
                #expect(result.standardOutput.hasPrefix("rejected: "), "\(result)")
                let failed = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("failed: ") }
                #expect(!failed.isEmpty, "\(result)")
                if file.hasPrefix("pages/") {
                    let pageIndex = Int(file.dropFirst("pages/followers/".count).prefix(6)) ?? -1
                    let name = "collections.followers.pages[\(pageIndex)]"
                    #expect(
                        failed.contains { $0.hasPrefix("failed: \(name) page-cid-mismatch at \(file)") },
                        "\(result)"
                    )
                    #expect(line.contains(name) && line.contains(file), "\(line)")
                } else {
                    // A manifest byte: the parse (byte offset), the structure or the signature over /proof fails.
                    #expect(
                        failed.contains {
                            $0.hasPrefix("failed: manifest.") || $0.hasPrefix("failed: proof.signature")
                                || $0.hasPrefix("failed: collections.")
                        },
                        "\(result)"
                    )
                    // Each line names the check, a reason code and where or what (a pointer, a byte, a member).
                    #expect(failed.allSatisfy { $0.split(separator: " ").count >= 4 }, "\(result)")
                }
            }
        }
        // Restored: verifies again.
        try await CLI.run(["migrate", "verify", out]).expectSuccess()
        // A missing page file: the folder lacks what its own manifest names → rejected, naming the page.
        try FileManager.default.removeItem(atPath: out + "/pages/followers/000001.jsonl")
        let missing = try await CLI.run(["migrate", "verify", out])
        missing.expectFailure(1, linePrefix: "rejected: 1 mandatory check failed (collections.followers.pages[1]")
        #expect(
            missing.standardOutput.contains(
                "failed: collections.followers.pages[1] page-missing at pages/followers/000001.jsonl"
            ),
            "\(missing)"
        )
    }

    @Test(
        "secp256k1 and P-256 did:keys sign a DetachedJws bundle that verifies; x25519 cannot sign",
        arguments: ["secp256k1", "p256"]
    )
    func detachedJWSKeys(keyType: String) async throws {
        let fixture = try await MigrateFixture(keyType: keyType)
        let out = try await fixture.exportBundle()
        try await CLI.run(["migrate", "verify", out]).expectSuccess()
        let inspected = try await CLI.run(["migrate", "inspect", out])
        #expect(inspected.standardOutput.contains("proof: DetachedJws\n"), "\(inspected)")
        try await fixture.run(["key", "generate", "--type", "x25519", "--name", "agreement"]).expectSuccess()
        let shown = try await fixture.run(["key", "show", "agreement"])
        let did = try #require(try shown.json()["did"]?.stringValue)
        let (followers, _) = try fixture.writeLists(followers: 2)
        let refused = try await fixture.run(
            [
                "migrate", "export", "--key", "agreement", "--subject", did, "--followers", followers, "--out",
                fixture.path("x"),
            ]
        )
        refused.expectFailure(64, linePrefix: "key agreement is x25519; a bundle is signed with ed25519")
    }

    @Test("--domain and --challenge must match the bundle's destination and challenge")
    func audience() async throws {
        let fixture = try await MigrateFixture()
        let out = try await fixture.exportBundle(extra: ["--destination", "https://new.example", "--challenge", "c-1"])
        let right = ["--domain", "https://new.example", "--challenge", "c-1"]
        try await CLI.run(["migrate", "verify", out] + right).expectSuccess()

        let domain = try await CLI.run(["migrate", "verify", out, "--domain", "https://other.example"])
        let line = domain.expectFailure(1, linePrefix: "rejected: 1 mandatory check failed (proof.audience")
        #expect(line.contains("domain-mismatch at /proof/domain"), "\(line)")

        let challenge = try await CLI.run(
            ["migrate", "verify", out, "--domain", "https://new.example", "--challenge", "c-2"]
        )
        challenge.expectFailure(1, linePrefix: "rejected: 1 mandatory check failed (proof.audience challenge-mismatch")
        let json = try await CLI.run([
            "migrate", "verify", "--json", out, "--domain", "https://new.example", "--challenge", "x",
        ])
        json.expectFailure(1)
        #expect(try json.json()["outcome"] == "rejected")

        // No --domain for a bundle addressed to a receiver: the audience is not checked → incomplete, exit 2.
        let unchecked = try await CLI.run(["migrate", "verify", out])
        unchecked.expectFailure(2, linePrefix: "incomplete: not checked: proof.audience")
    }

    @Test("a did:web subject signs with its assertionMethod key; --did-document verifies offline")
    func didWebSubject() async throws {
        let fixture = try await MigrateFixture()
        let www = fixture.path("www")
        let created = try await fixture.run(["create", "web", "--host", "example.com", "--key", "alice", "--out", www])
        created.expectSuccess()
        let documentFile = www + "/.well-known/did.json"
        let (followers, _) = try fixture.writeLists(followers: 5)
        let out = fixture.path("web-bundle")
        let exported = try await fixture.run(
            [
                "migrate", "export", "--key", "alice", "--subject", "did:web:example.com", "--followers", followers,
                "--did-document", documentFile, "--out", out,
            ]
        )
        exported.expectSuccess()
        #expect(exported.standardOutput.contains("by did:web:example.com#key-0"), "\(exported)")
        let verified = try await CLI.run(["migrate", "verify", out, "--did-document", documentFile])
        verified.expectSuccess()

        // Another key is not the subject's: refused before anything is written.
        try await fixture.run(["key", "generate", "--type", "ed25519", "--name", "mallory"]).expectSuccess()
        let refused = try await fixture.run(
            [
                "migrate", "export", "--key", "mallory", "--subject", "did:web:example.com", "--followers", followers,
                "--did-document", documentFile, "--out", fixture.path("refused"),
            ]
        )
        refused.expectFailure(64, linePrefix: "key mallory is not an assertionMethod key of did:web:example.com")
        let otherKey = try await fixture.run(
            [
                "migrate", "export", "--key", "mallory", "--subject", fixture.did, "--followers", followers, "--out",
                fixture.path("x"),
            ]
        )
        otherKey.expectFailure(64, linePrefix: "key mallory is did:key:")
        #expect(!FileManager.default.fileExists(atPath: fixture.path("refused")))
        #expect(!FileManager.default.fileExists(atPath: fixture.path("x")))
    }

    @Test("a malformed list row fails naming file and line, and leaves no folder behind")
    func badInputLeavesNothing() async throws {
        let fixture = try await MigrateFixture()
        let list = try fixture.keystore.write(
            "bad.csv",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\nnot an id\n"
        )
        let out = fixture.path("bundle")
        let result = try await fixture.run(
            ["migrate", "export", "--key", "alice", "--subject", fixture.did, "--followers", list, "--out", out]
        )
        let line = result.expectFailure(65)
        #expect(line.contains("bad.csv:2") || line.contains("bad.csv line 2"), "\(line)")
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.keystore.scratch.url.path)
        #expect(!left.contains("bundle") && left.allSatisfy { !$0.hasPrefix(".") }, "\(left)")

        // An existing output folder is never overwritten.
        _ = try await fixture.exportBundle("taken")
        let again = try await fixture.run(
            [
                "migrate", "export", "--key", "alice", "--subject", fixture.did, "--followers", list, "--out",
                fixture.path("taken"),
            ]
        )
        again.expectFailure(74, linePrefix: "\(fixture.path("taken")) already exists")
    }

    @Test("an export interrupted by SIGINT exits 130 and leaves no bundle and no working folders")
    func interruptedExport() async throws {
        let fixture = try await MigrateFixture()
        let lines = (0..<200_000).map { "https://h\($0).example/users/u" }
        let list = try fixture.keystore.write("big.csv", lines.joined(separator: "\n") + "\n")
        let out = fixture.path("bundle")
        let binary = try CLI.binary.get()
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "migrate", "export", "--key", "alice", "--subject", fixture.did, "--followers", list, "--out", out,
        ]
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in fixture.keystore.environment(passphrase: MigrateFixture.passphrase) {
            environment[name] = value
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the export works in its hidden folder, then interrupt it.
        let scratch = fixture.keystore.scratch.url.path
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning, ContinuousClock.now < deadline {
            let names = try FileManager.default.contentsOfDirectory(atPath: scratch)
            if names.contains(where: { $0.hasPrefix(".bundle.work-") }) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(process.isRunning, "the export finished before it could be interrupted")
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGINT)
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationReason == .exit && process.terminationStatus == 130)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch)
        #expect(!left.contains("bundle") && left.allSatisfy { !$0.hasPrefix(".") }, "\(left)")
    }

    @Test("usage errors exit 64 with one line and write nothing")
    func usageErrors() async throws {
        let fixture = try await MigrateFixture()
        let (followers, _) = try fixture.writeLists(followers: 2)
        let base = ["migrate", "export", "--key", "alice", "--out", fixture.path("bundle")]
        let cases: [([String], String)] = [
            (["--subject", fixture.did], "nothing to export"),
            (["--subject", fixture.did, "--followers", followers, "--page-size", "3"], "--page-size"),
            (["--subject", fixture.did, "--followers", followers, "--sequence", "0"], "--sequence"),
            (
                ["--subject", fixture.did, "--followers", followers, "--destination", "http://new.example/x"],
                "--destination http://new.example/x is neither an https origin nor a DID"
            ),
            (["--subject", "not-a-did", "--followers", followers], "--subject not-a-did is not a DID"),
        ]
        for (arguments, message) in cases {
            let result = try await fixture.run(base + arguments)
            #expect(result.status == 64, "\(result)")
            #expect(result.standardError.contains(message), "\(result)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: fixture.keystore.scratch.url.path)
        #expect(!left.contains("bundle") && left.allSatisfy { !$0.hasPrefix(".") }, "\(left)")
    }

    @Test("inspect summarises the manifest without verifying and says so")
    func inspect() async throws {
        let fixture = try await MigrateFixture()
        let out = try await fixture.exportBundle(extra: ["--destination", "https://new.example", "--sequence", "42"])
        let inspected = try await CLI.run(["migrate", "inspect", out])
        inspected.expectSuccess()
        let lines = inspected.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("UNVERIFIED: ") == true, "\(inspected)")
        for expected in [
            "subject: \(fixture.did)", "source: generic did", "destination: activitypub https://new.example",
            "sequence: 42", "proof: DataIntegrityProof eddsa-jcs-2022",
            "  verificationMethod: \(fixture.did)#\(fixture.did.dropFirst("did:key:".count))",
            "  domain: https://new.example",
        ] {
            #expect(lines.contains(expected), "\(expected): \(inspected)")
        }
        #expect(lines.contains { $0.hasPrefix("followers: 10 entries in 3 pages of 4, root z") }, "\(inspected)")
        #expect(lines.contains { $0.hasPrefix("following: 3 entries inline, root z") }, "\(inspected)")
        #expect(lines.contains { $0.hasPrefix("  pages/followers/000002.jsonl: 2 entries, cid b") }, "\(inspected)")
        #expect(lines.contains { $0.hasPrefix("exportedAt: 20") }, "\(inspected)")
        #expect(lines.contains { $0.hasPrefix("  expires: 20") && !$0.contains("expired") }, "\(inspected)")

        // Inspect does not verify: a flipped page byte still inspects.
        try flipByte(out + "/pages/followers/000000.jsonl", at: 10)
        try await CLI.run(["migrate", "inspect", out + "/bundle.json"]).expectSuccess()
        let missing = try await CLI.run(["migrate", "inspect", fixture.path("nothing")])
        missing.expectFailure(74, linePrefix: "no bundle at")
    }
}
