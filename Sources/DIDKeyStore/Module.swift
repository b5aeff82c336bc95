// swift-did: decentralized identity for Swift. Apache-2.0.

// DIDKeyStore: work in progress (see the open issues); this file keeps the target buildable until its first types land.
