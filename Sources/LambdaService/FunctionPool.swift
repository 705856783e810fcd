import Synchronization

/// The execution environments of one function at one revision: warm environments are reused,
/// more are started under concurrency up to `capacity`, and further invocations wait for one.
/// A retired pool (the function's code or configuration changed, or it was deleted) kills its
/// idle environments at once and each busy one when its invocation ends.
final class FunctionPool: Sendable {
    /// What a waiting invocation is handed: a warm environment, or the right to start one.
    enum Slot: Sendable {
        case warm(ExecutionEnvironment)
        case start
        /// The pool was retired while waiting: ask the function's current pool.
        case retry
    }

    private struct State {
        var idle: [ExecutionEnvironment] = []
        var all: [String: ExecutionEnvironment] = [:]
        /// Environments running or being started (counted against capacity).
        var count = 0
        var waiters: [CheckedContinuation<Slot, Never>] = []
        var retired = false
    }

    let revision: String
    let capacity: Int
    private let state = Mutex(State())

    init(revision: String, capacity: Int) {
        self.revision = revision
        self.capacity = max(1, capacity)
    }

    /// A warm environment, or `.start` (the caller starts one and `register`s it).
    func acquire() async -> Slot {
        await withCheckedContinuation { continuation in
            let slot: Slot? = state.withLock { state in
                if state.retired { return .retry }
                if let warm = state.idle.popLast() { return .warm(warm) }
                if state.count < capacity {
                    state.count += 1
                    return .start
                }
                state.waiters.append(continuation)
                return nil
            }
            if let slot { continuation.resume(returning: slot) }
        }
    }

    func register(_ environment: ExecutionEnvironment) {
        let retired = state.withLock { state in
            state.all[environment.id] = environment
            return state.retired
        }
        if retired { environment.kill() }
    }

    /// A started environment failed before it could be registered: its place is free again.
    func abandonStart() {
        handOn(nil)
    }

    /// Gives an environment back after an invocation (`lost`: it must not be reused).
    func release(_ environment: ExecutionEnvironment, lost: Bool) {
        let reuse = !lost && environment.isAlive && !state.withLock { $0.retired }
        if reuse {
            let waiter: CheckedContinuation<Slot, Never>? = state.withLock { state in
                if !state.waiters.isEmpty { return state.waiters.removeFirst() }
                state.idle.append(environment)
                return nil
            }
            waiter?.resume(returning: .warm(environment))
            return
        }
        environment.kill()
        handOn(environment.id)
    }

    /// One environment is gone: a waiter may start its own.
    private func handOn(_ id: String?) {
        let waiter: CheckedContinuation<Slot, Never>? = state.withLock { state in
            if let id { state.all[id] = nil }
            if !state.waiters.isEmpty, !state.retired { return state.waiters.removeFirst() }
            state.count -= 1
            return nil
        }
        waiter?.resume(returning: .start)
    }

    /// Kills idle environments now and busy ones when they finish; waiters start afresh in the
    /// function's next pool.
    func retire() {
        let (idle, waiters) = state.withLock { state in
            state.retired = true
            defer {
                state.idle = []
                state.waiters = []
            }
            return (state.idle, state.waiters)
        }
        for environment in idle {
            environment.kill()
            handOn(environment.id)
        }
        for waiter in waiters { waiter.resume(returning: .retry) }
    }

    /// Kills every environment, busy or not (shutdown, reset).
    func killAll() {
        retire()
        for environment in state.withLock({ Array($0.all.values) }) { environment.kill() }
    }
}
