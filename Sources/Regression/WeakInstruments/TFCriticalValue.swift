/// The Lee–McCrary–Moreira–Porter (2022) tF procedure for one endogenous regressor
/// and one instrument (`iv-diagnostics.md` §6): the 5% critical value c(F) for the
/// 2SLS t-ratio given the first-stage F computed with the same variance estimator,
/// and the adjusted interval β̂ ± c(F)·se.
///
/// c(F) is interpolated linearly in √F on LMMP's Table 3 grid √F = 2.0, 2.1, …, 10.3
/// (as encoded by R's ivDiag 1.0.6); c = 1.96 for F > 104.7, and c = +∞ (an
/// unbounded interval: never reject) for F < 4, where the table gives nothing.
///
/// Lee, D. S., McCrary, J., Moreira, M. J., & Porter, J. (2022). Valid t-ratio
/// inference for IV. *American Economic Review* 112(10), 3260–3290.
public struct TFCriticalValue: Sendable, Equatable {
  /// The first-stage F (squared first-stage t) under the model's covariance.
  public let firstStageF: Double
  /// c₀.₀₅(F).
  public let criticalValue: Double
  /// β̂ of the endogenous regressor.
  public let estimate: Double
  /// Its standard error under the model's covariance.
  public let standardError: Double

  /// The tF 95% interval β̂ ± c·se (infinite ends when F < 4).
  public var confidenceInterval: (lower: Double, upper: Double) {
    guard criticalValue.isFinite else { return (-.infinity, .infinity) }
    return (estimate - criticalValue * standardError, estimate + criticalValue * standardError)
  }

  /// se·c/1.96, the standard error that makes the usual ±1.96 interval the tF one.
  public var adjustedStandardError: Double { standardError * criticalValue / 1.96 }

  /// Whether the tF test rejects H0: β = β₀ at 5%: |β̂ − β₀|/se > c(F).
  public func rejects(beta0: Double) -> Bool { abs(estimate - beta0) / standardError > criticalValue }

  /// c₀.₀₅(F) for a first-stage F (NaN for NaN).
  public static func criticalValue(firstStageF f: Double) -> Double {
    guard !f.isNaN else { return .nan }
    if f > 104.7 { return 1.96 }
    if f < 4 { return .infinity }
    let root = f.squareRoot()
    let last = table.count - 1
    let position = (root - 2) / 0.1
    let index = min(max(Int(position.rounded(.down)), 0), last - 1)
    let left = 2 + 0.1 * Double(index)
    let right = 2 + 0.1 * Double(index + 1)
    let fraction = min(max((root - left) / (right - left), 0), 1)
    return table[index] + fraction * (table[index + 1] - table[index])
  }

  /// c₀.₀₅ on √F = 2.0, 2.1, …, 10.3 (ivDiag's `cF0`, LMMP 2022 Table 3).
  static let table: [Double] = [
    18.66, 9.74, 7.37, 6.18, 5.43, 4.92, 4.54, 4.25, 4.01, 3.82,
    3.65, 3.51, 3.39, 3.29, 3.19, 3.11, 3.03, 2.97, 2.91, 2.85,
    2.80, 2.75, 2.71, 2.67, 2.63, 2.60, 2.57, 2.54, 2.51, 2.48,
    2.46, 2.43, 2.41, 2.39, 2.37, 2.35, 2.33, 2.32, 2.30, 2.29,
    2.27, 2.26, 2.24, 2.23, 2.22, 2.21, 2.20, 2.19, 2.17, 2.16,
    2.16, 2.15, 2.14, 2.13, 2.12, 2.11, 2.10, 2.10, 2.09, 2.08,
    2.08, 2.07, 2.06, 2.06, 2.05, 2.04, 2.04, 2.03, 2.03, 2.02,
    2.02, 2.01, 2.01, 2.00, 2.00, 1.99, 1.99, 1.99, 1.98, 1.98,
    1.97, 1.97, 1.97, 1.96,
  ]
}
