/// A table of text cells, independent of how it is printed: a header row, body rows
/// with section rules between groups, and notes below. ``ModelComparison`` and
/// ``CoefficientTable`` build one; `text`, `markdown` and `latex` print it.
public struct ReportTable: Sendable, Equatable {
  /// How a column's cells line up.
  public enum Alignment: Sendable, Equatable {
    case left, right, center
  }

  /// A body row: cells, or a horizontal rule between sections.
  public enum Row: Sendable, Equatable {
    case cells([String])
    case rule
  }

  /// A title printed above the table (text and markdown) or as a comment (LaTeX).
  public var caption: String?
  /// Column titles; the first is the stub column's.
  public var header: [String]
  /// Body rows.
  public var rows: [Row]
  /// One alignment per column (missing entries are right-aligned).
  public var alignments: [Alignment]
  /// Lines printed under the table.
  public var notes: [String]

  /// Creates a table.
  public init(
    caption: String? = nil, header: [String], rows: [Row], alignments: [Alignment] = [], notes: [String] = []
  ) {
    self.caption = caption
    self.header = header
    self.rows = rows
    self.alignments = alignments
    self.notes = notes
  }

  /// The number of columns: the widest of the header and the rows.
  public var columnCount: Int {
    rows.reduce(header.count) { width, row in
      if case .cells(let cells) = row { return max(width, cells.count) }
      return width
    }
  }

  /// Column `c`'s alignment (the stub column is left-aligned by default).
  func alignment(_ c: Int) -> Alignment {
    c < alignments.count ? alignments[c] : (c == 0 ? .left : .right)
  }

  /// A row padded with empty cells to the table's width.
  func padded(_ cells: [String]) -> [String] {
    cells.count >= columnCount ? cells : cells + Array(repeating: "", count: columnCount - cells.count)
  }
}
