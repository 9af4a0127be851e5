// libFuzzer harness: the formula parser, then the design matrices on a small table.
//
// The input is the formula text (arbitrary bytes, decoded as UTF-8 with repair).
// Properties checked: no trap; a parse error has a message, an offset inside the text
// and a caret diagram; a design has matrices of consistent sizes, finite values and
// kept + dropped rows equal to the table's rows.
import Foundation
import Formulas
import LinearAlgebra
import Tabular

private let table: DataTable = {
  var text = "y,x1,x2,pos,z1,z2,g,s,w\n"
  for row in 0..<12 {
    let r = Double(row)
    let missing = row == 5 ? "NA" : "\(r * 0.5 - 1)"
    text += "\(r * r - 3),\(missing),\(r.truncatingRemainder(dividingBy: 3)),\(r + 1),\(2 * r - 5),\(Double((row * 7) % 5)),\(row % 3),\(["a", "b", "c"][row % 3]),\(0.5 + r)\n"
  }
  return try! DataTable(csv: text)  // fixed, valid text
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let formula: Formula
  do {
    formula = try Formula(text)
  } catch {
    precondition(!error.description.isEmpty, "empty error message")
    if let offset = error.offset { precondition(offset >= 0 && offset <= text.utf8.count, "offset outside the text") }
    _ = error.caretDiagram(for: text)
    return 0
  }
  do {
    let design = try DesignMatrices(formula: formula, data: table)
    let n = design.observationCount
    precondition(design.exogenous.rows == n && design.endogenous.rows == n && design.instruments.rows == n)
    precondition(design.rowIndices.count == n && n + design.droppedRowCount == table.rowCount, "rows lost")
    precondition(design.dependent.allSatisfy(\.isFinite) && design.exogenous.storage.allSatisfy(\.isFinite))
    precondition(design.endogenous.storage.allSatisfy(\.isFinite) && design.instruments.storage.allSatisfy(\.isFinite))
  } catch {
    precondition(!error.description.isEmpty, "empty error message")
    _ = error.caretDiagram(for: text)
  }
  return 0
}
