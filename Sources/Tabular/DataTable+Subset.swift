extension DataTable {
  /// The rows where `condition` is true, like R's `subset()`, and how many rows
  /// were dropped because it was false or unknown.
  ///
  /// The kept rows stay in their order and keep their ``sourceLines``, so later
  /// errors still cite file lines. Categorical columns keep all their levels
  /// (as R's `subset()` keeps factor levels); the model code drops levels that no
  /// used row has.
  ///
  /// ```swift
  /// let (adults, selection) = try table.subset(where: RowCondition(parsing: "age >= 18"))
  /// print(selection)   // kept 812 of 1000 rows (176 false, 12 unknown because of missing values)
  /// ```
  ///
  /// - Throws: ``RowConditionError`` when the condition names a column the table
  ///   does not have or compares a number with text (see ``RowCondition/evaluate(on:)``).
  public func subset(where condition: RowCondition) throws(RowConditionError) -> (
    table: DataTable, selection: RowSelection
  ) {
    let selection = try condition.evaluate(on: self)
    let table = selection.droppedCount == 0 ? self : selectingRows(selection.rows)
    return (table, selection)
  }
}
