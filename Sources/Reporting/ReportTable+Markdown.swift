extension ReportTable {
  /// The table as a GitHub-flavoured Markdown pipe table: the caption in bold above,
  /// notes below. Markdown has no rules inside a table, so section rules are left
  /// out; `|`, `*` and `_` in a cell are escaped. No trailing newline.
  public var markdown: String {
    let columns = columnCount
    func line(_ cells: [String]) -> String {
      "| " + padded(cells).map(Self.markdownEscaped).joined(separator: " | ") + " |"
    }
    let rule = (0..<columns).map { c -> String in
      switch alignment(c) {
      case .left: ":---"
      case .right: "---:"
      case .center: ":---:"
      }
    }
    var lines: [String] = []
    if let caption { lines += ["**\(Self.markdownEscaped(caption))**", ""] }
    lines.append(line(header))
    lines.append("| " + rule.joined(separator: " | ") + " |")
    for case .cells(let cells) in rows { lines.append(line(cells)) }
    if !notes.isEmpty { lines += [""] + notes.map(Self.markdownEscaped) }
    return lines.joined(separator: "\n")
  }

  /// Text with Markdown's table and emphasis characters escaped.
  public static func markdownText(_ s: String) -> String { markdownEscaped(s) }

  static func markdownEscaped(_ s: String) -> String {
    var out = ""
    for character in s {
      switch character {
      case "|": out += "\\|"
      case "*": out += "\\*"
      case "_": out += "\\_"
      case "\n": out += " "
      default: out.append(character)
      }
    }
    return out
  }
}
