import Foundation
import Testing
import TestSupport
@testable import Distributions

@Suite struct StudentTTests {
  @Test func goldenValues() {
    // Worst seen: 6.6e-14 (t(1998).sf(30) ≈ 7e-164).
    let result = Goldens.checkValues("t", rtol: 1e-13)
    #expect(result.count >= 250)
  }

  @Test func goldenQuantiles() {
    // Worst seen: 7.5e-14.
    let result = Goldens.checkQuantiles("t", rtol: 1e-13)
    #expect(result.count >= 100)
  }

  @Test func appPushStatistics() {
    // mpmath 50-digit references.
    expectClose(StudentT(degreesOfFreedom: 1998).sf(4.5376), 3.0139438992111227102e-6, rtol: 1e-13)
    // 1.7e-1769 is far below the smallest subnormal.
    #expect(StudentT(degreesOfFreedom: 9997).sf(112.07) == 0)
    #expect(StudentT(degreesOfFreedom: 9997).sf(191.22) == 0)
    // Tiny t: the complement form keeps the distance from ½.
    let t17 = StudentT(degreesOfFreedom: 17)
    #expect(t17.sf(1e-3) < 0.5)
    #expect(abs((0.5 - t17.sf(1e-3)) / (t17.pdf(0) * 1e-3) - 1) < 1e-6)
  }

  @Test func symmetryAndComplement() {
    for nu in [0.7, 1, 3, 17, 1998, 1e6] {
      let t = StudentT(degreesOfFreedom: nu)
      for x in [1e-9, 1e-3, 0.3, 1, 2.5, 7, 40, 1e3, 1e8] {
        #expect(t.cdf(-x) == t.sf(x))
        #expect(abs(t.cdf(x) + t.sf(x) - 1) <= 1e-15)
      }
    }
  }

  @Test func largeDegreesOfFreedomApproachNormal() {
    let t = StudentT(degreesOfFreedom: 1e9)
    let n = Normal()
    for x in [0.1, 1, 1.96, 3, 5, 8] {
      // The t tail exceeds the normal one by about (x⁴ + 2x²)/(4ν) relative.
      expectClose(t.sf(x), n.sf(x), rtol: 2e-6)
    }
    expectClose(t.quantile(0.975), 1.959963984540054, rtol: 1e-8)
    #expect(abs(t.sf(8) / n.sf(8) - 1 - (4096 + 128) / 4e9) < 1e-8)
    let limit = StudentT(degreesOfFreedom: .infinity)
    #expect(limit.sf(2) == n.sf(2))
  }

  @Test func cauchyClosedForm() {
    let t = StudentT(degreesOfFreedom: 1)
    for x in [1e-8, 0.5, 1, 10, 1e5, 1e200, 1e300] {
      let exact = atan2(1, x) / Double.pi  // P(T > x) = atan(1/x)/π for x > 0
      expectClose(t.sf(x), exact, rtol: 1e-14)
    }
    expectClose(t.inverseSurvival(1e-300), 1 / (Double.pi * 1e-300), rtol: 1e-13)
  }

  @Test func quantileRoundTrip() {
    for nu in [1.0, 2.5, 17, 1998, 1e6] {
      let t = StudentT(degreesOfFreedom: nu)
      for x in [0.01, 0.5, 1.5, 4, 20, 300] {
        let q = t.sf(x)
        if q > 1e-300 { expectClose(t.inverseSurvival(q), x, rtol: 1e-12, "ν=\(nu) x=\(x)") }
        if q > 1e-300 { expectClose(t.quantile(t.cdf(-x)), -x, rtol: 1e-12, "ν=\(nu) x=\(x)") }
      }
    }
  }

  @Test func monotone() {
    let t = StudentT(degreesOfFreedom: 5)
    var previous = 1.0
    for x in stride(from: -50.0, through: 50.0, by: 0.05) {
      let s = t.sf(x)
      #expect(s <= previous)
      previous = s
    }
  }

  @Test func specialValues() {
    let t = StudentT(degreesOfFreedom: 4)
    #expect(t.cdf(-.infinity) == 0 && t.sf(.infinity) == 0)
    #expect(t.cdf(.infinity) == 1 && t.sf(-.infinity) == 1)
    #expect(t.cdf(0) == 0.5 && t.sf(0) == 0.5)
    #expect(t.cdf(.nan).isNaN && t.sf(.nan).isNaN)
    #expect(t.quantile(0) == -.infinity && t.quantile(1) == .infinity)
    #expect(t.inverseSurvival(0) == .infinity && t.inverseSurvival(1) == -.infinity)
    #expect(t.quantile(0.5) == 0)
    #expect(t.quantile(-1e-9).isNaN && t.quantile(.nan).isNaN && t.inverseSurvival(1.5).isNaN)
    for nu in [0, -3, Double.nan] {
      let bad = StudentT(degreesOfFreedom: nu)
      #expect(bad.cdf(1).isNaN && bad.sf(1).isNaN)
      #expect(bad.quantile(0.3).isNaN && bad.inverseSurvival(0.3).isNaN)
    }
  }
}
