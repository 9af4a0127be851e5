import Tabular

extension ModelRunner {
  /// Fails, naming the file, when it has a header but no rows: there is nothing to
  /// fit (`describe` still describes such a file). With `--subset` the subset's own
  /// message ("selects no rows: kept 0 of 0 rows") has already said so.
  func requireRows(_ data: DataTable) throws(Failure) {
    guard data.rowCount == 0, options.subset == nil else { return }
    let columns = data.columnNames.count == 1 ? "1 column" : "\(data.columnNames.count) columns"
    throw Failure(outcome: .dataFailure("\(options.dataPath): the file has a header (\(columns)) but no rows"))
  }
}
