import Dispatch
/// A Householder QR decomposition with "limited pivoting" that detects collinear columns.
///
/// The columns are processed in their given order, as in LINPACK's `dqrdc2` (the routine behind
/// R's `lm`). Before column j is factorised it is orthogonalised against the columns already
/// accepted; if the norm of what remains is at most `tolerance × ‖aⱼ‖` (or `aⱼ = 0`), column j is
/// marked *dependent*, set aside (conceptually moved behind the accepted columns) and excluded
/// from every later step. The accepted columns `A₁ = A[:, independentColumns]` satisfy
/// `A₁ = Q₁R` with `R` upper triangular and nonsingular.
///
/// Unlike `dqrdc2`, the remaining norm is recomputed from the transformed column rather than
/// down-dated, so the rank decision does not suffer from cancellation.
///
/// Storage is O(`rows` · `rank`): the Householder vectors overwrite the accepted columns and `Q`
/// is never formed. The reflections are grouped into blocks in the compact WY form
/// `H₁⋯H_b = I − V·T·Vᵀ` (Schreiber & Van Loan 1989; Golub & Van Loan, *Matrix Computations*,
/// 4th ed., §5.2.3): within a block each new column is updated left-looking, and a completed
/// block is applied to all remaining columns at once with cache-blocked `VᵀC` / `C − V·W`
/// kernels, so the whole matrix is streamed from memory once per block rather than once per
/// column.
///
/// ```swift
/// let x = Matrix(columns: [[1, 1, 1, 1], [1, 2, 3, 4], [2, 4, 6, 8]])
/// let qr = QRDecomposition(x)
/// qr.dependentColumns          // [2]
/// qr.dependence(ofColumn: 2)   // [(column: 1, coefficient: 2.0)]
/// ```
public struct QRDecomposition: Sendable {
  /// One block of consecutive reflections `start..<start+size` and its `size`×`size` upper
  /// triangular compact-WY factor `T` (column-major).
  struct Block: Sendable {
    var start: Int
    var size: Int
    var t: [Double]
  }

  /// The number of rows of the factorised matrix.
  public let rows: Int
  /// The number of columns of the factorised matrix.
  public let columns: Int
  /// The relative tolerance used to declare a column dependent.
  public let tolerance: Double
  /// The original indices of the accepted (linearly independent) columns, in original order.
  public let independentColumns: [Int]
  /// The original indices of the columns found to be linearly dependent on earlier ones, in
  /// original order.
  public let dependentColumns: [Int]

  /// `rows`×`rank`, column-major: column i holds `R[0..<i, i]` above the diagonal and the
  /// Householder vector `vᵢ` (with `vᵢ[i] = 1`) in rows `i..<rows`.
  let factors: [Double]
  /// The diagonal of `R`.
  let rDiagonal: [Double]
  /// The Householder scalars: `Hᵢ = I − τᵢ·vᵢvᵢᵀ`.
  let tau: [Double]
  /// The compact-WY blocks, in order of application.
  let blocks: [Block]
  /// For each dependent column j: the leading entries `(Qᵀaⱼ)[0..<r]`, where r is the number of
  /// columns accepted before j.
  let dependentCoordinates: [Int: [Double]]

  /// Factorises `a`.
  ///
  /// - Parameters:
  ///   - a: The matrix to factorise (any shape).
  ///   - tolerance: A column is dependent when its norm after orthogonalisation against the
  ///     accepted columns is `<= tolerance ×` its original norm. The default is
  ///     `Double(max(rows, columns)) * .ulpOfOne`. (R's `lm` uses `1e-7`.)
  /// The entries should be finite: a column containing NaN or an infinity is reported as
  /// dependent.
  ///
  /// - Complexity: O(`rows` · `columns`²) time; O(`rows` · `columns`) memory.
  public init(_ a: Matrix, tolerance: Double? = nil) {
    self.init(a, tolerance: tolerance, blockSize: 12)
  }

  /// Factorises `a` grouping at most `blockSize` reflections per compact-WY block
  /// (`blockSize == 1` is the unblocked algorithm).
  init(_ a: Matrix, tolerance: Double?, blockSize: Int) {
    precondition(blockSize >= 1, "The QR block size must be positive.")
    let m = a.rows, n = a.columns
    let tol = tolerance ?? Double(Swift.max(m, n)) * .ulpOfOne
    precondition(tol >= 0, "The QR rank tolerance must be non-negative.")
    rows = m
    columns = n
    self.tolerance = tol

    var accepted: [Int] = []
    var dependent: [Int] = []
    var coordinates: [Int: [Double]] = [:]
    var tauValues: [Double] = []
    var diagonal: [Double] = []
    var blockList: [Block] = []
    var work = a.storage

    if m == 0 || n == 0 {
      for j in 0..<n {
        dependent.append(j)
        coordinates[j] = []
      }
    } else {
      let nb = blockSize
      var t = [Double](repeating: 0, count: nb * nb)
      var blockStart = 0
      work.withUnsafeMutableBufferPointer { wp in
        guard let base = wp.baseAddress else {
          return
        }
        let originalNorms = (0..<n).map { Kernels.norm(base + $0 * m, m) }

        func closeBlock(trailing: Range<Int>) {
          let size = accepted.count - blockStart
          if size == 0 { return }
          var compact = [Double](repeating: 0, count: size * size)
          for c in 0..<size {
            for r in 0...c { compact[r + c * size] = t[r + c * nb] }
          }
          if !trailing.isEmpty {
            let v = accepted[blockStart...].map { UnsafePointer(base + $0 * m) }
            let targets = trailing.map { base + $0 * m }
            compact.withUnsafeBufferPointer { tp in
              guard let tb = tp.baseAddress else {
                return
              }
              QRDecomposition.applyBlock(
                v, start: blockStart, t: tb, ld: size, transpose: true, to: targets, rows: m)
            }
          }
          blockList.append(Block(start: blockStart, size: size, t: compact))
          blockStart = accepted.count
          for i in 0..<t.count { t[i] = 0 }
        }

        for j in 0..<n {
          let r = accepted.count
          let column = base + j * m
          let pending = r - blockStart
          if pending > 0 {
            let v = accepted[blockStart...].map { UnsafePointer(base + $0 * m) }
            t.withUnsafeBufferPointer { tp in
              guard let tb = tp.baseAddress else {
                return
              }
              QRDecomposition.applyBlock(
                v, start: blockStart, t: tb, ld: nb, transpose: true, to: [column], rows: m)
            }
          }
          let remaining = r < m ? Kernels.norm(column + r, m - r) : 0
          let original = originalNorms[j]
          guard original > 0, original.isFinite, remaining > tol * original else {
            dependent.append(j)
            coordinates[j] = Array(UnsafeBufferPointer(start: column, count: r))
            continue
          }

          // Householder vector v = [1, x₁/(x₀−β), …] with β = −sign(x₀)‖x‖, τ = (β − x₀)/β.
          let x0 = column[r]
          let beta = x0 >= 0 ? -remaining : remaining
          let tauValue = (beta - x0) / beta
          let scale = 1 / (x0 - beta)
          let tail = column + r + 1
          for i in 0..<(m - r - 1) { tail[i] *= scale }
          column[r] = 1
          accepted.append(j)
          tauValues.append(tauValue)
          diagonal.append(beta)

          // Extend T: T[0..<p, p] = −τ·T[0..<p, 0..<p]·(V[:, 0..<p]ᵀ v), T[p, p] = τ.
          let p = r - blockStart
          if p > 0 {
            var y = [Double](repeating: 0, count: p)
            let v = accepted[blockStart..<r].map { UnsafePointer(base + $0 * m) }
            y.withUnsafeMutableBufferPointer { yp in
              guard let yb = yp.baseAddress else {
                return
              }
              Kernels.crossProducts(v, [UnsafePointer(column)], rows: r..<m, into: yb)
            }
            for row in 0..<p {
              var s = 0.0
              for c in row..<p { s += t[row + c * nb] * y[c] }
              t[row + p * nb] = -tauValue * s
            }
          }
          t[p + p * nb] = tauValue
          if p + 1 == nb { closeBlock(trailing: (j + 1)..<n) }
        }
        closeBlock(trailing: n..<n)

        // Compact the accepted columns to the front (destinations never pass their sources).
        for (i, j) in accepted.enumerated() where i != j {
          let source = base + j * m, destination = base + i * m
          for e in 0..<m { destination[e] = source[e] }
        }
      }
      work.removeLast(m * (n - accepted.count))
    }

    independentColumns = accepted
    dependentColumns = dependent
    dependentCoordinates = coordinates
    factors = work
    rDiagonal = diagonal
    tau = tauValues
    blocks = blockList
  }

  /// The numerical rank: the number of accepted columns.
  public var rank: Int { independentColumns.count }

  /// Whether every column was accepted.
  public var isFullRank: Bool { rank == columns }

  /// The `rank`×`rank` upper-triangular factor `R` of the independent columns
  /// (`A[:, independentColumns] = Q₁R`). Its diagonal may have either sign.
  ///
  /// - Complexity: O(`rank`²).
  public var r: Matrix {
    let k = rank, m = rows
    var result = Matrix(rows: k, columns: k)
    for j in 0..<k {
      for i in 0..<j { result.storage[i + j * k] = factors[i + j * m] }
      result.storage[j + j * k] = rDiagonal[j]
    }
    return result
  }

  /// How the dependent column `j` is expressed through the columns accepted before it.
  ///
  /// Returns the coefficients `c` of `aⱼ ≈ Σ cᵢ · a_{independentColumns[i]}` (the least-squares
  /// fit of `aⱼ` on the earlier accepted columns), reporting only entries with
  /// `|cᵢ| > 1e-8 · max|c|`, as (original column index, coefficient) in column order.
  ///
  /// - Precondition: `j` is one of ``dependentColumns``.
  /// - Complexity: O(`rank`²).
  public func dependence(ofColumn j: Int) -> [(column: Int, coefficient: Double)] {
    guard var c = dependentCoordinates[j] else {
      preconditionFailure("dependence(ofColumn:) needs a column listed in dependentColumns.")
    }
    solveR(&c, count: c.count)
    let largest = c.reduce(0) { Swift.max($0, abs($1)) }
    var result: [(column: Int, coefficient: Double)] = []
    for (i, value) in c.enumerated() where abs(value) > 1e-8 * largest {
      result.append((column: independentColumns[i], coefficient: value))
    }
    return result
  }

  /// The basic least-squares solution of `A·x ≈ b`: coefficients for the independent columns
  /// from `R·x₁ = (Qᵀb)[0..<rank]`, and exactly 0 for dependent columns.
  ///
  /// - Precondition: `b.count == rows`.
  /// - Complexity: O(`rows` · `rank`).
  public func leastSquares(_ b: [Double]) -> [Double] {
    precondition(b.count == rows, "The right-hand side length must equal the row count.")
    return leastSquares(Matrix(rows: rows, columns: 1, columnMajor: b)).storage
  }

  /// The basic least-squares solutions for every column of `b` (a `columns`×`b.columns` matrix).
  ///
  /// - Precondition: `b.rows == rows`.
  /// - Complexity: O(`rows` · `rank` · `b.columns`).
  public func leastSquares(_ b: Matrix) -> Matrix {
    precondition(b.rows == rows, "The right-hand side must have as many rows as the matrix.")
    var y = b.storage
    applyQTranspose(&y, columns: b.columns)
    var result = Matrix(rows: columns, columns: b.columns)
    let k = rank
    for l in 0..<b.columns {
      var z = Array(y[(l * rows)..<(l * rows + k)])
      solveR(&z, count: k)
      for (i, j) in independentColumns.enumerated() { result.storage[j + l * columns] = z[i] }
    }
    return result
  }

  /// The orthogonal projection `P·b = Q₁Q₁ᵀb` of `b` onto the span of the independent columns
  /// (the fitted values of a regression of `b` on `A`).
  ///
  /// - Precondition: `b.count == rows`.
  /// - Complexity: O(`rows` · `rank`).
  public func projection(_ b: [Double]) -> [Double] {
    precondition(b.count == rows, "The vector length must equal the row count.")
    return projection(Matrix(rows: rows, columns: 1, columnMajor: b)).storage
  }

  /// The orthogonal projection of every column of `b` onto the span of the independent columns.
  ///
  /// - Precondition: `b.rows == rows`.
  /// - Complexity: O(`rows` · `rank` · `b.columns`).
  public func projection(_ b: Matrix) -> Matrix {
    precondition(b.rows == rows, "The matrix must have as many rows as the factorised one.")
    return keepingCoordinates(0..<rank, of: b)
  }

  /// The projection `P·b` of every column of `b` together with its coordinates in the
  /// orthonormal basis of the span: the first ``rank`` rows of `Qᵀb`, so that
  /// `P·b = Q₁·coordinates`. A least-squares problem in the projected columns then reduces
  /// to one in the `rank`×`b.columns` coordinates (`min‖Q₁ᵀy − C·β‖`), without factorising
  /// the projected `rows`×`b.columns` matrix.
  ///
  /// - Precondition: `b.rows == rows`.
  /// - Complexity: O(`rows` · `rank` · `b.columns`).
  public func projectionAndCoordinates(_ b: Matrix) -> (projection: Matrix, coordinates: Matrix) {
    precondition(b.rows == rows, "The matrix must have as many rows as the factorised one.")
    var coordinates = Matrix(rows: rank, columns: b.columns)
    let projection = keepingCoordinates(0..<rank, of: b) { qtb in
      for l in 0..<b.columns {
        for i in 0..<rank { coordinates.storage[i + l * rank] = qtb[l * rows + i] }
      }
    }
    return (projection, coordinates)
  }

  /// The residuals of projecting every column of `b` on the span of the first `leading`
  /// columns of the factorised matrix, reusing this factorisation: `Q·[0; (Qᵀb)₍leading…₎]`.
  /// Returns nil unless those columns were all accepted as independent (in order), the
  /// condition under which the first `leading` reflections span exactly them.
  ///
  /// - Precondition: `b.rows == rows`.
  /// - Complexity: O(`rows` · `rank` · `b.columns`).
  public func residuals(_ b: Matrix, onLeadingColumns leading: Int) -> Matrix? {
    precondition(b.rows == rows, "The matrix must have as many rows as the factorised one.")
    guard leading >= 0, leading <= rank, independentColumns.prefix(leading).elementsEqual(0..<leading) else {
      return nil
    }
    if leading == 0 { return b }
    return keepingCoordinates(leading..<rows, of: b)
  }

  /// The first ``rank`` entries of `Qᵀb`: the coordinates of `b`'s projection.
  ///
  /// - Precondition: `b.count == rows`.
  /// - Complexity: O(`rows` · `rank`).
  public func coordinates(_ b: [Double]) -> [Double] {
    precondition(b.count == rows, "The vector length must equal the row count.")
    var y = b
    applyQTranspose(&y, columns: 1)
    return Array(y[0..<rank])
  }

  /// The residuals `M·b = (I − P)·b` of projecting `b` on the independent columns, computed as
  /// `Q·[0; Q₂ᵀb]` so they are orthogonal to the columns to working precision even when the fit
  /// is nearly perfect.
  ///
  /// - Precondition: `b.count == rows`.
  /// - Complexity: O(`rows` · `rank`).
  public func residuals(_ b: [Double]) -> [Double] {
    precondition(b.count == rows, "The vector length must equal the row count.")
    return residuals(Matrix(rows: rows, columns: 1, columnMajor: b)).storage
  }

  /// The residuals of projecting every column of `b` on the independent columns.
  ///
  /// - Precondition: `b.rows == rows`.
  /// - Complexity: O(`rows` · `rank` · `b.columns`).
  public func residuals(_ b: Matrix) -> Matrix {
    precondition(b.rows == rows, "The matrix must have as many rows as the factorised one.")
    return keepingCoordinates(rank..<rows, of: b)
  }


  /// `(A₁ᵀA₁)⁻¹ = R⁻¹R⁻ᵀ` for the independent columns `A₁`, in ``independentColumns`` order,
  /// exactly symmetric. This is the unscaled OLS covariance matrix.
  ///
  /// - Complexity: O(`rank`³).
  public func inverseGram() -> Matrix {
    let k = rank
    // Columns of R⁻¹ (upper triangular), by back substitution on unit vectors.
    var inverse = [Double](repeating: 0, count: k * k)
    for j in 0..<k {
      var e = [Double](repeating: 0, count: j + 1)
      e[j] = 1
      solveR(&e, count: j + 1)
      for i in 0...j { inverse[i + j * k] = e[i] }
    }
    var result = Matrix(rows: k, columns: k)
    inverse.withUnsafeBufferPointer { ip in
      guard let base = ip.baseAddress else {
        return
      }
      // (R⁻¹R⁻ᵀ)[i, l] = Σ_{c ≥ l} R⁻¹[i, c]·R⁻¹[l, c] for i ≤ l: rows of R⁻¹ are strided, so
      // use the transpose's columns instead.
      var transposed = [Double](repeating: 0, count: k * k)
      for c in 0..<k {
        for i in 0...c { transposed[c + i * k] = base[i + c * k] }
      }
      for l in 0..<k {
        for i in 0...l {
          result.storage[i + l * k] = transposed.withUnsafeBufferPointer { tp in
            guard let tb = tp.baseAddress else {
              return 0
            }
            return Kernels.dot(tb + i * k + l, tb + l * k + l, k - l)
          }
        }
      }
    }
    result.mirrorUpperTriangle()
    return result
  }

  // MARK: - Internals

  /// `Q·c` where `c` is `Qᵀb` with, in every column, only the coordinates in `kept`
  /// (row indices) left: the projection on the leading basis vectors, or the residual from
  /// them. `inspect` sees the full `Qᵀb` first (column-major, `rows` per column).
  private func keepingCoordinates(
    _ kept: Range<Int>, of b: Matrix, inspect: (_ qtb: [Double]) -> Void = { _ in }
  ) -> Matrix {
    var y = b.storage
    applyQTranspose(&y, columns: b.columns)
    inspect(y)
    for l in 0..<b.columns {
      let base = l * rows
      for i in 0..<kept.lowerBound { y[base + i] = 0 }
      for i in kept.upperBound..<rows { y[base + i] = 0 }
    }
    applyQ(&y, columns: b.columns)
    return Matrix(rows: rows, columns: b.columns, columnMajor: y)
  }

  /// Solves `R[0..<count, 0..<count]·x = z` in place (back substitution).
  func solveR(_ z: inout [Double], count: Int) {
    let m = rows
    for j in stride(from: count - 1, through: 0, by: -1) {
      let xj = z[j] / rDiagonal[j]
      z[j] = xj
      for i in 0..<j { z[i] -= xj * factors[i + j * m] }
    }
  }

  /// Overwrites the `rows`×`columns` column-major `b` with `Qᵀb`.
  func applyQTranspose(_ b: inout [Double], columns q: Int) {
    apply(&b, columns: q, transpose: true)
  }

  /// Overwrites the `rows`×`columns` column-major `b` with `Q·b`.
  func applyQ(_ b: inout [Double], columns q: Int) {
    apply(&b, columns: q, transpose: false)
  }

  private func apply(_ b: inout [Double], columns q: Int, transpose: Bool) {
    let m = rows
    if q == 0 || m == 0 || blocks.isEmpty { return }
    factors.withUnsafeBufferPointer { fp in
      b.withUnsafeMutableBufferPointer { bp in
        guard let f = fp.baseAddress, let bb = bp.baseAddress else {
          return
        }
        let targets = (0..<q).map { bb + $0 * m }
        let order = transpose ? Array(blocks) : blocks.reversed()
        for block in order {
          let v = (block.start..<(block.start + block.size)).map { f + $0 * m }
          block.t.withUnsafeBufferPointer { tp in
            guard let tb = tp.baseAddress else {
              return
            }
            QRDecomposition.applyBlock(
              v, start: block.start, t: tb, ld: block.size, transpose: transpose, to: targets,
              rows: m)
          }
        }
      }
    }
  }

  /// Applies `(I − V·T·Vᵀ)` (or its transpose) to the columns `c`, where `V`'s column a is the
  /// Householder vector of reflection `start + a`, nonzero only in rows `start + a ..< rows`.
  ///
  /// `W = VᵀC` is accumulated over the triangular head rows entry by entry and over the
  /// remaining rows with the chunked kernel; then `C −= V·(TᵀW)` (or `V·(TW)`).
  ///
  /// Columns are independent, so a large update (more than ~2·10⁶ multiply–adds and at
  /// least two columns) is split over the cores; each part runs the same serial loops, so
  /// the result does not depend on the split.
  static func applyBlock(
    _ v: [UnsafePointer<Double>], start g0: Int, t: UnsafePointer<Double>, ld: Int,
    transpose: Bool, to c: [UnsafeMutablePointer<Double>], rows m: Int
  ) {
    let work = (m - g0) * c.count * v.count
    let parts = Swift.min(c.count, ParallelWork.cores)
    guard parts >= 2, work >= 2_000_000 else {
      applyBlockSerially(v, start: g0, t: t, ld: ld, transpose: transpose, to: c, rows: m)
      return
    }
    let shared = ParallelWork.Pointers(v: v, t: t, c: c)
    DispatchQueue.concurrentPerform(iterations: parts) { part in
      let range = ParallelWork.slice(shared.c.count, part: part, of: parts)
      applyBlockSerially(
        shared.v, start: g0, t: shared.t, ld: ld, transpose: transpose, to: Array(shared.c[range]), rows: m)
    }
  }

  private static func applyBlockSerially(
    _ v: [UnsafePointer<Double>], start g0: Int, t: UnsafePointer<Double>, ld: Int,
    transpose: Bool, to c: [UnsafeMutablePointer<Double>], rows m: Int
  ) {
    let b = v.count, q = c.count
    let headEnd = g0 + b
    var w = [Double](repeating: 0, count: b * q)
    var scaled = [Double](repeating: 0, count: b * q)
    w.withUnsafeMutableBufferPointer { wp in
      scaled.withUnsafeMutableBufferPointer { sp in
        guard let wb = wp.baseAddress, let sb = sp.baseAddress else {
          return
        }
        for l in 0..<q {
          let cl = c[l]
          for a in 0..<b {
            let va = v[a]
            var s = 0.0
            for i in (g0 + a)..<headEnd { s += va[i] * cl[i] }
            wb[a + l * b] = s
          }
        }
        Kernels.crossProducts(v, c.map { UnsafePointer($0) }, rows: headEnd..<m, into: wb)
        for l in 0..<q {
          let wl = wb + l * b, sl = sb + l * b
          for a in 0..<b {
            var s = 0.0
            if transpose {
              for k in 0...a { s += t[k + a * ld] * wl[k] }
            } else {
              for k in a..<b { s += t[a + k * ld] * wl[k] }
            }
            sl[a] = s
          }
        }
        for l in 0..<q {
          let cl = c[l]
          for a in 0..<b {
            let va = v[a], factor = sb[a + l * b]
            for i in (g0 + a)..<headEnd { cl[i] -= va[i] * factor }
          }
        }
        Kernels.subtractProducts(v, UnsafePointer(sb), c, rows: headEnd..<m)
      }
    }
  }
}
