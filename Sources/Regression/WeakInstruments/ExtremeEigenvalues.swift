/// The smallest and largest eigenvalues of a small symmetric matrix, without
/// eigenvectors, for loops that need them thousands of times (the Nagar bias
/// bounds of ``NagarBiasBound``).
///
/// Order 1 and 2 use closed forms. Larger orders are reduced to tridiagonal form
/// by Householder reflections (Golub & Van Loan, *Matrix Computations*, 4th ed.,
/// §8.3.1) and the two extreme eigenvalues are located by bisection on Sturm
/// sequence counts (§8.4.1) inside the Gershgorin interval, to an absolute accuracy
/// of a few ulps of the matrix norm. Work arrays are kept between calls.
struct ExtremeEigenvalues {
  /// The order K.
  let order: Int
  /// The symmetric K×K matrix, column-major. Fill it before ``compute()``, which
  /// overwrites it.
  var matrix: [Double]
  private var diagonal: [Double]
  private var offDiagonal: [Double]
  private var reflector: [Double]
  private var product: [Double]

  init(order: Int) {
    self.order = order
    matrix = [Double](repeating: 0, count: order * order)
    diagonal = [Double](repeating: 0, count: order)
    offDiagonal = [Double](repeating: 0, count: order)
    reflector = [Double](repeating: 0, count: order)
    product = [Double](repeating: 0, count: order)
  }

  /// (λ_min, λ_max) of ``matrix``; NaN for a non-finite matrix.
  mutating func compute() -> (min: Double, max: Double) {
    let k = order
    switch k {
    case 0:
      return (.nan, .nan)
    case 1:
      return (matrix[0], matrix[0])
    case 2:
      let mean = (matrix[0] + matrix[3]) / 2
      let half = (matrix[0] - matrix[3]) / 2
      let radius = (half * half + matrix[1] * matrix[1]).squareRoot()
      return (mean - radius, mean + radius)
    default:
      tridiagonalize()
      return (bisect(count: 1), bisect(count: k))
    }
  }

  /// Householder reduction of `matrix` to (diagonal, offDiagonal); offDiagonal[i]
  /// couples rows i and i + 1.
  private mutating func tridiagonalize() {
    let k = order
    matrix.withUnsafeMutableBufferPointer { a in
      reflector.withUnsafeMutableBufferPointer { v in
        product.withUnsafeMutableBufferPointer { p in
          diagonal.withUnsafeMutableBufferPointer { d in
            offDiagonal.withUnsafeMutableBufferPointer { e in
              for j in 0..<(k - 2) {
                // Reflect x = a[j+1..<k, j] onto α·e₁.
                var norm = 0.0
                for i in (j + 1)..<k { norm += a[i + j * k] * a[i + j * k] }
                norm = norm.squareRoot()
                d[j] = a[j + j * k]
                let x0 = a[j + 1 + j * k]
                let alpha = x0 > 0 ? -norm : norm
                e[j] = alpha
                var vNorm = 0.0
                for i in (j + 1)..<k {
                  v[i] = a[i + j * k] - (i == j + 1 ? alpha : 0)
                  vNorm += v[i] * v[i]
                }
                if vNorm == 0 {
                  e[j] = x0
                  continue
                }
                let scale = (2 / vNorm).squareRoot()
                for i in (j + 1)..<k { v[i] *= scale }  // H = I − v vᵀ
                // p = A v on the trailing block, w = p − (vᵀp/2) v, A ← A − v wᵀ − w vᵀ.
                var vp = 0.0
                for i in (j + 1)..<k {
                  var total = 0.0
                  for l in (j + 1)..<k { total += a[i + l * k] * v[l] }
                  p[i] = total
                  vp += v[i] * total
                }
                for i in (j + 1)..<k { p[i] -= vp / 2 * v[i] }
                for l in (j + 1)..<k {
                  for i in (j + 1)..<k { a[i + l * k] -= v[i] * p[l] + p[i] * v[l] }
                }
              }
              d[k - 2] = a[(k - 2) + (k - 2) * k]
              d[k - 1] = a[(k - 1) + (k - 1) * k]
              e[k - 2] = a[(k - 1) + (k - 2) * k]
              e[k - 1] = 0
            }
          }
        }
      }
    }
  }

  /// The `count`-th smallest eigenvalue (1-based) of the tridiagonal matrix, by
  /// bisection: the smallest x with at least `count` eigenvalues ≤ x.
  private func bisect(count target: Int) -> Double {
    let k = order
    return diagonal.withUnsafeBufferPointer { d in
      offDiagonal.withUnsafeBufferPointer { e in
        var lower = Double.infinity
        var upper = -Double.infinity
        var norm = 0.0
        for i in 0..<k {
          let radius = abs(e[i]) + (i > 0 ? abs(e[i - 1]) : 0)
          lower = min(lower, d[i] - radius)
          upper = max(upper, d[i] + radius)
          norm = max(norm, abs(d[i]) + radius)
        }
        guard lower.isFinite, upper.isFinite else { return .nan }
        let pivotFloor = Double.leastNormalMagnitude.squareRoot() * max(norm, Double.leastNormalMagnitude)
        /// The number of eigenvalues < x (Sturm sequence of the LDLᵀ pivots).
        func below(_ x: Double) -> Int {
          var n = 0
          var q = d[0] - x
          if q < 0 { n += 1 }
          for i in 1..<k {
            if abs(q) < pivotFloor { q = q < 0 ? -pivotFloor : pivotFloor }
            q = d[i] - x - e[i - 1] * e[i - 1] / q
            if q < 0 { n += 1 }
          }
          return n
        }
        for _ in 0..<200 {
          let middle = (lower + upper) / 2
          if middle <= lower || middle >= upper || upper - lower <= 4 * Double.ulpOfOne * norm { break }
          if below(middle) >= target { upper = middle } else { lower = middle }
        }
        return (lower + upper) / 2
      }
    }
  }
}
