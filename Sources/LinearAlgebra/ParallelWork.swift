import Dispatch
import Foundation

/// Splitting independent column work over the cores.
enum ParallelWork {
  /// The cores to use.
  static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// The `part`-th of `parts` nearly equal consecutive ranges of `0..<count`.
  static func slice(_ count: Int, part: Int, of parts: Int) -> Range<Int> {
    let base = count / parts, extra = count % parts
    let start = part * base + Swift.min(part, extra)
    return start..<(start + base + (part < extra ? 1 : 0))
  }

  /// Raw pointers handed to concurrent workers that touch disjoint columns.
  struct Pointers: @unchecked Sendable {
    let v: [UnsafePointer<Double>]
    let t: UnsafePointer<Double>
    let c: [UnsafeMutablePointer<Double>]
  }
}
