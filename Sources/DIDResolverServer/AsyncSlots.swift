// swift-did: decentralized identity for Swift. Apache-2.0.

import Synchronization

/// A counting semaphore for async tasks: `limit` slots, waiters served in arrival order. A waiter leaves the queue at
/// once when its task is cancelled or when its optional wait runs out, so an overload cannot pile up work for
/// requests that have already been answered. Shared by the resolution bound and the origin-fetch bound
/// (`Specs/resolver.md` §4.4).
final class AsyncSlots: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    /// Creates `limit` slots (at least one).
    init(limit: Int) {
        state = Mutex(State(available: max(1, limit)))
    }

    /// How many tasks wait for a slot.
    var waiting: Int { state.withLock { $0.waiters.count } }

    /// Takes a free slot without waiting; `false` when none is free.
    func tryAcquire() -> Bool {
        state.withLock { state in
            guard state.available > 0 else { return false }
            state.available -= 1
            return true
        }
    }

    /// Takes a slot, waiting in arrival order.
    /// - Parameter wait: The longest wait, or `nil` to wait until cancelled.
    /// - Returns: `true` with a slot held (give it back with ``release()``); `false` when the task was cancelled or
    ///   `wait` ran out first.
    func acquire(waitingAtMost wait: Duration? = nil) async -> Bool {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let outcome = state.withLock { state -> Bool? in
                    if state.available > 0 {
                        state.available -= 1
                        return true
                    }
                    if Task.isCancelled { return false }
                    state.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome {
                    continuation.resume(returning: outcome)
                } else if let wait {
                    Task { [weak self] in
                        try? await Task.sleep(for: wait)
                        self?.giveUp(id)
                    }
                }
            }
        } onCancel: {
            giveUp(id)
        }
    }

    /// Hands the slot to the first waiter, or frees it.
    func release() {
        let next = state.withLock { state -> Waiter? in
            if state.waiters.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    /// Resumes waiter `id` with `false` if it is still waiting.
    private func giveUp(_ id: UInt64) {
        let waiter = state.withLock { state -> Waiter? in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        waiter?.continuation.resume(returning: false)
    }
}
