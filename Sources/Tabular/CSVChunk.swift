/// The parsed records of one stretch of a CSV file: numbers row by row (one slot per
/// field), which columns are still numeric, the label columns, and each row's line.
struct CSVChunk {
  let width: Int
  var numbers: [Double]
  var isNumeric: [Bool]
  var labelColumns: [LabelColumnBuilder]
  var sourceLines: [Int]
  var rows: Int

  /// The chunk followed by `next`, whose columns have the same types.
  ///
  /// - Precondition: `next.isNumeric == isNumeric`.
  mutating func append(_ next: CSVChunk) {
    numbers.append(contentsOf: next.numbers)
    for j in 0..<width where !isNumeric[j] { labelColumns[j].append(contentsOf: next.labelColumns[j]) }
    sourceLines.append(contentsOf: next.sourceLines)
    rows += next.rows
  }

  /// The table with these column names.
  func table(names: [String]) -> DataTable {
    var columns: [Column] = []
    columns.reserveCapacity(width)
    numbers.withUnsafeBufferPointer { all in
      for j in 0..<width {
        if isNumeric[j] {
          // Every complete row added exactly `width` slots.
          var column = [Double](repeating: 0, count: rows)
          column.withUnsafeMutableBufferPointer { out in
            var source = j
            for i in 0..<rows {
              out[i] = all[source]
              source &+= width
            }
          }
          columns.append(.numeric(column))
        } else {
          columns.append(labelColumns[j].build())
        }
      }
    }
    return DataTable(validatedNames: names, columns: columns, rowCount: rows, sourceLines: sourceLines)
  }
}
