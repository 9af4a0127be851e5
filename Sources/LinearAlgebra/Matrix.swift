/// A dense matrix of `Double` stored column-major in one contiguous array.
///
/// Column-major storage makes the operations regression needs walk contiguous
/// memory: a column of a design matrix is one slice, Householder reflections
/// and cross-products run down columns.
///
/// ```swift
/// let x = Matrix(columns: [[1, 1, 1], [1, 2, 3]])  // 3×2: intercept and a slope
/// x[2, 1]   // 3.0
/// ```
public struct Matrix: Sendable, Equatable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns.
  public let columns: Int
  /// The entries, column by column: entry (i, j) is at `i + j * rows`.
  @usableFromInline
  package var storage: [Double]

  /// Creates a `rows`×`columns` matrix with every entry equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative.")
    self.rows = rows
    self.columns = columns
    self.storage = [Double](repeating: value, count: rows * columns)
  }

  /// Creates a matrix from its entries in column-major order.
  ///
  /// - Precondition: `values.count == rows * columns`.
  public init(rows: Int, columns: Int, columnMajor values: [Double]) {
    precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative.")
    precondition(values.count == rows * columns, "Matrix needs rows × columns values.")
    self.rows = rows
    self.columns = columns
    self.storage = values
  }

  /// Creates a matrix whose columns are the given arrays, which must share one length.
  public init(columns: [[Double]]) {
    let rows = columns.first?.count ?? 0
    precondition(columns.allSatisfy { $0.count == rows }, "All columns must have the same length.")
    self.rows = rows
    self.columns = columns.count
    var storage: [Double] = []
    storage.reserveCapacity(rows * columns.count)
    for column in columns { storage.append(contentsOf: column) }
    self.storage = storage
  }

  /// Creates a matrix from a list of rows, which must share one length.
  public init(rows rowValues: [[Double]]) {
    let columns = rowValues.first?.count ?? 0
    precondition(rowValues.allSatisfy { $0.count == columns }, "All rows must have the same length.")
    self.rows = rowValues.count
    self.columns = columns
    var storage = [Double](repeating: 0, count: rowValues.count * columns)
    for (i, row) in rowValues.enumerated() {
      for (j, value) in row.enumerated() { storage[i + j * rowValues.count] = value }
    }
    self.storage = storage
  }

  /// The `n`×`n` identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.storage[i + i * n] = 1 }
    return m
  }

  /// The entry in row `row` and column `column` (both zero-based).
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { storage[row &+ column &* rows] }
    set { storage[row &+ column &* rows] = newValue }
  }

  /// The entries in column-major order.
  public var columnMajorValues: [Double] { storage }

  /// A copy of column `j`.
  public func column(_ j: Int) -> [Double] {
    Array(storage[(j * rows)..<((j + 1) * rows)])
  }

  /// A copy of row `i`.
  public func row(_ i: Int) -> [Double] {
    (0..<columns).map { storage[i + $0 * rows] }
  }

  /// The diagonal entries (of the leading square block).
  public var diagonal: [Double] {
    (0..<Swift.min(rows, columns)).map { storage[$0 + $0 * rows] }
  }

  /// The transpose.
  public func transposed() -> Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for j in 0..<columns {
      for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] }
    }
    return t
  }

  /// A matrix holding the listed columns of this one, in the order given.
  public func selectingColumns(_ indices: [Int]) -> Matrix {
    var values: [Double] = []
    values.reserveCapacity(rows * indices.count)
    for j in indices { values.append(contentsOf: storage[(j * rows)..<((j + 1) * rows)]) }
    return Matrix(rows: rows, columns: indices.count, columnMajor: values)
  }

  /// The square sub-matrix on the listed rows and columns (for covariance blocks).
  public func submatrix(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
    var m = Matrix(rows: rowIndices.count, columns: columnIndices.count)
    for (b, j) in columnIndices.enumerated() {
      for (a, i) in rowIndices.enumerated() { m[a, b] = self[i, j] }
    }
    return m
  }

  /// This matrix with the columns of `other` appended on the right.
  public func appendingColumns(of other: Matrix) -> Matrix {
    precondition(other.rows == rows || columns == 0, "Row counts must match to append columns.")
    if columns == 0 { return other }
    return Matrix(rows: rows, columns: columns + other.columns, columnMajor: storage + other.storage)
  }

  /// Replaces column `j` with `values`.
  public mutating func setColumn(_ j: Int, to values: [Double]) {
    precondition(values.count == rows, "Column length must equal the row count.")
    storage.replaceSubrange((j * rows)..<((j + 1) * rows), with: values)
  }

  /// `(A + Aᵀ) / 2`: removes rounding asymmetry from a computed covariance matrix.
  public func symmetrized() -> Matrix {
    precondition(rows == columns, "Only a square matrix can be symmetrized.")
    var m = self
    for j in 0..<columns {
      for i in 0..<j {
        let average = (storage[i + j * rows] + storage[j + i * rows]) / 2
        m.storage[i + j * rows] = average
        m.storage[j + i * rows] = average
      }
    }
    return m
  }
}
