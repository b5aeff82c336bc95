// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDCore
import DIDCrypto
import DIDMethodKey
import DIDMigration
import Foundation

// imb-scale export DIR [--followers N] [--following N] [--page-size P]
//   Generates N followers and N following (synthetic ActivityPub actors, added in a scrambled order so the
//   exporter really sorts), exports a signed bundle (did:key, eddsa-jcs-2022) to DIR.
// imb-scale verify DIR
//   Verifies the bundle on disk (BundleVerifier.verifyBundle); exit status 0 only for the outcome `verified`.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("imb-scale: \(message)\n".utf8))
    exit(2)
}

/// The test key of the IMB examples: seed 00 01 … 1f (obviously a test key).
func testKey() -> PrivateKey {
    do {
        return try PrivateKey(keyType: .ed25519, rawRepresentation: Array(0...31))
    } catch {
        fail("cannot make the test key: \(error)")
    }
}

func option(_ name: String, in arguments: [String], default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name) else { return value }
    guard index + 1 < arguments.count, let number = Int(arguments[index + 1]) else { fail("\(name) needs a number") }
    return number
}

/// A synthetic actor: 997 servers, `u<n>` users; about 95 bytes of JCS per entry.
func actor(_ number: Int, options: Bool) -> JSONObject {
    let host = "s\(number % 997).example"
    var entry: JSONObject = [
        "id": .string("https://\(host)/users/u\(number)"), "protocol": "activitypub",
        "acct": .string("u\(number)@\(host)"),
    ]
    if options { entry["options"] = ["showBoosts": true, "notify": false] }
    return entry
}

func export(to directory: URL, arguments: [String]) throws(MigrationError) {
    let followers = option("--followers", in: arguments, default: 1_000_000)
    let following = option("--following", in: arguments, default: 1_000_000)
    let pageSize = option("--page-size", in: arguments, default: 1024)
    let key = testKey()
    let publicKey = key.publicKey.multibaseRepresentation
    guard let subject = try? DID("did:key:" + publicKey) else { fail("cannot make the subject DID") }
    let started = ContinuousClock.now
    var exporter = try BundleExporter(
        configuration: .init(
            subject: subject,
            sources: [
                [
                    "protocol": "activitypub", "platform": "mastodon", "actor": "https://old.example/users/alice",
                    "service": "https://old.example",
                ]
            ],
            sequence: 1,
            exportedAt: Date(),
            pageSize: pageSize
        ),
        temporaryDirectory: directory.deletingLastPathComponent()
    )
    // Adding a prime step modulo n (the millionth prime, coprime to every smaller n) visits every number of 0..<n
    // once, in a scrambled order.
    for (count, collection) in [(followers, MigrationCollectionName.followers), (following, .following)] {
        exporter.include(collection)
        var number = 0
        for _ in 0..<count {
            number = (number + 15_485_863) % count
            try exporter.add(actor(number, options: collection == .following), to: collection)
        }
    }
    let manifest = try exporter.export(
        to: directory,
        key: key,
        verificationMethod: "did:key:\(publicKey)#\(publicKey)"
    )
    var pages = 0
    for collection in manifest.collections {
        if case .paged(_, let descriptors) = collection.form { pages += descriptors.count }
    }
    print(
        "exported \(followers) followers + \(following) following, \(pages) pages, "
            + "manifest \(manifest.receivedBytes.count) bytes, in \(ContinuousClock.now - started)"
    )
}

func verify(_ directory: URL) async -> Int32 {
    let started = ContinuousClock.now
    let verification = await BundleVerifier(resolver: DIDKeyMethod()).verifyBundle(at: directory, now: Date())
    let pages = verification.checks.filter { $0.name.contains(".pages[") }.count
    print("verify: \(verification.outcome.rawValue), \(pages) pages checked, in \(ContinuousClock.now - started)")
    for failure in verification.failures.prefix(5) { print("  \(failure)") }
    return verification.outcome == .verified ? 0 : 1
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: imb-scale export DIR [--followers N] [--following N] | verify DIR") }
let directory = URL(fileURLWithPath: arguments[1])
switch arguments[0] {
case "export":
    do {
        try export(to: directory, arguments: arguments)
    } catch {
        fail("\(error)")
    }
case "verify":
    exit(await verify(directory))
default:
    fail("unknown command \(arguments[0])")
}
