import Formulas
import Tabular

/// `--strict`: any row a model would drop is an error instead.
///
/// Without `--strict` the fitting commands drop the rows with a missing value in a
/// column the model uses (and the rows where a `--subset` condition is unknown because
/// of a missing value) and report how many; with it, the first such row is named and
/// nothing is fitted.
extension ModelRunner {
  /// Fails when `design` dropped rows of `data` for missing values.
  func enforceStrict(_ design: DesignMatrices, data: DataTable) throws(Failure) {
    guard options.strict, design.droppedRowCount > 0 else { return }
    let kept = Set(design.rowIndices)
    let where_ = (0..<data.rowCount).first { !kept.contains($0) }.map { row in
      let missing = design.usedColumns.filter { data[$0]?.isMissing(at: row) == true }
      let line = data.sourceLines.map { " (line \($0[row]))" } ?? ""
      let columns = missing.map { "'\($0)'" }.joined(separator: ", ")
      return "; the first is row \(row + 1)\(line)" + (missing.isEmpty ? "" : ", missing \(columns)")
    } ?? ""
    let verb = design.droppedRowCount == 1 ? "has" : "have"
    throw Failure(outcome: .dataFailure(
      "--strict: \(design.droppedRowCount) of the \(data.rowCount) rows \(verb) missing values in the model's columns\(where_)"))
  }

  /// Fails when a `--subset` condition could not be decided on some rows (a missing value).
  func enforceStrict(_ selection: RowSelection, subset: String) throws(Failure) {
    guard options.strict, selection.unknownCount > 0 else { return }
    throw Failure(outcome: .dataFailure(
      "--strict: --subset '\(subset)' is unknown (a missing value) on \(selection.unknownCount) of the \(selection.totalCount) rows"))
  }
}
