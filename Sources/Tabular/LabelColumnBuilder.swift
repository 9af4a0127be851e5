/// Accumulates a categorical column's labels while a CSV input is read.
///
/// Labels are numbered by their bytes as they come; `String`s are made only for the
/// distinct labels, when the column is built.
struct LabelColumnBuilder {
  /// Label codes in order of first appearance (-1 = missing).
  private var codes: [Int32] = []
  /// The distinct labels' bytes.
  private var labels = ByteStringTable()

  /// Reserves room for `rows` codes.
  mutating func reserveCapacity(_ rows: Int) { codes.reserveCapacity(rows) }

  /// Appends the label with these UTF-8 bytes.
  @inline(__always)
  mutating func append(_ label: UnsafeBufferPointer<UInt8>) {
    codes.append(labels.code(of: label))
  }

  /// Appends a missing value.
  @inline(__always)
  mutating func appendMissing() { codes.append(-1) }

  /// Appends the rows of `other`, mapping its labels to this builder's codes.
  mutating func append(contentsOf other: LabelColumnBuilder) {
    var mapping = [Int32](repeating: -1, count: other.labels.count)
    for code in 0..<other.labels.count {
      mapping[code] = other.labels.bytes(code).withUnsafeBufferPointer { labels.code(of: $0) }
    }
    codes.reserveCapacity(codes.count + other.codes.count)
    for code in other.codes { codes.append(code < 0 ? code : mapping[Int(code)]) }
  }

  /// The finished column, with levels sorted and codes renumbered to match.
  ///
  /// Labels whose bytes differ but whose `String`s are equal (canonically equivalent
  /// Unicode) are one level, spelt as first seen.
  func build() -> Column {
    var distinct: [String] = []
    var merged = [Int](repeating: 0, count: labels.count)
    var indexByLabel: [String: Int] = [:]
    for code in 0..<labels.count {
      let label = labels.bytes(code).withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
      if let existing = indexByLabel[label] {
        merged[code] = existing
      } else {
        indexByLabel[label] = distinct.count
        merged[code] = distinct.count
        distinct.append(label)
      }
    }
    let order = distinct.indices.sorted { distinct[$0] < distinct[$1] }
    var rank = [Int32](repeating: 0, count: distinct.count)
    for (newCode, oldCode) in order.enumerated() { rank[oldCode] = Int32(truncatingIfNeeded: newCode) }
    var finalCode = [Int32](repeating: 0, count: labels.count)
    for code in 0..<labels.count { finalCode[code] = rank[merged[code]] }
    let levels = order.map { distinct[$0] }
    let sortedCodes = codes.map { $0 < 0 ? $0 : finalCode[Int($0)] }
    return .categorical(CategoricalColumn(levels: levels, codes: sortedCodes))
  }
}
