import LinearAlgebra

/// A weak-instrument-robust confidence set for the coefficient of the single
/// endogenous regressor, by inverting the Anderson–Rubin test
/// (`iv-diagnostics.md` §5.2–5.3): {β₀ : AR_F(β₀) ≤ q}, q the 1 − α quantile of
/// F(K2, dof).
///
/// Homoskedastic (unadjusted covariance), closed form: β₀ is accepted iff
/// aβ₀² + bβ₀ + d ≤ 0 with κ = qK2/(n − L),
/// a = x̃ᵀPx̃ − κx̃ᵀMx̃, b = −2(x̃ᵀPỹ − κx̃ᵀMỹ), d = ỹᵀPỹ − κỹᵀMỹ; the set is bounded
/// iff a > 0 (F_CD > q), two rays when a < 0 and Δ = b² − 4ad > 0, the real line
/// when a < 0 and Δ ≤ 0, and empty when a > 0 and Δ < 0.
///
/// Robust / clustered / kernel: grid inversion around β̂ (±10 standard errors in
/// steps of 0.02 se, then geometric steps of 2% out to 10⁶ se), each change of
/// acceptance refined by bisection to machine precision; the set is unbounded
/// iff the robust first-stage F (the limit of AR_F at ±∞) is at most q.
///
/// Anderson, T. W., & Rubin, H. (1949). *Annals of Mathematical Statistics* 20, 46–63.
public struct AndersonRubinSet: Sendable {
  /// A closed interval whose ends may be infinite.
  public struct Interval: Sendable, Equatable {
    /// The lower end (−∞ for a ray).
    public let lower: Double
    /// The upper end (+∞ for a ray).
    public let upper: Double
  }

  /// The shape of the set.
  public enum Region: Sendable, Equatable {
    /// [lower, upper].
    case interval(lower: Double, upper: Double)
    /// The complement of the open interval (lower, upper): (−∞, lower] ∪ [upper, ∞).
    case complement(lower: Double, upper: Double)
    /// ℝ.
    case wholeLine
    /// ∅ (the over-identifying restrictions are rejected at every β₀).
    case empty
    /// Any other union of intervals (half-lines, or several pieces found by grid inversion).
    case intervals([Interval])

    /// The set as sorted closed intervals with ±∞ ends.
    public var intervals: [Interval] {
      switch self {
      case .interval(let lower, let upper): [Interval(lower: lower, upper: upper)]
      case .complement(let lower, let upper):
        [Interval(lower: -.infinity, upper: lower), Interval(lower: upper, upper: .infinity)]
      case .wholeLine: [Interval(lower: -.infinity, upper: .infinity)]
      case .empty: []
      case .intervals(let pieces): pieces
      }
    }

    /// Whether β₀ lies in the set.
    public func contains(_ beta: Double) -> Bool {
      intervals.contains { $0.lower <= beta && beta <= $0.upper }
    }

    static func from(_ pieces: [Interval]) -> Region {
      if pieces.isEmpty { return .empty }
      if pieces.count == 1, let only = pieces.first {
        if only.lower == -.infinity && only.upper == .infinity { return .wholeLine }
        if only.lower.isFinite && only.upper.isFinite { return .interval(lower: only.lower, upper: only.upper) }
      }
      if pieces.count == 2, let first = pieces.first, let last = pieces.last, first.lower == -.infinity,
        last.upper == .infinity, first.upper.isFinite, last.lower.isFinite
      {
        return .complement(lower: first.upper, upper: last.lower)
      }
      return .intervals(pieces)
    }
  }

  /// How the set was found.
  public enum Method: Sendable, Equatable {
    /// The exact quadratic inequality (homoskedastic).
    case closedForm
    /// Grid inversion; the finite grid spanned [lower, upper] before the tails were checked.
    case gridInversion(lower: Double, upper: Double)
  }

  /// The confidence level (0.95).
  public let level: Double
  /// q, the critical value of AR_F.
  public let criticalValue: Double
  /// The reference distribution of AR_F.
  public let distribution: TestStatistic.Distribution
  /// The set.
  public let region: Region
  /// How it was computed.
  public let method: Method
  let statistic: AndersonRubinStatistic

  /// The Anderson–Rubin test of H0: β = β₀ under the same covariance.
  public func test(beta0: Double) -> TestStatistic { statistic.test(beta0: beta0) }

  init?(_ statistic: AndersonRubinStatistic, estimate: Double, standardError: Double, level: Double = 0.95) {
    let q = statistic.criticalValue(level: level)
    guard q.isFinite else { return nil }
    self.level = level
    self.criticalValue = q
    self.distribution = statistic.distribution
    self.statistic = statistic
    if statistic.homoskedastic {
      region = Self.closedForm(statistic, q: q)
      method = .closedForm
    } else {
      guard estimate.isFinite, let asymptote = statistic.asymptote else { return nil }
      let scale = standardError.isFinite && standardError > 0 ? standardError : max(1, abs(estimate))
      let (pieces, lower, upper) = Self.invert(
        accept: { statistic.statistic($0).map { $0 <= q } ?? false }, center: estimate, scale: scale,
        acceptedAtInfinity: asymptote <= q)
      region = Region.from(pieces)
      method = .gridInversion(lower: lower, upper: upper)
    }
  }

  /// §5.2: the exact set from the quadratic aβ² + bβ + d ≤ 0.
  static func closedForm(_ s: AndersonRubinStatistic, q: Double) -> Region {
    let kappa = q * Double(s.k2) / s.residualDegreesOfFreedom
    var a = s.xPx - kappa * s.xMx
    let b = -2 * (s.xPy - kappa * s.xMy)
    let d = s.yPy - kappa * s.yMy
    if abs(a) <= 1e-12 * (s.xPx + s.xMx) { a = 0 }
    if a == 0 {
      if b == 0 { return d <= 0 ? .wholeLine : .empty }
      let root = -d / b
      return b > 0
        ? .intervals([Interval(lower: -.infinity, upper: root)]) : .intervals([Interval(lower: root, upper: .infinity)])
    }
    let delta = b * b - 4 * a * d
    if delta < 0 || (a < 0 && delta == 0) { return a > 0 ? .empty : .wholeLine }
    // Stable roots: t = −(b + sign(b)√Δ)/2, roots t/a and d/t.
    let t = -(b + (b >= 0 ? 1 : -1) * delta.squareRoot()) / 2
    let first = t / a
    let second = t != 0 ? d / t : first
    let (low, high) = (min(first, second), max(first, second))
    return a > 0 ? .interval(lower: low, upper: high) : .complement(lower: low, upper: high)
  }

  /// §5.3: the accepted set of `accept` by grid search around `center` plus bisection.
  static func invert(
    accept: (Double) -> Bool, center: Double, scale: Double, acceptedAtInfinity: Bool
  ) -> (pieces: [Interval], lower: Double, upper: Double) {
    var offsets: [Double] = stride(from: -500, through: 500, by: 1).map { Double($0) * 0.02 }
    var step = 10.0
    while step < 1e6 {
      step *= 1.02
      offsets.append(step)
      offsets.append(-step)
    }
    let nodes = Array(Set(offsets.map { center + scale * $0 })).sorted()
    let flags = nodes.map(accept)
    guard let firstNode = nodes.first, let lastNode = nodes.last, let firstFlag = flags.first, let lastFlag = flags.last
    else { return ([], center, center) }

    func refine(_ inside: Double, _ outside: Double) -> Double {
      var (a, b) = (inside, outside)
      for _ in 0..<400 {
        let middle = a + (b - a) / 2
        if middle == a || middle == b { break }
        if accept(middle) { a = middle } else { b = middle }
      }
      return a
    }
    // Boundaries as (point, becomes accepted going upwards).
    var boundaries: [(Double, Bool)] = []
    // Beyond the grid: walk outwards until the acceptance matches its limit.
    func tailBoundary(from node: Double, flag: Bool, direction: Double) -> Double? {
      guard flag != acceptedAtInfinity else { return nil }
      var previous = node
      var distance = max(scale, abs(node))
      for _ in 0..<80 {
        let probe = node + direction * distance
        if accept(probe) == acceptedAtInfinity {
          return flag ? refine(previous, probe) : refine(probe, previous)
        }
        previous = probe
        distance *= 2
      }
      return nil
    }
    if let point = tailBoundary(from: firstNode, flag: firstFlag, direction: -1) { boundaries.append((point, firstFlag)) }
    for i in 1..<nodes.count where flags[i] != flags[i - 1] {
      let point = flags[i] ? refine(nodes[i], nodes[i - 1]) : refine(nodes[i - 1], nodes[i])
      boundaries.append((point, flags[i]))
    }
    if let point = tailBoundary(from: lastNode, flag: lastFlag, direction: 1) { boundaries.append((point, !lastFlag)) }

    var pieces: [Interval] = []
    var start: Double? = acceptedAtInfinity ? -.infinity : nil
    for (point, entering) in boundaries {
      if entering {
        start = point
      } else if let lower = start {
        pieces.append(Interval(lower: lower, upper: point))
        start = nil
      }
    }
    if let lower = start { pieces.append(Interval(lower: lower, upper: .infinity)) }
    return (pieces, firstNode, lastNode)
  }
}
