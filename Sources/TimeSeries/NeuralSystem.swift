import Foundation
public import LinearAlgebra
public import Regression

/// The simulated neural system of seed 000 (Neuromatch's causality tutorial): sparse random
/// connectivity and the dynamics `x[t+1] = σ(A·x[t] + ε)`, with our own seeded generator
/// (the numbers differ from numpy's stream; the behaviour is the tutorial's).
///
/// ```swift
/// var random = SeededGenerator(seed: 42)
/// let a = NeuralSystem.connectivity(neurons: 6, using: &random)
/// let x = NeuralSystem.simulate(connectivity: a, steps: 5000, using: &random)   // 6 series
/// ```
public enum NeuralSystem {
  /// `create_connectivity`: a 0/1 matrix with P(1) = `density`, divided by 1.01 times its
  /// largest singular value (so the dynamics are stable). Row i, column j: the effect of
  /// neuron j on neuron i. An all-zero draw is returned as zeros.
  public static func connectivity(
    neurons: Int, density: Double = 0.1, using random: inout some RandomNumberGenerator
  ) -> Matrix {
    var a = Matrix(rows: neurons, columns: neurons)
    for i in 0..<neurons {
      for j in 0..<neurons where uniform(&random) < density { a[i, j] = 1 }
    }
    let largest = SingularValueDecomposition(a).singularValues.first ?? 0
    guard largest > 0 else { return a }
    let scale = 1 / (1.01 * largest)
    return Matrix(rows: neurons, columns: neurons, columnMajor: a.columnMajorValues.map { $0 * scale })
  }

  /// `simulate_neurons`: x[0] = 0 and `x[t+1] = σ(A·x[t] + ε_t)` with ε_t ~ N(0, I), σ the
  /// logistic function. Returns one series of `steps` values per neuron.
  public static func simulate(
    connectivity a: Matrix, steps: Int, using random: inout some RandomNumberGenerator
  ) -> [[Double]] {
    let n = a.rows
    var x = [[Double]](repeating: [Double](repeating: 0, count: steps), count: n)
    var state = [Double](repeating: 0, count: n)
    for t in 1..<Swift.max(steps, 1) {
      let drive = a.multiplied(by: state)
      for i in 0..<n {
        state[i] = 1 / (1 + exp(-(drive[i] + normal(&random))))
        x[i][t] = state[i]
      }
    }
    return x
  }

  /// The seed's `get_iv_estimate_network`: the connectivity estimated by two-stage least
  /// squares. Every neuron's next activity, logit(x_i[t+1]), is regressed on all neurons'
  /// current activity x[t] (and a constant), instrumented by all the inputs z[t]; the first
  /// stage is fitted once for all neurons (``MultipleOutcomeIV2SLS``). Row i, column j of the
  /// result: the estimated effect of neuron j on neuron i.
  ///
  /// - Parameters:
  ///   - activity: One series per neuron, values in (0, 1).
  ///   - instruments: One series per neuron, the same length.
  /// - Throws: ``ModelError`` (an activity of exactly 0 or 1 after the first step has an
  ///   infinite logit; collinear or too weak instruments).
  public static func ivConnectivity(activity: [[Double]], instruments: [[Double]]) throws(ModelError) -> Matrix {
    let neurons = activity.count
    let steps = activity.first?.count ?? 0
    guard neurons > 0, instruments.count == neurons, steps > 1,
      activity.allSatisfy({ $0.count == steps }), instruments.allSatisfy({ $0.count == steps })
    else {
      throw .dimensionMismatch("the activity and the instruments need one series each per neuron, all of one length (> 1)")
    }
    let x = Matrix(columns: activity.map { Array($0[0..<(steps - 1)]) })
    let y = Matrix(columns: activity.map { series in series[1...].map { log($0 / (1 - $0)) } })
    let z = Matrix(columns: instruments.map { Array($0[0..<(steps - 1)]) })
    let names = (0..<neurons).map { "x\($0)" }
    let iv = try MultipleOutcomeIV2SLS(
      endogenous: x, endogenousNames: names, instruments: z, instrumentNames: (0..<neurons).map { "z\($0)" })
    let results = try iv.fit(outcomes: y, names: names.map { "logit(\($0)[t+1])" })
    var v = Matrix(rows: neurons, columns: neurons)
    for i in 0..<neurons {
      for j in 0..<neurons { v[i, j] = results.params[1 + j, i] }
    }
    return v
  }

  /// A uniform draw in [0, 1) with 53 random bits.
  static func uniform(_ random: inout some RandomNumberGenerator) -> Double {
    Double(random.next() >> 11) * 0x1p-53
  }

  /// A standard normal draw (Box–Muller, one of the pair).
  static func normal(_ random: inout some RandomNumberGenerator) -> Double {
    let u1 = 1 - uniform(&random)  // (0, 1]
    let u2 = uniform(&random)
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

/// Pearson's correlation of two equally long arrays (numpy's `corrcoef(a, b)[0, 1]`, clipped
/// to [−1, 1] as numpy does); NaN when either is constant, empty, or the lengths differ.
public func pearsonCorrelation(_ a: [Double], _ b: [Double]) -> Double {
  guard a.count == b.count, !a.isEmpty else { return .nan }
  let n = Double(a.count)
  let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
  var sab = 0.0, saa = 0.0, sbb = 0.0
  for (x, y) in zip(a, b) {
    sab += (x - meanA) * (y - meanB)
    saa += (x - meanA) * (x - meanA)
    sbb += (y - meanB) * (y - meanB)
  }
  // numpy: the covariance divided by each standard deviation in turn, then clipped to [−1, 1].
  let r = sab / saa.squareRoot() / sbb.squareRoot()
  return r.isNaN ? r : Swift.min(1, Swift.max(-1, r))
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator for reproducible simulations.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator started from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
