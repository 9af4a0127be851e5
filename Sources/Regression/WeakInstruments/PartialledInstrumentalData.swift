import Formulas
import LinearAlgebra

/// The data of an IV model with the included exogenous regressors W partialled
/// out (Frisch–Waugh–Lovell): ỹ = M_W y, X̃ = M_W X, Z̃ = M_W Z, each formed as the
/// residuals of a Householder QR least-squares fit on W (no (WᵀW)⁻¹ is formed).
///
/// Every weak-identification statistic is a function of (ỹ, X̃, Z̃) only; see
/// `iv-diagnostics.md` §0. n − L = n − c − K2 is the residual dof of the first stage.
struct PartialledInstrumentalData {
  /// Observations.
  let n: Int
  /// Included exogenous columns c (the constant counts).
  let exogenousCount: Int
  /// Endogenous regressors K1.
  let k1: Int
  /// Excluded instruments K2.
  let k2: Int
  /// ỹ.
  let y: [Double]
  /// X̃ (n×K1).
  let x: Matrix
  /// Z̃ (n×K2).
  let z: Matrix
  /// QR of Z̃ (full rank): P = Z̃(Z̃ᵀZ̃)⁻¹Z̃ᵀ via `projection`, M via `residuals`.
  let zQR: QRDecomposition
  /// Cholesky factor of Z̃ᵀZ̃ (L Lᵀ = Z̃ᵀZ̃).
  let zGram: CholeskyDecomposition
  /// P X̃ (first-stage fitted values, n×K1).
  let xFitted: Matrix
  /// V̂ = M X̃ (first-stage residuals, n×K1).
  let xResiduals: Matrix

  /// n − L with L = c + K2.
  var residualDegreesOfFreedom: Int { n - exogenousCount - k2 }

  /// Why the statistics are not defined, as the message of an invalid test.
  struct Undefined: Error {
    let reason: String
  }

  /// Partials W out of the model's data.
  ///
  /// - Throws: ``Undefined`` for no endogenous regressors, fewer instruments
  ///   than endogenous regressors, too few observations, or X̃ or Z̃ rank
  ///   deficient after partialling.
  init(design: DesignMatrices) throws(Undefined) {
    let c = design.exogenous.columns
    let exogenousQR: QRDecomposition? = c > 0 && design.observationCount > 0 ? QRDecomposition(design.exogenous) : nil
    try self.init(
      y: exogenousQR?.residuals(design.dependent) ?? design.dependent,
      x: exogenousQR?.residuals(design.endogenous) ?? design.endogenous,
      z: exogenousQR?.residuals(design.instruments) ?? design.instruments, exogenousCount: c)
  }

  /// The data of an absorbed model whose rows are in memory: deviations from the group
  /// means (which partial out the intercept and dummies), then the dense exogenous
  /// regressors partialled out; c counts the absorbed parameters too.
  init(absorbed model: AbsorbedModel) throws(Undefined) {
    guard case .rows(let data, let codes) = model.scores else {
      throw Undefined(reason: "not computed when streaming (the rows are not kept)")
    }
    let regression = model.regression
    let within = { (columns: [Int]) -> Matrix in
      regression.deviations(of: columns, data: data, codes: codes, rows: 0..<data.rows)
    }
    let exogenousQR: QRDecomposition? = model.p > 0 ? QRDecomposition(within(model.exogenousColumns)) : nil
    let partial = { (m: Matrix) -> Matrix in exogenousQR?.residuals(m) ?? m }
    try self.init(
      y: partial(within([model.dependentColumn])).column(0), x: partial(within(model.endogenousColumns)),
      z: partial(within(model.instrumentColumns)), exogenousCount: model.absorbedParameterCount + model.p)
  }

  /// From the partialled parts; `exogenousCount` is c, the columns partialled out.
  private init(y: [Double], x: Matrix, z: Matrix, exogenousCount c: Int) throws(Undefined) {
    let n = y.count
    let k1 = x.columns
    let k2 = z.columns
    guard k1 >= 1 else { throw Undefined(reason: "the model has no endogenous regressors") }
    guard k2 >= k1 else {
      throw Undefined(reason: "fewer excluded instruments (\(k2)) than endogenous regressors (\(k1))")
    }
    guard n - c - k2 >= 1 else { throw Undefined(reason: "too few observations (\(n)) for \(c + k2) instruments") }
    let zQR = QRDecomposition(z)
    guard zQR.isFullRank else {
      throw Undefined(reason: "the excluded instruments are collinear once the exogenous regressors are partialled out")
    }
    guard QRDecomposition(x).isFullRank else {
      throw Undefined(reason: "the endogenous regressors are collinear once the exogenous regressors are partialled out")
    }
    guard let zGram = try? CholeskyDecomposition(z.gram()) else {
      throw Undefined(reason: "the partialled instruments' cross-product is not positive definite")
    }
    self.n = n
    self.exogenousCount = c
    self.k1 = k1
    self.k2 = k2
    self.y = y
    self.x = x
    self.z = z
    self.zQR = zQR
    self.zGram = zGram
    self.xFitted = zQR.projection(x)
    self.xResiduals = zQR.residuals(x)
  }

  /// The n×(K2·m) scores vec(z̃ᵢ eᵢᵀ): column j·K2 + a holds e_{ij}·z̃_{ia}
  /// (column-major order of the K2×m matrix Z̃ᵀE).
  func scores(_ e: Matrix) -> Matrix {
    var s = Matrix(rows: n, columns: k2 * e.columns)
    for j in 0..<e.columns {
      for a in 0..<k2 {
        for i in 0..<n { s[i, j * k2 + a] = e[i, j] * z[i, a] }
      }
    }
    return s
  }
}

extension Matrix {
  /// The Kronecker product A ⊗ B.
  func kronecker(_ b: Matrix) -> Matrix {
    var out = Matrix(rows: rows * b.rows, columns: columns * b.columns)
    for i in 0..<rows {
      for j in 0..<columns {
        let a = self[i, j]
        for k in 0..<b.rows {
          for l in 0..<b.columns { out[i * b.rows + k, j * b.columns + l] = a * b[k, l] }
        }
      }
    }
    return out
  }

  /// The sum of the diagonal.
  var trace: Double { diagonal.reduce(0, +) }
}
