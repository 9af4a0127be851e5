/// A data-dependent failure of a matrix computation.
///
/// Programmer errors (mismatched dimensions, out-of-range indices) are preconditions; these
/// cases describe inputs that are well-formed but numerically unsuitable, so callers can react
/// (for example by dropping collinear regressors or reporting a singular covariance).
public enum LinearAlgebraError: Error, Equatable, CustomStringConvertible {
  /// The matrix is singular: an exact zero pivot occurred in LU factorisation.
  ///
  /// `rank` is the numerical rank estimated by a rank-revealing QR decomposition and `size`
  /// the order of the matrix.
  case singular(rank: Int, size: Int)
  /// A symmetric matrix is not positive definite: Cholesky factorisation met a non-positive
  /// (or non-finite) pivot at zero-based index `pivot`.
  case notPositiveDefinite(pivot: Int)
  /// An operation that needs a square matrix got a `rows`×`columns` one.
  case notSquare(rows: Int, columns: Int)
  /// A triangular system has an exact zero on the diagonal at zero-based index `index`.
  case zeroDiagonal(index: Int)

  /// A sentence describing the failure.
  public var description: String {
    switch self {
    case .singular(let rank, let size):
      return "The \(size)×\(size) matrix is singular (numerical rank \(rank))."
    case .notPositiveDefinite(let pivot):
      return "The matrix is not positive definite (non-positive pivot at index \(pivot))."
    case .notSquare(let rows, let columns):
      return "The operation needs a square matrix, but the matrix is \(rows)×\(columns)."
    case .zeroDiagonal(let index):
      return "The triangular matrix has a zero diagonal entry at index \(index)."
    }
  }
}
