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
  /// The heteroskedasticity-robust (HC0) Wald statistic of the selected instruments in the
  /// same first-stage regression, divided by their number: `β_Sᵀ V_S⁻¹ β_S / k` with
  /// `V = (XᵀX)⁻¹ Xᵀdiag(e²)X (XᵀX)⁻¹` (lasso-iv.md §6 step 4's robust version).
  static func robustWaldOverK(design: DesignMatrices, endogenous j: Int, selected: [Int]) -> Double? {
    let kw = design.exogenous.columns, k = selected.count
    guard k > 0, design.observationCount > k + kw else { return nil }
    let chosen = design.instruments.selectingColumns(selected)
    let full = kw > 0 ? design.exogenous.appendingColumns(of: chosen) : chosen
    let qr = QRDecomposition(full)
    guard qr.isFullRank else { return nil }
    let d = design.endogenous.column(j)
    let beta = qr.leastSquares(d)
    let e = qr.residuals(d)
    let bread = qr.inverseGram()
    let meat = full.weightedGram(e.map { $0 * $0 })
    let covariance = bread.multiplied(by: meat).multiplied(by: bread)
    let tested = Array(kw..<(kw + k))
    guard let inverse = try? covariance.submatrix(rows: tested, columns: tested).symmetricInverse() else { return nil }
    let b = tested.map { beta[$0] }
    let w = inverse.multiplied(by: b)
    let wald = zip(b, w).reduce(0) { $0 + $1.0 * $1.1 }
    return wald.isFinite ? wald / Double(k) : nil
  }

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
    let qr = QRDecomposition(full)
    let unrestricted = qr.residuals(d)
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
