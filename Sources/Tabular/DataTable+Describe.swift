extension DataTable {
  /// A summary of every column, in table order: what `ivreg describe` shows.
  ///
  /// ```swift
  /// let data = try DataTable(contentsOfCSVFile: "Fixtures/data/app_engagement_push.csv")
  /// for column in data.describe() {
  ///   print(column.name, column.typeDescription, column.missingCount, column.mean ?? .nan)
  /// }
  /// // in_app_purchase integer 0 70.46
  /// // push_assigned binary 0 0.4943
  /// // push_delivered binary 0 0.3547
  /// ```
  ///
  /// See ``ColumnSummary`` for the statistics and how they match pandas'
  /// `DataFrame.describe`. Each column is read in one pass (plus one for the standard
  /// deviation) and its values sorted once, so the cost is `O(n log n)` per numeric
  /// column and `O(n)` per categorical one.
  public func describe() -> [ColumnSummary] {
    zip(columnNames, columns).enumerated().map { index, entry in
      ColumnSummary(name: entry.0, position: index + 1, column: entry.1)
    }
  }
}
