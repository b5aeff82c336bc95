// swift-did: decentralized identity for Swift. Apache-2.0.

import ArgumentParser
import DIDCommands

/// The `did` executable: everything lives in `DIDCommands`.
@main
enum Main {
    static func main() async {
        await DIDCommand.main()
    }
}
