import Formulas
import LinearAlgebra

/// The first-stage data a selection works on: each endogenous regressor and the
/// candidate instruments, either residualised on the controls (Frisch–Waugh) or with
/// the non-constant controls appended as extra, unpenalised columns.
struct SelectionData {
  /// The candidate columns (then the appended controls, when kept unpenalised).
  let x: Matrix
  /// One response per endogenous regressor.
  let responses: [[Double]]
  /// How many leading columns of ``x`` are candidates.
  let candidateCount: Int
  /// Whether the controls include a constant (the LASSO then fits an intercept).
  let hasConstant: Bool
  /// The factorisation of the controls the data were partialled on (nil when they were
  /// not partialled, or there are no controls).
  let controlsQR: QRDecomposition?

  /// - Throws: ``InstrumentSelectionError/endogenousSpannedByControls(_:)`` when the
  ///   controls explain an endogenous regressor exactly (its residual would be rounding
  ///   noise, which a LASSO would "explain" with noise).
  init(design: DesignMatrices, partialOut: Bool) throws {
    let w = design.exogenous
    let constantColumns = (0..<w.columns).filter { j in
      let c = w.column(j)
      guard let first = c.first, first != 0 else { return false }
      return c.allSatisfy { $0 == first }
    }
    hasConstant = !constantColumns.isEmpty
    candidateCount = design.instruments.columns
    let endogenous = (0..<design.endogenous.columns).map { design.endogenous.column($0) }
    if partialOut && w.columns > 0 {
      let qr = QRDecomposition(w)
      controlsQR = qr
      var residuals = qr.residuals(design.instruments)
      // A candidate the controls span (a constant, a copy of a control) leaves rounding
      // noise that standardisation would blow up into a selectable column: make it exactly
      // zero, so no LASSO can select it.
      let n = design.observationCount
      let tolerance = Double(Swift.max(n, w.columns + candidateCount)) * .ulpOfOne
      for j in 0..<candidateCount {
        let original = Vector.sumOfSquares(design.instruments.column(j)).squareRoot()
        let left = Vector.sumOfSquares(residuals.column(j)).squareRoot()
        if !(left > tolerance * original) { residuals.setColumn(j, to: [Double](repeating: 0, count: n)) }
      }
      x = residuals
      responses = endogenous.map { qr.residuals($0) }
      for (j, response) in responses.enumerated() {
        let original = Vector.sumOfSquares(endogenous[j]).squareRoot()
        guard Vector.sumOfSquares(response).squareRoot() > tolerance * original else {
          throw InstrumentSelectionError.endogenousSpannedByControls(design.endogenousNames[j])
        }
      }
    } else if w.columns > constantColumns.count {
      controlsQR = nil
      let kept = (0..<w.columns).filter { !constantColumns.contains($0) }
      x = design.instruments.appendingColumns(of: w.selectingColumns(kept))
      responses = endogenous
    } else {
      controlsQR = nil
      x = design.instruments
      responses = endogenous
    }
  }

  /// The candidates that are not identically zero (after partialling out).
  var usableCandidates: [Int] {
    let n = x.rows
    return (0..<candidateCount).filter { j in
      (0..<n).contains { x.storage[$0 + j * n] != 0 }
    }
  }

  /// Penalty factors: 1 for candidates, 0 for appended controls (nil when there are none).
  var penaltyFactors: [Double]? {
    x.columns == candidateCount ? nil
      : [Double](repeating: 1, count: candidateCount) + [Double](repeating: 0, count: x.columns - candidateCount)
  }
}
