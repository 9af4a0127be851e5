/// Accumulates a categorical column's labels while a CSV input is read.
struct LabelColumnBuilder {
  /// Label codes in order of first appearance (-1 = missing).
  private var codes: [Int32] = []
  /// Labels in order of first appearance.
  private var labels: [String] = []
  /// The code of each label.
  private var codeByLabel: [String: Int32] = [:]

  /// Appends a label.
  @inline(__always)
  mutating func append(_ label: String) {
    if let code = codeByLabel[label] {
      codes.append(code)
    } else {
      let code = Int32(truncatingIfNeeded: labels.count)
      labels.append(label)
      codeByLabel[label] = code
      codes.append(code)
    }
  }

  /// Appends a missing value.
  @inline(__always)
  mutating func appendMissing() { codes.append(-1) }

  /// The finished column, with levels sorted and codes renumbered to match.
  /// Appends the rows of `other`, mapping its labels to this builder's codes.
  mutating func append(contentsOf other: LabelColumnBuilder) {
    var mapping = [Int32](repeating: -1, count: other.labels.count)
    for (code, label) in other.labels.enumerated() {
      if let existing = codeByLabel[label] {
        mapping[code] = existing
      } else {
        let new = Int32(truncatingIfNeeded: labels.count)
        labels.append(label)
        codeByLabel[label] = new
        mapping[code] = new
      }
    }
    codes.reserveCapacity(codes.count + other.codes.count)
    for code in other.codes { codes.append(code < 0 ? code : mapping[Int(code)]) }
  }

  func build() -> Column {
    let order = labels.indices.sorted { labels[$0] < labels[$1] }
    var rank = [Int32](repeating: 0, count: labels.count)
    for (newCode, oldCode) in order.enumerated() { rank[oldCode] = Int32(truncatingIfNeeded: newCode) }
    let levels = order.map { labels[$0] }
    let sortedCodes = codes.map { $0 < 0 ? $0 : rank[Int($0)] }
    return .categorical(CategoricalColumn(levels: levels, codes: sortedCodes))
  }
}
