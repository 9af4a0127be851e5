import Dispatch
import Foundation

/// Independent jobs spread over the machine's cores (the folds of a cross-validation).
enum Parallel {
  /// `body(0) … body(count − 1)`, run concurrently, results in index order.
  ///
  /// Every job runs to the end even when another fails; the error of the lowest failing
  /// index is rethrown, so the outcome does not depend on scheduling.
  static func map<T>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    if count == 0 { return [] }
    let slots = UnsafeMutableBufferPointer<Result<T, any Error>>.allocate(capacity: count)
    slots.initialize(repeating: .failure(JobNotRun()))
    defer {
      _ = slots.deinitialize()
      slots.deallocate()
    }
    // Each job writes only its own slot; the slots outlive `concurrentPerform`.
    let shared = Slots(slots)
    DispatchQueue.concurrentPerform(iterations: count) { i in
      shared.buffer[i] = Result { try body(i) }
    }
    var results: [T] = []
    results.reserveCapacity(count)
    for slot in slots { results.append(try slot.get()) }
    return results
  }

  /// The placeholder of a job that `concurrentPerform` did not run (never thrown in
  /// practice).
  private struct JobNotRun: Error {}

  /// The result slots, shared with the jobs: each job writes its own element only.
  private struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<T, any Error>>
    init(_ buffer: UnsafeMutableBufferPointer<Result<T, any Error>>) { self.buffer = buffer }
  }
}

/// A count of finished jobs that reports each increment to a callback, safely from any
/// thread.
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let report: (@Sendable (Int, Int) -> Void)?

  init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
    self.total = total
    self.report = report
  }

  /// Counts one finished job and reports the new count (callbacks are serialised).
  func increment() {
    guard let report else { return }
    lock.lock()
    defer { lock.unlock() }
    done += 1
    report(done, total)
  }
}
