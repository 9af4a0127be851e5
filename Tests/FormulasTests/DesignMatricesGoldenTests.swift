import Foundation
import LinearAlgebra
import Tabular
import TestSupport
import Testing

@testable import Formulas

/// Design matrices against formulaic 1.2.2 / linearmodels 7.1
/// (`Fixtures/reference/formulas.json`, made by `Fixtures/scripts/make_linearmodels_goldens.py`).
@Suite("Design matrices match formulaic")
struct DesignMatricesGoldenTests {
  struct Case: @unchecked Sendable, CustomTestStringConvertible {
    let entry: [String: Any]
    var formula: String { entry["formula"] as? String ?? "" }
    var testDescription: String { formula }
  }

  static let data: DataTable? = try? DataTable(contentsOfCSVFile: Fixtures.url("data/formula_data.csv").path)

  static let cases: [Case] = {
    guard let root = try? Fixtures.json("reference/formulas.json") as? [String: Any] else { return [] }
    let all = (root["formulas"] as? [[String: Any]] ?? []) + (root["extra_formulas"] as? [[String: Any]] ?? [])
    // Cases where linearmodels raised are covered by DesignMatricesBehaviourTests: we code
    // categorical instruments for the model as a whole, so they do not fail here.
    return all.filter { $0["error"] is NSNull || $0["error"] == nil }.map(Case.init)
  }()

  @Test func fixtureLoaded() {
    #expect(Self.cases.count >= 50)
    #expect(Self.data?.rowCount == 30)
  }

  @Test(arguments: cases)
  func matchesFormulaic(_ c: Case) throws {
    let data = try #require(Self.data)
    let names = try #require(c.entry["names"] as? [String: [String]])
    let design = try DesignMatrices(formula: Formula(c.formula), data: data)
    #expect(design.dependentName == names["dependent"]?.first)
    #expect(design.exogenousNames == names["exog"])
    #expect(design.endogenousNames == names["endog"] ?? [])
    #expect(design.instrumentNames == names["instruments"] ?? [])
    #expect(design.observationCount == c.entry["nobs"] as? Int)
    #expect(design.rowIndices == c.entry["kept_rows"] as? [Int])
    let y = try #require((c.entry["dependent"] as? [[Double]])?.first)
    expectClose(design.dependent, y, rtol: 1e-15, "dependent")
    for (label, matrix) in [("exog", design.exogenous), ("endog", design.endogenous), ("instruments", design.instruments)] {
      let expected = c.entry[label] as? [[Double]] ?? []
      #expect(matrix.columns == expected.count, "\(label) column count")
      for (j, column) in expected.enumerated() where j < matrix.columns {
        expectClose(matrix.column(j), column, rtol: 1e-15, "\(label) column \(j)")
      }
    }
  }
}
