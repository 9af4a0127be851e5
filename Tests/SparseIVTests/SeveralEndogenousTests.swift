import Foundation
import Formulas
import Penalized
import Regression
import SparseIV
import Tabular
import TestSupport
import Testing

/// Two endogenous regressors, each moved by its own instruments among 30 candidates:
/// each gets its own selection and the model uses the union, in candidate order.
@Suite("post-LASSO IV with two endogenous regressors")
struct SeveralEndogenousTests {
  static func data() throws -> DataTable {
    var rng = SplitMix64(seed: 2026)
    func normal() -> Double {
      let u = (Double(rng.next() >> 11) + 0.5) / 9_007_199_254_740_992
      let v = Double(rng.next() >> 11) / 9_007_199_254_740_992
      return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
    let n = 2000, p = 30
    var m = [[Double]](repeating: [], count: p)
    var d1: [Double] = [], d2: [Double] = [], y: [Double] = [], w: [Double] = []
    for _ in 0..<n {
      let z = (0..<p).map { _ in Double(rng.next() % 2) }
      for j in 0..<p { m[j].append(z[j]) }
      let u = normal(), control = normal()
      let a = 1.0 * z[2] + 0.8 * z[9] + 0.3 * control + u + normal()
      let b = 0.9 * z[14] + 0.7 * z[21] + u + normal()
      d1.append(a)
      d2.append(b)
      w.append(control)
      y.append(1 + 2 * a - 1 * b + 0.5 * control + 2 * u + normal())
    }
    var columns: [(name: String, column: Column)] = [("y", .numeric(y)), ("d1", .numeric(d1)), ("d2", .numeric(d2)), ("w", .numeric(w))]
    for j in 0..<p { columns.append(("m\(j + 1)", .numeric(m[j]))) }
    return try DataTable(columns: columns)
  }

  @Test(arguments: [InstrumentSelection.plugIn(), .lassoCV(CrossValidatedSelection(folds: .random(folds: 5, seed: 3), penalty: .oneStandardError))])
  func eachRegressorGetsItsOwnSelectionAndTheModelTheUnion(_ method: InstrumentSelection) throws {
    let data = try Self.data()
    let model = try IV2SLS(formula: "y ~ 1 + w + [d1 + d2 ~ m*]", data: data, instrumentSelection: method)
    let report = try #require(model.instrumentSelection)
    #expect(report.selections.map(\.endogenous) == ["d1", "d2"])
    #expect(Set(["m3", "m10"]).isSubset(of: Set(report.selections[0].selected)))
    #expect(Set(["m15", "m22"]).isSubset(of: Set(report.selections[1].selected)))
    let union = Set(report.selections.flatMap(\.selected))
    #expect(model.design.instrumentNames == report.candidates.filter { union.contains($0) })
    #expect(report.supScoreSet == nil)  // defined for one endogenous regressor only
    #expect(report.selections.allSatisfy { $0.firstStageF != nil })
    let results = try model.fit()
    #expect(abs(results.params[2] - 2) < 0.2)
    #expect(abs(results.params[3] + 1) < 0.2)
  }
}

/// Selections that cannot identify the model are reported, not fitted; an endogenous
/// regressor the controls explain exactly is an error, not noise to select on.
@Suite("post-LASSO IV: selections that cannot identify the model")
struct UnidentifiedSelectionTests {
  static func data(sameInstrument: Bool) throws -> DataTable {
    var rng = SplitMix64(seed: 77)
    func uniform() -> Double { Double(rng.next() >> 11) / 9_007_199_254_740_992 - 0.5 }
    let n = 1500, p = 20
    var m = [[Double]](repeating: [], count: p)
    var d1: [Double] = [], d2: [Double] = [], y: [Double] = [], w: [Double] = []
    for _ in 0..<n {
      let z = (0..<p).map { _ in Double(rng.next() % 2) }
      for j in 0..<p { m[j].append(z[j]) }
      let control = uniform()
      let a = 2 * z[4] + uniform(), b = 2 * z[sameInstrument ? 4 : 9] + uniform()
      d1.append(a)
      d2.append(b)
      w.append(control)
      y.append(a - b + control + uniform())
    }
    var columns: [(name: String, column: Column)] = [
      ("y", .numeric(y)), ("d1", .numeric(d1)), ("d2", .numeric(d2)), ("w", .numeric(w)),
      ("spanned", .numeric(w.map { 3 * $0 - 1 })),
    ]
    for j in 0..<p { columns.append(("m\(j + 1)", .numeric(m[j]))) }
    return try DataTable(columns: columns)
  }

  @Test func oneInstrumentForTwoRegressorsIsTooFew() throws {
    let data = try Self.data(sameInstrument: true)
    let design = try DesignMatrices(formula: Formula("y ~ 1 + w + [d1 + d2 ~ m*]"), data: data)
    let outcome = try LassoInstrumentSelector(.plugIn()).select(design, data: data)
    #expect(outcome.report.selected == ["m5"])
    #expect(outcome.report.isUnderidentified && !outcome.report.hasEmptySelection)
    #expect(outcome.report.summary.contains("1 instrument for 2 endogenous regressors: too few to identify;"))
    #expect(outcome.report.summary.contains("no weak-IV-robust set is computed for several endogenous regressors"))
    do {
      _ = try outcome.model()
      Issue.record("one instrument cannot identify two regressors")
    } catch let error as InstrumentSelectionError {
      #expect("\(error)".contains("selected 1 instrument for 2 endogenous regressors: too few to identify the model"))
    }
  }

  @Test func distinctInstrumentsIdentify() throws {
    let model = try IV2SLS(formula: "y ~ 1 + w + [d1 + d2 ~ m*]", data: try Self.data(sameInstrument: false), instrumentSelection: .plugIn())
    #expect(model.design.instrumentNames == ["m5", "m10"])
  }

  @Test func anEndogenousRegressorTheControlsExplainIsAnError() throws {
    let data = try Self.data(sameInstrument: false)
    for method in [InstrumentSelection.plugIn(), .lassoCV(CrossValidatedSelection(folds: .random(folds: 5, seed: 1)))] {
      #expect(throws: InstrumentSelectionError.self) {
        try IV2SLS(formula: "y ~ 1 + w + [spanned ~ m*]", data: data, instrumentSelection: method)
      }
    }
  }
}
