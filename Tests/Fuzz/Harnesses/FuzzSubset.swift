// libFuzzer harness: the `--subset` condition language, parsed and evaluated.
//
// The input is the condition text. Properties checked: no trap; an error has a
// message and a caret diagram; an evaluated selection accounts for every row (kept +
// false + unknown = rows), keeps rows in order, and the subset table has those rows.
import Foundation
import Tabular

private let table: DataTable = {
  var text = "x,y,g,s,flag\n"
  for row in 0..<10 {
    let x = row == 3 ? "NA" : "\(Double(row) - 4.5)"
    let s = row == 7 ? "" : ["red", "green", "blue"][row % 3]
    text += "\(x),\(row * row),\(row % 4),\(s),\(row % 2)\n"
  }
  return try! DataTable(csv: text)  // fixed, valid text
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubset(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let condition: RowCondition
  do {
    condition = try RowCondition(parsing: text)
  } catch {
    precondition(!error.description.isEmpty, "empty error message")
    precondition(error.offset >= 0 && error.offset <= text.utf8.count, "offset outside the text")
    _ = error.caretDiagram(for: text)
    return 0
  }
  _ = condition.description
  do {
    let (kept, selection) = try table.subset(where: condition)
    precondition(selection.totalCount == table.rowCount, "rows unaccounted for")
    precondition(selection.rows == selection.rows.sorted() && Set(selection.rows).count == selection.rows.count)
    precondition(kept.rowCount == selection.keptCount)
  } catch {
    precondition(!error.description.isEmpty, "empty error message")
    _ = error.caretDiagram(for: text)
  }
  return 0
}
