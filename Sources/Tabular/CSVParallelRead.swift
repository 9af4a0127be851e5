import Dispatch
import Foundation

/// Reading a large CSV body on every core: the body is cut at line feeds into one
/// stretch per core, each is parsed as the serial reader would, and the pieces are joined.
///
/// A cut is a record boundary, and line numbers are counts of line feeds, only when no
/// quoted field or carriage return comes before it; each stretch notes whether it saw
/// one, and if any did, the caller reads the body serially instead. A column that is
/// numeric in one stretch and text in another becomes text: the stretches where it was
/// numeric are read again for its labels, as the serial reader re-reads earlier rows.
/// Errors are those of the first stretch that has one, so the reported line is the first
/// bad line of the file, as serially.
enum CSVParallelRead {
  /// Bodies smaller than this are read serially.
  static let minimumBytes = 16 << 20

  /// The table of the body, or nil when it should be read serially.
  static func read(
    _ body: UnsafeBufferPointer<UInt8>, firstLine: Int, names: [String], kinds: [CSVColumnKind], delimiter: UInt8,
    missing: MissingTokenMatcher, cores: Int = ProcessInfo.processInfo.activeProcessorCount,
    minimumBytes: Int = minimumBytes
  ) throws(CSVError) -> DataTable? {
    let parts = min(cores, 8)
    guard parts >= 2, body.count >= minimumBytes else { return nil }
    // Cut points just after a line feed near each 1/parts of the body.
    var cuts = [0]
    for k in 1..<parts {
      var i = max(body.count * k / parts, cuts[cuts.count - 1])
      while i < body.count && body[i] != UInt8(ascii: "\n") { i += 1 }
      cuts.append(min(i + 1, body.count))
    }
    cuts.append(body.count)
    // Each stretch numbers its lines from 1; they are moved down once all are read.
    let shared = Shared(body: body, cuts: cuts, count: parts)
    DispatchQueue.concurrentPerform(iterations: parts) { k in
      let result = Result { () throws(CSVError) -> CSVChunk in
        // The first stretch's columns make room for the whole body, to take the others in place.
        try CSVChunkParser.parse(
          shared.piece(k), firstLine: 1, kinds: kinds, delimiter: delimiter, missing: missing,
          reservingFor: k == 0 ? shared.body.count : nil)
      }
      shared.store(result, at: k)
    }
    var chunks: [CSVChunk] = []
    for (k, result) in shared.results.enumerated() {
      guard let result else { return nil }
      switch result {
      case .success(let chunk):
        if chunk.sawQuoteOrCarriageReturn { return nil }
        chunks.append(chunk)
      case .failure:
        // The error is located correctly only if the cuts up to this stretch's end are
        // record boundaries; then read the stretch again, numbering its true lines.
        if contains(UnsafeBufferPointer(rebasing: body[0..<cuts[k + 1]]), UInt8(ascii: "\""), UInt8(ascii: "\r")) {
          return nil
        }
        let line = firstLine + lineFeeds(UnsafeBufferPointer(rebasing: body[0..<cuts[k]]))
        _ = try CSVChunkParser.parse(shared.piece(k), firstLine: line, kinds: kinds, delimiter: delimiter, missing: missing)
        return nil  // not reached: the same bytes fail the same way
      }
    }
    // A column that is text in any stretch is text in all.
    for j in kinds.indices where chunks.contains(where: { $0.kinds[j] == .labels }) {
      for k in chunks.indices where chunks[k].kinds[j] == .numeric {
        chunks[k].labelColumns[j] = try CSVChunkParser.rereadLabels(
          ofColumn: j, rows: chunks[k].rows, in: shared.piece(k), firstLine: 1, delimiter: delimiter, missing: missing)
        chunks[k].kinds[j] = .labels
        chunks[k].numbers[j] = []
      }
    }
    var lineOffsets = [firstLine - 1]
    for chunk in chunks.dropLast() { lineOffsets.append(lineOffsets[lineOffsets.count - 1] + chunk.endLine - 1) }
    return CSVChunk.table(&chunks, lineOffsets: lineOffsets, names: names)
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
    private(set) var results: [Result<CSVChunk, CSVError>?]
    private let lock = NSLock()

    init(body: UnsafeBufferPointer<UInt8>, cuts: [Int], count: Int) {
      self.body = body
      self.cuts = cuts
      results = Array(repeating: nil, count: count)
    }

    /// Stretch `k` of the body.
    func piece(_ k: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: body[cuts[k]..<cuts[k + 1]])
    }

    func store(_ result: Result<CSVChunk, CSVError>, at index: Int) {
      lock.lock()
      results[index] = result
      lock.unlock()
    }
  }
}
