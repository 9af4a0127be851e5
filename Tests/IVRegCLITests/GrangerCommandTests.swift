import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@testable import IVRegCLI

/// `ivreg granger` in-process: the numbers it prints are the library's (which the TimeSeries
/// goldens check against statsmodels), so these tests check the wiring, the formats and the errors.
@Suite("ivreg granger")
struct GrangerCommandTests {
  static let neurons = Fixtures.url("data/neurons6_granger.csv").path
  static let macro = Fixtures.url("data/macrodata_growth.csv").path

  static func run(_ arguments: [String]) -> IVRegCommand.Outcome { IVRegCommand.run(["granger"] + arguments) }

  @Test func pairTableHasEveryLagAndTest() {
    let outcome = Self.run([Self.macro, "--effect", "realgdp_growth", "--cause", "realcons_growth", "--maxlag", "4"])
    #expect(outcome.status == 0)
    #expect(outcome.standardError.isEmpty)
    let text = outcome.standardOutput
    #expect(text.contains("Does realcons_growth Granger-cause realgdp_growth?"))
    #expect(text.components(separatedBy: "params_ftest").count == 5)
    #expect(text.contains("  1  201  ssr_ftest       28.9970  2.04e-07  F(1,198)"))
    #expect(text.contains("lrtest rejects H0 at alpha 0.05 at lags 1, 2, 3, 4."))
  }

  @Test func pairJSONCarriesFullPrecisionAndBothFits() throws {
    let outcome = Self.run([Self.macro, "--effect", "realgdp_growth", "--cause", "realcons_growth", "--maxlag", "2", "--format", "json"])
    #expect(outcome.status == 0)
    let root = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    let lags = try #require(root["lags"] as? [[String: Any]])
    #expect(lags.count == 2)
    let tests = try #require(lags[0]["tests"] as? [String: [String: Any]])
    expectClose(try #require(tests["lrtest"]?["p_value"] as? Double), 1.5950098413932418e-07, rtol: 1e-8)
    #expect(tests["ssr_ftest"]?["df_denom"] as? Int == 198)
    let unrestricted = try #require(lags[0]["unrestricted"] as? [String: Any])
    expectClose(
      try #require(unrestricted["params"] as? [Double]), [0.007451652281347078, 0.5670345177959973, 0.0028667702900450386],
      rtol: 1e-10)
    #expect(root["rejected_at_lags"] as? [Int] == [1, 2])
  }

  @Test func selfPairIsDegenerateNotAnError() {
    let outcome = Self.run([Self.neurons, "--effect", "n1", "--cause", "n1", "--format", "csv"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("1,4999,lrtest,0.0,1.0,1,NA,true"))
    #expect(outcome.standardOutput.contains("1,4999,params_ftest,0.0312751610836"))
  }

  @Test func allPairsMatrixAndEdges() {
    let outcome = Self.run([Self.neurons, "--all", "--correction", "bonferroni"])
    #expect(outcome.status == 0)
    let text = outcome.standardOutput
    #expect(text.contains("Granger causality Bonferroni-adjusted p-values (lrtest, lag 1)"))
    #expect(text.contains("4 of 30 ordered pairs rejected (lrtest, lag 1, alpha 0.05, Bonferroni over 30 pairs)."))
    for edge in ["n1     n0", "n5     n1", "n3     n5", "n4     n5"] { #expect(text.contains(edge), "\(edge)") }
  }

  @Test func allPairsCSVHasEveryOrderedPair() {
    let outcome = Self.run([Self.neurons, "--all", "--columns", "n0,n1,n5", "--maxlag", "2", "--format", "csv"])
    #expect(outcome.status == 0)
    let lines = outcome.standardOutput.split(separator: "\n")
    #expect(lines.count == 1 + 2 * 9)
    #expect(lines.contains { $0.hasPrefix("1,n0,n1,lrtest,77.5212016275") && $0.hasSuffix(",true,tested") })
    #expect(lines.contains { $0.hasPrefix("2,n1,n1,lrtest,0.0,1.0,1.0,2,NA,false,degenerate") })
  }

  @Test func conditionalMatrixAndGivenPair() {
    let all = Self.run([Self.neurons, "--all", "--conditional", "--format", "json"])
    #expect(all.status == 0)
    #expect(all.standardOutput.contains("\"conditional\": true"))
    let pair = Self.run([Self.neurons, "--effect", "n3", "--cause", "n5", "--given", "n0,n1,n2,n4"])
    #expect(pair.status == 0)
    #expect(pair.standardOutput.contains("Does n5 Granger-cause n3 given n0, n1, n2, n4?"))
  }

  @Test func manySeriesPrintEdgesOnly() throws {
    // 21 columns: the text matrix is left out.
    var lines = [(0..<21).map { "s\($0)" }.joined(separator: ",")]
    for t in 0..<80 { lines.append((0..<21).map { String(sin(Double(t * ($0 + 1)) * 0.37) + Double(($0 * 7 + t) % 11)) }.joined(separator: ",")) }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("granger-wide-\(UUID()).csv")
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let outcome = Self.run([url.path, "--all"])
    #expect(outcome.status == 0)
    #expect(outcome.standardOutput.contains("The 21×21 matrix is not printed; use --format csv or json for every pair."))
    #expect(!outcome.standardOutput.contains("effect \\ cause"))
  }

  static let truth = Fixtures.url("data/neurons6_connectivity.csv").path

  /// `--plot` with `--truth`: the SVG has both panels, its cells are the printed p-values and the truth file.
  @Test func plotDrawsTheEstimatesBesideTheTruth() throws {
    let svg = FileManager.default.temporaryDirectory.appendingPathComponent("granger-\(UUID()).svg")
    defer { try? FileManager.default.removeItem(at: svg) }
    let outcome = Self.run([Self.neurons, "--all", "--truth", Self.truth, "--plot", svg.path, "--format", "json"])
    #expect(outcome.status == 0)
    #expect(outcome.standardError == "Wrote connectivity heat map to \(svg.path)\n")
    let root = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
    let lag = try #require((root["lags"] as? [[String: Any]])?.first)
    let p = try #require(lag["p_value"] as? [[Double]])
    expectClose(try #require(lag["truth_correlation"] as? Double), 0.8770580193070292, rtol: 1e-12)
    let text = try String(contentsOf: svg, encoding: .utf8)
    let document = try #require(try XMLDocument(xmlString: text, options: []).rootElement(), "well-formed XML")
    #expect(document.name == "svg")
    let cells = Self.cellAttributes(text)
    #expect(cells.count == 72)
    for (index, cell) in cells.enumerated() {
      let i = (index % 36) / 6, j = index % 6
      #expect(cell["data-row"] == "n\(i)" && cell["data-column"] == "n\(j)")
      let value = try #require(cell["data-value"].flatMap(Double.init))
      if index < 36 {
        let pValue = try #require(cell["data-p-value"].flatMap(Double.init))
        // Foundation's JSON reader on Linux can be one ulp off; the SVG holds the exact value.
        expectClose(pValue, p[i][j], rtol: 1e-14, "p[\(i)][\(j)]")
        if i != j { expectClose(value, min(-log10(max(pValue, 1e-16)), 16), rtol: 1e-15) }
        let rejected = cell["data-outlined"] == "true"
        #expect(rejected == (i != j && p[i][j] < 0.05))
      } else {
        #expect(value == ((i, j) == (0, 1) || (i, j) == (1, 5) || (i, j) == (5, 3) || (i, j) == (5, 4) ? 0.7001057239470767 : 0))
      }
    }
    let text2 = Self.run([Self.neurons, "--all", "--truth", Self.truth, "--correction", "bonferroni"]).standardOutput
    #expect(text2.contains("Truth: 4 of 4 true edges found; correlation of the rejections with the true edges 1.0000."))
  }

  /// The attributes of every `<rect class="cell" …>` of an SVG text, in document order.
  static func cellAttributes(_ svg: String) -> [[String: String]] {
    svg.components(separatedBy: "<rect class=\"cell\" ").dropFirst().map { tail in
      let tag = tail.prefix { $0 != ">" }
      var attributes: [String: String] = [:]
      for part in tag.components(separatedBy: "\" ") {
        let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
        if pair.count == 2 { attributes[pair[0]] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
      }
      return attributes
    }
  }

  @Test func withoutAConstant() {
    let outcome = Self.run([Self.macro, "--effect", "realgdp_growth", "--cause", "realcons_growth", "--no-constant", "--format", "csv"])
    #expect(outcome.status == 0)
    // statsmodels' own code with its addconst=False branch filled in (granger.json).
    #expect(outcome.standardOutput.contains("1,201,lrtest,58.558475698"))
    let all = Self.run([Self.neurons, "--all", "--no-constant", "--format", "json"])
    #expect(all.standardOutput.contains("\"constant\": false"))
  }

  @Test(arguments: [
    (["--all", "--truth", "/nonexistent/truth.csv"], "Error: --truth: /nonexistent/truth.csv: "),
    (["--all", "--truth", Fixtures.url("data/neurons6_granger.csv").path], "Error: --truth: "),
    (["--all", "--columns", "n0,n1", "--truth", Fixtures.url("data/macrodata_growth.csv").path], "Error: --truth: "),
    (["--all", "--truth", Fixtures.url("data/neurons6_connectivity.csv").path, "--plot", "/nonexistent/dir/g.svg"],
     "Error: --plot: cannot write '/nonexistent/dir/g.svg'"),
  ])
  func truthAndPlotErrors(_ arguments: [String], _ message: String) {
    let outcome = Self.run([Self.neurons] + arguments)
    #expect(outcome.status == 1)
    #expect(outcome.standardOutput.isEmpty)
    #expect(outcome.standardError.hasPrefix(message), "\(outcome.standardError)")
    #expect(outcome.standardError.split(separator: "\n").count == 1)
  }

  @Test(arguments: [
    (["--effect", "n0", "--cause", "n1", "--plot", "g.svg"], "Error: '--plot' needs '--all'"),
    (["--effect", "n0", "--cause", "n1", "--truth", "t.csv"], "Error: '--truth' needs '--all'"),
    (["--all", "--no-constant=yes"], "Error: "),
    (["--all", "--given", "n1"], "Error: '--given' is for one pair; with '--all' use '--conditional'"),
    (["--effect", "n0", "--cause", "n1", "--conditional"], "Error: '--conditional' needs '--all'"),
    (["--effect", "n0", "--cause", "n1", "--columns", "n0,n1"], "Error: '--columns' needs '--all'"),
    (["--cause", "n1"], "Error: Missing value for '--effect <column>'"),
    (["--all", "--test", "wald"], "Error: The value 'wald' is invalid for '--test <test>'"),
    (["--all", "--maxlag", "two"], "Error: The value 'two' is invalid for '--maxlag <p>'"),
    (["--all", "--columns", "n0,,n1"], "Error: The value 'n0,,n1' is invalid for '--columns <columns>'"),
    (["--all", "--format", "latex"], "Error: The value 'latex' is invalid for '--format <format>'"),
    (["--all", "--subset", "n0 = 1"], "Error: --subset: subset column 4: '=' is not a comparison"),
  ])
  func usageErrors(_ arguments: [String], _ message: String) {
    let outcome = Self.run([Self.neurons] + arguments)
    #expect(outcome.status == 64)
    #expect(outcome.standardOutput.isEmpty)
    #expect(outcome.standardError.hasPrefix(message), "\(outcome.standardError)")
    #expect(outcome.standardError.contains("Usage: ivreg granger <data>"))
  }

  @Test(arguments: [
    (["--effect", "n0", "--cause", "n1", "--maxlag", "2000"], "Error: Insufficient observations. Maximum allowable lag is 1665"),
    (["--all", "--columns", "n0,n1,n0"], "Error: series 'n0' is named twice"),
    (["--effect", "n0", "--cause", "n1", "--given", "n1"], "Error: series 'n1' is named twice"),
    (["--all", "--columns", "n0"], "Error: a Granger-causality matrix needs at least two series, got 1"),
  ])
  func dataErrors(_ arguments: [String], _ message: String) {
    let outcome = Self.run([Self.neurons] + arguments)
    #expect(outcome.status == 1)
    #expect(outcome.standardError.hasPrefix(message), "\(outcome.standardError)")
    #expect(outcome.standardError.split(separator: "\n").count == 1)
  }
}
