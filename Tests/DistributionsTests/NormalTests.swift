import Testing
import TestSupport
@testable import Distributions

@Suite struct NormalTests {
  @Test func goldenValues() {
    // Worst seen: 7.3e-15 (tails to 1e-300 included).
    let result = Goldens.checkValues("normal", rtol: 1e-13)
    #expect(result.count >= 30)
  }

  @Test func goldenQuantiles() {
    let result = Goldens.checkQuantiles("normal", rtol: 1e-13)
    #expect(result.count >= 20)
  }

  @Test func farTailsAndSymmetry() {
    let n = Normal()
    // mpmath: Φ(−37) = 5.725571222524577e-300; erfc(40/√2)/2 underflows to 0.
    expectClose(n.sf(37), 5.725571222524577e-300, rtol: 1e-13)
    expectClose(n.cdf(-37), 5.725571222524577e-300, rtol: 1e-13)
    #expect(n.sf(40) == 0)
    #expect(n.cdf(0) == 0.5)
    for x in stride(from: -30.0, through: 30.0, by: 0.37) {
      #expect(n.cdf(x) == n.sf(-x))
      #expect(abs(n.cdf(x) + n.sf(x) - 1) <= 1e-15)
    }
  }

  @Test func quantileRoundTrip() {
    let n = Normal(mean: 3, standardDeviation: 2)
    for x in stride(from: -60.0, through: 60.0, by: 1.3) {
      let p = n.cdf(x)
      if p > 1e-300 && p < 0.5 { expectClose(n.quantile(p), x, rtol: 1e-13, atol: 1e-13) }
      let q = n.sf(x)
      if q > 1e-300 && q < 0.5 { expectClose(n.inverseSurvival(q), x, rtol: 1e-13, atol: 1e-13) }
    }
    expectClose(SpecialFunctions.normalQuantile(0.975), 1.959963984540054, rtol: 1e-15)
    // mpmath 40-digit root of Φ(z) = 1e-300.
    expectClose(SpecialFunctions.normalQuantile(1e-300), -37.0470962993612, rtol: 1e-14)
  }

  @Test func monotone() {
    let n = Normal()
    var previous = 0.0
    for x in stride(from: -38.0, through: 9.0, by: 0.01) {
      let c = n.cdf(x)
      #expect(c >= previous)
      previous = c
    }
  }

  @Test func specialValues() {
    let n = Normal()
    #expect(n.cdf(-.infinity) == 0)
    #expect(n.cdf(.infinity) == 1)
    #expect(n.sf(.infinity) == 0)
    #expect(n.sf(-.infinity) == 1)
    #expect(n.cdf(.nan).isNaN && n.sf(.nan).isNaN)
    #expect(n.quantile(0) == -.infinity && n.quantile(1) == .infinity)
    #expect(n.inverseSurvival(0) == .infinity && n.inverseSurvival(1) == -.infinity)
    #expect(n.quantile(0.5) == 0)
    #expect(n.quantile(-0.1).isNaN && n.quantile(1.1).isNaN && n.quantile(.nan).isNaN)
    #expect(n.inverseSurvival(2).isNaN)
    for bad in [Normal(standardDeviation: 0), Normal(standardDeviation: -1),
                Normal(mean: .nan), Normal(standardDeviation: .infinity)] {
      #expect(bad.cdf(0).isNaN && bad.sf(0).isNaN)
      #expect(bad.quantile(0.3).isNaN && bad.inverseSurvival(0.3).isNaN)
    }
  }
}
