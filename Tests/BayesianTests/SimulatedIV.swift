import Formulas
import LinearAlgebra

@testable import Bayesian

/// A small simulated IV data set: `t = 0.5 + z + e_t`, `y = 1 + 2t + e_y`, errors with
/// standard deviations 1.5 and 0.8 and correlation `rho`, z a fair coin.
enum SimulatedIV {
  static func design(rows: Int, rho: Double = 0.4, seed: UInt64 = 3) -> DesignMatrices {
    var random = Xoshiro256StarStar(seed: seed)
    var y: [Double] = [], t: [Double] = [], z: [Double] = []
    for _ in 0..<rows {
      let zi = RandomVariates.uniform(&random) < 0.5 ? 0.0 : 1.0
      let a = RandomVariates.normal(&random)
      let b = RandomVariates.normal(&random)
      let et = 0.8 * a
      let ey = 1.5 * (rho * a + (1 - rho * rho).squareRoot() * b)
      let ti = 0.5 + zi + et
      z.append(zi)
      t.append(ti)
      y.append(1 + 2 * ti + ey)
    }
    return DesignMatrices(
      dependentName: "y", dependent: y, exogenous: Matrix(columns: [[Double](repeating: 1, count: rows)]),
      exogenousNames: ["Intercept"], endogenous: Matrix(columns: [t]), endogenousNames: ["t"],
      instruments: Matrix(columns: [z]), instrumentNames: ["z"])
  }
}
