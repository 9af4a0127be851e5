import Distributions
public import Formulas
public import LinearAlgebra

/// The sup-score test of H0: α = a for one endogenous regressor with many
/// instruments (Belloni, Chen, Chernozhukov & Hansen 2012; `lasso-iv.md` §5.5): valid
/// when the instruments are weak, and when a LASSO selects none of them.
///
/// After partialling the included exogenous regressors (at least the constant) out of
/// y, d and every instrument z_j,
///
///     e_i(a) = ỹ_i − a·d̃_i
///     S(a)   = √n · max_j |E_n[e_i(a) z̃_ij]| / √E_n[e_i(a)² z̃_ij²]
///
/// and H0 is rejected when S(a) > c·Φ⁻¹(1 − γ/(2p)) (c = 1.1, γ = 0.05: the
/// conservative bound of lassopack). The confidence set {a : S(a) ≤ crit} is computed
/// exactly: for each instrument the accepted a solve a quadratic inequality, so the set
/// is an intersection of intervals and pairs of rays — an interval, a union of
/// intervals, unbounded, or empty. No instrument matrix inverse is formed, so it works
/// with more instruments than observations.
public struct SupScoreTest: Sendable {
  /// Per instrument: Σỹz, Σd̃z, Σỹ²z², Σỹd̃z², Σd̃²z².
  private let sums: [(yz: Double, dz: Double, yyzz: Double, ydzz: Double, ddzz: Double)]
  /// Observations.
  public let observations: Int
  /// Number of instruments p.
  public let instrumentCount: Int
  /// c·Φ⁻¹(1 − γ/(2p)).
  public let criticalValue: Double
  /// The constant c.
  public let c: Double
  /// The level parameter γ.
  public let gamma: Double

  /// Why the test cannot be computed.
  public struct Undefined: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// The test for an IV design with one endogenous regressor; the exogenous
  /// regressors are partialled out.
  ///
  /// - Throws: ``Undefined`` without exactly one endogenous regressor, without
  ///   instruments, or with no observations left after partialling.
  public init(design: DesignMatrices, c: Double = 1.1, gamma: Double = 0.05) throws(Undefined) {
    guard design.endogenous.columns == 1 else {
      throw Undefined(description: "the sup-score test needs exactly one endogenous regressor")
    }
    guard design.instruments.columns >= 1 else { throw Undefined(description: "the model has no instruments") }
    let n = design.observationCount
    guard n > design.exogenous.columns else { throw Undefined(description: "too few observations") }
    let qr: QRDecomposition? = design.exogenous.columns > 0 ? QRDecomposition(design.exogenous) : nil
    let y = qr?.residuals(design.dependent) ?? design.dependent
    let d = qr?.residuals(design.endogenous.column(0)) ?? design.endogenous.column(0)
    let z = qr?.residuals(design.instruments) ?? design.instruments
    try self.init(y: y, d: d, z: z, c: c, gamma: gamma)
  }

  /// The test on already partialled data: ỹ, d̃ and the columns of Z̃.
  public init(y: [Double], d: [Double], z: Matrix, c: Double = 1.1, gamma: Double = 0.05) throws(Undefined) {
    let n = y.count
    guard n > 0, d.count == n, z.rows == n, z.columns > 0 else {
      throw Undefined(description: "ỹ, d̃ and Z̃ must have the same, positive number of rows")
    }
    guard c > 0, gamma > 0, gamma < 1 else { throw Undefined(description: "c must be positive and γ in (0, 1)") }
    var sums: [(Double, Double, Double, Double, Double)] = []
    sums.reserveCapacity(z.columns)
    for j in 0..<z.columns {
      let zj = z.column(j)
      var yz = 0.0, dz = 0.0, yyzz = 0.0, ydzz = 0.0, ddzz = 0.0
      for i in 0..<n {
        let zi = zj[i]
        let zz = zi * zi
        yz += y[i] * zi
        dz += d[i] * zi
        yyzz += y[i] * y[i] * zz
        ydzz += y[i] * d[i] * zz
        ddzz += d[i] * d[i] * zz
      }
      sums.append((yz, dz, yyzz, ydzz, ddzz))
    }
    self.sums = sums.map { (yz: $0.0, dz: $0.1, yyzz: $0.2, ydzz: $0.3, ddzz: $0.4) }
    observations = n
    instrumentCount = z.columns
    self.c = c
    self.gamma = gamma
    criticalValue = c * Normal().quantile(1 - gamma / (2 * Double(z.columns)))
  }

  /// S(a); an instrument whose scores are all zero at a is skipped.
  public func statistic(at a: Double) -> Double {
    var largest = 0.0
    for s in sums {
      let numerator = abs(s.yz - a * s.dz)
      let denominator = s.yyzz - 2 * a * s.ydzz + a * a * s.ddzz
      guard denominator > 0 else { continue }
      largest = max(largest, numerator / denominator.squareRoot())
    }
    return largest
  }

  /// Whether H0: α = a is rejected.
  public func rejects(_ a: Double) -> Bool { statistic(at: a) > criticalValue }

  /// The confidence set {a : S(a) ≤ crit}, exactly.
  public var confidenceSet: AndersonRubinSet.Region {
    let k2 = criticalValue * criticalValue
    var accepted: [AndersonRubinSet.Interval] = [.init(lower: -.infinity, upper: .infinity)]
    for s in sums {
      // (A − aB)² ≤ k²(C − 2aD + a²E)  ⇔  q2·a² + q1·a + q0 ≤ 0.
      let q2 = s.dz * s.dz - k2 * s.ddzz
      let q1 = -2 * (s.yz * s.dz - k2 * s.ydzz)
      let q0 = s.yz * s.yz - k2 * s.yyzz
      accepted = Self.intersect(accepted, Self.quadraticSublevelSet(q2, q1, q0))
      if accepted.isEmpty { return .empty }
    }
    if accepted.count == 1, let only = accepted.first {
      if only.lower == -.infinity && only.upper == .infinity { return .wholeLine }
      return only.lower.isFinite && only.upper.isFinite ? .interval(lower: only.lower, upper: only.upper) : .intervals(accepted)
    }
    if accepted.count == 2, accepted[0].lower == -.infinity, accepted[1].upper == .infinity {
      return .complement(lower: accepted[0].upper, upper: accepted[1].lower)
    }
    return .intervals(accepted)
  }

  /// {a : q2·a² + q1·a + q0 ≤ 0} as sorted disjoint intervals.
  static func quadraticSublevelSet(_ q2: Double, _ q1: Double, _ q0: Double) -> [AndersonRubinSet.Interval] {
    let scale = max(abs(q2), abs(q1), abs(q0))
    guard scale > 0 else { return [.init(lower: -.infinity, upper: .infinity)] }
    let a2 = q2 / scale, a1 = q1 / scale, a0 = q0 / scale
    if abs(a2) < 1e-14 {
      if abs(a1) < 1e-14 { return a0 <= 0 ? [.init(lower: -.infinity, upper: .infinity)] : [] }
      let root = -a0 / a1
      return a1 > 0 ? [.init(lower: -.infinity, upper: root)] : [.init(lower: root, upper: .infinity)]
    }
    let discriminant = a1 * a1 - 4 * a2 * a0
    if discriminant < 0 {
      return a2 > 0 ? [] : [.init(lower: -.infinity, upper: .infinity)]
    }
    // Numerically stable roots.
    let q = -0.5 * (a1 + (a1 >= 0 ? 1 : -1) * discriminant.squareRoot())
    var r1 = q / a2
    var r2 = q != 0 ? a0 / q : -r1
    if r1 > r2 { swap(&r1, &r2) }
    return a2 > 0
      ? [.init(lower: r1, upper: r2)]
      : [.init(lower: -.infinity, upper: r1), .init(lower: r2, upper: .infinity)]
  }

  /// The intersection of two sorted lists of disjoint closed intervals.
  static func intersect(_ a: [AndersonRubinSet.Interval], _ b: [AndersonRubinSet.Interval]) -> [AndersonRubinSet.Interval] {
    var result: [AndersonRubinSet.Interval] = []
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      let lower = max(a[i].lower, b[j].lower)
      let upper = min(a[i].upper, b[j].upper)
      if lower <= upper { result.append(.init(lower: lower, upper: upper)) }
      if a[i].upper < b[j].upper { i += 1 } else { j += 1 }
    }
    return result
  }
}
