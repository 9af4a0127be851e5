import Foundation
import Formulas
import Penalized
import Regression
import SparseIV
import Tabular
import TestSupport
import Testing

/// More candidates than observations: what the plug-in LASSO is built for. The design
/// accepts them; the LASSO picks a few; plain 2SLS with all of them is a clear error.
@Suite("post-LASSO IV with more candidates than rows")
struct WideCandidatesTests {
  static func data() throws -> DataTable {
    var rng = SplitMix64(seed: 404)
    func uniform() -> Double { Double(rng.next() >> 11) / 9_007_199_254_740_992 - 0.5 }
    let n = 80, p = 150
    var m = [[Double]](repeating: [], count: p)
    var x: [Double] = [], y: [Double] = []
    for _ in 0..<n {
      let z = (0..<p).map { _ in uniform() }
      for j in 0..<p { m[j].append(z[j]) }
      let u = uniform()
      let xi = 3 * z[10] - 3 * z[20] + u + 0.2 * uniform()
      x.append(xi)
      y.append(1 + 2 * xi + u + 0.2 * uniform())
    }
    var columns: [(name: String, column: Column)] = [("y", .numeric(y)), ("x", .numeric(x))]
    for j in 0..<p { columns.append(("m\(j + 1)", .numeric(m[j]))) }
    return try DataTable(columns: columns)
  }

  @Test func plugInSelectsAmongMoreCandidatesThanRows() throws {
    let data = try Self.data()
    let model = try IV2SLS(formula: "y ~ 1 + [x ~ m*]", data: data, instrumentSelection: .plugIn())
    #expect(model.instrumentSelection?.candidates.count == 150)
    let selected = try #require(model.instrumentSelection?.selected)
    #expect(Set(["m11", "m21"]).isSubset(of: Set(selected)))
    #expect(selected.count < 80)
    #expect(try model.fit().params.allSatisfy { $0.isFinite })
  }

  @Test func plain2SLSWithAllOfThemIsAClearError() throws {
    let data = try Self.data()
    do {
      _ = try IV2SLS(formula: "y ~ 1 + [x ~ m*]", data: data).fit()
      Issue.record("151 instrument columns for 80 rows must not fit")
    } catch let error as ModelError {
      #expect("\(error)".contains("with as many instruments as observations 2SLS is just OLS"))
    }
  }
}
