import Tabular

/// Numbers the values of a cluster column — labels or numbers — 0, 1, 2, … in order of
/// first appearance, across as many tables (blocks of one file) as are given.
struct ClusterNumbering {
  /// A cluster value.
  enum Key: Hashable {
    case label(String)
    case number(Double)
  }

  private var index: [Key: Int] = [:]

  /// The clusters numbered so far.
  var count: Int { index.count }

  /// The cluster of each of `rows` of column `name` of `table`.
  ///
  /// - Parameter missing: the message for a missing value on a row (zero-based, in `table`).
  /// - Throws: ``ModelError/invalidClusters(_:)`` for an unknown column (with a suggestion) or
  ///   a missing value.
  mutating func ids(_ name: String, rows: [Int], in table: DataTable, missing: (Int) -> String) throws(ModelError) -> [Int] {
    guard let column = table[name] else {
      let suggestion = closestMatch(to: name, among: table.columnNames).map { " (did you mean '\($0)'?)" } ?? ""
      throw .invalidClusters("unknown cluster column '\(name)'\(suggestion)")
    }
    var ids: [Int] = []
    ids.reserveCapacity(rows.count)
    switch column {
    case .categorical(let labels):
      // One lookup per level, not per row.
      var levelIDs = [Int](repeating: -1, count: labels.levels.count)
      for row in rows {
        let code = Int(labels.codes[row])
        guard code >= 0 else { throw .invalidClusters(missing(row)) }
        if levelIDs[code] < 0 { levelIDs[code] = id(.label(labels.levels[code])) }
        ids.append(levelIDs[code])
      }
    case .numeric(let values):
      for row in rows {
        guard !values[row].isNaN else { throw .invalidClusters(missing(row)) }
        ids.append(id(.number(values[row])))
      }
    }
    return ids
  }

  private mutating func id(_ key: Key) -> Int {
    if let id = index[key] { return id }
    index[key] = index.count
    return index.count - 1
  }
}
