import Formulas
import LinearAlgebra

/// How the parameters a model reports (intercept, treatment dummies, dense coefficients)
/// follow from an absorbed fit's (c₁ … c_L, β): the intercept is the reference group's
/// constant, a dummy its group's constant minus the reference's (or the constant itself
/// in full coding), a dense coefficient one entry of β.
struct ParameterMap: Sendable {
  /// Per reported parameter: (index into (c, β), coefficient) pairs.
  let terms: [[(index: Int, coefficient: Double)]]

  /// The map for exogenous `slots` followed by `extra` dense parameters that come after the
  /// dense exogenous ones in β.
  init(absorbed: AbsorbedCategorical, slots: [AbsorbedCategorical.Slot], extra: Int) {
    let groups = absorbed.groupCount
    var terms: [[(index: Int, coefficient: Double)]] = []
    var dense = 0
    for slot in slots {
      switch slot {
      case .intercept:
        terms.append([(absorbed.reference ?? 0, 1)])
      case .level(let level):
        if let reference = absorbed.reference, absorbed.hasIntercept {
          terms.append([(level, 1), (reference, -1)])
        } else {
          terms.append([(level, 1)])
        }
      case .dense:
        terms.append([(groups + dense, 1)])
        dense += 1
      }
    }
    for e in 0..<extra { terms.append([(groups + dense + e, 1)]) }
    self.terms = terms
  }

  /// The reported parameters from (c, β).
  func parameters(_ theta: [Double]) -> [Double] {
    terms.map { $0.reduce(0) { $0 + $1.coefficient * theta[$1.index] } }
  }

  /// J V Jᵀ: the reported parameters' covariance from that of (c, β).
  func covariance(_ v: Matrix) -> Matrix {
    let k = terms.count
    var result = Matrix(rows: k, columns: k)
    for a in 0..<k {
      for b in a..<k {
        var total = 0.0
        for s in terms[a] {
          for t in terms[b] { total += s.coefficient * t.coefficient * v[s.index, t.index] }
        }
        result[a, b] = total
        result[b, a] = total
      }
    }
    return result
  }

  /// The diagonal of J V Jᵀ from V's entries, without forming V.
  func variances(_ entry: (Int, Int) -> Double) -> [Double] {
    terms.map { term in
      var total = 0.0
      for s in term {
        for t in term { total += s.coefficient * t.coefficient * entry(s.index, t.index) }
      }
      return total
    }
  }
}
