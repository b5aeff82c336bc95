// swift-did: decentralized identity for Swift. Apache-2.0.

import Synchronization

/// Resumes a continuation once, from whichever task comes first: the work or the timer that bounds it (with
/// ``CancellableTimer``, the timeout of ``ResolverResponder``).
final class ResumeOnce<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Never>?
        var pending: T?
        var done = false
    }

    private let state = Mutex(State())

    func set(_ continuation: CheckedContinuation<T, Never>) {
        let ready = state.withLock { state -> T? in
            if state.done, let pending = state.pending {
                state.pending = nil
                return pending
            }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    /// Resumes with `value` if nothing did before; returns whether this call did.
    @discardableResult
    func resume(_ value: T) -> Bool {
        let action = state.withLock { state -> (CheckedContinuation<T, Never>?, Bool) in
            if state.done { return (nil, false) }
            state.done = true
            if let continuation = state.continuation {
                state.continuation = nil
                return (continuation, true)
            }
            state.pending = value
            return (nil, true)
        }
        action.0?.resume(returning: value)
        return action.1
    }
}

/// A timer that may be cancelled before it is even set (then it is cancelled as soon as it is set).
final class CancellableTimer: Sendable {
    private struct State {
        var cancel: (@Sendable () -> Void)?
        var cancelled = false
    }

    private let state = Mutex(State())

    func set(_ cancel: @escaping @Sendable () -> Void) {
        let cancelNow = state.withLock { state -> Bool in
            state.cancel = cancel
            return state.cancelled
        }
        if cancelNow { cancel() }
    }

    func cancel() {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            state.cancelled = true
            defer { state.cancel = nil }
            return state.cancel
        }
        cancel?()
    }
}
