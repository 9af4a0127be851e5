import Foundation
import LinearAlgebra

/// The core of a k-class (κ = 0 OLS, κ = 1 2SLS) least-squares fit: the
/// estimates, residuals and bread shared by every covariance estimator.
///
/// Estimation is by QR throughout: X̂ = P_Z X is formed with the Householder QR
/// of Z, and β solves the least-squares problem of y on X̂ with the QR of X̂,
/// so (X̂ᵀX̂)⁻¹ = R⁻¹R⁻ᵀ is never obtained by inverting a cross-product.
struct LinearFit {
  let y: [Double]
  /// Regressors X (n×k).
  let x: Matrix
  /// QR of X (used for rank checks, OLS residuals and constant detection).
  let xQR: QRDecomposition
  /// QR of the full instrument matrix Z (nil for OLS).
  let zQR: QRDecomposition?
  /// X̂ = P_Z X (X itself for OLS).
  let xHat: Matrix
  /// (X̂ᵀX̂)⁻¹.
  let inverseGram: Matrix
  let params: [Double]
  /// e = y − Xβ.
  let residuals: [Double]

  var n: Int { y.count }
  var k: Int { x.columns }

  /// Fits y on X, instrumenting with Z when given.
  ///
  /// - Throws: ``ModelError`` when X or Z is rank deficient (naming the
  ///   columns), when there are no more observations than parameters, or when
  ///   the projection of X on Z is collinear.
  init(y: [Double], x: Matrix, xNames: [String], z: Matrix?, zNames: [String]) throws(ModelError) {
    let n = y.count
    guard x.columns > 0 else { throw .noRegressors }
    guard n > x.columns else { throw .insufficientObservations(observations: n, parameters: x.columns) }
    try Self.checkFinite(y, name: "dependent variable")
    try Self.checkFinite(x, names: xNames)
    if let z { try Self.checkFinite(z, names: zNames) }
    let xQR = QRDecomposition(x)
    try Self.checkRank(xQR, names: xNames, role: "regressors")
    var xHat = x
    var zQR: QRDecomposition?
    if let z {
      let qr = QRDecomposition(z)
      try Self.checkRank(qr, names: zNames, role: "instruments")
      xHat = qr.projection(x)
      zQR = qr
    }
    let xHatQR = QRDecomposition(xHat)
    guard xHatQR.isFullRank else {
      throw .notIdentified(endogenous: xHatQR.dependentColumns.map { xNames[$0] })
    }
    self.y = y
    self.x = x
    self.xQR = xQR
    self.zQR = zQR
    self.xHat = xHat
    self.inverseGram = xHatQR.inverseGram()
    let params = xHatQR.leastSquares(y)
    self.params = params
    let fitted = x.multiplied(by: params)
    self.residuals = Vector.subtracting(y, fitted)
  }

  private static func checkFinite(_ values: [Double], name: String) throws(ModelError) {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(column: name, row: i + 1, value: values[i])
    }
  }

  private static func checkFinite(_ m: Matrix, names: [String]) throws(ModelError) {
    for j in 0..<m.columns { try checkFinite(m.column(j), name: names[j]) }
  }

  private static func checkRank(_ qr: QRDecomposition, names: [String], role: String) throws(ModelError) {
    guard !qr.isFullRank else { return }
    let dependent = qr.dependentColumns
    let relations = dependent.map { j -> String in
      let terms = qr.dependence(ofColumn: j)
      if terms.isEmpty { return "\(names[j]) = 0" }
      let combination = terms.map { "\(formatCoefficient($0.coefficient))·\(names[$0.column])" }
      return "\(names[j]) = " + combination.joined(separator: " + ").replacingMinus()
    }
    throw .collinear(role: role, columns: dependent.map { names[$0] }, relations: relations)
  }
}

/// A coefficient for a collinearity message: `2`, `-0.5`, `1.25e-07` (six significant digits).
func formatCoefficient(_ value: Double) -> String {
  String(format: "%.6g", value)
}

extension String {
  /// `a + -2·b` → `a - 2·b`.
  fileprivate func replacingMinus() -> String {
    replacingOccurrences(of: " + -", with: " - ")
  }
}
