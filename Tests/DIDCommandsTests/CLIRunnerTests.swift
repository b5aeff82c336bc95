// swift-did: decentralized identity for Swift. Apache-2.0.

import Testing

/// The process runner itself: a hung process must fail the test, not hang the run.
@Suite("did test runner")
struct CLIRunnerTests {
    @Test("a process that does not finish in time is killed and the run throws (the test fails, it does not hang)")
    func timeoutKillsAndFails() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: CLIRunError.self) {
            try await CLI.run([], launcher: ["/bin/sh", "-c", "exec sleep 600", "sh"], timeout: .seconds(1))
        }
        #expect(error?.description.contains("did not finish within") == true, "\(String(describing: error))")
        // Far below the sleep's 600 s: the process was killed, not waited for. The bound is loose because the
        // runner polls from the shared test thread pool, which CPU-heavy suites (Argon2id) can hold for a while.
        #expect(ContinuousClock.now - started < .seconds(300))
    }
}
