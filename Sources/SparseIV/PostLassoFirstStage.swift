import Formulas
import LinearAlgebra
import Regression

/// The post-LASSO first stage (`lasso-iv.md` §6 step 4): least squares of each
/// endogenous regressor on the controls W and the instruments the model uses, against the
/// controls alone,
///
///     F = [(RSS_r − RSS_u)/k] / [RSS_u/(n − k − dim W)]
///
/// k the number of instruments, and its heteroskedasticity-robust version. Selection on
/// the first stage inflates F, so Stock–Yogo cut-offs are indicative only. One
/// factorisation of [W, Z_S] serves every endogenous regressor and both statistics; the
/// restricted fit reuses its leading columns when W leads it independently.
struct PostLassoFirstStage {
  let design: DesignMatrices
  let k: Int
  let full: Matrix
  let qr: QRDecomposition
  private var controlsQR: QRDecomposition?

  /// The first stage on the candidates `selected` (indices into the instruments); nil
  /// without instruments or without residual degrees of freedom.
  init?(design: DesignMatrices, selected: [Int]) {
    let kw = design.exogenous.columns
    guard !selected.isEmpty, design.observationCount - selected.count - kw > 0 else { return nil }
    let chosen = design.instruments.selectingColumns(selected)
    self.design = design
    k = selected.count
    full = kw > 0 ? design.exogenous.appendingColumns(of: chosen) : chosen
    qr = QRDecomposition(full)
  }

  /// The homoskedastic F of endogenous regressor `j`.
  mutating func fStatistic(endogenous j: Int) -> TestStatistic? {
    let n = design.observationCount, kw = design.exogenous.columns
    let d = design.endogenous.column(j)
    let restricted: [Double]
    if kw == 0 {
      restricted = d
    } else if let fast = qr.residuals(Matrix(rows: n, columns: 1, columnMajor: d), onLeadingColumns: kw) {
      restricted = fast.columnMajorValues
    } else {
      let controls = controlsQR ?? QRDecomposition(design.exogenous)
      controlsQR = controls
      restricted = controls.residuals(d)
    }
    let rssR = Vector.sumOfSquares(restricted), rssU = Vector.sumOfSquares(qr.residuals(d))
    let df = n - k - kw
    let f = ((rssR - rssU) / Double(k)) / (rssU / Double(df))
    guard f.isFinite else { return nil }
    return TestStatistic(
      name: "Post-LASSO first-stage F (\(design.endogenousNames[j]))",
      nullHypothesis: "the selected instruments do not enter the first stage", statistic: f,
      distribution: .f(k, df))
  }

  /// The HC0 Wald statistic of the instruments for endogenous regressor `j`, divided by
  /// their number: `β_Sᵀ V_S⁻¹ β_S / k` with `V = (XᵀX)⁻¹ Xᵀdiag(e²)X (XᵀX)⁻¹`.
  func robustWaldOverK(endogenous j: Int) -> Double? {
    guard qr.isFullRank else { return nil }
    let kw = design.exogenous.columns
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
}
