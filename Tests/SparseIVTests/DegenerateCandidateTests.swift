import Foundation
import Formulas
import Penalized
import Regression
import SparseIV
import Tabular
import TestSupport
import Testing

/// Candidates the controls span (a constant, a copy of a control) are rounding noise after
/// partialling out; they must never be selected (standardisation would otherwise blow the
/// noise up), and the selection goes on as without them.
@Suite("post-LASSO IV: candidates spanned by the controls")
struct DegenerateCandidateTests {
  static func data() throws -> DataTable {
    let base = try DataTable(contentsOfCSVFile: Fixtures.url("data/ab_tests_iv.csv").path)
    var columns: [(name: String, column: Column)] = zip(base.columnNames, base.columns).map { ($0, $1) }
    guard case .numeric(let c1)? = base["c1"] else { throw CocoaError(.coderInvalidValue) }
    columns.append(("m_constant", .numeric([Double](repeating: 1, count: base.rowCount))))
    columns.append(("m_copy_of_c1", .numeric(c1)))
    return try DataTable(columns: columns)
  }

  @Test(arguments: [InstrumentSelection.plugIn(), .lassoCV(CrossValidatedSelection(folds: .column("fold")))])
  func spannedCandidatesAreNeverSelected(_ method: InstrumentSelection) throws {
    let model = try IV2SLS(formula: "y ~ 1 + c1 + c2 + [x ~ m*]", data: try Self.data(), instrumentSelection: method)
    let selected = try #require(model.instrumentSelection?.selected)
    #expect(model.instrumentSelection?.candidates.count == 102)
    #expect(!selected.contains("m_constant"))
    #expect(!selected.contains("m_copy_of_c1"))
    #expect(Set(["m7", "m23", "m41", "m62"]).isSubset(of: Set(selected)))
    #expect(try model.fit().params.allSatisfy { $0.isFinite })
  }
}
