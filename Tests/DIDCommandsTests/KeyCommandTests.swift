// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary keystore folder for `did key` runs, with the environment that points `did` at it.
struct KeyCommandKeystore: ~Copyable {
    let scratch: CLIScratchDirectory
    /// The keystore folder (created by the first `did key generate`).
    let directory: String

    init() throws {
        scratch = try CLIScratchDirectory()
        directory = scratch.path("keys")
    }

    /// `DID_KEYSTORE` set to the folder, the passphrase variables set or removed.
    func environment(passphrase: String? = nil, newPassphrase: String? = nil) -> [String: String?] {
        ["DID_KEYSTORE": directory, "DID_PASSPHRASE": passphrase, "DID_NEW_PASSPHRASE": newPassphrase]
    }

    /// Runs `did` with this keystore.
    func run(
        _ arguments: [String],
        passphrase: String? = nil,
        newPassphrase: String? = nil,
        launcher: [String] = [],
        stdinPath: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CLIRunResult {
        try await CLI.run(
            arguments,
            launcher: launcher,
            environment: environment(passphrase: passphrase, newPassphrase: newPassphrase),
            stdinPath: stdinPath,
            sourceLocation: sourceLocation
        )
    }

    /// The bytes of the key file of `name`.
    func file(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name + ".json")))
    }

    /// Writes a helper file next to the keystore and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = scratch.path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Every way the raw private key could be written as text or bytes, as windows that must not occur in a file.
enum KeyCommandLeak {
    /// Whether `haystack` contains `needle` as a contiguous run.
    static func contains(_ haystack: [UInt8], _ needle: some Collection<UInt8>) -> Bool {
        let needle = Array(needle)
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// Windows of `text` of `width` characters (all of `text` when shorter).
    static func windows(_ text: String, width: Int) -> [String] {
        let characters = Array(text)
        guard characters.count > width else { return [text] }
        return (0...(characters.count - width)).map { String(characters[$0..<($0 + width)]) }
    }

    /// The first encoding of the private key (or of a piece of it) found in `file`, or nil.
    static func find(privateKey raw: [UInt8], keyType: KeyType, in file: [UInt8]) -> String? {
        // Raw bytes: any 8-byte run.
        for start in 0...(raw.count - 8) where contains(file, raw[start..<(start + 8)]) {
            return "raw bytes \(start)..<\(start + 8)"
        }
        var texts: [(String, String)] = []
        let hex = raw.map { String(format: "%02x", $0) }.joined()
        texts.append(("hex", hex))
        texts.append(("HEX", hex.uppercased()))
        // base64 and base64url at each of the three byte alignments, so a piece of the key in any position shows.
        for offset in 0..<3 {
            let slice = Data(raw[offset...])
            let standard = slice.base64EncodedString()
            texts.append(("base64+\(offset)", String(standard.prefix(standard.count - 4))))
            let url = Base64URL.encode(Array(slice))
            texts.append(("base64url+\(offset)", String(url.prefix(url.count - 3))))
        }
        texts.append(
            (
                "multibase secretKeyMultibase",
                Multibase.encode(keyType.privateKeyMulticodec.prefixing(raw), as: .base58btc)
            )
        )
        texts.append(("base58btc", Base58BTC.encode(raw)))
        texts.append(("multibase base64url", Multibase.encode(raw, as: .base64url)))
        texts.append(("multibase base32", Multibase.encode(raw, as: .base32)))
        for (name, text) in texts {
            for window in windows(text, width: 12) where contains(file, Array(window.utf8)) {
                return "\(name) window \(window)"
            }
        }
        return nil
    }
}

/// `did key …` and `did create key --key` driven as processes.
@Suite("did key (the built binary)")
struct KeyCommandTests {
    static let passphrase = "correct horse battery staple"

    @Test(
        "a generated key makes the same DID in a fresh `did create key --key` process, and its file holds no piece of the private key in any encoding",
        arguments: CLIKeyType.all
    )
    func generateThenCreate(type: CLIKeyType) async throws {
        let keystore = try KeyCommandKeystore()
        let generated = try await keystore.run(
            ["key", "generate", "--type", type.name, "--name", "main"],
            passphrase: Self.passphrase
        )
        generated.expectSuccess()
        let summary = try #require(try generated.json().objectValue)
        let did = try #require(summary["did"]?.stringValue)
        #expect(summary["keyType"]?.stringValue == type.name)
        #expect(summary["name"]?.stringValue == "main")

        // A fresh process, without any passphrase.
        let created = try await keystore.run(["create", "key", "--key", "main"])
        created.expectSuccess()
        let output = try #require(try created.json().objectValue)
        #expect(output["did"]?.stringValue == did)
        #expect(output["didDocument"]?["id"]?.stringValue == did)
        let publicKey = try DIDKeyMethod.publicKey(of: try DID(did))
        #expect(publicKey.keyType == type.keyType)

        // The private key, as the user can export it.
        let exported = try await keystore.run(
            ["key", "export", "main", "--format", "jwk", "--private"],
            passphrase: Self.passphrase
        )
        #expect(exported.status == 0, "\(exported)")
        let privateKey = try PrivateKey(jwk: try #require(try exported.json().objectValue))
        #expect(privateKey.publicKey == publicKey)
        let raw = privateKey.withUnsafeRawRepresentation { Array($0) }

        let file = try keystore.file("main")
        #expect(KeyCommandLeak.find(privateKey: raw, keyType: type.keyType, in: file) == nil)
        #expect(
            KeyCommandLeak.contains(file, Array(publicKey.multibaseRepresentation.utf8)),
            "the public key is in clear"
        )
        var status = stat()
        try #require(stat(keystore.directory + "/main.json", &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        try #require(stat(keystore.directory, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o700)
    }

    @Test(
        "generate → export (JWK and Multikey) → import → sign/verify, through the binary",
        arguments: CLIKeyType.all
    )
    func exportImportRoundTrip(type: CLIKeyType) async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--type", type.name, "--name", "a"], passphrase: "pa")
            .expectSuccess()
        let shown = try await keystore.run(["key", "show", "a"])
        shown.expectSuccess()
        let publicKey = try PublicKey(multibase: try #require(try shown.json()["publicKeyMultibase"]?.stringValue))
        #expect(try shown.json()["publicKeyJwk"]?.objectValue == publicKey.jwkRepresentation)

        let jwkExport = try await keystore.run(
            ["key", "export", "a", "--format", "jwk", "--private"],
            passphrase: "pa"
        )
        #expect(jwkExport.status == 0, "\(jwkExport)")
        #expect(jwkExport.errorLines.count == 1)
        #expect(jwkExport.errorLines.first?.hasPrefix("warning: ") == true, "\(jwkExport)")
        let jwkFile = try keystore.write("a.jwk", jwkExport.standardOutput)
        let imported = try await keystore.run(["key", "import", jwkFile, "--name", "from-jwk"], passphrase: "pb")
        imported.expectSuccess()
        #expect(try imported.json()["publicKeyMultibase"]?.stringValue == publicKey.multibaseRepresentation)

        let multikeyExport = try await keystore.run(
            ["key", "export", "a", "--format", "multikey", "--private"],
            passphrase: "pa"
        )
        #expect(multikeyExport.status == 0, "\(multikeyExport)")
        let multikey = try #require(try multikeyExport.json().objectValue)
        #expect(multikey["type"]?.stringValue == "Multikey")
        #expect(multikey["secretKeyMultibase"] != nil)
        let multikeyFile = try keystore.write("a.multikey", multikeyExport.standardOutput)
        let fromStdin = try await keystore.run(
            ["key", "import", "-", "--name", "from-multikey"],
            passphrase: "pc",
            stdinPath: multikeyFile
        )
        fromStdin.expectSuccess()

        // The imported copies decrypt with their own passphrases to the same key, which signs for the public key.
        for (name, passphrase) in [("from-jwk", "pb"), ("from-multikey", "pc")] {
            let export = try await keystore.run(["key", "export", name, "--private"], passphrase: passphrase)
            #expect(export.status == 0, "\(export)")
            let key = try PrivateKey(jwk: try #require(try export.json().objectValue))
            #expect(key.publicKey == publicKey)
            if key.keyType.canSign {
                let message = Array("signed after import".utf8)
                #expect(publicKey.isValidSignature(try key.signature(for: message), for: message))
            }
        }
        let list = try await keystore.run(["key", "list", "--json"])
        list.expectSuccess()
        let names = try #require(try list.json().arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(names == ["a", "from-jwk", "from-multikey"])
        let text = try await keystore.run(["key", "list"])
        text.expectSuccess()
        #expect(text.standardOutput.split(separator: "\n").count == 3)
        #expect(text.standardOutput.hasPrefix("a\t\(type.name)\tdid:key:"))
    }

    @Test("the leak check finds the private key in each encoding it looks for (so the acceptance test can fail)")
    func leakCheckFindsLeaks() throws {
        let key = PrivateKey.generate(.p384)
        let raw = key.withUnsafeRawRepresentation { Array($0) }
        let hex = raw.map { String(format: "%02x", $0) }.joined()
        let leaks: [[UInt8]] = [
            Array("{\"x\":\"".utf8) + raw + Array("\"}".utf8),
            Array("prefix \(hex) suffix".utf8),
            Array(hex.uppercased().utf8),
            Array(Data(raw.dropFirst(5)).base64EncodedString().utf8),
            Array(Base64URL.encode(Array(raw.dropFirst(1))).utf8),
            Array(key.multibaseRepresentation.utf8),
            Array(Base58BTC.encode(raw).utf8),
        ]
        for leak in leaks {
            #expect(KeyCommandLeak.find(privateKey: raw, keyType: .p384, in: leak) != nil)
        }
        #expect(KeyCommandLeak.find(privateKey: raw, keyType: .p384, in: Array(hex.prefix(10).utf8)) == nil)
    }

    @Test("a wrong passphrase exits 77 with one clear line, and the files stay as they were")
    func wrongPassphrase() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--name", "k"], passphrase: "right").expectSuccess()
        let before = try keystore.file("k")
        for arguments in [
            ["key", "export", "k", "--private"], ["key", "export", "k", "--format", "multikey", "--private"],
            ["key", "change-passphrase", "k"],
        ] {
            let run = try await keystore.run(arguments, passphrase: "wrong", newPassphrase: "new")
            let line = run.expectFailure(77, linePrefix: "wrong passphrase")
            #expect(line.contains("\"k\""), "\(run)")
            #expect(!line.contains("wrong\"") && !run.standardError.contains("right"), "no passphrase in the line")
            #expect(run.stdout.isEmpty)
            #expect(try keystore.file("k") == before)
        }
        var entries = try FileManager.default.contentsOfDirectory(atPath: keystore.directory)
        #expect(entries == ["k.json"])
        // The right one still works.
        let export = try await keystore.run(["key", "export", "k", "--private"], passphrase: "right")
        #expect(export.status == 0, "\(export)")
        entries = try FileManager.default.contentsOfDirectory(atPath: keystore.directory)
        #expect(entries == ["k.json"])
    }

    @Test(
        "change-passphrase (DID_NEW_PASSPHRASE or --new-passphrase-file) re-encrypts; the old one stops working"
    )
    func changePassphrase() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--type", "p256", "--name", "k"], passphrase: "one").expectSuccess()
        let before = try keystore.file("k")
        let change = try await keystore.run(["key", "change-passphrase", "k"], passphrase: "one", newPassphrase: "two")
        change.expectSuccess()
        #expect(try keystore.file("k") != before)
        try await keystore.run(["key", "export", "k", "--private"], passphrase: "one").expectFailure(77)
        let oldFile = try keystore.write("old", "two\n")
        let newFile = try keystore.write("new", "three\r\n")
        let again = try await keystore.run([
            "key", "change-passphrase", "k", "--passphrase-file", oldFile, "--new-passphrase-file", newFile,
        ])
        again.expectSuccess()
        let export = try await keystore.run(["key", "export", "k", "--private"], passphrase: "three")
        #expect(export.status == 0, "\(export)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keystore.directory) == ["k.json"])
    }

    @Test("a keystore folder or key file that others can access: exit 77 and the chmod that fixes it")
    func permissions() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--name", "k"], passphrase: "p").expectSuccess()
        try #require(chmod(keystore.directory, 0o755) == 0)
        for arguments in [["key", "list"], ["key", "show", "k"], ["create", "key", "--key", "k"]] {
            let run = try await keystore.run(arguments, passphrase: "p")
            let line = run.expectFailure(77)
            #expect(line.contains("chmod 700 '\(keystore.directory)'"), "\(run)")
        }
        try #require(chmod(keystore.directory, 0o700) == 0)
        let file = keystore.directory + "/k.json"
        try #require(chmod(file, 0o640) == 0)
        let run = try await keystore.run(["key", "export", "k", "--private"], passphrase: "p")
        let line = run.expectFailure(77)
        #expect(line.contains("chmod 600 '\(file)'"), "\(run)")
        #expect(run.stdout.isEmpty)
    }

    @Test("importing a public-only key or a JWK whose x does not belong to d is refused with a clear line")
    func importRefusals() async throws {
        let keystore = try KeyCommandKeystore()
        let key = PrivateKey.generate(.ed25519)
        let other = PrivateKey.generate(.ed25519)
        var mismatched = key.jwkRepresentation(includingPrivate: true)
        mismatched["x"] = other.publicKey.jwkRepresentation["x"]
        var mismatchedEC = PrivateKey.generate(.p256).jwkRepresentation(includingPrivate: true)
        mismatchedEC["y"] = PrivateKey.generate(.p256).publicKey.jwkRepresentation["y"]
        let publicMultikey: JSONObject = [
            "type": "Multikey", "publicKeyMultibase": .string(key.publicKey.multibaseRepresentation),
        ]
        let cases: [(String, JSONValue, String)] = [
            ("public JWK", .object(key.publicKey.jwkRepresentation), "no private member \"d\""),
            ("mismatching x", .object(mismatched), "\"x\" is not the public key of its \"d\""),
            ("mismatching y", .object(mismatchedEC), "\"y\" is not the public key of its \"d\""),
            ("public Multikey", .object(publicMultikey), "no \"secretKeyMultibase\""),
            ("public multibase", .string(key.publicKey.multibaseRepresentation), "public key"),
        ]
        for (label, value, expected) in cases {
            let text: String
            if case .string(let bare) = value { text = bare } else { text = try value.serializedString(.pretty) }
            let path = try keystore.write("input", text)
            let run = try await keystore.run(["key", "import", path, "--name", "imported"], passphrase: "p")
            let line = run.expectFailure(65)
            #expect(line.contains(expected), "\(label): \(run)")
            #expect(run.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: keystore.directory + "/imported.json"))
    }

    @Test("delete asks on a terminal; without one it refuses unless --yes")
    func delete() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--name", "k"], passphrase: "p").expectSuccess()
        let refused = try await keystore.run(["key", "delete", "k"])
        let line = refused.expectFailure(64)
        #expect(line.contains("--yes"), "\(refused)")
        #expect(FileManager.default.fileExists(atPath: keystore.directory + "/k.json"))
        let deleted = try await keystore.run(["key", "delete", "k", "--yes"])
        deleted.expectSuccess()
        #expect(try deleted.json()["deleted"]?.stringValue == "k")
        #expect(!FileManager.default.fileExists(atPath: keystore.directory + "/k.json"))
        try await keystore.run(["key", "delete", "k", "--yes"]).expectFailure(1, linePrefix: "no key named")
    }

    @Test("an existing name is never overwritten; bad names are usage errors")
    func namesAndOverwrite() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--name", "k"], passphrase: "p").expectSuccess()
        let before = try keystore.file("k")
        let again = try await keystore.run(["key", "generate", "--type", "p384", "--name", "k"], passphrase: "p")
        #expect(again.expectFailure(73).contains("already exists"), "\(again)")
        #expect(try keystore.file("k") == before)
        for name in ["../k", ".hidden", "a/b", String(repeating: "x", count: 65)] {
            let run = try await keystore.run(["key", "generate", "--name", name], passphrase: "p")
            run.expectFailure(64, linePrefix: "invalid key name")
        }
        try await keystore.run(["key", "show", "missing"]).expectFailure(1, linePrefix: "no key named \"missing\"")
        #expect(try FileManager.default.contentsOfDirectory(atPath: keystore.directory) == ["k.json"])
    }

    @Test("without --passphrase-file, DID_PASSPHRASE or a terminal, a passphrase command says what to do")
    func noPassphraseSource() async throws {
        let keystore = try KeyCommandKeystore()
        let setsid = ["/usr/bin/setsid", "/bin/setsid"].first { FileManager.default.isExecutableFile(atPath: $0) }
        // setsid: a new session has no controlling terminal, so /dev/tty cannot be opened.
        let launcher = setsid.map { [$0, "-w"] } ?? []
        let run = try await keystore.run(["key", "generate", "--name", "k"], launcher: launcher)
        if setsid != nil || open("/dev/tty", O_RDONLY) < 0 {
            let line = run.expectFailure(64, linePrefix: "no passphrase")
            #expect(line.contains("--passphrase-file") && line.contains("DID_PASSPHRASE"), "\(run)")
            #expect(!FileManager.default.fileExists(atPath: keystore.directory + "/k.json"))
        }
        let empty = try keystore.write("empty", "\n")
        try await keystore.run(["key", "generate", "--name", "k", "--passphrase-file", empty]).expectFailure(64)
    }

    @Test("`create key --key` cannot be combined with --type or --private-key-out (exit 64)")
    func createKeyConflicts() async throws {
        let keystore = try KeyCommandKeystore()
        let run = try await keystore.run(["create", "key", "--key", "k", "--type", "p256"])
        #expect(run.status == 64, "\(run)")
        #expect(run.standardError.contains("--key cannot be combined"), "\(run)")
    }
}

/// Runs `did` on a pseudo-terminal (util-linux `script`), typing each answer once its prompt has appeared.
enum KeyCommandTerminal {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A launcher for ``CLI/run`` that starts `did ARGS` under `script` and answers prompts in order.
    /// - Parameter dialogue: (text to wait for, line to type) pairs.
    static func launcher(_ dialogue: [(String, String)]) -> [String] {
        var steps = ""
        for (prompt, answer) in dialogue {
            steps += "wait_for '\(prompt)'; printf '%s\\n' '\(answer)' >&3\n"
        }
        let shell = """
            dir=$(mktemp -d); mkfifo "$dir/in"
            script -qefc "$*" /dev/null < "$dir/in" > "$dir/out" 2>&1 &
            child=$!
            exec 3> "$dir/in"
            wait_for() {
              n=0
              while ! grep -qF "$1" "$dir/out"; do
                sleep 0.05; n=$((n + 1)); [ $n -gt 1200 ] && { echo "timeout waiting for: $1"; cat "$dir/out"; exit 99; }
              done
            }
            \(steps)wait $child; status=$?
            exec 3>&-
            cat "$dir/out"; rm -rf "$dir"; exit $status
            """
        return ["/bin/sh", "-c", shell, "sh"]
    }
}

@Suite("did key on a terminal (the built binary under script(1))")
struct KeyCommandTerminalTests {
    @Test(
        "on a terminal the passphrase is asked without echo, twice for a new key; a mismatch is refused",
        .enabled(if: KeyCommandTerminal.script != nil)
    )
    func passphrasePrompts() async throws {
        let keystore = try KeyCommandKeystore()
        let generate = try await keystore.run(
            ["key", "generate", "--name", "k"],
            launcher: KeyCommandTerminal.launcher([("Passphrase for", "tty-secret"), ("Repeat", "tty-secret")])
        )
        #expect(generate.status == 0, "\(generate)")
        #expect(generate.standardOutput.contains("Repeat the passphrase"), "\(generate)")
        #expect(!generate.standardOutput.contains("tty-secret"), "the passphrase was echoed: \(generate)")
        #expect(FileManager.default.fileExists(atPath: keystore.directory + "/k.json"))
        let export = try await keystore.run(["key", "export", "k", "--private"], passphrase: "tty-secret")
        #expect(export.status == 0, "the typed passphrase opens the key: \(export)")

        let prompted = try await keystore.run(
            ["key", "export", "k", "--private"],
            launcher: KeyCommandTerminal.launcher([("Passphrase for", "tty-secret")])
        )
        #expect(prompted.status == 0, "\(prompted)")
        #expect(!prompted.standardOutput.contains("Repeat"), "an existing key's passphrase is asked once")

        let mismatch = try await keystore.run(
            ["key", "generate", "--name", "k2"],
            launcher: KeyCommandTerminal.launcher([("Passphrase for", "one"), ("Repeat", "two")])
        )
        #expect(mismatch.status == 64, "\(mismatch)")
        #expect(mismatch.standardOutput.contains("error: the passphrases do not match"), "\(mismatch)")
        #expect(!FileManager.default.fileExists(atPath: keystore.directory + "/k2.json"))
    }

    @Test("on a terminal delete asks, and only yes deletes", .enabled(if: KeyCommandTerminal.script != nil))
    func deleteConfirmation() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--name", "k"], passphrase: "p").expectSuccess()
        let no = try await keystore.run(
            ["key", "delete", "k"],
            launcher: KeyCommandTerminal.launcher([("[y/N]", "n")])
        )
        #expect(no.status == 1, "\(no)")
        #expect(no.standardOutput.contains("error: not deleted"), "\(no)")
        #expect(FileManager.default.fileExists(atPath: keystore.directory + "/k.json"))
        let yes = try await keystore.run(
            ["key", "delete", "k"],
            launcher: KeyCommandTerminal.launcher([("[y/N]", "y")])
        )
        #expect(yes.status == 0, "\(yes)")
        #expect(!FileManager.default.fileExists(atPath: keystore.directory + "/k.json"))
    }
}

@Suite("did key and operating-system permissions (the built binary)")
struct KeyCommandPermissionTests {
    @Test(
        "a keystore the user may not read: exit 77 with one `permission denied` line (as root via setpriv)",
        .enabled(
            if: geteuid() != 0 || PrivateKeyOutTests.setpriv != nil,
            "running as root, which reads any folder, and no setpriv to drop privileges with"
        )
    )
    func permissionDenied() async throws {
        let keystore = try KeyCommandKeystore()
        try await keystore.run(["key", "generate", "--name", "k"], passphrase: "p").expectSuccess()
        var launcher: [String] = []
        if geteuid() == 0, let setpriv = PrivateKeyOutTests.setpriv {
            // The scratch folder is traversable by everyone; the keystore (0700) belongs to root, not to nobody.
            try #require(chmod(keystore.scratch.url.path, 0o755) == 0)
            launcher = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        } else {
            try #require(chmod(keystore.directory, 0o000) == 0)
        }
        defer { chmod(keystore.directory, 0o700) }
        for arguments in [["key", "list"], ["key", "show", "k"], ["key", "export", "k", "--private"]] {
            let run = try await keystore.run(arguments, passphrase: "p", launcher: launcher)
            let line = run.expectFailure(77, linePrefix: "permission denied")
            #expect(line.contains(keystore.directory), "\(run)")
            #expect(run.stdout.isEmpty)
        }
    }
}
