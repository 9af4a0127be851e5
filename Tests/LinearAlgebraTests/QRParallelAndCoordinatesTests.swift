import LinearAlgebra
import TestSupport
import Testing

/// Large factorisations split their block updates over the cores; the projection's
/// coordinates reduce least squares in projected columns to a small problem.
@Suite struct QRParallelAndCoordinatesTests {
  /// 30 000 × 40 is large enough for the parallel block updates (≥ 2·10⁶ multiply–adds
  /// per block); the result must not depend on the split: R from the normal equations'
  /// Cholesky factor agrees, and the residuals are orthogonal to every column.
  @Test func largeFactorisationIsExact() throws {
    let a = randomMatrix(rows: 30_000, columns: 40, seed: 11)
    let qr = QRDecomposition(a)
    #expect(qr.rank == 40)
    let r = qr.r
    let gram = a.gram()
    let rtr = r.transposed().multiplied(by: r)
    #expect(maxAbsDifference(rtr, gram) / (gram.diagonal.max() ?? 1) < 1e-12)
    let y = randomVector(30_000, seed: 12)
    let e = qr.residuals(y)
    let orthogonality = a.transposeMultiplied(by: e)
    #expect(maxAbs(orthogonality) < 1e-9)
    // Factorising twice gives bit-identical results (no dependence on thread timing).
    let again = QRDecomposition(a)
    #expect(again.r == r)
  }

  @Test func coordinatesReproduceTheProjectionAndItsLeastSquares() throws {
    let z = randomMatrix(rows: 500, columns: 8, seed: 21)
    let x = randomMatrix(rows: 500, columns: 3, seed: 22)
    let y = randomVector(500, seed: 23)
    let qr = QRDecomposition(z)
    let (projection, coordinates) = qr.projectionAndCoordinates(x)
    #expect(coordinates.rows == 8 && coordinates.columns == 3)
    #expect(maxAbsDifference(projection, qr.projection(x)) < 1e-13)
    // ‖C·β − Q₁ᵀy‖ and ‖X̂β − y‖ have the same minimiser.
    let small = QRDecomposition(coordinates).leastSquares(qr.coordinates(y))
    let large = QRDecomposition(projection).leastSquares(y)
    for (s, l) in zip(small, large) { #expect(abs(s - l) <= 1e-12 * max(1, abs(l))) }
  }

  /// Residuals on the leading columns from the whole factorisation equal those of a
  /// factorisation of the leading columns alone; nil when a leading column is dependent.
  @Test func residualsOnLeadingColumnsReuseTheFactorisation() throws {
    let z = randomMatrix(rows: 400, columns: 9, seed: 31)
    let b = randomMatrix(rows: 400, columns: 2, seed: 32)
    let leading = z.selectingColumns(Array(0..<4))
    let fast = try #require(QRDecomposition(z).residuals(b, onLeadingColumns: 4))
    #expect(maxAbsDifference(fast, QRDecomposition(leading).residuals(b)) < 1e-13)
    var dependent = z
    dependent.setColumn(2, to: z.column(0).map { 2 * $0 })
    #expect(QRDecomposition(dependent).residuals(b, onLeadingColumns: 4) == nil)
    #expect(QRDecomposition(z).residuals(b, onLeadingColumns: 0) == b)
  }
}
