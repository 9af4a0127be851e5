import Dispatch

/// Independent jobs spread over the machine's cores (the folds of a cross-validation, the
/// row chunks of a large fit).
public enum Parallel {
  /// The number of cores jobs are spread over.
  public static var cores: Int { ParallelWork.cores }

  /// The `part`-th of `parts` nearly equal consecutive ranges of `0..<count`.
  public static func slice(_ count: Int, part: Int, of parts: Int) -> Range<Int> {
    ParallelWork.slice(count, part: part, of: parts)
  }

  /// `body(0) … body(count − 1)`, run concurrently, results in index order.
  ///
  /// Every job runs to the end even when another fails; the error of the lowest failing
  /// index is rethrown, so the outcome does not depend on scheduling.
  public static func map<T>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
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

