import Testing
import TestSupport
@testable import Distributions

@Suite struct FisherFTests {
  @Test func goldenValues() {
    // Worst seen: 6.5e-14.
    let result = Goldens.checkValues("f", rtol: 1e-13)
    #expect(result.count >= 150)
  }

  @Test func goldenQuantiles() {
    // Worst seen: 7.5e-14.
    let result = Goldens.checkQuantiles("f", rtol: 1e-13)
    #expect(result.count >= 90)
  }

  @Test func appPushStatistic() {
    // mpmath: F(1, 9997).sf(553.0194) = 4.557365344803222e-119.
    let f = FisherF(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 9997)
    expectClose(f.sf(553.0194), 4.557365344803222e-119, rtol: 1e-13)
  }

  @Test func squaredTIsF() {
    for nu in [1.0, 3, 16, 1998, 9997, 1e6] {
      let f = FisherF(numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: nu)
      let t = StudentT(degreesOfFreedom: nu)
      for x in [1e-4, 0.3, 1, 2.1, 4.5376, 10, 23.5, 100] where t.sf(x) > 1e-300 {
        expectClose(f.sf(x * x), 2 * t.sf(x), rtol: 2e-13, "ν=\(nu) t=\(x)")
        expectClose(f.cdf(x * x), 1 - 2 * t.sf(x), rtol: 1e-13, atol: 1e-16, "ν=\(nu) t=\(x)")
      }
    }
  }

  @Test func complementAndRoundTrip() {
    for (d1, d2) in [(1.0, 16.0), (2, 17), (5, 100), (10, 3), (5, 1e6), (40, 40)] {
      let f = FisherF(numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2)
      for x in [1e-5, 0.2, 1, 3, 15.713572, 200] {
        #expect(abs(f.cdf(x) + f.sf(x) - 1) <= 1e-15, "F(\(d1), \(d2)) at \(x)")
        let q = f.sf(x)
        if q > 1e-300 && q < 0.5 {
          expectClose(f.inverseSurvival(q), x, rtol: 1e-12, "F(\(d1), \(d2)) isf at \(x)")
        }
        let p = f.cdf(x)
        if p > 1e-300 && p < 0.5 {
          expectClose(f.quantile(p), x, rtol: 1e-12, "F(\(d1), \(d2)) quantile at \(x)")
        }
      }
    }
  }

  @Test func monotone() {
    let f = FisherF(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 5000)
    var previous = 0.0
    for x in stride(from: 0.0, through: 60.0, by: 0.02) {
      let c = f.cdf(x)
      #expect(c >= previous)
      previous = c
    }
  }

  @Test func specialValues() {
    let f = FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 16)
    #expect(f.cdf(0) == 0 && f.sf(0) == 1)
    #expect(f.cdf(-1) == 0 && f.cdf(-.infinity) == 0)
    #expect(f.sf(.infinity) == 0 && f.cdf(.infinity) == 1)
    #expect(f.cdf(.nan).isNaN && f.sf(.nan).isNaN)
    #expect(f.quantile(0) == 0 && f.quantile(1) == .infinity)
    #expect(f.inverseSurvival(0) == .infinity && f.inverseSurvival(1) == 0)
    #expect(f.quantile(1.01).isNaN && f.inverseSurvival(-0.5).isNaN && f.quantile(.nan).isNaN)
    // Huge arguments use the leading power term instead of overflowing d₁x.
    let big = f.sf(1e305)
    #expect(big > 0 && big < 1e-300 || big == 0)
    expectClose(FisherF(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 2).sf(1e200),
                1e-200, rtol: 1e-13)  // F(2, 2): sf(x) = 1/(1 + x)
    for (d1, d2) in [(0.0, 5.0), (3, -1), (.nan, 3), (2, .infinity)] {
      let bad = FisherF(numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2)
      #expect(bad.cdf(1).isNaN && bad.sf(1).isNaN)
      #expect(bad.quantile(0.3).isNaN && bad.inverseSurvival(0.3).isNaN)
    }
  }
}
