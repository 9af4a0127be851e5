import Foundation
import LinearAlgebra

/// The worst-case Nagar bias bounds of Montiel Olea & Pflueger (2013) that set the
/// generalized TSLS and LIML critical values of the effective F
/// (`iv-diagnostics.md` §4.3): B_e = sup_β B_e(β) with
///
///     S₁(β) = W₁ − 2β·sym(W₁₂) + β²W₂,   S₁₂(β) = W₁₂ − βW₂,   S₂ = W₂
///     TSLS: B(β) = max_{μ ∈ {λ_min, λ_max} of sym(S₁₂)} |tr S₁₂ − 2μ| / √(tr S₁ · tr S₂)
///     LIML: r(β) = σ₁₂/σ₁ = (ω₁₂ − βω₂₂)/(ω₁₁ − 2βω₁₂ + β²ω₂₂)
///           B(β) = max_{μ ∈ {λ_min, λ_max} of sym(2S₁₂ − rS₁)} |tr S₁₂ − r·tr S₁ − μ| / √(tr S₁ · tr S₂)
///
/// (the TSLS form is |a(β)(1 − 2μ/tr S₁₂)| with a = tr S₁₂/√(tr S₁ tr S₂), written
/// without the division by tr S₁₂).
///
/// **Maximisation.** β = s·tan θ with s = √(ω₁₁/ω₂₂), which makes θ free of the
/// units of y and x. Multiplying numerator and denominator by cos θ turns B into a
/// bounded function of (cos θ, sin θ) that is continuous on the whole circle and
/// π-periodic, with θ = ±π/2 the β → ±∞ limit (1 − 2λ_min(W₂)/tr W₂ for TSLS,
/// λ_max(W₂)/tr W₂ for LIML). B is evaluated on a uniform grid of
/// ``gridPoints`` angles on that circle (the limit is one of them), and the best
/// grid-local maxima are refined by golden-section search between their
/// neighbours. Each evaluation needs the extreme eigenvalues of one K×K symmetric
/// matrix (``ExtremeEigenvalues``). weakivtest uses a 10,000-point β grid on a
/// growing interval and Nelder–Mead instead; both find the same supremum up to the
/// optimiser's tolerance (§8.2's B_TSLS for mroz is 4e-11 below ours, which a
/// brute-force grid confirms).
struct NagarBiasBound {
  /// The estimator whose bias is bounded.
  enum Estimator {
    case tsls, liml
  }

  /// Angles on the grid over [−π/2, π/2).
  static let gridPoints = 4000
  /// Grid-local maxima refined by golden-section search.
  static let refinedMaxima = 8

  let k: Int
  /// sym(W₁₂), W₁ and W₂, column-major K×K.
  let a, w1, w2: [Double]
  /// tr W₁, tr W₁₂, tr W₂.
  let t1, t12, t2: Double
  let omega11, omega12, omega22: Double
  /// s = √(ω₁₁/ω₂₂) (1 if that is not a positive number).
  let scale: Double

  init(_ covariance: EffectiveFCovariance) {
    k = covariance.k
    a = covariance.w12.symmetrized().columnMajorValues
    w1 = covariance.w1.columnMajorValues
    w2 = covariance.w2.columnMajorValues
    t1 = covariance.w1.trace
    t12 = covariance.w12.trace
    t2 = covariance.w2.trace
    omega11 = covariance.omega11
    omega12 = covariance.omega12
    omega22 = covariance.omega22
    let s = (omega11 / omega22).squareRoot()
    scale = s.isFinite && s > 0 ? s : 1
  }

  /// B_e(β) at β = s·tan θ, as a function of θ (π-periodic; θ = ±π/2 is the
  /// β → ±∞ limit). NaN where undefined (tr S₁ = 0, or σ₁ = 0 for LIML).
  /// `solver` is a K×K work space.
  func value(_ estimator: Estimator, angle theta: Double, solver: inout ExtremeEigenvalues) -> Double {
    let c = cos(theta)
    let sn = sin(theta)
    let s = scale
    // cos θ · tr S₁₂, cos²θ · tr S₁.
    let traceS12 = t12 * c - s * t2 * sn
    let traceS1 = t1 * c * c - 2 * s * t12 * c * sn + s * s * t2 * sn * sn
    let denominator = (traceS1 * t2).squareRoot()
    guard denominator > 0, denominator.isFinite else { return .nan }
    switch estimator {
    case .tsls:
      // cos θ · sym(S₁₂) = cos θ · A − s sin θ · W₂.
      combine(c, a, -s * sn, w2, 0, w1, into: &solver.matrix)
      let (low, high) = solver.compute()
      return max(abs(traceS12 - 2 * low), abs(traceS12 - 2 * high)) / denominator
    case .liml:
      // cos θ · σ₁₂ and cos²θ · σ₁, so ρ = r(β)/cos θ.
      let sigma12 = omega12 * c - s * omega22 * sn
      let sigma1 = omega11 * c * c - 2 * s * omega12 * c * sn + s * s * omega22 * sn * sn
      guard sigma1 > 0 else { return .nan }
      let rho = sigma12 / sigma1
      // cos θ · sym(2S₁₂ − rS₁) = 2(cA − s·sn·W₂) − ρ(c²W₁ − 2s·c·sn·A + s²sn²W₂).
      combine(
        2 * c + 2 * rho * s * c * sn, a, -(2 * s * sn + rho * s * s * sn * sn), w2, -rho * c * c, w1, into: &solver.matrix)
      let (low, high) = solver.compute()
      let centre = traceS12 - rho * traceS1
      return max(abs(centre - low), abs(centre - high)) / denominator
    }
  }

  /// The β → ±∞ limit: max |1 − 2λ/tr W₂| over the extreme eigenvalues λ of W₂
  /// (= 1 − 2λ_min/tr W₂ when K ≥ 2) for TSLS, λ_max(W₂)/tr W₂ for LIML.
  func limit(_ estimator: Estimator) -> Double {
    var solver = ExtremeEigenvalues(order: k)
    solver.matrix = w2
    let (low, high) = solver.compute()
    switch estimator {
    case .tsls: return max(abs(1 - 2 * low / t2), abs(1 - 2 * high / t2))
    case .liml: return high / t2
    }
  }

  /// B_e = sup_β B_e(β), including the β → ±∞ limit; NaN if B is nowhere defined.
  func supremum(_ estimator: Estimator) -> Double {
    var solver = ExtremeEigenvalues(order: k)
    let n = Self.gridPoints
    let step = Double.pi / Double(n)
    func f(_ theta: Double) -> Double {
      let v = value(estimator, angle: theta, solver: &solver)
      return v.isNaN ? -.infinity : v
    }
    var values = [Double](repeating: 0, count: n)
    for j in 0..<n { values[j] = f(-Double.pi / 2 + Double(j) * step) }
    var best = max(values.max() ?? -.infinity, limit(estimator).isNaN ? -.infinity : limit(estimator))
    // Grid-local maxima on the circle, best first.
    let peaks = (0..<n).filter { j in
      values[j] > -.infinity && values[j] >= values[(j + n - 1) % n] && values[j] >= values[(j + 1) % n]
    }
    .sorted { values[$0] > values[$1] }
    for j in peaks.prefix(Self.refinedMaxima) {
      let centre = -Double.pi / 2 + Double(j) * step
      best = max(best, Self.goldenSectionMaximum(f, lower: centre - step, upper: centre + step))
    }
    return best > -.infinity ? best : .nan
  }

  /// The largest value of `f` seen by a golden-section search for its maximum on
  /// [lower, upper] (to an interval of 1e-13 or 200 steps).
  static func goldenSectionMaximum(_ f: (Double) -> Double, lower: Double, upper: Double) -> Double {
    let ratio = (5.0.squareRoot() - 1) / 2
    var lo = lower
    var hi = upper
    var x1 = hi - ratio * (hi - lo)
    var x2 = lo + ratio * (hi - lo)
    var f1 = f(x1)
    var f2 = f(x2)
    var best = max(f1, f2)
    for _ in 0..<200 where hi - lo > 1e-13 {
      if f1 >= f2 {
        hi = x2
        x2 = x1
        f2 = f1
        x1 = hi - ratio * (hi - lo)
        f1 = f(x1)
        best = max(best, f1)
      } else {
        lo = x1
        x1 = x2
        f1 = f2
        x2 = lo + ratio * (hi - lo)
        f2 = f(x2)
        best = max(best, f2)
      }
    }
    return best
  }

  /// buffer = α·P + β·Q + γ·R for K×K column-major P, Q, R.
  private func combine(
    _ alpha: Double, _ p: [Double], _ beta: Double, _ q: [Double], _ gamma: Double, _ r: [Double],
    into buffer: inout [Double]
  ) {
    p.withUnsafeBufferPointer { p in
      q.withUnsafeBufferPointer { q in
        r.withUnsafeBufferPointer { r in
          buffer.withUnsafeMutableBufferPointer { out in
            for i in 0..<out.count { out[i] = alpha * p[i] + beta * q[i] + gamma * r[i] }
          }
        }
      }
    }
  }
}
