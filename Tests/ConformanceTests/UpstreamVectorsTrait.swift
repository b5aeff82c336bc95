// swift-did: decentralized identity for Swift. Apache-2.0.

import DIDTestSupport
import Testing

extension Trait where Self == ConditionTrait {
    /// Enables a conformance suite only when the upstream test vectors are present (`$DID_TEST_VECTORS`, else
    /// `../shared/test-vectors`). Without them the runner reports the suite's tests as skipped, with the reason,
    /// instead of passing them; `.ci/run` fails when any test was skipped.
    static var upstreamVectors: Self {
        .enabled(if: TestVectors.upstream != nil, Comment(rawValue: TestVectors.missingUpstreamReason))
    }
}
