import LinearAlgebra
import Penalized
import TestSupport
import Testing

/// `lassoPath` against scikit-learn's `lasso_path` (100 α, eps 1e-3, warm starts).
@Suite("scikit-learn lasso_path")
struct LassoPathTests {
  static let goldens: SklearnGoldens? = try? SklearnGoldens.load()

  @Test("grid, coefficients, gaps and epochs", arguments: 0..<3)
  func matchesLassoPath(index: Int) throws {
    let g = try #require(Self.goldens)
    let c = g.lasso_path[index]
    let (x, y) = try #require(DataSetA.variant(c.data))
    // scikit-learn was called on explicitly centred data for `centred`; centring here is
    // the same problem.
    let path = try lassoPath(x, y, fitIntercept: c.centred, tolerance: c.tol, maxIterations: 1_000_000)
    #expect(path.alphas.count == 100)
    expectClose(path.alphas, c.alphas, rtol: 1e-10, "alphas")
    var worst = 0.0
    for k in 0..<min(path.fits.count, c.coefs.count) {
      expectClose(path.coefficients[k], c.coefs[k], rtol: 1e-9, atol: 1e-11, "α #\(k)")
      worst = max(worst, maxAbsoluteDifference(path.coefficients[k], c.coefs[k]))
    }
    #expect(worst < 1e-11)
    #expect(path.iterations == c.n_iter, "epochs per α")
    expectClose(path.dualityGaps, c.dual_gaps, rtol: 1e-5, atol: 1e-11, "duality gaps")
    #expect(path.fits.allSatisfy { $0.converged })
    #expect(path.coefficients[0].allSatisfy { $0 == 0 }, "α_max gives zeros")
  }

  @Test func gridIsGeometricFromAlphaMax() throws {
    let g = try #require(Self.goldens)
    let statistics = try GramStatistics(x: DataSetA.data.x, y: DataSetA.data.y)
    let grid = try LassoPath.alphaGrid(statistics, fitIntercept: true)
    expectClose(grid[0], g.data_a.alpha_max_centred, rtol: 1e-14)
    expectClose(grid[99], g.data_a.alpha_max_centred * 1e-3, rtol: 1e-14)
    for k in 0..<100 {
      expectClose(grid[k], grid[0] * pow(1e-3, Double(k) / 99), rtol: 1e-13, "α #\(k)")
    }
    let raw = try LassoPath.alphaGrid(statistics, fitIntercept: false, count: 5, ratio: 0.1)
    expectClose(raw[0], g.data_a.alpha_max_uncentred, rtol: 1e-14)
    #expect(raw.count == 5)
  }

  @Test func userAlphasAreSortedDecreasing() throws {
    let (x, y) = DataSetA.data
    let path = try lassoPath(x, y, alphas: .values([0.05, 0.2, 0.01]), fitIntercept: true, tolerance: 1e-12)
    #expect(path.alphas == [0.2, 0.05, 0.01])
    let single = try Lasso(alpha: 0.05, tolerance: 1e-12).fit(x, y)
    expectClose(path.coefficients[1], single.coefficients, rtol: 1e-9, atol: 1e-12, "warm vs cold start")
    expectClose(path.intercepts[1], single.intercept, rtol: 1e-12)
  }

  @Test func responseOrthogonalToEveryColumnGivesTheConstantGrid() throws {
    let x = Matrix(columns: [[1, -1, 1, -1], [1, 1, -1, -1]])
    let grid = try LassoPath.alphaGrid(GramStatistics(x: x, y: [1, 1, 1, 1]), fitIntercept: true, count: 3)
    #expect(grid == [1e-15, 1e-15, 1e-15])
  }
}

#if canImport(Glibc)
  import Glibc
#endif
