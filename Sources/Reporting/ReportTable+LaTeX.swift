extension ReportTable {
  /// The table as a booktabs `tabular` (`\toprule`, `\midrule`, `\bottomrule`;
  /// needs `\usepackage{booktabs}`), ready to `\input` inside a `table`
  /// environment. The caption becomes a comment line; notes span all columns under
  /// the bottom rule. LaTeX's special characters are escaped. No trailing newline.
  public var latex: String {
    let columns = columnCount
    let spec = (0..<columns).map { c -> String in
      switch alignment(c) {
      case .left: "l"
      case .right: "r"
      case .center: "c"
      }
    }.joined()
    func line(_ cells: [String]) -> String {
      padded(cells).map(Self.latexEscaped).joined(separator: " & ") + " \\\\"
    }
    var lines: [String] = []
    if let caption { lines.append("% " + caption) }
    lines.append("\\begin{tabular}{\(spec)}")
    lines.append("\\toprule")
    lines.append(line(header))
    lines.append("\\midrule")
    for row in rows {
      switch row {
      case .cells(let cells): lines.append(line(cells))
      case .rule: lines.append("\\midrule")
      }
    }
    lines.append("\\bottomrule")
    for note in notes {
      lines.append("\\multicolumn{\(columns)}{l}{\\footnotesize \(Self.latexEscaped(note))} \\\\")
    }
    lines.append("\\end{tabular}")
    return lines.joined(separator: "\n")
  }

  /// Escapes `\ & % $ # _ { } ~ ^ < >` and spells `² − χ τ …` as LaTeX commands, so
  /// the output compiles with pdfLaTeX without Unicode packages.
  static func latexEscaped(_ s: String) -> String {
    var out = ""
    for character in s {
      switch character {
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(character)
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "²": out += "\\textsuperscript{2}"
      case "−": out += "\\textminus{}"
      case "<": out += "\\textless{}"
      case ">": out += "\\textgreater{}"
      case "χ": out += "\\ensuremath{\\chi}"
      case "τ": out += "\\ensuremath{\\tau}"
      case "…": out += "\\ldots{}"
      default: out.append(character)
      }
    }
    return out
  }
}
