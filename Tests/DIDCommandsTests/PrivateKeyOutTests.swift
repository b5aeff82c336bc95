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

/// `did create key --private-key-out FILE`: the secret goes only into a new mode-0600 file, never onto stdout.
@Suite("did create key --private-key-out (the built binary)")
struct PrivateKeyOutTests {
    /// `setpriv`, which runs `did` as `nobody` when the tests run as root (root ignores directory permissions).
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether a run of `did` can be denied write access to a directory: always for a normal user; for root only
    /// by dropping privileges with `setpriv`.
    static let canDenyDirectoryWrites = geteuid() != 0 || setpriv != nil

    @Test(
        "--private-key-out writes a private JWK of the DID's key to a new mode-0600 file, not to stdout",
        arguments: CLIKeyType.all
    )
    func writesPrivateJWK(type: CLIKeyType) async throws {
        let directory = try CLIScratchDirectory()
        let keyFile = directory.path("key.jwk")
        let run = try await CLI.run(["create", "key", "--type", type.name, "--private-key-out", keyFile])
        run.expectSuccess()
        let output = try #require(try run.json().objectValue)
        #expect(output.keys == ["did", "didDocument"])
        let did = try DID(try #require(output["did"]?.stringValue))

        var status = stat()
        try #require(stat(keyFile, &status) == 0, "no key file at \(keyFile)")
        #expect(status.st_mode & S_IFMT == S_IFREG)
        #expect(status.st_mode & 0o7777 == 0o600, "mode \(String(status.st_mode & 0o7777, radix: 8))")

        let jwk = try #require(try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: keyFile))).objectValue)
        let d = try #require(jwk["d"]?.stringValue, "the key file holds no private member d")
        let privateKey = try PrivateKey(jwk: jwk)
        #expect(privateKey.keyType == type.keyType)
        #expect(privateKey.publicKey == (try DIDKeyMethod.publicKey(of: did)))
        #expect(!run.standardOutput.contains(d), "the private key was printed")
        #expect(!run.standardOutput.contains("\"d\""), "a private JWK member was printed")
    }

    @Test("an existing FILE is never overwritten: exit 74, one `already exists` line, file unchanged")
    func refusesToOverwrite() async throws {
        let directory = try CLIScratchDirectory()
        let keyFile = directory.path("key.jwk")
        let first = try await CLI.run(["create", "key", "--private-key-out", keyFile])
        first.expectSuccess()
        let original = try Data(contentsOf: URL(fileURLWithPath: keyFile))

        let second = try await CLI.run(["create", "key", "--type", "p256", "--private-key-out", keyFile])
        let line = second.expectFailure(74)
        #expect(line.contains("already exists"), "\(second)")
        #expect(line.contains(keyFile), "the line should name the file: \(second)")
        #expect(second.stdout.isEmpty, "a DID was printed whose private key was not saved")
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyFile)) == original)
    }

    @Test("FILE in a missing directory: exit 74 with one line naming the file")
    func missingDirectory() async throws {
        let directory = try CLIScratchDirectory()
        let keyFile = directory.path("missing/key.jwk")
        let run = try await CLI.run(["create", "key", "--private-key-out", keyFile])
        let line = run.expectFailure(74)
        #expect(line.contains(keyFile), "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: keyFile))
    }

    @Test(
        "FILE in a read-only directory (0500): exit 77 (as root: did runs as nobody via setpriv)",
        .enabled(
            if: PrivateKeyOutTests.canDenyDirectoryWrites,
            "running as root, which writes into 0500 directories, and no setpriv to drop privileges with"
        )
    )
    func readOnlyDirectory() async throws {
        let directory = try CLIScratchDirectory()
        let readOnly = directory.path("read-only")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: false)
        var launcher: [String] = []
        if geteuid() == 0, let setpriv = Self.setpriv {
            // nobody owns the directory, and only its write bit is missing: the 0500 case exactly.
            try #require(chown(readOnly, 65534, 65534) == 0)
            launcher = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        try #require(chmod(readOnly, 0o500) == 0)
        let keyFile = readOnly + "/key.jwk"
        let run = try await CLI.run(["create", "key", "--private-key-out", keyFile], launcher: launcher)
        let line = run.expectFailure(77, linePrefix: "permission denied")
        #expect(line.contains(keyFile), "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: keyFile))
    }

    @Test(
        "a path where even root cannot create files (sysfs): exit 77 or 74 with one line naming it",
        .enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel"), "no sysfs on this system")
    )
    func pathTheKernelRefuses() async throws {
        let keyFile = "/sys/kernel/did-cli-test-\(UUID().uuidString).jwk"
        let run = try await CLI.run(["create", "key", "--private-key-out", keyFile])
        #expect(run.status == 77 || run.status == 74, "\(run)")
        let line = run.expectFailure(run.status)
        #expect(line.contains(keyFile), "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: keyFile))
    }
}
