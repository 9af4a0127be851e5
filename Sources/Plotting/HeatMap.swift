/// Square-grid heat maps side by side, drawn as a self-contained SVG document: a matrix of
/// values per panel (row i, column j), coloured on the panel's own scale, with the row and
/// column labels and a colour bar under each panel.
///
/// Made for connectivity matrices, such as Granger-causality results beside the true network:
/// rows are receivers (effects), columns senders (causes).
///
/// ```swift
/// let names = ["n0", "n1", "n2"]
/// let map = HeatMap(
///   rowLabels: names, columnLabels: names,
///   panels: [
///     .init(title: "Estimated", values: [.nan, 12, 0.3, 0.1, .nan, 0.2, 0.4, 0.2, .nan],
///           legendLabel: "−log10 p", outlined: [false, true, false, false, false, false, false, false, false]),
///     .init(title: "True", values: [0, 0.7, 0, 0, 0, 0, 0, 0, 0], legendLabel: "Weight"),
///   ],
///   title: "Who drives whom")
/// try map.svg().write(toFile: "graph.svg", atomically: true, encoding: .utf8)
/// ```
///
/// A panel whose values are all ≥ 0 is shaded white to dark blue from 0 to its largest value
/// (or ``Panel/limit``); one with negative values gets a diverging blue–white–red scale
/// symmetric about 0. A value that is not finite is drawn as a light grey cell. Values above
/// the limit get the darkest colour.
///
/// The document is deterministic and machine-readable: each panel is a
/// `<g class="panel" data-title="…">` and every cell a `<rect class="cell">` whose
/// `data-row`, `data-column` and `data-value` attributes hold the input exactly (Swift's
/// round-tripping `Double.description`, `nan` for a missing value), plus one `data-…`
/// attribute per ``Panel/annotations`` entry, `data-outlined="true"` on outlined cells, and a
/// `<title>` tooltip.
public struct HeatMap: Sendable {
  /// Extra numbers to carry on every cell of a panel, as the attribute `data-<name>`.
  public struct Annotation: Sendable {
    /// The attribute's name after `data-` (letters, digits and hyphens).
    public var name: String
    /// One value per cell, row-major like ``Panel/values``.
    public var values: [Double]

    /// An annotation `data-<name>` with one value per cell.
    public init(name: String, values: [Double]) {
      self.name = name
      self.values = values
    }
  }

  /// One matrix: rows × columns values, row-major.
  public struct Panel: Sendable {
    /// The heading above the panel.
    public var title: String
    /// `rowLabels.count × columnLabels.count` values, row-major. Missing cells (a short array)
    /// are drawn as not finite; extra values are ignored.
    public var values: [Double]
    /// What the colour bar measures, such as `"−log10 p"` or `"Weight"`.
    public var legendLabel: String
    /// Cells to draw with a dark outline (row-major; a short array outlines nothing beyond it).
    public var outlined: [Bool]
    /// Text to print inside each cell when the cells are large enough (row-major; empty for none).
    public var cellLabels: [String]
    /// Extra numbers per cell, written as `data-` attributes and in the tooltips.
    public var annotations: [Annotation]
    /// The value of the darkest colour; `nil` for the largest finite magnitude.
    public var limit: Double?

    /// A panel titled `title` showing `values`.
    public init(
      title: String, values: [Double], legendLabel: String = "", outlined: [Bool] = [], cellLabels: [String] = [],
      annotations: [Annotation] = [], limit: Double? = nil
    ) {
      self.title = title
      self.values = values
      self.legendLabel = legendLabel
      self.outlined = outlined
      self.cellLabels = cellLabels
      self.annotations = annotations
      self.limit = limit
    }
  }

  /// The labels of the rows, top to bottom.
  public var rowLabels: [String]
  /// The labels of the columns, left to right.
  public var columnLabels: [String]
  /// The panels, left to right.
  public var panels: [Panel]
  /// The title above the panels, or `nil` for none.
  public var title: String?
  /// What the rows are, written beside the row labels (such as `"effect (receiver)"`).
  public var rowAxisLabel: String
  /// What the columns are, written above the column labels (such as `"cause (sender)"`).
  public var columnAxisLabel: String
  /// A note under the panels (empty for none).
  public var note: String

  /// Heat maps of `panels`, all with the same row and column labels.
  public init(
    rowLabels: [String], columnLabels: [String], panels: [Panel], title: String? = nil,
    rowAxisLabel: String = "", columnAxisLabel: String = "", note: String = ""
  ) {
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.panels = panels
    self.title = title
    self.rowAxisLabel = rowAxisLabel
    self.columnAxisLabel = columnAxisLabel
    self.note = note
  }

  /// The heat maps as a standalone SVG 1.1 document (UTF-8 text with an XML declaration).
  public func svg() -> String {
    HeatMapRenderer(map: self).render()
  }
}
