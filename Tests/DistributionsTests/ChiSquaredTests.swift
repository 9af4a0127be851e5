import Foundation
import Testing
import TestSupport
@testable import Distributions

@Suite struct ChiSquaredTests {
  @Test func goldenValues() {
    // Worst seen: 4.6e-14 (df 0.5 … 1e6).
    let result = Goldens.checkValues("chi2", rtol: 1e-13)
    #expect(result.count >= 200)
  }

  @Test func goldenQuantiles() {
    // Worst seen: 3.6e-14.
    let result = Goldens.checkQuantiles("chi2", rtol: 1e-13)
    #expect(result.count >= 90)
  }

  @Test func oneDegreeIsSquaredNormal() {
    let chi = ChiSquared(degreesOfFreedom: 1)
    let n = Normal()
    for z in [1e-6, 0.1, 1, 1.96, 3, 8.5, 20, 37] {
      expectClose(chi.sf(z * z), 2 * n.sf(z), rtol: 1e-13, "z=\(z)")
    }
    // exp(−6280)-sized: below the smallest subnormal.
    #expect(chi.sf(12560) == 0)
  }

  @Test func twoDegreesIsExponential() {
    let chi = ChiSquared(degreesOfFreedom: 2)
    for x in [1e-10, 0.5, 3, 100, 1400] {
      expectClose(chi.sf(x), exp(-x / 2), rtol: 2e-14)
      expectClose(chi.cdf(x), -expm1(-x / 2), rtol: 1e-14)
    }
  }

  @Test func complementAndRoundTrip() {
    for k in [0.5, 1, 3, 10, 100, 1e5, 1e6] {
      let chi = ChiSquared(degreesOfFreedom: k)
      for factor in [1e-3, 0.5, 0.9, 1, 1.01, 1.1, 2, 5] {
        let x = k * factor
        #expect(abs(chi.cdf(x) + chi.sf(x) - 1) <= 1e-15, "k=\(k) x=\(x)")
        let p = chi.cdf(x)
        if p > 1e-300 && p < 0.5 { expectClose(chi.quantile(p), x, rtol: 1e-12, "k=\(k) x=\(x)") }
        let q = chi.sf(x)
        if q > 1e-300 && q < 0.5 {
          expectClose(chi.inverseSurvival(q), x, rtol: 1e-12, "k=\(k) x=\(x)")
        }
      }
    }
  }

  @Test func hugeDegreesOfFreedom() {
    // Normal limit: (X − k)/√(2k) → N(0, 1); skewness correction is O(1/√k).
    let chi = ChiSquared(degreesOfFreedom: 1e9)
    let z = 2.0
    let x = 1e9 + z * (2e9).squareRoot()
    expectClose(chi.sf(x), Normal().sf(z), rtol: 1e-3)
    expectClose(chi.quantile(0.5), 1e9 - 2.0 / 3, rtol: 1e-12)
  }

  @Test func monotone() {
    let chi = ChiSquared(degreesOfFreedom: 10)
    var previous = 1.0
    for x in stride(from: 0.0, through: 400.0, by: 0.1) {
      let s = chi.sf(x)
      #expect(s <= previous)
      previous = s
    }
  }

  @Test func specialValues() {
    let chi = ChiSquared(degreesOfFreedom: 3)
    #expect(chi.cdf(0) == 0 && chi.sf(0) == 1 && chi.cdf(-2) == 0 && chi.sf(-.infinity) == 1)
    #expect(chi.sf(.infinity) == 0 && chi.cdf(.infinity) == 1)
    #expect(chi.cdf(.nan).isNaN && chi.sf(.nan).isNaN)
    #expect(chi.quantile(0) == 0 && chi.quantile(1) == .infinity)
    #expect(chi.inverseSurvival(0) == .infinity && chi.inverseSurvival(1) == 0)
    #expect(chi.quantile(2).isNaN && chi.inverseSurvival(.nan).isNaN)
    for k in [0, -1, Double.nan, .infinity] {
      let bad = ChiSquared(degreesOfFreedom: k)
      #expect(bad.cdf(1).isNaN && bad.sf(1).isNaN)
      #expect(bad.quantile(0.3).isNaN && bad.inverseSurvival(0.3).isNaN)
    }
  }
}
