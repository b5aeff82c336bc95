// swift-did: decentralized identity for Swift. Apache-2.0.

import Testing
