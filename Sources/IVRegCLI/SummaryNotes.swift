import Foundation
import Formulas
import Regression

/// The warnings `ivreg fit` prints under a text summary: statsmodels' notes on the
/// conditioning of the regressors, a note on an exact fit and, for an IV model, a weak-instrument warning
/// when a first-stage partial F-statistic is below 10 (the Staiger-Stock rule of
/// thumb); `--diagnostics` has the full weak-instrument tests.
enum SummaryNotes {
  /// The rule-of-thumb threshold of the first-stage partial F-statistic.
  static let weakInstrumentF = 10.0

  /// The notes, each a line starting `Note: ` (empty when there is nothing to say).
  static func lines(for results: RegressionResults, firstStage: FirstStageResults?) -> [String] {
    var notes = results.conditioningNotes
    if let absorbed = results.absorbedCategorical {
      let what = absorbed.factorName.map { "the intercept and \($0) (\(absorbed.groupCount) levels) were" } ?? "the intercept was"
      notes.append(
        "\(what) absorbed (--absorb\(results.residuals.isEmpty ? ", --streaming" : "")): the same estimates without dummy columns; "
          + (results.residuals.isEmpty
            ? "Wooldridge's tests and the weak-instrument block are not computed when streaming"
            : "Wooldridge's tests are not computed (--absorb no computes them)"))
    }
    let scale = results.fittedValues.reduce(0) { $0 + $1 * $1 }
    if results.nobs > results.dfModel && results.residualSumOfSquares <= 1e-20 * scale {
      notes.append(
        "the model fits the data exactly (the residuals are zero up to rounding); "
          + "the standard errors, t-statistics and p-values are not informative")
    }
    for diagnostic in firstStage?.diagnostics ?? [] {
      let f = diagnostic.partialF.statistic
      if f.isNaN {
        notes.append(
          "the first-stage partial F-statistic of '\(diagnostic.endogenous)' cannot be computed; "
            + "the instruments may not identify it (see --diagnostics)")
      } else if f < weakInstrumentF {
        notes.append(
          "weak instruments: the first-stage partial F-statistic of '\(diagnostic.endogenous)' is "
            + SummaryNumber.format(f) + ", below \(Int(weakInstrumentF)); the IV estimates may be biased and their "
            + "standard errors and p-values unreliable (see --diagnostics for weak-instrument-robust inference)")
      }
    }
    return notes.map { "Note: " + $0 }
  }
}

extension SummaryNotes {
  /// `compare`'s line on the rows each model dropped for missing values (nil when none
  /// did): `Rows dropped (missing values): Model 1: 1, Model 2: 0`.
  static func droppedRows(_ results: [RegressionResults], names: [String]) -> String? {
    guard results.contains(where: { $0.rowsDropped > 0 }) else { return nil }
    return "Rows dropped (missing values): "
      + zip(names, results).map { "\($0): \($1.rowsDropped)" }.joined(separator: ", ")
  }
}

/// Four significant digits, as the summaries print statistics.
private enum SummaryNumber {
  static func format(_ value: Double) -> String {
    value.isFinite ? String(format: "%.4g", value) : "\(value)"
  }
}
