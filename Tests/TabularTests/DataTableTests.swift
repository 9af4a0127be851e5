import Tabular
import Testing

@Test func constructedTablesHaveNoSourceLines() throws {
  let table = try DataTable(columns: [("y", .numeric([1, 2, 3]))])
  #expect(table.sourceLines == nil)
  #expect(table.selectingRows([2, 0]).sourceLines == nil)
  #expect(table.selectingRows([2, 0]).rowCount == 2)
}

@Test func sourceLinesAreStoredAndSelected() throws {
  let g = CategoricalColumn(labels: ["a", nil, "b"])
  let table = try DataTable(columns: [("y", .numeric([1, 2, 3])), ("g", .categorical(g))], sourceLines: [2, 4, 5])
  #expect(table.sourceLines == [2, 4, 5])
  let picked = table.selectingRows([2, 2, 1])
  #expect(picked.sourceLines == [5, 5, 4])
  #expect(picked["y"] == .numeric([3, 3, 2]))
  #expect(picked["g"] == .categorical(CategoricalColumn(levels: ["a", "b"], codes: [1, 1, -1])))
  #expect(picked.index(of: "g") == 1)
  // Equality ignores where the rows came from.
  #expect(try table == DataTable(columns: [("y", .numeric([1, 2, 3])), ("g", .categorical(g))]))
}

@Test func sourceLineCountMustMatchRows() {
  #expect(throws: DataTableError.sourceLineCountMismatch(expected: 2, found: 1)) {
    try DataTable(columns: [("y", .numeric([1, 2]))], sourceLines: [2])
  }
  #expect(
    DataTableError.sourceLineCountMismatch(expected: 2, found: 1).description == "1 source lines given for 2 rows")
}

@Test func validationErrorsStillThrown() {
  #expect(throws: DataTableError.emptyColumnName(position: 2)) {
    try DataTable(columns: [("y", .numeric([1])), ("", .numeric([1]))])
  }
  #expect(throws: DataTableError.duplicateColumnName("y", firstPosition: 1, secondPosition: 2)) {
    try DataTable(columns: [("y", .numeric([1])), ("y", .numeric([1]))], sourceLines: [2])
  }
  #expect(throws: DataTableError.columnLengthMismatch(name: "x", expected: 1, found: 2)) {
    try DataTable(columns: [("y", .numeric([1])), ("x", .numeric([1, 2]))])
  }
}
