import Foundation
import LinearModels
import TestSupport
import Testing

/// The Swift snippets of `Documentation/Models.md` (and the app-push walkthrough),
/// compiled and run with the numbers their comments show, to the digits shown.
/// A snippet changed in the docs must be changed here too; each test names its section.
@Suite("Documentation Swift snippets")
struct DocumentationSnippetTests {
  static func data(_ name: String) throws -> DataTable {
    try DataTable(contentsOfCSVFile: Fixtures.url("data/\(name)").path)
  }

  /// `value` printed with `digits` significant digits equals the documented text.
  func shows(_ value: Double?, _ documented: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let value else {
      Issue.record("nil, documented \(documented)", sourceLocation: sourceLocation)
      return
    }
    let mantissa = documented.split(separator: "e").first.map(String.init) ?? documented
    let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }.count
    let printed = String(format: "%.\(max(1, digits))g", value)
    #expect(Double(printed) == Double(documented), "\(value) is documented as \(documented)", sourceLocation: sourceLocation)
  }

  static let formula = "lwage ~ exper + expersq + [educ ~ fatheduc + motheduc]"

  /// Models.md, "OLS and two-stage least squares".
  @Test func olsAndTwoStageLeastSquares() throws {
    let data = try Self.data("mroz_wage.csv")
    let ols = try OLS(formula: "lwage ~ educ + exper + expersq", data: data).fit(covariance: .hc1)
    shows(ols.params[1], "0.10749")
    shows(ols.stdErrors[1], "0.013219")
    let iv = try IV2SLS(formula: Self.formula, data: data).fit(covariance: .clustered(["cl"]), debiased: true)
    #expect(iv.parameterNames == ["Intercept", "exper", "expersq", "educ"])
    shows(iv.params[3], "0.061397")
    shows(iv.stdErrors[3], "0.036656")
    shows(iv.tstats[3], "1.6749")
    shows(iv.pvalues[3], "0.094687")
    let interval = try iv.confidenceIntervals(level: 0.9)[3]
    shows(interval.lower, "0.00097017")
    shows(interval.upper, "0.12182")
    shows(iv.rsquared, "0.13571")
    #expect(iv.nobs == 428)
    shows(iv.fStatistic.statistic, "6.3223")
    #expect(iv.fStatistic.distribution.name == "F(3,424)")
    #expect(iv.summary.contains("IV-2SLS Estimation Summary"))
  }

  /// Models.md, "LIML, Fuller and k-class".
  @Test func limlFullerAndKClass() throws {
    let data = try Self.data("mroz_wage.csv")
    let liml = try IVLIML(formula: Self.formula, data: data).fit()
    shows(liml.kappa, "1.0008840")
    shows(liml.params[3], "0.061200")
    let fuller = try IVLIML(formula: Self.formula, data: data, fuller: 1).fit()
    shows(fuller.kappa, "0.99852")
    shows(fuller.params[3], "0.061723")
    #expect(fuller.method == "IV-LIML(fuller(alpha=1))")
    let half = try IVLIML(formula: Self.formula, data: data, kappa: 0.5).fit()
    shows(half.params[3], "0.099567")
  }

  /// Models.md, "GMM".
  @Test func gmm() throws {
    let data = try Self.data("mroz_wage.csv")
    let gmm = try IVGMM(formula: Self.formula, data: data).fit()
    shows(gmm.params[3], "0.061053")
    shows(gmm.gmm?.jStatistic.statistic, "0.44346")
    shows(gmm.gmm?.jStatistic.pValue, "0.50546")
  }

  /// Models.md, "Diagnostics".
  @Test func diagnostics() throws {
    let data = try Self.data("mroz_wage.csv")
    let tsls = try IV2SLS(formula: Self.formula, data: data).fit()
    let first = tsls.firstStage?.diagnostics[0]
    shows(first?.partialRSquared, "0.20757")
    shows(first?.partialF.statistic, "100.22")
    #expect(first?.partialF.distribution.name == "chi2(2)")
    shows(tsls.wuHausman?.pValue, "0.095441")
    shows(tsls.sargan?.pValue, "0.53864")
    let weak = try #require(tsls.weakInstruments)
    shows(weak.craggDonaldF, "55.400")
    shows(weak.effectiveF?.statistic, "54.751")
    #expect(weak.verdict == "strong: effective F 54.75 > 19.78 critical value (τ = 10%)")
    #expect(weak.andersonRubin?.region.description == "[-0.02517, 0.1383]")
    #expect(!tsls.diagnosticsSummary.isEmpty)
    #expect(tsls.firstStage?.summary.isEmpty == false)
  }

  /// Models.md, "Large data: absorbing and streaming".
  @Test func absorbingAndStreaming() throws {
    let path = Fixtures.url("data/iv_workload_2000.csv").path
    let data = try DataTable(contentsOfCSVFile: path)
    let formula = "y ~ x1 + x2 + C(g) + [t1 + t2 ~ z1 + z2 + z6 + z7]"
    let absorbed = try AbsorbingIV2SLS(formula: formula, data: data).fit()
    #expect(absorbed.params.count == 54)
    shows(absorbed.params[52], "0.44524")
    shows(absorbed.stdErrors[53], "0.13435")
    let dense = try IV2SLS(formula: formula, data: data).fit()
    expectClose(absorbed.params, dense.params, rtol: 1e-9, atol: 1e-12)
    var blocks = 0
    let streamed = try StreamingIV2SLS(formula: formula).fit(blocks: { visit in
      let reader = try CSVChunkReader(path: path, chunkBytes: 1 << 16)
      while let block = try reader.next() {
        blocks += 1
        try visit(block)
      }
    })
    shows(streamed.params[52], "0.44524")
    #expect(blocks == 14, "two passes of seven blocks")
  }

  /// Models.md, "Tables and plots".
  @Test func tablesAndPlots() throws {
    let data = try Self.data("mroz_wage.csv")
    let ols = try OLS(formula: "lwage ~ educ + exper + expersq", data: data).fit(covariance: .hc1)
    let tsls = try IV2SLS(formula: Self.formula, data: data).fit()
    let liml = try IVLIML(formula: Self.formula, data: data).fit()
    let comparison = try ModelComparison([ols, tsls, liml], names: ["OLS", "2SLS", "LIML"], stars: true)
    #expect(comparison.table.latex.hasPrefix("% Model Comparison\n\\begin{tabular}{lccc}"))
    let svg = CoefficientPlot(series: [
      .init(name: "2SLS", points: [.init(term: "educ", estimate: tsls.params[3], lower: 0.0, upper: 0.12)])
    ]).svg()
    #expect(svg.contains("data-estimate=\"\(tsls.params[3])\""))
  }

  /// Models.md, "Data".
  @Test func dataDescriptionAndSubset() throws {
    let data = try Self.data("mroz_wage.csv")
    let summaries = data.describe()
    #expect(summaries[1].name == "educ")
    shows(summaries[1].mean, "12.659")
    let (recent, selection) = try data.subset(where: RowCondition(parsing: "exper >= 10"))
    #expect(selection.description == "kept 264 of 428 rows (164 false)")
    #expect(recent.rowCount == 264)
  }

  /// Examples/AppPush.md, "The same in Swift".
  @Test func appPushWalkthrough() throws {
    let data = try Self.data("app_engagement_push.csv")
    let iv = try IV2SLS(formula: "in_app_purchase ~ [push_delivered ~ push_assigned]", data: data).fit()
    shows(iv.params[0], "69.291674906071")
    shows(iv.params[1], "3.2938401294875")
    shows(iv.stdErrors[0], "0.36237")
    shows(iv.stdErrors[1], "0.71646")
    shows(iv.wuHausman?.statistic, "553.019")
    shows(iv.firstStage?.diagnostics[0].partialF.statistic, "12559.3")
    let itt = try OLS(formula: "in_app_purchase ~ push_assigned", data: data).fit()
    let table = try ModelComparison([itt, iv], names: ["ITT", "IV"], stars: true).table
    #expect(table.text.contains("3.2938***"))
  }
}

extension DocumentationSnippetTests {
  /// Subset.md, "From Swift".
  @Test func subsetFromSwift() throws {
    let table = try Self.data("describe_mixed.csv")
    let condition = try RowCondition(parsing: "income >= 40 and region != 'north'")
    let (kept, selection) = try table.subset(where: condition)
    #expect(selection.description == "kept 10 of 20 rows (7 false, 3 unknown because of missing values)")
    #expect(selection.rows == [0, 1, 3, 7, 9, 13, 14, 16, 17, 19])
    #expect(selection.falseCount == 7)
    #expect(selection.unknownCount == 3)
    #expect(kept.sourceLines == [2, 3, 5, 9, 11, 15, 16, 18, 19, 21])
  }

  /// GettingStarted.md, "Your first model from Swift" (and the README's library example).
  @Test func gettingStarted() throws {
    let data = try Self.data("smoking_birthweight.csv")
    let model = try IV2SLS(formula: "birthweight ~ [cigarettes ~ taxes]", data: data)
    let results = try model.fit()
    shows(results.params[0], "3001.89")
    shows(results.params[1], "-1.9837")
    shows(results.stdErrors[0], "0.2177")
    shows(results.stdErrors[1], "0.0428")
    _ = try results.confidenceIntervals(level: 0.9)
    let firstStage = try #require(results.firstStage?.diagnostics.first)
    shows(firstStage.partialRSquared, "0.26932")
    shows(firstStage.sheaRSquared, "0.26932")
    shows(firstStage.partialF.statistic, "744.48")
    shows(results.wuHausman?.pValue, "1.804e-57")
  }

  /// Examples/Smoking.md, "In Swift".
  @Test func smokingWalkthrough() throws {
    let data = try Self.data("smoking_birthweight.csv")
    let model = try IV2SLS(formula: "birthweight ~ [cigarettes ~ taxes]", data: data)
    let robust = try model.fit()
    shows(robust.params[1], "-1.98375")
    shows(robust.stdErrors[1], "0.042834")
    let classical = try model.fit(covariance: .unadjusted)
    shows(classical.stdErrors[1], "0.0419")
    shows(classical.tstats[1], "-47.398")
    let naive = try OLS(formula: "birthweight ~ cigarettes", data: data).fit()
    shows(naive.params[1], "-2.4652")
  }

  /// Models.md, "LASSO instrument selection", and Examples/LassoIV.md, "From Swift".
  @Test func lassoInstrumentSelection() throws {
    let tests = try Self.data("ab_tests_iv.csv")
    let plugIn = try IV2SLS(formula: "y ~ 1 + c1 + c2 + [x ~ m*]", data: tests, instrumentSelection: .plugIn())
    #expect(plugIn.instrumentSelection?.selected == ["m7", "m23", "m41", "m62"])
    let results = try plugIn.fit()
    shows(results.params[3], "2.0035")
    shows(results.params[3], "2.003492432")
    let cv = try IV2SLS(
      formula: "y ~ 1 + c1 + c2 + [x ~ m*]", data: tests,
      instrumentSelection: .lassoCV(CrossValidatedSelection(folds: .column("fold"))))
    #expect(cv.instrumentSelection?.selected.count == 13)
  }

  /// Examples/Neurons.md, section 2: the seed's loop over targets.
  @Test func neuronsSeedLoop() throws {
    let data = try Self.data("neurons6_granger.csv")
    var reject: [Double] = []
    for target in 0..<6 {
      let result = try GrangerCausality.test(data, effect: "n\(target)", cause: "n1", maxLag: 1)
      let lag1 = result.lags[0]
      reject.append(lag1.likelihoodRatioTest.pValue < 0.05 ? 1 : 0)
    }
    #expect(reject == [1, 0, 0, 0, 0, 0])
    let truth = try Self.data("neurons6_connectivity.csv")
    guard case .numeric(let column1) = truth["n1"] else { throw Failure("n1 is not numeric") }
    #expect(pearsonCorrelation(column1, reject) == 1.0)
    // The table's printed p-values of the n0 row.
    let n0 = try GrangerCausality.test(data, effect: "n0", cause: "n1", maxLag: 1).lags[0]
    shows(n0.ssrFTest.pValue, "1.35e-18")
    shows(n0.ssrChiSquaredTest.pValue, "9.67e-19")
    shows(n0.likelihoodRatioTest.pValue, "1.31e-18")
  }

  /// Examples/Neurons.md, section 4: the 100-neuron collapse.
  @Test func neuronsHundred() throws {
    var random = SeededGenerator(seed: 1)
    let a = NeuralSystem.connectivity(neurons: 100, using: &random)
    let x = NeuralSystem.simulate(connectivity: a, steps: 5000, using: &random)
    let names = (0..<100).map { "n\($0)" }
    let matrix = try GrangerCausality.matrix(series: x, names: names, lags: [1])[0]
    let reject = matrix.rejections()
    var truth: [Double] = [], found: [Double] = []
    for i in 0..<100 {
      for j in 0..<100 where i != j {
        truth.append(a[i, j] != 0 ? 1 : 0)
        found.append(reject[i, j])
      }
    }
    shows(pearsonCorrelation(truth, found), "0.2027")
  }

  /// Examples/Neurons.md, section 5: the IV network with one first stage.
  @Test func neuronsInstrumentalVariables() throws {
    let iv = try Self.data("neurons6_iv.csv")
    var activity: [[Double]] = [], inputs: [[Double]] = []
    for i in 0..<6 {
      if case .numeric(let x) = iv["x\(i)"], case .numeric(let z) = iv["z\(i)"] {
        activity.append(x)
        inputs.append(z)
      }
    }
    let v = try NeuralSystem.ivConnectivity(activity: activity, instruments: inputs)
    for (value, documented) in zip(v.row(0), ["0.101", "0.667", "0.081", "0.012", "0.149", "-0.044"]) {
      #expect(String(format: "%.3f", value) == documented)
    }
    for (value, documented) in zip(v.row(5), ["-0.031", "0.090", "-0.200", "0.560", "0.611", "0.059"]) {
      #expect(String(format: "%.3f", value) == documented)
    }
    let steps = activity[0].count
    let regressors = Matrix(columns: activity.map { Array($0[0..<(steps - 1)]) })
    let instruments = Matrix(columns: inputs.map { Array($0[0..<(steps - 1)]) })
    let outcomes = Matrix(columns: activity.map { $0[1...].map { log($0 / (1 - $0)) } })
    let model = try MultipleOutcomeIV2SLS(endogenous: regressors, instruments: instruments)
    let fits = try model.fit(outcomes: outcomes)
    #expect(fits.params.rows == 7 && fits.params.columns == 6)
    #expect(String(format: "%.3f", fits.params[1 + 1, 0]) == "0.667")
    expectClose(fits.params[1 + 1, 0], v[0, 1], rtol: 1e-14)
    let a = try Self.data("neurons6_iv_connectivity.csv")
    var truth: [Double] = []
    for i in 0..<6 {
      for j in 0..<6 { if case .numeric(let column) = a["n\(j)"] { truth.append(column[i]) } }
    }
    let correlation = pearsonCorrelation(truth, (0..<6).flatMap { v.row($0) })
    shows(correlation, "0.915856055507283")
    expectClose(correlation, 0.915856055507288, rtol: 1e-14, "the seed's number")
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}

extension DocumentationSnippetTests {
  /// Bayesian.md, "From Swift": seed 003's priors, all of them.
  @Test func bayesianIV() throws {
    let data = try Self.data("app_engagement_push.csv")
    let prior = BayesianIVPrior(
      effect: .hierarchical(HierarchicalEffectPrior(
        estimates: [3.4, 3.6, 4.25, 4.0, 3.9], standardErrors: [0.5, 0.55, 0.6, 0.45, 0.44],
        populationMean: NormalPrior(mean: 4, standardDeviation: 2), populationScale: 2)),
      outcomeCoefficients: ["Intercept": NormalPrior(mean: 50, standardDeviation: 10)],
      firstStageCoefficients: [
        "Intercept": NormalPrior(mean: 0, standardDeviation: 1),
        "push_assigned": NormalPrior(mean: 0, standardDeviation: 10),
      ],
      covariance: .lkj(eta: 2, scale: 2))
    let model = try BayesianIV(formula: "in_app_purchase ~ [push_delivered ~ push_assigned]", data: data, prior: prior)
    let results = try model.fit(chains: 4, draws: 1000, warmup: 1000, seed: 1)
    let summary = results.summary()
    #expect(String(format: "%.3f", summary["push_delivered"]?.mean ?? .nan) == "3.708")
    #expect(String(format: "%.3f", summary["effect_mean"]?.mean ?? .nan) == "3.777")
    #expect(results.draws(of: "rho")?.count == 4)
    #expect(summary.description.hasPrefix(" ") && summary.description.contains("hdi_3%"))
  }
}
