import Distributions

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter and Bürkner (2021),
/// "Rank-normalization, folding, and localization: an improved R̂ for assessing convergence
/// of MCMC", computed as ArviZ 0.x's `rhat` and `ess(method="bulk")`.
///
/// Every function takes the draws of one quantity as one array per chain (all chains of
/// the same length).
public enum ConvergenceDiagnostics {
  /// The rank-normalised split R̂: each chain is split in half (the middle draw of an odd
  /// length dropped), the draws are replaced by the normal scores of their ranks, and R̂ is
  /// the larger of the classic R̂ of those scores (bulk) and of the scores of the draws'
  /// distances from the median (tail). Near 1 when the chains agree; above 1.01 is a warning.
  ///
  /// - Returns: NaN with fewer than 2 chains (as ArviZ) or 4 draws per chain, or when every
  ///   draw is equal.
  public static func rankNormalizedSplitRHat(_ chains: [[Double]]) -> Double {
    guard chains.count >= 2, let split = splitChains(chains), !isConstant(split) else { return .nan }
    let bulk = rHat(normalScores(split))
    let pooled = split.flatMap { $0 }
    let median = Self.median(pooled)
    let folded = split.map { chain in chain.map { abs($0 - median) } }
    let tail = rHat(normalScores(folded))
    return max(bulk, tail)
  }

  /// The bulk effective sample size: the effective sample size (Geyer's initial monotone
  /// sequence over the chains' combined autocorrelations) of the rank-normalised split chains.
  ///
  /// - Returns: NaN with fewer than 4 draws per chain; the number of draws when every draw is equal.
  public static func bulkEffectiveSampleSize(_ chains: [[Double]]) -> Double {
    guard let split = splitChains(chains) else { return .nan }
    return effectiveSampleSize(normalScores(split))
  }

  /// The classic R̂ of Gelman et al. (BDA3 §11.4) of chains of equal length `n`:
  /// `√((B/W + n − 1)/n)` with `B/n` the variance of the chain means and `W` the mean
  /// within-chain variance (both with denominator count − 1).
  static func rHat(_ chains: [[Double]]) -> Double {
    let n = Double(chains[0].count)
    let means = chains.map { mean($0) }
    let within = chains.map { variance($0) }.reduce(0, +) / Double(chains.count)
    let between = n * variance(means)
    return ((between / within + n - 1) / n).squareRoot()
  }

  /// The effective sample size of chains of equal length (Vehtari et al. 2021, eqs. 10–11;
  /// Geyer's initial positive sequence, then made monotone).
  static func effectiveSampleSize(_ chains: [[Double]]) -> Double {
    let m = chains.count
    let n = chains[0].count
    let total = Double(m * n)
    if isConstant(chains) { return total }
    let autocovariances = chains.map { Autocovariance.of($0) }
    func meanAutocovariance(_ lag: Int) -> Double {
      autocovariances.reduce(0) { $0 + $1[lag] } / Double(m)
    }
    let nd = Double(n)
    let meanVariance = meanAutocovariance(0) * nd / (nd - 1)
    var varianceEstimate = meanVariance * (nd - 1) / nd
    if m > 1 { varianceEstimate += variance(chains.map { mean($0) }) }
    func rho(_ lag: Int) -> Double { 1 - (meanVariance - meanAutocovariance(lag)) / varianceEstimate }

    var rhos = [Double](repeating: 0, count: n)
    var even = 1.0
    var odd = rho(1)
    rhos[0] = even
    rhos[1] = odd
    var t = 1
    while t < n - 3, even + odd > 0 {
      even = rho(t + 1)
      odd = rho(t + 2)
      if even + odd >= 0 {
        rhos[t + 1] = even
        rhos[t + 2] = odd
      }
      t += 2
    }
    let last = t - 2
    if even > 0, last + 1 < n { rhos[last + 1] = even }
    // Make the sums of pairs monotone (Geyer's initial monotone sequence).
    t = 1
    while t <= last - 2 {
      if rhos[t + 1] + rhos[t + 2] > rhos[t - 1] + rhos[t] {
        rhos[t + 1] = (rhos[t - 1] + rhos[t]) / 2
        rhos[t + 2] = rhos[t + 1]
      }
      t += 2
    }
    var sum = 0.0
    if last >= 0 { for k in 0...last { sum += rhos[k] } }
    let tail = last + 1 < n ? rhos[last + 1] : 0
    var tau = -1 + 2 * sum + tail
    tau = max(tau, 1 / log10(total))
    let ess = total / tau
    return rhos.contains(where: \.isNaN) ? .nan : ess
  }

  /// Each chain's first and last halves as two chains (the middle draw of an odd length
  /// dropped); nil unless there is at least one chain with at least 4 draws, all of one length.
  static func splitChains(_ chains: [[Double]]) -> [[Double]]? {
    guard let first = chains.first, first.count >= 4, chains.allSatisfy({ $0.count == first.count }),
      chains.allSatisfy({ $0.allSatisfy(\.isFinite) })
    else { return nil }
    let half = first.count / 2
    return chains.flatMap { [Array($0.prefix(half)), Array($0.suffix(half))] }
  }

  /// The normal scores `Φ⁻¹((r − 3/8)/(S + 1/4))` of the ranks `r` of all draws together
  /// (ties get their average rank; `S` is the number of draws), chain by chain.
  static func normalScores(_ chains: [[Double]]) -> [[Double]] {
    let pooled = chains.flatMap { $0 }
    let size = pooled.count
    let order = pooled.indices.sorted { pooled[$0] < pooled[$1] }
    var ranks = [Double](repeating: 0, count: size)
    var start = 0
    while start < size {
      var end = start
      while end + 1 < size, pooled[order[end + 1]] == pooled[order[start]] { end += 1 }
      let average = Double(start + end) / 2 + 1
      for position in start...end { ranks[order[position]] = average }
      start = end + 1
    }
    let denominator = Double(size) + 0.25
    var scores: [[Double]] = []
    var offset = 0
    for chain in chains {
      scores.append((0..<chain.count).map { SpecialFunctions.normalQuantile((ranks[offset + $0] - 0.375) / denominator) })
      offset += chain.count
    }
    return scores
  }

  static func isConstant(_ chains: [[Double]]) -> Bool {
    let pooled = chains.flatMap { $0 }
    guard let low = pooled.min(), let high = pooled.max() else { return true }
    return high - low < 1e-15 * max(1, abs(high))
  }

  static func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }

  /// The sample variance with denominator count − 1.
  static func variance(_ x: [Double]) -> Double {
    let m = mean(x)
    return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
  }

  static func median(_ x: [Double]) -> Double {
    let sorted = x.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
  }
}
