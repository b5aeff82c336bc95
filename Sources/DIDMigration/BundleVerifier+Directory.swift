// swift-did: decentralized identity for Swift. Apache-2.0.

public import Foundation

extension BundleVerifier {
    /// Verifies a bundle on disk (IMB v0.1 §7.2, §14): the manifest (steps 1–8), then every page streamed from its
    /// file, one at a time through one reused buffer (step 11, memory O(manifest + page), §14.3).
    ///
    /// A page whose file is missing fails with `page-missing` at the page's `href`: the directory is the input, and
    /// it lacks a file its own manifest names. A truncated or altered page file fails its CID (`page-cid-mismatch`).
    /// Pages with an `https` `href` are not fetched and stay `not-checked` (`page-missing`).
    /// - Parameters:
    ///   - url: The bundle folder or its `bundle.json`.
    ///   - now: The receiver's clock.
    ///   - replayStore: The receiver's replay state, or `nil` for inspection (replay is then `not-checked`).
    ///   - progress: Called with the number of entries checked so far: once after the manifest (its inline
    ///     items), then after each page.
    /// - Returns: The verification; a bundle that cannot be opened yields a failed `manifest.parse` check naming
    ///   the path.
    public func verifyBundle(
        at url: URL,
        now: Date,
        replayStore: (any ReplayStore)? = nil,
        progress: ((Int) -> Void)? = nil
    ) async -> BundleVerification {
        let directory: BundleDirectory
        let bytes: [UInt8]
        do {
            directory = try BundleDirectory(at: url)
            bytes = try directory.manifestBytes()
        } catch {
            let check = MigrationCheck(
                .manifestParse,
                .failed,
                reason: error.code,
                location: url.lastPathComponent == "bundle.json" ? "bundle.json" : url.path,
                detail: error.reason
            )
            return BundleVerification(manifest: nil, checks: [check])
        }
        var verification = await verifyManifest(bytes, now: now, replayStore: replayStore)
        guard let manifest = verification.manifest else { return verification }
        var checked = 0
        for collection in manifest.collections {
            if case .inline(let items) = collection.form { checked += items.count }
        }
        progress?(checked)
        // Pages are independent (§14.3): up to one per processor is read and checked at a time, each in its own
        // buffer, and recorded here in whatever order they finish.
        var jobs: [PageJob] = []
        for collection in manifest.collections {
            guard case .paged(_, let pages) = collection.form else { continue }
            for (index, page) in pages.enumerated() where directory.fileURL(of: page.href) != nil {
                jobs.append(PageJob(collection: collection.name, index: index, page: page))
            }
        }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        await withTaskGroup(of: PageOutcome.self) { group in
            var next = 0
            while next < min(workers, jobs.count) {
                let job = jobs[next]
                group.addTask { job.run(in: directory) }
                next += 1
            }
            for await outcome in group {
                switch outcome.result {
                case .unreadable(let error):
                    verification.record(
                        MigrationCheck(
                            BundleVerification.pageCheckName(outcome.job.collection, outcome.job.index),
                            .failed,
                            reason: error.code,
                            location: outcome.job.page.href,
                            detail: error.reason
                        )
                    )
                case .checked(let result, let attestations):
                    let check = verification.recordPage(result, outcome.job.collection, outcome.job.index)
                    if check.status == .verified {
                        await checkAttestations(
                            attestations,
                            collection: outcome.job.collection,
                            now: now,
                            into: &verification
                        )
                    }
                    checked += outcome.job.page.count
                    progress?(checked)
                }
                if next < jobs.count {
                    let job = jobs[next]
                    group.addTask { job.run(in: directory) }
                    next += 1
                }
            }
        }
        return verification
    }
}

/// One page of a bundle on disk to read and check.
private struct PageJob: Sendable {
    let collection: MigrationCollectionName
    let index: Int
    let page: PageDescriptor

    /// Reads the page file into a buffer of its own and runs the checks of §14.2 step 11.
    func run(in directory: BundleDirectory) -> PageOutcome {
        var buffer: [UInt8] = []
        do {
            try directory.readPage(page, into: &buffer)
        } catch {
            return PageOutcome(job: self, result: .unreadable(error))
        }
        var attestations: [PendingAttestation] = []
        let result = PageVerifier.verify(buffer, page: page, collection: collection, attestations: &attestations)
        return PageOutcome(job: self, result: .checked(result, attestations))
    }
}

/// What became of one ``PageJob``.
private struct PageOutcome: Sendable {
    enum Result: Sendable {
        case unreadable(MigrationError)
        case checked(Swift.Result<(first: [String], last: [String]), PageVerifier.Failure>, [PendingAttestation])
    }

    let job: PageJob
    let result: Result
}
