extension ReportTable {
  /// The table as monospaced text: the caption centred, `=` rules at the top and
  /// bottom, `-` rules under the header and between sections. No trailing newline.
  public var text: String {
    let columns = columnCount
    let header = padded(self.header)
    let bodies = rows.compactMap { row -> [String]? in
      if case .cells(let cells) = row { return padded(cells) }
      return nil
    }
    let widths = (0..<columns).map { c in
      ([header[c]] + bodies.map { $0[c] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.indices.map { c in Self.pad(cells[c], widths[c], alignment(c)) }.joined(separator: "  ").trailingSpacesRemoved
    }
    let width = widths.reduce(0, +) + 2 * max(0, columns - 1)
    var lines: [String] = []
    if let caption { lines.append(Self.pad(caption, width, .center).trailingSpacesRemoved) }
    lines.append(String(repeating: "=", count: width))
    lines.append(line(header))
    lines.append(String(repeating: "-", count: width))
    for row in rows {
      switch row {
      case .cells(let cells): lines.append(line(padded(cells)))
      case .rule: lines.append(String(repeating: "-", count: width))
      }
    }
    lines.append(String(repeating: "=", count: width))
    lines += notes
    return lines.joined(separator: "\n")
  }

  static func pad(_ s: String, _ width: Int, _ alignment: Alignment) -> String {
    let margin = width - s.count
    guard margin > 0 else { return s }
    switch alignment {
    case .left: return s + String(repeating: " ", count: margin)
    case .right: return String(repeating: " ", count: margin) + s
    case .center:
      let left = margin / 2
      return String(repeating: " ", count: left) + s + String(repeating: " ", count: margin - left)
    }
  }
}

extension String {
  var trailingSpacesRemoved: String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}
