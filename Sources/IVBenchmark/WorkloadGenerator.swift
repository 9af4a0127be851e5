import Foundation

/// The issue-8 workload: n rows of y, t1, t2, x1…x10, z1…z10 (standard normal) and g (a
/// string with 50 levels). t1 and t2 depend on the z's and on an error u that also drives
/// y (so OLS is biased); y depends on t1, t2, the x's and a group effect.
///
/// Values are written with six decimals; the generator is counter-based (SplitMix64 of
/// the row and column), so any row range can be produced independently and in parallel.
struct WorkloadGenerator {
  let rows: Int
  let seed: UInt64
  /// Levels of g (50 in the workload; 10 000 in its stress variant).
  var levels = 50
  static let header = "y,t1,t2," + (1...10).map { "x\($0)" }.joined(separator: ",") + ","
    + (1...10).map { "z\($0)" }.joined(separator: ",") + ",g"

  /// SplitMix64 of a counter.
  @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A standard normal from two counters (Box–Muller).
  @inline(__always) func normal(row: Int, slot: Int) -> Double {
    let base = seed &+ UInt64(row) &* 64 &+ UInt64(slot) &* 2
    let u = (Double(Self.mix(base) >> 11) + 0.5) / 9_007_199_254_740_992
    let v = Double(Self.mix(base &+ 1) >> 11) / 9_007_199_254_740_992
    return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
  }

  /// Appends `value` with six decimals.
  @inline(__always) static func append(_ value: Double, to out: inout [UInt8]) {
    var v = value
    if v < 0 { out.append(UInt8(ascii: "-")); v = -v }
    let scaled = UInt64((v * 1_000_000).rounded())
    let whole = scaled / 1_000_000, fraction = scaled % 1_000_000
    appendInteger(whole, to: &out)
    out.append(UInt8(ascii: "."))
    var digits = [UInt8](repeating: 48, count: 6)
    var f = fraction
    for i in stride(from: 5, through: 0, by: -1) { digits[i] = 48 + UInt8(f % 10); f /= 10 }
    out.append(contentsOf: digits)
  }

  @inline(__always) static func appendInteger(_ value: UInt64, to out: inout [UInt8]) {
    if value < 10 { out.append(48 + UInt8(value)); return }
    var digits: [UInt8] = []
    var v = value
    while v > 0 { digits.append(48 + UInt8(v % 10)); v /= 10 }
    out.append(contentsOf: digits.reversed())
  }

  /// Rows `range` as CSV bytes (no header).
  func bytes(_ range: Range<Int>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(range.count * 240)
    let gamma: [Double] = [0.5, -0.3, 0.2, 0.4, -0.2, 0.3, -0.4, 0.1, 0.25, -0.15]
    for i in range {
      let x = (0..<10).map { normal(row: i, slot: $0) }
      let z = (0..<10).map { normal(row: i, slot: 10 + $0) }
      let u = normal(row: i, slot: 20)
      let group = Int(Self.mix(seed ^ 0xABCD &+ UInt64(i)) % UInt64(levels))
      var t1 = 0.8 * u + normal(row: i, slot: 21), t2 = -0.5 * u + normal(row: i, slot: 22)
      for j in 0..<10 {
        t1 += (j < 5 ? 0.3 : 0.1) * z[j]
        t2 += (j < 5 ? 0.1 : 0.3) * z[j]
      }
      var y = 1 + 0.5 * t1 - 0.7 * t2 + 2 * u + 0.05 * Double(group - levels / 2) + normal(row: i, slot: 23)
      for j in 0..<10 { y += gamma[j] * x[j] }
      for value in [y, t1, t2] + x + z {
        Self.append(value, to: &out)
        out.append(UInt8(ascii: ","))
      }
      out.append(UInt8(ascii: "g"))
      Self.appendInteger(UInt64(group), to: &out)
      out.append(UInt8(ascii: "\n"))
    }
    return out
  }

  /// Writes the CSV file, generating blocks of rows on every core.
  func write(to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data((Self.header + "\n").utf8)),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CocoaError(.fileWriteUnknown) }
    defer { try? handle.close() }
    try handle.seekToEnd()
    let block = 100_000
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var start = 0
    while start < rows {
      let batches = (0..<cores).map { k in min(rows, start + k * block)..<min(rows, start + (k + 1) * block) }
        .filter { !$0.isEmpty }
      let chunks = ChunkBox(count: batches.count)
      DispatchQueue.concurrentPerform(iterations: batches.count) { k in chunks.set(k, bytes(batches[k])) }
      for chunk in chunks.values { try handle.write(contentsOf: Data(chunk)) }
      start += cores * block
    }
  }
}

/// Results written by concurrent workers, one slot each.
final class ChunkBox: @unchecked Sendable {
  private(set) var values: [[UInt8]]
  private let lock = NSLock()
  init(count: Int) { values = [[UInt8]](repeating: [], count: count) }
  func set(_ index: Int, _ value: [UInt8]) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }
}
