import Foundation

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
