import Dispatch
import Foundation

/// Runs `body` for 0..<count on all cores and returns the results in order. Every stage that
/// works per file, page or write-up uses this instead of its own buffer-and-dispatch code.
func concurrentMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = buffer
        DispatchQueue.concurrentPerform(iterations: count) { out[$0] = body($0) }
    }
    return results.map { $0! }
}

/// Runs `body` for 0..<count on all cores; the first error stops the jobs not yet started and
/// is rethrown.
func concurrentForEach(_ count: Int, _ body: (Int) throws -> Void) throws {
    let lock = NSLock()
    var failure: Error?
    DispatchQueue.concurrentPerform(iterations: count) { index in
        if lock.withLock({ failure != nil }) { return }
        do {
            try body(index)
        } catch {
            lock.withLock { failure = failure ?? error }
        }
    }
    if let failure { throw failure }
}

/// Runs two independent pieces of work at once and returns both results: `second` as a
/// BackgroundJob, `first` on the calling thread.
func concurrently<A, B>(_ first: () -> A, _ second: @escaping () -> B) -> (A, B) {
    let job = BackgroundJob(second)
    let a = first()
    // `second` cannot throw, so neither can waiting for it.
    return (a, try! job.wait())
}

/// Work on a thread of its own; `wait` returns its result or rethrows its error. Not a GCD
/// worker and not inside concurrentPerform: a concurrentPerform nested in one runs serially,
/// and the work beside this one (the catalog's related ranking, the search index) should get
/// every core.
final class BackgroundJob<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?  // written by the job before it signals `done`

    init(_ body: @escaping () throws -> T) {
        let thread = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    @discardableResult
    func wait() throws -> T {
        done.wait()
        done.signal()  // a second wait returns at once
        return try result!.get()
    }
}
