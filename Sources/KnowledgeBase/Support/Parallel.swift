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

/// Runs two independent pieces of work at once, one per core, and returns both results.
func concurrently<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    var a: A?
    var b: B?
    withUnsafeMutablePointer(to: &a) { pa in
        withUnsafeMutablePointer(to: &b) { pb in
            let (pa, pb) = (pa, pb)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 { pa.pointee = first() } else { pb.pointee = second() }
            }
        }
    }
    return (a!, b!)
}
