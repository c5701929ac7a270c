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

/// Runs two independent pieces of work at once and returns both results: `second` on a
/// thread of its own, `first` on the calling one. Not inside concurrentPerform: a
/// concurrentPerform nested in one runs serially, and `first` (the catalog) ranks related
/// write-ups on all cores.
func concurrently<A, B>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    let box = ResultBox<B>()
    let running = inBackground { box.value = second() }
    let a = first()
    running.join()
    return (a, box.value!)
}

/// Hands a result from one thread to another; `join` orders the accesses.
private final class ResultBox<T>: @unchecked Sendable { var value: T? }

/// Work started on a thread of its own; `join` waits for it to finish.
final class Joinable: Sendable {
    private let done = DispatchSemaphore(value: 0)

    fileprivate init() {}

    func join() {
        done.wait()
        done.signal()  // a second join returns at once
    }

    fileprivate func finish() { done.signal() }
}

func inBackground(_ work: @escaping @Sendable () -> Void) -> Joinable {
    let handle = Joinable()
    let thread = Thread {
        work()
        handle.finish()
    }
    thread.stackSize = 8 << 20
    thread.start()
    return handle
}
