import Foundation
import TestSupport
import Testing

/// Every subcommand, option and error message of issue 5 through the built `ivreg`
/// binary, as a user runs it: exit status, where the text goes, and what it says.
@Suite("ivreg subcommands, options and errors end to end", .serialized)
struct CommandEndToEndTests {
  static let push = Fixtures.url("data/app_engagement_push.csv").path
  static let mixed = Fixtures.url("data/describe_mixed.csv").path
  static let neurons = Fixtures.url("data/neurons6_granger.csv").path
  static let truth = Fixtures.url("data/neurons6_connectivity.csv").path
  static let macro = Fixtures.url("data/macrodata_growth.csv").path
  static let iv = "in_app_purchase ~ [push_delivered ~ push_assigned]"
  static let ols = "in_app_purchase ~ push_delivered"

  /// A scratch directory with the awkward files the error cases need.
  static let scratch: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivreg-e2e-\(UUID())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let files: [(String, Data)] = [
      ("ragged.csv", Data("a,b\n1,2\n3\n".utf8)),
      ("quote.csv", Data("a,b\n1,x\"y\n".utf8)),
      ("latin1.csv", Data([0x79, 0x2C, 0x78, 0x0A, 0xE9, 0x2C, 0x31, 0x0A])),
      ("collinear.csv", Data("y,a,b,c\n1,1,2,3\n2,2,1,3\n3,3,5,8\n5,4,3,7\n4,5,1,6\n".utf8)),
      ("onecluster.csv", Data("y,x,g\n1,2,a\n2,3,a\n3,1,a\n4,5,a\n5,4,a\n".utf8)),
      ("underid.csv", Data("y,t1,t2,z\n1,2,3,1\n2,3,1,0\n3,1,2,1\n4,5,6,0\n5,4,4,1\n6,2,1,0\n".utf8)),
    ]
    for (name, data) in files { try? data.write(to: directory.appendingPathComponent(name)) }
    return directory
  }()

  static func file(_ name: String) -> String { scratch.appendingPathComponent(name).path }

  struct Case: CustomStringConvertible, Sendable {
    let arguments: [String]
    let status: Int32
    /// Text standard output must contain (empty: standard output must be empty).
    let stdout: [String]
    /// The first line of standard error, or a prefix of it (nil: standard error must be empty).
    let stderrPrefix: String?
    var description: String { arguments.map { $0.replacingOccurrences(of: Fixtures.root.path + "/", with: "") }.joined(separator: " ") }
  }

  static let successes: [Case] = [
    Case(arguments: ["--help"], status: 0, stdout: ["SUBCOMMANDS:", "compare", "describe"], stderrPrefix: nil),
    Case(arguments: ["-h"], status: 0, stdout: ["USAGE: ivreg <subcommand>"], stderrPrefix: nil),
    Case(arguments: ["--version"], status: 0, stdout: ["0.2.0"], stderrPrefix: nil),
    Case(arguments: ["help", "compare"], status: 0, stdout: ["USAGE: ivreg compare <data> <formula> ..."], stderrPrefix: nil),
    Case(arguments: ["fit", "-h"], status: 0, stdout: ["USAGE: ivreg [fit] <data> <formula>", "--subset <condition>"], stderrPrefix: nil),
    Case(arguments: ["compare", "--help"], status: 0, stdout: ["--stat <stat>", "--stars", "--names <names>"], stderrPrefix: nil),
    Case(arguments: ["describe", "--help"], status: 0, stdout: ["--levels <n>"], stderrPrefix: nil),
    Case(arguments: ["granger", "--help"], status: 0, stdout: ["USAGE: ivreg granger <data>", "--correction <method>"], stderrPrefix: nil),
    Case(arguments: ["granger", push, "--effect", "in_app_purchase", "--cause", "push_assigned", "--maxlag", "2"], status: 0,
         stdout: ["Does push_assigned Granger-cause in_app_purchase?", "params_ftest"], stderrPrefix: nil),
    Case(arguments: ["granger", push, "--all", "--format", "csv", "--correction", "holm"], status: 0,
         stdout: ["lag,effect,cause,test,statistic,p_value,adjusted_p_value,df_num,df_denom,rejected,status\n"], stderrPrefix: nil),
    Case(arguments: ["granger", neurons, "--effect", "n0", "--cause", "n1", "--test", "ssr_ftest", "--alpha", "0.01"], status: 0,
         stdout: ["  1  4999  ssr_ftest       78.0785  1.35e-18  F(1,4996)", "ssr_ftest rejects H0 at alpha 0.01 at lag 1."],
         stderrPrefix: nil),
    Case(arguments: ["granger", neurons, "--effect", "n1", "--cause", "n1"], status: 0,
         stdout: ["Lag 1: the lags of n1 add nothing to the restricted model (rank-deficient design); ssr and LR statistics are 0."],
         stderrPrefix: nil),
    Case(arguments: ["granger", neurons, "--effect", "n3", "--cause", "n5", "--given", "n0,n1,n2,n4", "--maxlag", "2", "--format", "markdown"],
         status: 0, stdout: ["Does n5 Granger-cause n3 given n0, n1, n2, n4?", "| Lag |"], stderrPrefix: nil),
    Case(arguments: ["granger", macro, "--effect", "unemp", "--cause", "infl", "--maxlag", "4", "--no-constant", "--format", "json"],
         status: 0, stdout: ["\"rejected_at_lags\": [", "\"df_denom\": 199"], stderrPrefix: nil),
    Case(arguments: ["granger", neurons, "--all", "--truth", truth, "--correction", "bh", "--format", "markdown"], status: 0,
         stdout: ["Benjamini-Hochberg-adjusted p-values", "correlation of the rejections with the true edges 1.0000."],
         stderrPrefix: nil),
    Case(arguments: ["granger", neurons, "--all", "--conditional", "--maxlag", "2", "--truth", truth, "--format", "csv"], status: 0,
         stdout: ["lag,effect,cause,test,statistic,p_value,adjusted_p_value,df_num,df_denom,rejected,status,true_weight\n",
                  "1,n0,n1,lrtest,"], stderrPrefix: nil),
    Case(arguments: ["granger", macro, "--all", "--columns", "realgdp_growth,realcons_growth", "--subset", "year >= 1980"],
         status: 0, stdout: ["Granger causality p-values (lrtest, lag 1)", "Subset year >= 1980: kept 119 of 202 rows"],
         stderrPrefix: nil),
    Case(arguments: [push, iv], status: 0, stdout: ["IV-2SLS Estimation Summary", "3.2938"], stderrPrefix: nil),
    Case(arguments: ["fit", push, iv, "--first-stage", "--diagnostics"], status: 0,
         stdout: ["First Stage Estimation Results", "Wu-Hausman", "Weak"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--format", "markdown", "--first-stage", "--diagnostics"], status: 0,
         stdout: ["| push\\_delivered | 3.2938 | 0.7165 |", "**First Stage Diagnostics**", "**Specification Tests**"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--format=latex"], status: 0, stdout: ["\\begin{tabular}{lrrrrrr}", "\\bottomrule"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--format", "csv"], status: 0,
         stdout: ["term,estimate,std_error,statistic,p_value,conf_low,conf_high\n", "push_delivered,3.29384012948"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--format", "json", "--subset", "push_assigned == 1 or push_assigned == 0"], status: 0,
         stdout: ["\"subset\": \"push_assigned == 1 or push_assigned == 0\""], stderrPrefix: "Subset push_assigned == 1 or push_assigned == 0: kept 10000 of 10000 rows"),
    Case(arguments: [push, ols, "--subset", "in_app_purchase < 150", "--level", "0.9"], status: 0,
         stdout: ["Subset in_app_purchase < 150: kept 9922 of 10000 rows (78 false)"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--estimator", "liml", "--cov", "hc1", "--debiased"], status: 0, stdout: ["IV-LIML Estimation Summary"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--fuller", "1", "--cov", "kernel", "--kernel", "parzen", "--bandwidth", "5"], status: 0,
         stdout: ["fuller"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--weight", "unadjusted", "--gmm-iterations", "3"], status: 0, stdout: ["IV-GMM Estimation Summary"], stderrPrefix: nil),
    Case(arguments: [push, iv, "--kappa", "0.5"], status: 0, stdout: ["IV-LIML(kappa=0.5)"], stderrPrefix: nil),
    Case(arguments: [push, ols, "--cluster", "push_assigned"], status: 0, stdout: ["clustered"], stderrPrefix: nil),
    Case(arguments: [push, ols, "--cov", "hc3"], status: 0, stdout: ["hc3"], stderrPrefix: nil),
    Case(arguments: ["compare", push, ols, iv, "--stars", "--stat", "t", "--names", "OLS,IV"], status: 0,
         stdout: ["Model Comparison", "OLS", "IV", "(4.5974)", "t (or z) statistics in parentheses."], stderrPrefix: nil),
    Case(arguments: ["compare", push, ols, iv, "--format", "csv"], status: 0,
         stdout: ["model,term,estimate", "Model 2,push_delivered,3.29384012948"], stderrPrefix: nil),
    Case(arguments: ["compare", push, ols, iv, "--format", "json"], status: 0, stdout: ["\"models\": [", "\"name\": \"Model 2\""], stderrPrefix: nil),
    Case(arguments: ["compare", push, ols, iv, "--format", "markdown", "--stat", "p"], status: 0, stdout: ["| Model 1 | Model 2 |"], stderrPrefix: nil),
    Case(arguments: ["compare", push, ols, iv, "--format", "latex", "--stat", "ci"], status: 0, stdout: ["[1.8896, 4.6981]"], stderrPrefix: nil),
    Case(arguments: ["describe", mixed], status: 0, stdout: ["describe_mixed.csv: 20 rows, 9 columns", "region levels:"], stderrPrefix: nil),
    Case(arguments: ["describe", mixed, "--format", "json", "--levels", "2"], status: 0, stdout: ["\"columns\": ["], stderrPrefix: nil),
    Case(arguments: ["describe", mixed, "--format", "csv"], status: 0, stdout: ["column,type,count,missing"], stderrPrefix: nil),
    Case(arguments: ["describe", mixed, "--format", "markdown"], status: 0, stdout: ["| Column | Type |"], stderrPrefix: nil),
  ]

  static let failures: [Case] = [
    // Data and model errors: exit 1.
    Case(arguments: [push, "in_app_purchase ~ push_asigned"], status: 1, stdout: [],
         stderrPrefix: "Error: formula column 19: unknown column 'push_asigned' (did you mean 'push_assigned'?)"),
    Case(arguments: ["/nonexistent/data.csv", ols], status: 1, stdout: [], stderrPrefix: "Error: /nonexistent/data.csv: cannot read file"),
    Case(arguments: [Fixtures.url("data").path, ols], status: 1, stdout: [], stderrPrefix: "Error: \(Fixtures.url("data").path): is a directory, not a CSV file"),
    Case(arguments: [file("latin1.csv"), "y ~ x"], status: 1, stdout: [], stderrPrefix: "Error: \(file("latin1.csv")): line 2, column 1: invalid UTF-8"),
    Case(arguments: [file("ragged.csv"), "a ~ b"], status: 1, stdout: [], stderrPrefix: "Error: \(file("ragged.csv")): line 3 has 1 field, the header has 2"),
    Case(arguments: [file("quote.csv"), "a ~ b"], status: 1, stdout: [], stderrPrefix: "Error: \(file("quote.csv")): line 2, column 4: unexpected quote"),
    Case(arguments: [file("underid.csv"), "y ~ [t1 + t2 ~ z]"], status: 1, stdout: [],
         stderrPrefix: "Error: formula column 5: under-identified: 2 endogenous columns but only 1 instrument column"),
    Case(arguments: [file("collinear.csv"), "y ~ a + b + c"], status: 1, stdout: [],
         stderrPrefix: "Error: the regressors are perfectly collinear: 'c' is a linear combination of the others (c = 1·a + 1·b)"),
    Case(arguments: [file("onecluster.csv"), "y ~ x", "--cluster", "g"], status: 1, stdout: [],
         stderrPrefix: "Error: 'g' has a single cluster; clustered standard errors need at least two"),
    Case(arguments: [push, ols, "--subset", "region == 1"], status: 1, stdout: [], stderrPrefix: "Error: --subset: subset column 1: unknown column 'region'"),
    Case(arguments: [push, ols, "--subset", "push_assigned > 5"], status: 1, stdout: [], stderrPrefix: "Error: --subset 'push_assigned > 5' selects no rows"),
    Case(arguments: [push, ols, "--plot", "/nonexistent/dir/plot.svg"], status: 1, stdout: [], stderrPrefix: "Error: --plot: cannot write '/nonexistent/dir/plot.svg'"),
    // Usage errors: exit 64.
    Case(arguments: [push, "in_app_purchase ~ [push_delivered ~ push_assigned"], status: 64, stdout: [],
         stderrPrefix: "Error: formula column 19: '[' is never closed"),
    Case(arguments: [push, ols, "--covv", "robust"], status: 64, stdout: [], stderrPrefix: "Error: Unknown option '--covv'. Did you mean '--cov'?"),
    Case(arguments: [push], status: 64, stdout: [], stderrPrefix: "Error: Missing expected argument '<formula>'"),
    Case(arguments: [push, ols, "--level", "1.5"], status: 64, stdout: [], stderrPrefix: "Error: The value '1.5' is invalid for '--level <level>'"),
    Case(arguments: [push, ols, "--subset", "push_assigned = 1"], status: 64, stdout: [],
         stderrPrefix: "Error: --subset: subset column 15: '=' is not a comparison; write '==' to test equality"),
    Case(arguments: [push, ols, "--format", "csv", "--first-stage"], status: 64, stdout: [],
         stderrPrefix: "Error: '--first-stage' and '--diagnostics' are not available with '--format csv' (use json)"),
    Case(arguments: ["compare", push, ols], status: 64, stdout: [], stderrPrefix: "Error: Missing expected argument '<formula> (a second model)'"),
    Case(arguments: ["compare", push, ols, iv, "--stat", "z"], status: 64, stdout: [], stderrPrefix: "Error: The value 'z' is invalid for '--stat <stat>'"),
    Case(arguments: ["compare", push, ols, iv, "--names", "only-one"], status: 64, stdout: [], stderrPrefix: "Error: The value 'only-one' is invalid for '--names <names>'"),
    Case(arguments: ["describe"], status: 64, stdout: [], stderrPrefix: "Error: Missing expected argument '<data>'"),
    Case(arguments: ["describe", mixed, "--levels", "-1"], status: 64, stdout: [], stderrPrefix: "Error: The value '-1' is invalid for '--levels <n>'"),
    Case(arguments: ["help", "comapre"], status: 64, stdout: [], stderrPrefix: "Error: Unknown subcommand 'comapre'. Did you mean 'compare'?"),
    Case(arguments: ["bayes", push], status: 64, stdout: [], stderrPrefix: "Error: Missing expected argument '<formula>'"),
    Case(arguments: ["bayes", push, iv, "--draws", "100", "--chains", "2", "--warmup", "50"], status: 0,
         stdout: ["Bayesian IV Posterior: in_app_purchase", "hdi_3%", "ess_bulk", "push_delivered~push_assigned", "2SLS: 3.2938"],
         stderrPrefix: nil),
    Case(arguments: ["bayes", push, ols], status: 1, stdout: [],
         stderrPrefix: "Error: Bayesian IV needs exactly one endogenous regressor in brackets"),
    Case(arguments: ["bayes", push, iv, "--draw", "10"], status: 64, stdout: [], stderrPrefix: "Error: Unknown option '--draw'. Did you mean '--draws'?"),
    Case(arguments: ["bayes", push, iv, "--draws", "3"], status: 64, stdout: [], stderrPrefix: "Error: The value '3' is invalid for '--draws <n>'"),
    Case(arguments: ["bayes", push, iv, "--effect-prior", "0"], status: 64, stdout: [],
         stderrPrefix: "Error: The value '0' is invalid for '--effect-prior <mean,sd>'"),
    Case(arguments: ["bayes", push, iv, "--prior-effects", "3.4,3.6"], status: 64, stdout: [],
         stderrPrefix: "Error: '--prior-effects' needs '--prior-ses'"),
    Case(arguments: ["bayes", push, iv, "--prior-effects", "3.4,3.6", "--prior-ses", "0.5"], status: 64, stdout: [],
         stderrPrefix: "Error: '--prior-effects' has 2 values but '--prior-ses' has 1"),
    Case(arguments: ["bayes", push, iv, "--prior-effects", "3.4", "--prior-ses", "0"], status: 64, stdout: [],
         stderrPrefix: "Error: The value '0' is invalid for '--prior-ses <s1,s2,...>'"),
    Case(arguments: ["bayes", push, iv, "--population-scale", "1"], status: 64, stdout: [],
         stderrPrefix: "Error: '--population-scale' needs '--prior-effects' and '--prior-ses'"),
    Case(arguments: ["help", "bays"], status: 64, stdout: [], stderrPrefix: "Error: Unknown subcommand 'bays'. Did you mean 'bayes'?"),
    Case(arguments: ["granger", push], status: 64, stdout: [],
         stderrPrefix: "Error: Give '--effect' and '--cause' for one pair, or '--all' for every pair"),
    Case(arguments: ["granger", push, "--all", "--alpha", "2"], status: 64, stdout: [],
         stderrPrefix: "Error: The value '2' is invalid for '--alpha <alpha>'"),
    Case(arguments: ["granger", push, "--effect", "in_app_purchase", "--cause", "push_asigned"], status: 1, stdout: [],
         stderrPrefix: "Error: unknown column 'push_asigned' (did you mean 'push_assigned'?)"),
    Case(arguments: ["granger", mixed, "--all"], status: 1, stdout: [],
         stderrPrefix: "Error: x contains NaN or inf values. ('income' at row 3: missing values are not supported)"),
    Case(arguments: ["granger", neurons, "--effect", "n0", "--cause", "n1", "--plot", "g.svg"], status: 64, stdout: [],
         stderrPrefix: "Error: '--plot' needs '--all'"),
    Case(arguments: ["granger", neurons, "--all", "--effect", "n0"], status: 64, stdout: [],
         stderrPrefix: "Error: '--all' tests every pair; it cannot be combined with '--effect' or '--cause'"),
    Case(arguments: ["granger", neurons, "--all", "--correction", "fdr"], status: 64, stdout: [],
         stderrPrefix: "Error: The value 'fdr' is invalid for '--correction <method>'"),
    Case(arguments: ["granger", neurons, "--all", "--maxlag", "0"], status: 64, stdout: [],
         stderrPrefix: "Error: The value '0' is invalid for '--maxlag <p>'"),
    Case(arguments: ["granger", neurons, "--al"], status: 64, stdout: [], stderrPrefix: "Error: Unknown option '--al'"),
    Case(arguments: ["granger", neurons, "--all", "--truth", neurons], status: 1, stdout: [],
         stderrPrefix: "Error: --truth: \(neurons) must be a square matrix with a header row naming the series: 6 columns but 5000 rows"),
    Case(arguments: ["granger", macro, "--all", "--columns", "realgdp_growth,infl", "--truth", truth], status: 1, stdout: [],
         stderrPrefix: "Error: --truth: \(truth) has no column 'realgdp_growth' (its columns: n0, n1, n2, n3, n4, n5)"),
    Case(arguments: ["granger", neurons, "--effect", "n0", "--cause", "n1", "--maxlag", "2000"], status: 1, stdout: [],
         stderrPrefix: "Error: Insufficient observations. Maximum allowable lag is 1665 (5000 observations, lag 2000 asked for)"),
  ]

  @Test(arguments: successes + failures)
  func runs(_ c: Case) throws {
    let result = try EndToEndTests.run(c.arguments)
    #expect(result.status == c.status, "\(c): stderr \(result.stderr)")
    if c.stdout.isEmpty {
      #expect(result.stdout.isEmpty, "\(c)")
    }
    for expected in c.stdout {
      #expect(result.stdout.contains(expected), "\(c): stdout lacks \(expected)")
    }
    if let prefix = c.stderrPrefix {
      #expect(result.stderr.hasPrefix(prefix), "\(c): stderr is \(result.stderr)")
      if c.status == 1 {
        // Data errors: one line, plus the formula, condition or CSV line (with a caret
        // under the column when there is one) when that helps.
        let lines = result.stderr.split(separator: "\n")
        let caretLine = lines.count == 3 && lines[2].trimmingCharacters(in: .whitespaces) == "^"
        let excerptOnly = lines.count == 2 && lines[1].hasPrefix("  ")
        #expect(lines.count == 1 || caretLine || excerptOnly, "\(c)")
      }
    } else {
      #expect(result.stderr.isEmpty, "\(c): stderr \(result.stderr)")
    }
  }

  /// `granger --plot` with `--truth` writes a well-formed SVG heat map that carries the p-values and the truth.
  @Test func grangerPlotFileEncodesThePValuesAndTheTruth() throws {
    let path = Self.file("granger-\(UUID()).svg")
    let result = try EndToEndTests.run(["granger", Self.neurons, "--all", "--truth", Self.truth, "--plot", path])
    #expect(result.status == 0)
    #expect(result.stderr == "Wrote connectivity heat map to \(path)\n")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains("data-title=\"Granger lrtest, lag 1\""))
    #expect(svg.contains("data-title=\"True connectivity\""))
    #expect(svg.contains("data-row=\"n0\" data-column=\"n1\" data-value=\"16.0\" data-p-value=\"1.31305409807613"))
    #expect(svg.contains("data-row=\"n0\" data-column=\"n1\" data-value=\"0.7001057239470767\""))
    #expect(svg.components(separatedBy: "data-outlined=\"true\"").count == 6, "five rejected pairs at alpha 0.05")
  }

  /// `--plot` writes well-formed SVG that carries the plotted numbers.
  @Test func plotFileEncodesTheEstimates() throws {
    let path = Self.file("plot-\(UUID()).svg")
    let result = try EndToEndTests.run(["compare", Self.push, Self.ols, Self.iv, "--plot", path, "--names", "OLS,IV"])
    #expect(result.status == 0)
    #expect(result.stderr == "Wrote coefficient plot to \(path)\n")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains("data-series=\"IV\""))
    // The IV estimate (linearmodels: 3.2938401294875104), as a number to 1e-12.
    let estimates = svg.components(separatedBy: "data-estimate=\"").dropFirst().compactMap {
      Double($0.prefix { $0 != "\"" })
    }
    #expect(estimates.contains { abs($0 - 3.2938401294875104) < 1e-12 * 3.3 })
    #expect(!svg.contains("data-term=\"Intercept\""))
  }
}
