/// The parsed records of one stretch of a CSV file: each column's numbers or labels,
/// and each row's line.
struct CSVChunk {
  /// The number of columns in the file.
  let width: Int
  /// The number of records.
  var rows: Int
  /// What each column became: skipped, numbers (in ``numbers``) or labels.
  var kinds: [CSVColumnKind]
  /// The values of each `.numeric` column (empty for the others).
  var numbers: [[Double]]
  /// The labels of each `.labels` column (empty builders for the others).
  var labelColumns: [LabelColumnBuilder]
  /// The line on which each record starts.
  var sourceLines: [Int]
  /// The line following the stretch's last line break.
  var endLine: Int
  /// Whether the stretch holds a quoted field or a carriage return.
  var sawQuoteOrCarriageReturn: Bool

  /// The table with the columns of `chunks` (one after another) that are not skipped,
  /// and these names; each chunk's source lines are moved down by `lineOffsets`.
  ///
  /// The chunks' columns are moved out (appended to the first chunk's), not copied
  /// where avoidable.
  ///
  /// - Precondition: the chunks agree on `kinds`; `names` has one name per column of
  ///   the file; `lineOffsets` has one entry per chunk.
  static func table(_ chunks: inout [CSVChunk], lineOffsets: [Int], names: [String]) -> DataTable {
    guard let kinds = chunks.first?.kinds else {
      return DataTable(validatedNames: [], columns: [], rowCount: 0, sourceLines: [])
    }
    let rows = chunks.reduce(0) { $0 + $1.rows }
    var columns: [Column] = []
    var selectedNames: [String] = []
    for j in kinds.indices {
      switch kinds[j] {
      case .skipped:
        continue
      case .numeric:
        var column: [Double] = []
        swap(&column, &chunks[0].numbers[j])
        if chunks.count > 1 {
          column.reserveCapacity(rows)
          for k in 1..<chunks.count {
            column.append(contentsOf: chunks[k].numbers[j])
            chunks[k].numbers[j] = []
          }
        }
        columns.append(.numeric(column))
      case .labels:
        var builder = LabelColumnBuilder()
        swap(&builder, &chunks[0].labelColumns[j])
        for k in 1..<chunks.count { builder.append(contentsOf: chunks[k].labelColumns[j]) }
        columns.append(builder.build())
      }
      selectedNames.append(names[j])
    }
    var sourceLines: [Int] = []
    if chunks.count == 1 && lineOffsets.first == 0 {
      swap(&sourceLines, &chunks[0].sourceLines)
    } else {
      sourceLines.reserveCapacity(rows)
      for (chunk, offset) in zip(chunks, lineOffsets) {
        for line in chunk.sourceLines { sourceLines.append(line + offset) }
      }
    }
    return DataTable(validatedNames: selectedNames, columns: columns, rowCount: rows, sourceLines: sourceLines)
  }
}
