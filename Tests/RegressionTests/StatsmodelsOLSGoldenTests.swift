import Foundation
import Formulas
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing

/// statsmodels 0.15 OLS with nonrobust and HC0–HC3 covariances, `use_t` default and True,
/// on mroz (n = 428) and MEPS (n = 10089)
/// (`Fixtures/reference/inference/statsmodels_ols.json`, `Fixtures/scripts/make_statsmodels_goldens.py`).
///
/// Mapping: nonrobust → `.unadjusted, debiased: true` (s² = RSS/(n−k), t and F);
/// HCj → `.robust` (HC0), `.hc1`, `.hc2`, `.hc3` with `debiased: use_t`. For HC1–HC3 our
/// `debiased` only switches to t(n−k)/F, exactly as statsmodels' `use_t`. For HC0 our
/// `debiased: true` also scales the covariance by n/(n−k) (linearmodels' rule, = HC1), so
/// `HC0/use_t` (HC0 covariance with t p-values) has no single equivalent: its covariance, bse and
/// t-values are compared with `.robust, debiased: false`, its p-values and intervals are not.
///
/// F statistic: statsmodels' robust `fvalue` is always W/q ~ F(q, n−k) (W the Wald statistic of
/// the non-constant parameters under the chosen covariance), even when `use_t` is False.
/// Ours is W/q ~ F(q, n−k) when debiased and W ~ χ²(q) otherwise (linearmodels' definition), so:
/// debiased fits are compared directly (stat and p-value); non-debiased ones compare our χ²
/// statistic divided by q with `fvalue` (the p-values differ by definition and are not compared).
/// Nonrobust `fvalue` = MSM/MSE equals W/q under the s² covariance: compared directly.
///
/// statsmodels' leverage (`facts.leverage`) is not exposed by our API and is not compared.
/// Tolerance rtol 1e-8 (closed form; the README records agreement ≤ 2e-13).
@Suite("statsmodels OLS goldens: nonrobust, HC0–HC3")
struct StatsmodelsOLSGoldenTests {
  static let variants: [(key: String, covariance: CovarianceEstimator, debiased: Bool)] = [
    ("nonrobust", .unadjusted, true), ("nonrobust/use_t", .unadjusted, true),
    ("HC0", .robust, false), ("HC0/use_t", .robust, false),
    ("HC1", .hc1, false), ("HC1/use_t", .hc1, true),
    ("HC2", .hc2, false), ("HC2/use_t", .hc2, true),
    ("HC3", .hc3, false), ("HC3/use_t", .hc3, true),
  ]

  static func model(_ name: String) throws -> (formula: String, model: [String: Any], data: DataTable) {
    let root = try #require(try Fixtures.json("reference/inference/statsmodels_ols.json") as? [String: Any])
    let model = try #require((root["models"] as? [String: Any])?[name] as? [String: Any])
    let data = try DataTable(contentsOfCSVFile: Fixtures.url("data/\(name).csv").path)
    return (try #require(model["formula"] as? String), model, data)
  }

  @Test(arguments: ["mroz", "meps"])
  func matchesStatsmodels(_ name: String) throws {
    let (formula, model, data) = try Self.model(name)
    let fits = try #require(model["statsmodels"] as? [String: [String: Any]])
    #expect(Set(fits.keys) == Set(Self.variants.map(\.key)))
    let facts = try #require(model["facts"] as? [String: Any])
    let ols = try OLS(formula: formula, data: data)
    let rtol = 1e-8
    for variant in Self.variants {
      let g = try #require(fits[variant.key])
      let label = "\(name) \(variant.key)"
      let useT = try #require(g["use_t"] as? Bool)
      // HC0/use_t is the one fit whose inference we cannot reproduce (see the suite comment).
      let inferenceComparable = variant.key != "HC0/use_t"
      if inferenceComparable { #expect(useT == variant.debiased, "\(label) use_t") }
      let r = try ols.fit(covariance: variant.covariance, debiased: variant.debiased)
      #expect(r.parameterNames == g["names"] as? [String], "\(label) names")
      #expect(Double(r.nobs) == double(facts["nobs"]), "\(label) nobs")
      #expect(Double(r.dfResidual) == double(facts["df_resid"]), "\(label) df_resid")
      let ci = try #require(g["conf_int"] as? [String: Any])
      let intervals = try r.confidenceIntervals()
      var columns: [(String, [Double], [Double?])] = [
        ("params", r.params, doubles(g["params"])), ("bse", r.stdErrors, doubles(g["bse"])),
        ("tvalues", r.tstats, doubles(g["tvalues"])),
      ]
      if inferenceComparable {
        columns += [
          ("pvalues", r.pvalues, doubles(g["pvalues"])), ("ci lower", intervals.map(\.lower), doubles(ci["lower"])),
          ("ci upper", intervals.map(\.upper), doubles(ci["upper"])),
        ]
      }
      for (column, ours, theirs) in columns {
        #expect(ours.count == theirs.count && !ours.isEmpty, "\(label) \(column) count")
        for (i, (a, b)) in zip(ours, theirs).enumerated() {
          let b = try #require(b, "\(label) \(column)[\(i)]")
          switch column {
          case "pvalues":
            // p = 0.0 in statsmodels (underflow, MEPS totchr): ours must be 0 or subnormal-small.
            expectClose(a, b, rtol: pValueTolerance(b, rtol), atol: 1e-300, "\(label) \(column)[\(i)]")
          case "ci lower", "ci upper":
            expectClose(a, b, rtol: rtol, atol: rtol * (abs(r.params[i]) + 2 * r.stdErrors[i]), "\(label) \(column)[\(i)]")
          default:
            expectClose(a, b, rtol: rtol, "\(label) \(column)[\(i)]")
          }
        }
      }
      let cov = try #require((g["cov_params"] as? [String: Any])?["matrix"] as? [[Double]])
      #expect(cov.count == r.covariance.rows, "\(label) cov shape")
      for (i, row) in cov.enumerated() {
        for (j, value) in row.enumerated() {
          let scale = abs(r.covariance[i, i] * r.covariance[j, j]).squareRoot()
          expectClose(r.covariance[i, j], value, rtol: rtol, atol: rtol * scale, "\(label) cov[\(i),\(j)]")
        }
      }
      expectClose(r.rsquared, double(g["rsquared"]) ?? .nan, rtol: rtol, "\(label) rsquared")
      expectClose(r.rsquaredAdjusted, double(g["rsquared_adj"]) ?? .nan, rtol: rtol, "\(label) rsquared_adj")
      if variant.key == "nonrobust" {
        expectClose(r.residualSumOfSquares, double(facts["ssr"]) ?? .nan, rtol: rtol, "\(label) ssr")
        expectClose(r.s2, double(facts["scale"]) ?? .nan, rtol: rtol, "\(label) scale")
        expectClose(r.totalSumOfSquares, double(facts["centered_tss"]) ?? .nan, rtol: rtol, "\(label) tss")
        expectClose(Array(r.residuals.prefix(5)), doubles(facts["resid_head5"]).compactMap { $0 }, rtol: rtol, "\(label) resid")
      }

      let f = r.fStatistic
      let fvalue = try #require(double(g["fvalue"]))
      let fDf = doubles(g["f_df"]).compactMap { $0 }
      let q = try #require(fDf.first)
      #expect(f.isValid, "\(label) F valid")
      if variant.debiased {
        expectClose(f.statistic, fvalue, rtol: rtol, "\(label) F")
        #expect(f.distribution.name == "F(\(Int(q)),\(r.dfResidual))", "\(label) F dist")
        #expect(fDf == [q, Double(r.dfResidual)], "\(label) F df")
        let p = double(g["f_pvalue"]) ?? .nan
        expectClose(f.pValue, p, rtol: pValueTolerance(p, rtol), atol: 1e-300, "\(label) F p")
      } else {
        // χ²(q) Wald statistic = q · statsmodels' F (different reference distribution).
        #expect(f.degreesOfFreedom == Int(q), "\(label) χ² df")
        expectClose(f.statistic / q, fvalue, rtol: rtol, "\(label) W/q")
      }
    }
  }

  /// The equalities the README records between statsmodels and linearmodels, on the recorded numbers.
  @Test(arguments: ["mroz", "meps"])
  func linearmodelsEqualities(_ name: String) throws {
    let (_, model, _) = try Self.model(name)
    let sm = try #require(model["statsmodels"] as? [String: [String: Any]])
    let lm = try #require(model["linearmodels"] as? [String: [String: Any]])
    let pairs: [(String, String)] = [
      // (statsmodels, linearmodels)
      ("nonrobust", "unadjusted_debiased"), ("HC0", "robust"), ("HC1/use_t", "robust_debiased"),
    ]
    for (smKey, lmKey) in pairs {
      let s = try #require(sm[smKey])
      let l = try #require(lm[lmKey])
      let label = "\(name) statsmodels \(smKey) = linearmodels \(lmKey)"
      // The README's maximum recorded differences: bse ≤ 2e-13, p-values ≤ 2.3e-11 relative.
      expectClose(doubles(s["params"]).compactMap { $0 }, doubles(l["params"]).compactMap { $0 }, rtol: 1e-10, "\(label) params")
      expectClose(doubles(s["bse"]).compactMap { $0 }, doubles(l["std_errors"]).compactMap { $0 }, rtol: 1e-12, "\(label) bse")
      for (a, b) in zip(doubles(s["pvalues"]), doubles(l["pvalues"])) {
        let b = b ?? .nan
        expectClose(a ?? .nan, b, rtol: pValueTolerance(b, 1e-10), atol: 1e-300, "\(label) pvalues")
      }
      let lf = try #require(l["f_statistic"] as? [String: Any])
      if lf["df_denom"] is NSNull || lf["df_denom"] == nil {
        // linearmodels' non-debiased F is the χ² Wald statistic W = q · statsmodels' fvalue.
        let q = try #require(double(lf["df"]))
        expectClose((double(lf["stat"]) ?? .nan) / q, double(s["fvalue"]) ?? .nan, rtol: 1e-10, "\(label) F")
      } else {
        expectClose(double(lf["stat"]) ?? .nan, double(s["fvalue"]) ?? .nan, rtol: 1e-10, "\(label) F")
      }
    }
    // And the same equalities through our API: .robust/debiased = .hc1 with t; .unadjusted/debiased = nonrobust.
    let (formula, _, data) = try Self.model(name)
    let ols = try OLS(formula: formula, data: data)
    let robustDebiased = try ols.fit(covariance: .robust, debiased: true)
    let hc1 = try ols.fit(covariance: .hc1, debiased: true)
    expectClose(robustDebiased.stdErrors, hc1.stdErrors, rtol: 1e-12, "\(name) robust debiased = HC1")
    expectClose(robustDebiased.pvalues, hc1.pvalues, rtol: 1e-9, atol: 1e-300, "\(name) robust debiased p = HC1 p")
    expectClose(robustDebiased.fStatistic.statistic, hc1.fStatistic.statistic, rtol: 1e-12, "\(name) robust debiased F = HC1 F")
  }
}
