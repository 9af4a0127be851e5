import Reporting
import Testing

/// The three renderings of a ``ReportTable`` on a small hand-made table whose
/// expected output is written out in full.
@Suite("Report tables: text, Markdown and LaTeX")
struct ReportTableRenderingTests {
  static let table = ReportTable(
    caption: "Demo",
    header: ["", "OLS", "IV"],
    rows: [.cells(["x_1", "1.5**", "2.25"]), .cells(["", "(0.5)", "(1.1)"]), .rule, .cells(["N", "10", "10"])],
    alignments: [.left, .center, .center],
    notes: ["Standard errors in parentheses."])

  @Test func text() {
    #expect(Self.table.text == """
            Demo
      =================
            OLS    IV
      -----------------
      x_1  1.5**  2.25
           (0.5)  (1.1)
      -----------------
      N     10     10
      =================
      Standard errors in parentheses.
      """)
  }

  @Test func markdownEscapesAndDropsRules() {
    #expect(Self.table.markdown == """
      **Demo**

      |  | OLS | IV |
      | :--- | :---: | :---: |
      | x\\_1 | 1.5\\*\\* | 2.25 |
      |  | (0.5) | (1.1) |
      | N | 10 | 10 |

      Standard errors in parentheses.
      """)
  }

  @Test func latexIsABooktabsTabular() {
    #expect(Self.table.latex == """
      % Demo
      \\begin{tabular}{lcc}
      \\toprule
       & OLS & IV \\\\
      \\midrule
      x\\_1 & 1.5** & 2.25 \\\\
       & (0.5) & (1.1) \\\\
      \\midrule
      N & 10 & 10 \\\\
      \\bottomrule
      \\multicolumn{3}{l}{\\footnotesize Standard errors in parentheses.} \\\\
      \\end{tabular}
      """)
  }

  @Test func latexEscapesEverySpecialCharacter() {
    let table = ReportTable(header: ["a&b", "50%", "$x$", "#1", "{y}", "~", "^", "\\", "R²"], rows: [])
    #expect(table.latex.contains(
      "a\\&b & 50\\% & \\$x\\$ & \\#1 & \\{y\\} & \\textasciitilde{} & \\textasciicircum{} & \\textbackslash{} & R\\textsuperscript{2} \\\\"))
  }

  @Test func raggedRowsArePadded() {
    let table = ReportTable(header: ["a"], rows: [.cells(["1", "2", "3"])])
    #expect(table.columnCount == 3)
    #expect(table.markdown.split(separator: "\n").first == "| a |  |  |")
  }
}
