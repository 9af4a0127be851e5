import TestSupport
import Testing

@testable import Bayesian

@Suite("Random streams and variates")
struct RandomVariatesTests {
  @Test func streamsAreReproducibleAndDistinct() {
    var a = Xoshiro256StarStar(seed: 42)
    var b = Xoshiro256StarStar(seed: 42)
    let first = (0..<5).map { _ in a.next() }
    #expect(first == (0..<5).map { _ in b.next() })
    var c = Xoshiro256StarStar(seed: 43)
    #expect(first != (0..<5).map { _ in c.next() })
    var chain0 = Xoshiro256StarStar(seed: 42, stream: 0)
    var chain1 = Xoshiro256StarStar(seed: 42, stream: 1)
    #expect(chain0.next() != chain1.next())
    // SplitMix64's first output for seed 0 (Vigna's reference value), which seeds the state.
    var state: UInt64 = 0
    #expect(Xoshiro256StarStar.splitMix(&state) == 0xE220_A839_7B1D_CDAF)
  }

  @Test func momentsOfTheVariates() {
    var random = Xoshiro256StarStar(seed: 1)
    let n = 40_000
    func moments(_ draw: () -> Double) -> (mean: Double, variance: Double) {
      let values = (0..<n).map { _ in draw() }
      let mean = values.reduce(0, +) / Double(n)
      return (mean, values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1))
    }
    let normal = moments { RandomVariates.normal(&random) }
    expectClose(normal.mean, 0, atol: 4 / Double(n).squareRoot(), "normal mean")
    expectClose(normal.variance, 1, atol: 4 * (2.0 / Double(n)).squareRoot(), "normal variance")
    for shape in [0.3, 1.0, 4.5] {
      // Gamma(k, 1): mean k, variance k; the variance of the sample variance is about (6k + 2k²)/n.
      let gamma = moments { RandomVariates.gamma(shape: shape, &random) }
      expectClose(gamma.mean, shape, atol: 4 * (shape / Double(n)).squareRoot(), "gamma(\(shape)) mean")
      expectClose(
        gamma.variance, shape, atol: 4 * ((6 * shape + 2 * shape * shape) / Double(n)).squareRoot(), "gamma(\(shape)) variance")
    }
  }

  @Test func inverseWishartMean() {
    // E[Σ] = S/(ν − 3) for the 2×2 inverse-Wishart IW(ν, S).
    var random = Xoshiro256StarStar(seed: 2)
    let scale = Symmetric2x2(a: 4, b: -1.2, c: 2)
    let nu = 12.0
    var sum = Symmetric2x2(a: 0, b: 0, c: 0)
    let n = 20_000
    for _ in 0..<n {
      let draw = scale.inverseWishartDraw(degreesOfFreedom: nu, &random)
      sum.a += draw.a
      sum.b += draw.b
      sum.c += draw.c
    }
    expectClose(sum.a / Double(n), 4 / 9, rtol: 0.02, "Σ₁₁")
    expectClose(sum.b / Double(n), -1.2 / 9, rtol: 0.03, "Σ₁₂")
    expectClose(sum.c / Double(n), 2 / 9, rtol: 0.02, "Σ₂₂")
  }
}
