import LinearAlgebra

// Centred and raw moments derived from the shifted sums, for the solvers.

extension GramStatistics {
  /// The column means `c + s/n`.
  public var means: [Double] {
    let n = Double(observations)
    return zip(shift, columnSums).map { $0 + $1 / n }
  }

  /// The mean of `y`.
  public var responseMean: Double { responseShift + responseSum / Double(observations) }

  /// `Σᵢ (xᵢ − x̄)(xᵢ − x̄)ᵀ`, column-major *p*×*p*: `S − s sᵀ/n`.
  func centredGram() -> [Double] {
    let p = columns, n = Double(observations)
    var g = crossProducts.storage
    for k in 0..<p {
      let sk = columnSums[k] / n
      for j in 0..<p { g[j + k * p] -= columnSums[j] * sk }
    }
    return g
  }

  /// `Σᵢ (xᵢ − x̄)(yᵢ − ȳ)`: `S_xy − s s_y/n`.
  func centredResponseCrossProducts() -> [Double] {
    let ratio = responseSum / Double(observations)
    return zip(responseCrossProducts, columnSums).map { $0 - $1 * ratio }
  }

  /// `Σᵢ (yᵢ − ȳ)²`, never negative.
  var centredResponseSumOfSquares: Double {
    max(0, responseSumOfSquares - responseSum * responseSum / Double(observations))
  }

  /// `XᵀX` about zero: `S + c sᵀ + s cᵀ + n c cᵀ`.
  func rawGram() -> [Double] {
    let p = columns, n = Double(observations)
    var g = crossProducts.storage
    for k in 0..<p {
      for j in 0..<p {
        g[j + k * p] += (shift[j] * columnSums[k] + columnSums[j] * shift[k]) + n * shift[j] * shift[k]
      }
    }
    return g
  }

  /// `Xᵀy` about zero.
  func rawResponseCrossProducts() -> [Double] {
    let n = Double(observations)
    return (0..<columns).map { j in
      responseCrossProducts[j] + (shift[j] * responseSum + columnSums[j] * responseShift)
        + n * shift[j] * responseShift
    }
  }

  /// `yᵀy` about zero, never negative.
  var rawResponseSumOfSquares: Double {
    let n = Double(observations)
    return max(0, responseSumOfSquares + 2 * responseShift * responseSum + n * responseShift * responseShift)
  }

  /// The squared scale of column j's entries, `c_j² + S_jj/n`: the size of the numbers the
  /// moments were computed from, against which a variance or a mean square is negligible.
  private func squaredScale(_ j: Int) -> Double {
    shift[j] * shift[j] + max(0, crossProducts.storage[j + j * columns]) / Double(observations)
  }

  /// Whether column j is constant to working precision: its 1/n variance is at most
  /// 10⁻²⁶ times its squared scale (standard deviation below 10⁻¹³ of the values). A
  /// column of equal entries has exactly zero variance here.
  func hasNegligibleVariance(_ j: Int) -> Bool {
    let n = Double(observations)
    let s = columnSums[j]
    let variance = (crossProducts.storage[j + j * columns] - s * s / n) / n
    return variance <= 1e-26 * squaredScale(j)
  }

  /// Whether column j is zero to working precision (its mean square is at most 10⁻²⁶
  /// times its squared scale).
  func hasNegligibleMeanSquare(_ j: Int) -> Bool {
    let p = columns, n = Double(observations)
    let raw =
      crossProducts.storage[j + j * p] + 2 * shift[j] * columnSums[j] + n * shift[j] * shift[j]
    return raw / n <= 1e-26 * squaredScale(j)
  }
}
