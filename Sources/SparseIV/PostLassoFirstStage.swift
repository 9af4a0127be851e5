import Formulas
import LinearAlgebra
import Regression

/// The post-LASSO first-stage F (`lasso-iv.md` §6 step 4): least squares of an
/// endogenous regressor on the controls and the selected instruments against the
/// controls alone,
///
///     F = [(RSS_r − RSS_u)/k] / [RSS_u/(n − k − dim W)]
///
/// k the number of selected instruments. Selection on the first stage inflates F, so
/// Stock–Yogo cut-offs are indicative only.
enum PostLassoFirstStage {
  static func fStatistic(design: DesignMatrices, endogenous j: Int, selected: [Int]) -> TestStatistic? {
    let n = design.observationCount, kw = design.exogenous.columns, k = selected.count
    guard k > 0, n - k - kw > 0 else { return nil }
    let d = design.endogenous.column(j)
    let restricted: [Double]
    if kw > 0 {
      restricted = QRDecomposition(design.exogenous).residuals(d)
    } else {
      restricted = d
    }
    var full = design.exogenous
    full = kw > 0 ? full.appendingColumns(of: design.instruments.selectingColumns(selected))
      : design.instruments.selectingColumns(selected)
    let unrestricted = QRDecomposition(full).residuals(d)
    let rssR = Vector.sumOfSquares(restricted), rssU = Vector.sumOfSquares(unrestricted)
    let df = n - k - kw
    let f = ((rssR - rssU) / Double(k)) / (rssU / Double(df))
    guard f.isFinite else { return nil }
    return TestStatistic(
      name: "Post-LASSO first-stage F (\(design.endogenousNames[j]))",
      nullHypothesis: "the selected instruments do not enter the first stage", statistic: f,
      distribution: .f(k, df))
  }
}
