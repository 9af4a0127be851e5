import Foundation
import LinearAlgebra

/// How a fit weighs the instruments: linearmodels' κ-class family.
enum KClass: Sendable, Equatable {
  /// A fixed κ: 0 is OLS, 1 is 2SLS.
  case fixed(Double)
  /// LIML: κ̂ from the data, minus α/(n − |Z|) for Fuller(α).
  case liml(fuller: Double)
}

/// The core of a κ-class least-squares fit: the estimates, residuals and bread
/// shared by every covariance estimator.
///
/// β(κ) = [(1−κ)XᵀX + κX̂ᵀX̂]⁻¹[(1−κ)Xᵀy + κX̂ᵀy] with X̂ = P_Z X. For OLS and
/// 2SLS (κ = 0, 1) estimation is by QR throughout: X̂ is formed with the
/// Householder QR of Z, and β solves the least-squares problem of y on X̂ with
/// the QR of X̂, so (X̂ᵀX̂)⁻¹ = R⁻¹R⁻ᵀ is never obtained by inverting a
/// cross-product. Other κ (LIML, Fuller, a user κ) solve the κ-class normal
/// equations, as linearmodels does.
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
  /// (X̂ᵀX̂)⁻¹ (the 2SLS bread, used for leverages and Shea's R²).
  let xHatInverseGram: Matrix
  /// The κ-class bread [(1−κ)XᵀX + κX̂ᵀX̂]⁻¹ (equal to (X̂ᵀX̂)⁻¹ for OLS and 2SLS).
  let bread: Matrix
  /// The κ used (1 for 2SLS and for OLS, as linearmodels reports it).
  let kappa: Double
  /// How many leading columns of X are exogenous.
  let exogenousCount: Int
  let params: [Double]
  /// e = y − Xβ.
  let residuals: [Double]

  var n: Int { y.count }
  var k: Int { x.columns }

  /// Fits y on X, instrumenting with Z when given.
  ///
  /// - Parameters:
  ///   - exogenousCount: the number of leading columns of X that are exogenous
  ///     (the rest are endogenous); needed for LIML's κ̂.
  ///   - kClass: 2SLS (κ = 1) by default; ignored without instruments (OLS).
  /// - Throws: ``ModelError`` when X or Z is rank deficient (naming the
  ///   columns), when there are no more observations than parameters, when
  ///   the projection of X on Z is collinear, or when κ̂ cannot be estimated.
  ///   - factorizedX: the QR of `x` when the caller already has it (the first stage reuses
  ///     the model's QR of Z, the exogeneity tests the model's QR of X); it must be the
  ///     decomposition of exactly this `x`.
  init(
    y: [Double], x: Matrix, xNames: [String], z: Matrix?, zNames: [String],
    exogenousCount: Int? = nil, kClass: KClass = .fixed(1), factorizedX: QRDecomposition? = nil
  ) throws(ModelError) {
    let n = y.count
    guard x.columns > 0 else { throw .noRegressors }
    guard n > x.columns else { throw .insufficientObservations(observations: n, parameters: x.columns) }
    if let z, z.columns >= n { throw .tooManyInstruments(observations: n, instruments: z.columns) }
    try Self.checkFinite(y, name: "dependent variable")
    try Self.checkFinite(x, names: xNames)
    if let z { try Self.checkFinite(z, names: zNames) }
    let xQR = factorizedX ?? QRDecomposition(x)
    try Self.checkRank(xQR, names: xNames, role: "regressors")
    var xHat = x
    var zQR: QRDecomposition?
    // X̂ = Q₁C with C = Q₁ᵀX (Q₁ the basis of Z's span), so X̂'s least-squares problems
    // are C's: the QR of the small rank(Z)×k matrix C replaces that of the n×k X̂ (same
    // R up to signs, same rank decisions since the column norms agree).
    var coordinatesQR: QRDecomposition?
    if let z {
      let qr = QRDecomposition(z)
      try Self.checkRank(qr, names: zNames, role: "instruments")
      let (projection, coordinates) = qr.projectionAndCoordinates(x)
      xHat = projection
      zQR = qr
      coordinatesQR = QRDecomposition(coordinates, tolerance: Double(Swift.max(n, x.columns)) * .ulpOfOne)
    }
    // Without instruments X̂ = X: its QR is the one just made.
    let xHatQR = coordinatesQR ?? xQR
    guard xHatQR.isFullRank else {
      throw .notIdentified(endogenous: xHatQR.dependentColumns.map { xNames[$0] })
    }
    let exogenousCount = exogenousCount ?? x.columns
    self.y = y
    self.x = x
    self.xQR = xQR
    self.zQR = zQR
    self.xHat = xHat
    self.exogenousCount = exogenousCount
    self.xHatInverseGram = xHatQR.inverseGram()

    var kappa = 1.0
    if let zQR {
      switch kClass {
      case .fixed(let value): kappa = value
      case .liml(let fuller):
        kappa = try Self.limlKappa(y: y, x: x, exogenousCount: exogenousCount, zQR: zQR)
        kappa -= fuller / Double(n - zQR.columns)
      }
    }
    // Without instruments X̂ = X and κ is immaterial; linearmodels' IV2SLS reports 1.
    self.kappa = zQR == nil ? 1 : kappa
    let params: [Double]
    if zQR == nil || kappa == 1 {
      self.bread = xHatInverseGram
      params = zQR.map { xHatQR.leastSquares($0.coordinates(y)) } ?? xHatQR.leastSquares(y)
    } else {
      let a = (1 - kappa) * x.gram() + kappa * xHat.gram()
      guard let bread = try? a.symmetricInverse() else {
        throw .singularKClass(kappa: kappa)
      }
      let b = zip(x.transposeMultiplied(by: y), xHat.transposeMultiplied(by: y)).map { (1 - kappa) * $0 + kappa * $1 }
      self.bread = bread
      params = bread.multiplied(by: b)
    }
    self.params = params
    self.residuals = Vector.subtracting(y, x.multiplied(by: params))
  }

  /// LIML's κ̂: the smallest eigenvalue of W^{-1/2} W₁ W^{-1/2}, with
  /// W = EᵀM_Z E and W₁ = EᵀM_{X₁}E for E = [y, endogenous] and X₁ the
  /// exogenous regressors (linearmodels 7.1).
  static func limlKappa(y: [Double], x: Matrix, exogenousCount: Int, zQR: QRDecomposition) throws(ModelError) -> Double {
    let n = y.count
    let endogenous = Array(exogenousCount..<x.columns)
    let e = Matrix(columns: [y]).appendingColumns(of: x.selectingColumns(endogenous))
    guard n - zQR.columns >= e.columns else {
      throw .kappaUndefined("\(n) observations cannot estimate kappa; it needs at least \(zQR.columns + e.columns)")
    }
    let ez = zQR.residuals(e)
    let ex1 = exogenousCount > 0 ? QRDecomposition(x.selectingColumns(Array(0..<exogenousCount))).residuals(e) : e
    // Rank of the residuals with columns scaled to unit length, at tolerance √ε.
    let norms = (0..<ez.columns).map { Vector.sumOfSquares(ez.column($0)).squareRoot() }
    guard norms.allSatisfy({ $0 > 0 }),
      SingularValueDecomposition(Matrix(columns: (0..<ez.columns).map { j in ez.column(j).map { $0 / norms[j] } }))
        .singularValues.allSatisfy({ $0 > Double.ulpOfOne.squareRoot() })
    else {
      throw .kappaUndefined("the residuals of the dependent variable and the endogenous regressors on the instruments are linearly dependent")
    }
    let w = SymmetricEigenDecomposition(ez.gram())
    guard w.eigenvalues.allSatisfy({ $0 > 0 }) else {
      throw .kappaUndefined("the cross product of the residuals on the instruments is not positive definite")
    }
    // W^{-1/2} = V diag(λ^{-1/2}) Vᵀ
    var scaled = w.eigenvectors
    for j in 0..<scaled.columns {
      let factor = 1 / w.eigenvalues[j].squareRoot()
      for i in 0..<scaled.rows { scaled[i, j] *= factor }
    }
    let inverseRoot = scaled.multiplied(by: w.eigenvectors.transposed())
    let q = inverseRoot.multiplied(by: ex1.gram()).multiplied(by: inverseRoot).symmetrized()
    return SymmetricEigenDecomposition(q).eigenvalues.min() ?? .nan
  }

  static func checkFinite(_ values: [Double], name: String) throws(ModelError) {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(column: name, row: i + 1, value: values[i])
    }
  }

  static func checkFinite(_ m: Matrix, names: [String]) throws(ModelError) {
    for j in 0..<m.columns { try checkFinite(m.column(j), name: names[j]) }
  }

  static func checkRank(_ qr: QRDecomposition, names: [String], role: String) throws(ModelError) {
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
