// swift-did: decentralized identity for Swift. Apache-2.0.
// The P8 reference: a Swift + Foundation hello world, built the same way as `did`.

import Foundation

print("hello, world (pid \(ProcessInfo.processInfo.processIdentifier))")
