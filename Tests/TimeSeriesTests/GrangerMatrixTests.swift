import Foundation
import LinearAlgebra
import Regression
import Tabular
import TestSupport
import Testing
import TimeSeries

/// The all-pairs matrix (shared-work route) against one `grangercausalitytests` call per
/// ordered pair, the multiple-testing corrections against statsmodels' `multipletests`, and
/// conditional Granger tests against statsmodels OLS fits.
@Suite("Granger causality: matrices, corrections, conditional tests")
struct GrangerMatrixTests {
  static let rtol = 1e-8

  static func matrixGoldens() -> [[String: Any]] {
    ((try? GrangerGoldenTests.golden())?["matrices"] as? [[String: Any]]) ?? []
  }

  static func data(for columns: [String]) throws -> DataTable {
    try GrangerGoldenTests.table(columns.first == "n0" ? "neurons6_granger.csv" : "macrodata_growth.csv")
  }

  @Test(arguments: 0..<6)
  func matrixMatchesPairwiseStatsmodels(_ position: Int) throws {
    let goldens = Self.matrixGoldens()
    try #require(position < goldens.count)
    let g = goldens[position]
    let columns = try #require(g["columns"] as? [String])
    let lag = try #require(g["lag"] as? Int)
    let addConstant = try #require(g["addconst"] as? Bool)
    let tests = try #require(g["tests"] as? [String: [String: [[Double]]]])
    let result = try #require(
      try GrangerCausality.matrix(try Self.data(for: columns), columns: columns, lags: [lag], addConstant: addConstant).first)
    #expect(result.names == columns)
    #expect(result.lag == lag)
    var worst = 0.0
    for test in GrangerTest.allCases {
      let expected = try #require(tests[test.key])
      let statistics = result.statistics(test)
      let pValues = result.pValues(test)
      for i in 0..<columns.count {
        for j in 0..<columns.count {
          let label = "lag \(lag) \(test.key) \(columns[i]) <- \(columns[j])"
          let statistic = try #require(expected["statistic"]?[i][j])
          let pValue = try #require(expected["pvalue"]?[i][j])
          if i == j {
            #expect(result.status(effect: i, cause: j) == .degenerate, "\(label) status")
            if test != .paramsFTest {
              #expect(statistics[i, j] == 0 && pValues[i, j] == 1, "\(label)")
              #expect(abs(statistic) < 1e-10 && pValue > 0.9999, "\(label) golden")
              continue
            }
          } else {
            #expect(result.status(effect: i, cause: j) == .tested, "\(label) status")
          }
          expectClose(statistics[i, j], statistic, rtol: Self.rtol, label)
          // scipy's chi2.sf underflows to 0 where ours returns a subnormal (2e-315): both are "0".
          expectClose(pValues[i, j], pValue, rtol: Self.rtol, atol: Double.leastNormalMagnitude, label + " p")
          let underflow = max(pValues[i, j], pValue) < Double.leastNormalMagnitude
          worst = max(
            worst, relativeDifference(statistics[i, j], statistic), underflow ? 0 : relativeDifference(pValues[i, j], pValue))
        }
      }
    }
    print("matrix \(position) (lag \(lag), \(columns.count) series, constant \(addConstant)): worst relative difference \(worst)")
  }

  /// The matrix route and the pair route give the same tests, entry by entry.
  @Test func matrixEntriesEqualThePairwiseTest() throws {
    let data = try GrangerGoldenTests.table("neurons6_granger.csv")
    let matrices = try GrangerCausality.matrix(data, maxLag: 3)
    #expect(matrices.map(\.lag) == [1, 2, 3])
    for matrix in matrices {
      for i in 0..<2 {
        for j in 0..<6 where i != j {
          let pair = try #require(
            try GrangerCausality.test(data, effect: "n\(i)", cause: "n\(j)", lags: [matrix.lag]).lags.first)
          for (a, b) in zip(matrix.tests(effect: i, cause: j), pair.tests) {
            expectClose(a.statistic, b.statistic, rtol: 1e-9, "lag \(matrix.lag) n\(i) <- n\(j) \(a.name)")
            #expect(a.distribution == b.distribution)
          }
        }
      }
    }
  }

  @Test(arguments: ["corrections", "corrections_macro"])
  func correctionsMatchMultipletests(_ key: String) throws {
    let root = try GrangerGoldenTests.golden()
    let g = try #require(root[key] as? [String: Any])
    let position = key == "corrections" ? 0 : 2
    let matrixGolden = Self.matrixGoldens()[position]
    let columns = try #require(matrixGolden["columns"] as? [String])
    let result = try #require(
      try GrangerCausality.matrix(try Self.data(for: columns), columns: columns, lags: [1]).first)
    let pairs = try #require(g["pairs"] as? [[Int]])
    let methods: [(String, MultipleTestingCorrection)] = [
      ("bonferroni", .bonferroni), ("holm", .holm), ("fdr_bh", .benjaminiHochberg),
    ]
    for (name, correction) in methods {
      let expected = try #require(g[name] as? [String: Any])
      let corrected = GrangerGoldenTests.numbers(expected["corrected"])
      let reject = try #require(expected["reject"] as? [Bool])
      let adjusted = result.adjustedPValues(.likelihoodRatioTest, correction: correction)
      let edges = Set(result.edges(.likelihoodRatioTest, alpha: 0.05, correction: correction).map { [$0.effectIndex, $0.causeIndex] })
      for (position, pair) in pairs.enumerated() {
        expectClose(adjusted[pair[0], pair[1]], corrected[position], rtol: Self.rtol, "\(name) \(pair)")
        #expect(edges.contains(pair) == reject[position], "\(name) reject \(pair)")
      }
      // The adjustment on its own, on the flat family.
      let flat = GrangerGoldenTests.numbers(g["pvalues"])
      expectClose(correction.adjust(flat), corrected, rtol: Self.rtol, name)
    }
  }

  @Test func correctionsOnAHandMadeFamily() {
    let p = [0.01, 0.04, 0.03, 0.2, .nan]
    #expect(MultipleTestingCorrection.none.adjust(p).prefix(4) == [0.01, 0.04, 0.03, 0.2])
    expectClose(Array(MultipleTestingCorrection.bonferroni.adjust(p).prefix(4)), [0.04, 0.16, 0.12, 0.8])
    expectClose(Array(MultipleTestingCorrection.holm.adjust(p).prefix(4)), [0.04, 0.09, 0.09, 0.2])
    expectClose(Array(MultipleTestingCorrection.benjaminiHochberg.adjust(p).prefix(4)), [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.2])
    #expect(MultipleTestingCorrection.holm.adjust(p)[4].isNaN)
  }

  static func conditionalNames() -> [String] {
    (((try? GrangerGoldenTests.golden())?["conditional"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
  }

  @Test(arguments: conditionalNames())
  func conditionalMatchesStatsmodelsOLS(_ name: String) throws {
    let root = try GrangerGoldenTests.golden()
    let cases = try #require(root["conditional"] as? [[String: Any]])
    let g = try #require(cases.first { ($0["name"] as? String) == name })
    let result = try GrangerCausality.conditionalTest(
      try GrangerGoldenTests.data(for: name), effect: try #require(g["effect"] as? String),
      cause: try #require(g["cause"] as? String), conditioningOn: try #require(g["conditioning"] as? [String]),
      maxLag: try #require(g["maxlag"] as? Int), addConstant: try #require(g["addconst"] as? Bool))
    let lags = try #require(g["lags"] as? [[String: Any]])
    #expect(result.lags.count == lags.count)
    for (lag, expected) in zip(result.lags, lags) {
      let label = "\(name) lag \(lag.lag)"
      GrangerGoldenTests.expectTests(lag, expected, label)
      GrangerGoldenTests.expectFit(lag.restricted, try #require(expected["restricted"] as? [String: Any]), label + " restricted")
      GrangerGoldenTests.expectFit(lag.unrestricted, try #require(expected["unrestricted"] as? [String: Any]), label + " unrestricted")
      #expect(!lag.isDegenerate)
    }
  }

  @Test func conditionalWithoutConditioningIsTheBivariateTest() throws {
    let data = try GrangerGoldenTests.table("macrodata_growth.csv")
    let plain = try GrangerCausality.test(data, effect: "realgdp_growth", cause: "realcons_growth", maxLag: 3)
    let conditional = try GrangerCausality.conditionalTest(
      data, effect: "realgdp_growth", cause: "realcons_growth", conditioningOn: [], maxLag: 3)
    for (a, b) in zip(plain.lags, conditional.lags) {
      #expect(a.tests.map(\.statistic) == b.tests.map(\.statistic))
    }
  }

  @Test func matrixErrorsAndInfeasiblePairs() throws {
    let x = (0..<50).map { sin(Double($0) * 0.7) + 0.1 * Double($0 % 7) }
    let y = (0..<50).map { cos(Double($0) * 0.3) + 0.05 * Double($0 % 5) }
    let constant = [Double](repeating: 2, count: 50)
    let result = try #require(
      try GrangerCausality.matrix(series: [x, y, constant], names: ["x", "y", "c"], lags: [2]).first)
    #expect(result.status(effect: 0, cause: 1) == .tested)
    guard case .infeasible(let reason) = result.status(effect: 0, cause: 2) else {
      Issue.record("constant cause not infeasible")
      return
    }
    #expect(reason.hasPrefix("The x values include a column with constant values"))
    #expect(result.pValues()[0, 2].isNaN && result.pValues()[2, 0].isNaN)
    #expect(!result.tests(effect: 2, cause: 0)[2].isValid)
    #expect(result.edges().allSatisfy { $0.cause != "c" && $0.effect != "c" })
    #expect(throws: GrangerCausalityError.tooFewSeries(1)) {
      try GrangerCausality.matrix(series: [x], names: ["x"], lags: [1])
    }
    #expect(throws: GrangerCausalityError.duplicateSeries("x")) {
      try GrangerCausality.matrix(series: [x, y], names: ["x", "x"], lags: [1])
    }
    #expect(throws: GrangerCausalityError.insufficientObservations(observations: 50, maximumLag: 20, maximumAllowableLag: 15)) {
      try GrangerCausality.matrix(series: [x, y], names: ["x", "y"], lags: [20])
    }
    var missing = y
    missing[7] = .nan
    #expect(throws: GrangerCausalityError.nonFiniteValue(series: "y", row: 8)) {
      try GrangerCausality.matrix(series: [x, missing], names: ["x", "y"], lags: [1])
    }
  }

  /// Near-collinear pairs take the exact route and still agree with the pairwise test.
  @Test func nearlyCollinearCauseFallsBackToTheExactRoute() throws {
    var random = SeededGenerator(seed: 7)
    let x = (0..<300).map { _ in Double(random.next() % 1000) / 1000 }
    let almost = x.enumerated().map { $0.element * 2 + 1 + ($0.offset == 17 ? 1e-9 : 0) }
    let z = (0..<300).map { _ in Double(random.next() % 1000) / 1000 }
    let result = try #require(
      try GrangerCausality.matrix(series: [x, almost, z], names: ["x", "a", "z"], lags: [2]).first)
    for (i, j) in [(0, 1), (1, 0), (2, 0), (0, 2)] {
      let names = ["x", "a", "z"]
      let series = [x, almost, z]
      let pair = try #require(
        try GrangerCausality.test(effect: series[i], cause: series[j], lags: [2], names: (names[i], names[j])).lags.first)
      for (a, b) in zip(result.tests(effect: i, cause: j), pair.tests) {
        #expect(a.statistic == b.statistic || relativeDifference(a.statistic, b.statistic) < 1e-9, "\(i) <- \(j) \(a.name)")
      }
    }
  }

  /// Entry (n3, n5) of the conditional matrix is the golden "n3 <- n5 given all the others".
  @Test(arguments: [true, false])
  func conditionalMatrixMatchesStatsmodelsOLS(addConstant: Bool) throws {
    let root = try GrangerGoldenTests.golden()
    let cases = try #require(root["conditional"] as? [[String: Any]])
    let name = "neurons n3 <- n5 | others" + (addConstant ? "" : ", no constant")
    let g = try #require(cases.first { ($0["name"] as? String) == name })
    let lags = try #require(g["lags"] as? [[String: Any]])
    let data = try GrangerGoldenTests.table("neurons6_granger.csv")
    let matrices = try GrangerCausality.conditionalMatrix(data, maxLag: 2, addConstant: addConstant)
    for (matrix, expected) in zip(matrices, lags) {
      let tests = matrix.tests(effect: 3, cause: 5)
      for (test, actual) in zip(GrangerTest.allCases, tests) {
        let golden = GrangerGoldenTests.numbers(expected[test.key])
        expectClose(actual.statistic, golden[0], rtol: Self.rtol, "lag \(matrix.lag) \(test.key)")
        expectClose(actual.pValue, golden[1], rtol: Self.rtol, "lag \(matrix.lag) \(test.key) p")
      }
      #expect(matrix.status(effect: 3, cause: 3) == .degenerate)
      #expect(matrix.pValues()[3, 3] == 1)
    }
    // Every other entry agrees with the one-pair conditional test.
    let lag1 = try #require(matrices.first)
    for (i, j) in [(0, 1), (1, 5), (4, 2), (5, 0)] {
      let others = (0..<6).filter { $0 != i && $0 != j }.map { "n\($0)" }
      let pair = try #require(
        try GrangerCausality.conditionalTest(
          data, effect: "n\(i)", cause: "n\(j)", conditioningOn: others, maxLag: 1, addConstant: addConstant
        ).lags.first)
      for (a, b) in zip(lag1.tests(effect: i, cause: j), pair.tests) {
        expectClose(a.statistic, b.statistic, rtol: 1e-8, "n\(i) <- n\(j) \(a.name)")
        expectClose(a.pValue, b.pValue, rtol: 1e-8, "n\(i) <- n\(j) \(a.name) p")
      }
    }
  }

  /// Conditioning on the other neurons: the conditional rejections (Bonferroni over the 30
  /// ordered pairs) are exactly the four true edges of the seed's connectivity.
  @Test func conditionalMatrixRecoversTheSeedConnectivity() throws {
    let data = try GrangerGoldenTests.table("neurons6_granger.csv")
    let truth = try GrangerGoldenTests.table("neurons6_connectivity.csv")
    let conditional = try #require(try GrangerCausality.conditionalMatrix(data, maxLag: 1).first)
    let pairwise = try #require(try GrangerCausality.matrix(data, maxLag: 1).first)
    var a: [Double] = [], c: [Double] = [], b: [Double] = []
    let cReject = conditional.rejections(alpha: 0.05, correction: .bonferroni)
    let bReject = pairwise.rejections(alpha: 0.05, correction: .bonferroni)
    for i in 0..<6 {
      for j in 0..<6 where i != j {
        guard case .numeric(let column) = truth["n\(j)"] else { continue }
        a.append(column[i] != 0 ? 1 : 0)
        c.append(cReject[i, j])
        b.append(bReject[i, j])
      }
    }
    print("neurons6 edges: true \(a.reduce(0, +)), pairwise \(b.reduce(0, +)) (corr \(pearsonCorrelation(a, b))), conditional \(c.reduce(0, +)) (corr \(pearsonCorrelation(a, c)))")
    #expect(c == a)
  }
}
