import Dispatch
import Foundation

/// Reading a large CSV body on every core: the body is cut at line breaks into one
/// stretch per core, each is parsed as the serial reader would, and the pieces are joined.
///
/// Used only when that cannot change the result: the body is at least 16 MB and holds no
/// quote (a line break inside a quoted field could be mistaken for a record boundary) and
/// no carriage return (so line numbers are counts of line feeds); and the stretches agree
/// on every column's type (otherwise a column that is numeric in one stretch and text in
/// another would need the serial reader's re-reading, so the caller falls back to it).
/// Errors are those of the first stretch that has one, so the reported line is the first
/// bad line of the file, as serially.
enum CSVParallelRead {
  /// Bodies smaller than this are read serially.
  static let minimumBytes = 16 << 20

  /// The parsed body, or nil when it should be read serially.
  static func read(
    _ body: UnsafeBufferPointer<UInt8>, firstLine: Int, width: Int, delimiter: UInt8, missing: MissingTokenMatcher,
    cores: Int = ProcessInfo.processInfo.activeProcessorCount, minimumBytes: Int = minimumBytes
  ) throws(CSVError) -> CSVChunk? {
    let parts = min(cores, 8)
    guard parts >= 2, body.count >= minimumBytes, !contains(body, UInt8(ascii: "\""), UInt8(ascii: "\r")) else {
      return nil
    }
    // Cut points just after a line feed near each 1/parts of the body.
    var cuts = [0]
    for k in 1..<parts {
      var i = max(body.count * k / parts, cuts[cuts.count - 1])
      while i < body.count && body[i] != UInt8(ascii: "\n") { i += 1 }
      cuts.append(min(i + 1, body.count))
    }
    cuts.append(body.count)
    var firstLines = [firstLine]
    for k in 1..<parts {
      firstLines.append(firstLines[k - 1] + lineFeeds(UnsafeBufferPointer(rebasing: body[cuts[k - 1]..<cuts[k]])))
    }
    let shared = Shared(body: body, cuts: cuts, firstLines: firstLines, count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let piece = UnsafeBufferPointer(rebasing: shared.body[shared.cuts[k]..<shared.cuts[k + 1]])
      let result = Result { () throws(CSVError) -> CSVChunk in
        try CSVReader.parseRecords(
          piece, firstLine: shared.firstLines[k], width: width, delimiter: delimiter, missing: missing)
      }
      shared.store(result, at: k)
    }
    var joined: CSVChunk?
    for result in shared.results {
      guard let result else { return nil }
      let chunk = try result.get()
      if var head = joined {
        guard head.isNumeric == chunk.isNumeric else { return nil }
        head.append(chunk)
        joined = head
      } else {
        joined = chunk
      }
    }
    return joined
  }

  /// Whether `bytes` contains `a` or `b` (eight bytes at a time).
  static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ a: UInt8, _ b: UInt8) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
    let wordA = UInt64(a) &* ones, wordB = UInt64(b) &* ones
    var i = 0
    while i + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let x = word ^ wordA, y = word ^ wordB
      if ((x &- ones) & ~x & high) | ((y &- ones) & ~y & high) != 0 { return true }
      i += 8
    }
    while i < bytes.count {
      if bytes[i] == a || bytes[i] == b { return true }
      i += 1
    }
    return false
  }

  /// The number of line feeds in `bytes`.
  static func lineFeeds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var count = 0
    for byte in bytes where byte == UInt8(ascii: "\n") { count += 1 }
    return count
  }

  /// The inputs and per-stretch results shared with the workers (each writes its own slot).
  final class Shared: @unchecked Sendable {
    let body: UnsafeBufferPointer<UInt8>
    let cuts: [Int]
    let firstLines: [Int]
    private(set) var results: [Result<CSVChunk, CSVError>?]
    private let lock = NSLock()

    init(body: UnsafeBufferPointer<UInt8>, cuts: [Int], firstLines: [Int], count: Int) {
      self.body = body
      self.cuts = cuts
      self.firstLines = firstLines
      results = Array(repeating: nil, count: count)
    }

    func store(_ result: Result<CSVChunk, CSVError>, at index: Int) {
      lock.lock()
      results[index] = result
      lock.unlock()
    }
  }
}
