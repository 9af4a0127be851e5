import Foundation
import TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif
import Testing

/// `ivreg lasso` and `ivreg fit --select-instruments` through the built binary: the
/// selection block, every output format, the empty selection, and the option errors.
@Suite("ivreg lasso end to end", .serialized)
struct LassoCommandEndToEndTests {
  static let ab = Fixtures.url("data/ab_tests_iv.csv").path
  static let null = Fixtures.url("data/ab_tests_null.csv").path
  static let formula = "y ~ 1 + c1 + c2 + [x ~ m*]"

  struct Case: CustomStringConvertible, Sendable {
    let arguments: [String]
    let status: Int32
    /// Text standard output must contain (empty: standard output must be empty).
    let stdout: [String]
    /// A prefix of standard error (nil: standard error must be empty).
    let stderrPrefix: String?
    var description: String {
      arguments.map { $0.replacingOccurrences(of: Fixtures.root.path + "/", with: "") }.joined(separator: " ")
    }
  }

  static let cases: [Case] = [
    Case(arguments: ["lasso", "--help"], status: 0,
         stdout: ["USAGE: ivreg lasso <data> <formula>", "--select <method>", "--fold-column <column>", "--lambda <rule>"],
         stderrPrefix: nil),
    Case(arguments: ["help", "lasso"], status: 0, stdout: ["Select instruments from many candidates"], stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--select", "plugin"], status: 0,
         stdout: ["Instrument Selection", "x: 4 of 100 selected", "  m7, m23, m41, m62", "post-LASSO first-stage F = 185.59",
                  "x              2.0035     0.0459"], stderrPrefix: nil),
    Case(arguments: ["fit", ab, formula, "--select-instruments", "plugin", "--format", "json"], status: 0,
         stdout: ["\"instrument_selection\": {", "\"selected\": [\n", "\"m62\"", "\"lambda0\": 599.14855802424"],
         stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--select", "plugin", "--format", "markdown"], status: 0,
         stdout: ["**Instrument Selection**", "| x | 4 of 100 | m7, m23, m41, m62 |"], stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--select", "plugin", "--format", "latex", "--cov", "unadjusted"], status: 0,
         stdout: ["\\begin{tabular}", "Instrument Selection"], stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--select", "plugin", "--format", "csv"], status: 0,
         stdout: ["term,estimate,std_error", "x,2.00349243199"], stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--fold-column", "fold"], status: 0,
         stdout: ["Method:      cross-validated LASSO (glmnet)", "x: 13 of 100 selected", "lambda = 0.0326 (lambda.min of 10-fold cross-validation)",
                  "x              2.0472"], stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--fold-column", "fold", "--lambda", "1se", "--controls", "unpenalized", "--format", "json"],
         status: 0, stdout: ["\"controls\": \"unpenalised\"", "\"cross_validation\": {", "\"lambda_1se\": 0.0974944732", "\"m62\""],
         stderrPrefix: nil),
    Case(arguments: ["fit", ab, formula, "--select-instruments", "cv", "--folds", "5", "--seed", "3", "--cov", "hc1"], status: 0,
         stdout: ["lambda.min of 5-fold cross-validation", "Cov. Estimator:                   hc1"], stderrPrefix: nil),
    Case(arguments: ["lasso", null, formula, "--select", "plugin"], status: 0,
         stdout: ["x: 0 of 50 selected", "No instrument selected", "Sup-score 95% set"], stderrPrefix: nil),
    Case(arguments: ["lasso", null, formula, "--select", "plugin", "--format", "json"], status: 0,
         stdout: ["\"model\": null", "\"selected\": []", "\"sup_score_set\": ["], stderrPrefix: nil),
    Case(arguments: ["lasso", null, formula, "--select", "plugin", "--format", "markdown"], status: 0,
         stdout: ["**Instrument Selection**", "| x | 0 of 50 | none |", "No instrument selected"], stderrPrefix: nil),
    Case(arguments: ["lasso", ab, formula, "--fold-column", "fold", "--seed", "3"], status: 64, stdout: [],
         stderrPrefix: "Error: '--seed' draws folds; with '--fold-column' the folds are read from the data"),
    Case(arguments: ["lasso", ab, formula, "--select", "plugin", "--controls", "unpenalized"], status: 64, stdout: [],
         stderrPrefix: "Error: '--controls unpenalized' applies to cross-validation ('--select cv'), not to the plug-in LASSO"),
    Case(arguments: ["lasso", null, formula, "--select", "plugin", "--format", "csv"], status: 1, stdout: [],
         stderrPrefix: "Error: the plug-in LASSO (Belloni, Chen, Chernozhukov & Hansen 2012) selected no instrument for x among 50 candidates"),
    Case(arguments: ["lasso", ab, "y ~ 1 + x"], status: 1, stdout: [],
         stderrPrefix: "Error: instrument selection needs an IV formula"),
    Case(arguments: ["lasso", ab, formula, "--fold-column", "flod"], status: 1, stdout: [],
         stderrPrefix: "Error: fold ids: no column named 'flod' (did you mean 'fold'?)"),
    Case(arguments: ["lasso", ab, "y ~ 1 + [x ~ q*]"], status: 1, stdout: [], stderrPrefix: "Error: formula column"),
    Case(arguments: ["lasso", ab, formula, "--select", "plugin", "--lambda", "1se"], status: 64, stdout: [],
         stderrPrefix: "Error: '--lambda' applies to cross-validation ('--select cv'), not to the plug-in LASSO"),
    Case(arguments: ["lasso", ab, formula, "--folds", "5", "--fold-column", "fold"], status: 64, stdout: [],
         stderrPrefix: "Error: '--folds' and '--fold-column' cannot be used together"),
    Case(arguments: ["lasso", ab, formula, "--select", "ridge"], status: 64, stdout: [],
         stderrPrefix: "Error: The value 'ridge' is invalid for '--select <method>'"),
    Case(arguments: ["lasso", ab, formula, "--folds", "1"], status: 64, stdout: [],
         stderrPrefix: "Error: The value '1' is invalid for '--folds <k>'"),
    Case(arguments: ["lasso", ab, formula, "--estimator", "liml"], status: 64, stdout: [],
         stderrPrefix: "Error: Unknown option '--estimator'"),
    Case(arguments: ["fit", ab, formula, "--folds", "5"], status: 64, stdout: [],
         stderrPrefix: "Error: '--folds' needs '--select-instruments cv|plugin'"),
    Case(arguments: ["fit", ab, formula, "--select-instruments", "plugin", "--estimator", "liml"], status: 64, stdout: [],
         stderrPrefix: "Error: instrument selection fits 2SLS; '--estimator' cannot be used with it"),
  ]

  @Test(arguments: cases)
  func runs(_ c: Case) throws {
    let result = try EndToEndTests.run(c.arguments)
    #expect(result.status == c.status, "\(c): stderr \(result.stderr)")
    if c.stdout.isEmpty { #expect(result.stdout.isEmpty, "\(c)") }
    for expected in c.stdout {
      #expect(result.stdout.contains(expected), "\(c): stdout lacks \(expected)\n\(result.stdout)")
    }
    if let prefix = c.stderrPrefix {
      #expect(result.stderr.hasPrefix(prefix), "\(c): stderr is \(result.stderr)")
    } else {
      #expect(result.stderr.isEmpty, "\(c): stderr \(result.stderr)")
    }
  }

  /// `--plot` writes the path and the cross-validation curve as well-formed SVG.
  @Test func plotFileShowsThePathAndTheCurve() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lasso-\(UUID()).svg").path
    let result = try EndToEndTests.run(["lasso", Self.ab, Self.formula, "--fold-column", "fold", "--lambda", "1se", "--plot", path])
    #expect(result.status == 0)
    #expect(result.stderr == "Wrote LASSO path plot to \(path)\n")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
    #expect(svg.contains("<svg"))
    for text in [">m7<", ">m23<", ">m41<", ">m62<", "Cross-validation", "lambda.1se = 0.0995"] {
      #expect(svg.contains(text), "the plot lacks \(text)")
    }
    #expect(!svg.contains(">m3<"))
  }
}
