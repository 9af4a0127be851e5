/// Lays out a ``HeatMap`` and writes it as SVG.
struct HeatMapRenderer {
  // MARK: Style

  static let margin = 16.0
  static let titleSize = 15.0
  static let panelTitleSize = 13.0
  static let axisLabelSize = 11.0
  static let noteSize = 10.5
  static let panelGap = 36.0
  static let barHeight = 10.0
  /// ColorBrewer Blues (white to dark blue) for scales from 0.
  static let sequential = ["#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]
  /// ColorBrewer RdBu, blue for negative and red for positive values.
  static let diverging = ["#2166AC", "#92C5DE", "#F7F7F7", "#F4A582", "#B2182B"]
  static let missingColour = "#E3E3E3"

  // MARK: Layout

  struct PanelLayout {
    let left: Double
    let gridLeft: Double
    let limit: Double
    let isDiverging: Bool
    let exceedsLimit: Bool
  }

  let map: HeatMap
  let rows: Int
  let columns: Int
  let cell: Double
  let labelSize: Double
  let showsLabels: Bool
  let rotatesColumnLabels: Bool
  let rowLabelWidth: Double
  let titleBaseline: Double?
  let panelTitleBaseline: Double
  let columnAxisBaseline: Double
  let gridTop: Double
  let panels: [PanelLayout]
  let width: Double
  let height: Double

  init(map: HeatMap) {
    self.map = map
    let rows = map.rowLabels.count, columns = map.columnLabels.count
    self.rows = rows
    self.columns = columns
    let cell = min(max((360 / Double(max(rows, columns, 1))).rounded(.down), 3), 40)
    self.cell = cell
    let labelSize = min(HeatMapRenderer.axisLabelSize, (cell * 0.8).rounded(.down))
    self.labelSize = labelSize
    let showsLabels = cell >= 9
    self.showsLabels = showsLabels
    let margin = HeatMapRenderer.margin

    let rowLabelWidth =
      showsLabels
      ? (map.rowLabels.map { TextMetrics.width(of: TextMetrics.truncated($0, toWidth: 140, fontSize: labelSize), fontSize: labelSize) }.max() ?? 0)
      : 0
    self.rowLabelWidth = rowLabelWidth
    let columnLabelWidth =
      showsLabels
      ? (map.columnLabels.map { TextMetrics.width(of: TextMetrics.truncated($0, toWidth: 140, fontSize: labelSize), fontSize: labelSize) }.max() ?? 0)
      : 0
    let rotates = columnLabelWidth > cell - 2
    rotatesColumnLabels = rotates

    var y = margin
    if map.title != nil {
      titleBaseline = y + HeatMapRenderer.titleSize * 0.8
      y += HeatMapRenderer.titleSize + 12
    } else {
      titleBaseline = nil
    }
    panelTitleBaseline = y + HeatMapRenderer.panelTitleSize * 0.8
    y += HeatMapRenderer.panelTitleSize + 8
    if !map.columnAxisLabel.isEmpty {
      columnAxisBaseline = y + HeatMapRenderer.axisLabelSize * 0.8
      y += HeatMapRenderer.axisLabelSize + 6
    } else {
      columnAxisBaseline = y
    }
    if showsLabels { y += (rotates ? columnLabelWidth : labelSize) + 6 }
    gridTop = y

    let gridSize = cell * Double(columns)
    let rowAxisRoom = map.rowAxisLabel.isEmpty ? 0.0 : HeatMapRenderer.axisLabelSize + 8
    let labelRoom = showsLabels ? rowLabelWidth + 6 : 0
    var left = margin
    var layouts: [PanelLayout] = []
    for panel in map.panels {
      let finite = panel.values.prefix(rows * columns).filter(\.isFinite)
      let largest = finite.map(\.magnitude).max() ?? 0
      var limit = panel.limit ?? largest
      if !(limit.isFinite && limit > 0) { limit = largest > 0 && largest.isFinite ? largest : 1 }
      let isDiverging = finite.contains { $0 < 0 }
      layouts.append(
        PanelLayout(
          left: left, gridLeft: left + rowAxisRoom + labelRoom, limit: limit, isDiverging: isDiverging,
          exceedsLimit: largest > limit))
      left += rowAxisRoom + labelRoom + max(gridSize, 120) + HeatMapRenderer.panelGap
    }
    panels = layouts
    let contentRight = left - HeatMapRenderer.panelGap
    var bottom = gridTop + cell * Double(rows) + 10 + HeatMapRenderer.barHeight + 4 + 2 * HeatMapRenderer.axisLabelSize + 6
    if !map.note.isEmpty { bottom += 20 }
    let noteWidth = TextMetrics.width(of: map.note, fontSize: HeatMapRenderer.noteSize)
    let titleWidth = TextMetrics.width(of: map.title ?? "", fontSize: HeatMapRenderer.titleSize, bold: true)
    width = (max(contentRight, margin + noteWidth, margin + titleWidth, 200) + margin).rounded(.up)
    height = (bottom + margin).rounded(.up)
  }

  // MARK: Colours

  /// The colour of `value` on a panel's scale.
  static func colour(_ value: Double, limit: Double, diverging: Bool) -> String {
    guard value.isFinite else { return missingColour }
    if diverging {
      let t = min(max(value / limit, -1), 1)
      return interpolate(HeatMapRenderer.diverging, (t + 1) / 2)
    }
    return interpolate(sequential, min(max(value / limit, 0), 1))
  }

  /// Linear interpolation between evenly spaced colour stops, `t` in 0…1.
  static func interpolate(_ stops: [String], _ t: Double) -> String {
    let position = t * Double(stops.count - 1)
    let lower = min(Int(position.rounded(.down)), stops.count - 2)
    let fraction = position - Double(lower)
    let a = rgb(stops[lower]), b = rgb(stops[lower + 1])
    var result = "#"
    for channel in 0..<3 {
      let from = Double(a[channel]), to = Double(b[channel])
      let mixed: Double = from + (to - from) * fraction
      result += hex(Int(mixed.rounded()))
    }
    return result
  }

  static func rgb(_ colour: String) -> [Int] {
    let digits = Array(colour.dropFirst())
    guard digits.count == 6 else { return [0, 0, 0] }
    var channels: [Int] = []
    for channel in 0..<3 {
      let pair = String(digits[(2 * channel)..<(2 * channel + 2)])
      channels.append(Int(pair, radix: 16) ?? 0)
    }
    return channels
  }

  static func hex(_ value: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    let v = min(max(value, 0), 255)
    return String([digits[v / 16], digits[v % 16]])
  }

  /// Whether text on `colour` should be white.
  static func isDark(_ colour: String) -> Bool {
    let c = rgb(colour)
    return 0.299 * Double(c[0]) + 0.587 * Double(c[1]) + 0.114 * Double(c[2]) < 140
  }

  // MARK: Writing

  func render() -> String {
    let c = NumberFormat.coordinate
    var out = SVGPreamble.lines(
      width: width, height: height,
      attributes: "data-rows=\"\(rows)\" data-columns=\"\(columns)\" data-panel-count=\"\(map.panels.count)\"",
      title: map.title ?? "Heat map")
    let names = map.panels.map(\.title).joined(separator: ", ")
    out.append("<desc>\(XML.escaped("\(rows)×\(columns) heat map\(map.panels.count == 1 ? "" : "s"): \(names)")).</desc>")
    out.append("<defs>")
    for (index, layout) in panels.enumerated() {
      let stops = layout.isDiverging ? HeatMapRenderer.diverging : HeatMapRenderer.sequential
      out.append("<linearGradient id=\"scale-\(index)\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">")
      for (position, colour) in stops.enumerated() {
        out.append("<stop offset=\"\(c(Double(position) / Double(stops.count - 1)))\" stop-color=\"\(colour)\"/>")
      }
      out.append("</linearGradient>")
    }
    out.append("</defs>")
    out.append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>")
    if let title = map.title, let baseline = titleBaseline {
      out.append(
        "<text class=\"title\" x=\"\(c(HeatMapRenderer.margin))\" y=\"\(c(baseline))\" font-size=\"\(c(HeatMapRenderer.titleSize))\" font-weight=\"bold\" fill=\"#1A1A1A\">\(XML.escaped(title))</text>"
      )
    }
    for (index, panel) in map.panels.enumerated() { writePanel(panel, layout: panels[index], index: index, into: &out) }
    if !map.note.isEmpty {
      out.append(
        "<text class=\"note\" x=\"\(c(HeatMapRenderer.margin))\" y=\"\(c(height - HeatMapRenderer.margin - 2))\" font-size=\"\(c(HeatMapRenderer.noteSize))\" fill=\"#555555\">\(XML.escaped(map.note))</text>"
      )
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  func writePanel(_ panel: HeatMap.Panel, layout: PanelLayout, index: Int, into out: inout [String]) {
    let c = NumberFormat.coordinate
    let gridWidth = cell * Double(columns), gridHeight = cell * Double(rows)
    let gridLeft = layout.gridLeft
    out.append(
      "<g class=\"panel\" data-title=\"\(XML.escaped(panel.title))\" data-panel-index=\"\(index)\" data-limit=\"\(layout.limit.description)\" data-scale=\"\(layout.isDiverging ? "diverging" : "sequential")\">"
    )
    out.append(
      "<text class=\"panel-title\" x=\"\(c(gridLeft))\" y=\"\(c(panelTitleBaseline))\" font-size=\"\(c(HeatMapRenderer.panelTitleSize))\" font-weight=\"bold\" fill=\"#1A1A1A\">\(XML.escaped(panel.title))</text>"
    )
    if !map.columnAxisLabel.isEmpty {
      out.append(
        "<text class=\"column-axis-label\" x=\"\(c(gridLeft + gridWidth / 2))\" y=\"\(c(columnAxisBaseline))\" font-size=\"\(c(HeatMapRenderer.axisLabelSize))\" text-anchor=\"middle\" fill=\"#444444\">\(XML.escaped(map.columnAxisLabel))</text>"
      )
    }
    if !map.rowAxisLabel.isEmpty {
      let x = layout.left + HeatMapRenderer.axisLabelSize * 0.8
      let y = gridTop + gridHeight / 2
      out.append(
        "<text class=\"row-axis-label\" x=\"\(c(x))\" y=\"\(c(y))\" font-size=\"\(c(HeatMapRenderer.axisLabelSize))\" text-anchor=\"middle\" fill=\"#444444\" transform=\"rotate(-90 \(c(x)) \(c(y)))\">\(XML.escaped(map.rowAxisLabel))</text>"
      )
    }
    if showsLabels {
      out.append("<g class=\"labels\" font-size=\"\(c(labelSize))\" fill=\"#1A1A1A\">")
      for (row, label) in map.rowLabels.enumerated() {
        let shown = TextMetrics.truncated(label, toWidth: 140, fontSize: labelSize)
        let y = gridTop + (Double(row) + 0.5) * cell + labelSize * 0.35
        out.append(
          "<text class=\"row-label\" data-row=\"\(XML.escaped(label))\" x=\"\(c(gridLeft - 6))\" y=\"\(c(y))\" text-anchor=\"end\">\(XML.escaped(shown))</text>"
        )
      }
      for (column, label) in map.columnLabels.enumerated() {
        let shown = TextMetrics.truncated(label, toWidth: 140, fontSize: labelSize)
        let x = gridLeft + (Double(column) + 0.5) * cell
        let y = gridTop - 6
        let placement =
          rotatesColumnLabels
          ? "x=\"\(c(x + labelSize * 0.35))\" y=\"\(c(y))\" text-anchor=\"start\" transform=\"rotate(-90 \(c(x + labelSize * 0.35)) \(c(y)))\""
          : "x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"middle\""
        out.append("<text class=\"column-label\" data-column=\"\(XML.escaped(label))\" \(placement)>\(XML.escaped(shown))</text>")
      }
      out.append("</g>")
    }
    out.append("<g class=\"cells\">")
    let showsCellLabels = !panel.cellLabels.isEmpty && cell >= 30
    for row in 0..<rows {
      for column in 0..<columns {
        let position = row * columns + column
        let value = position < panel.values.count ? panel.values[position] : .nan
        let fill = HeatMapRenderer.colour(value, limit: layout.limit, diverging: layout.isDiverging)
        let outlined = position < panel.outlined.count && panel.outlined[position]
        let rowLabel = map.rowLabels[row], columnLabel = map.columnLabels[column]
        var attributes =
          "class=\"cell\" data-row=\"\(XML.escaped(rowLabel))\" data-column=\"\(XML.escaped(columnLabel))\" data-value=\"\(value.description)\""
        var tooltip = "\(rowLabel), \(columnLabel): \(NumberFormat.significant(value))"
        for annotation in panel.annotations {
          let v = position < annotation.values.count ? annotation.values[position] : .nan
          attributes += " data-\(XML.escaped(annotation.name))=\"\(v.description)\""
          tooltip += "\n\(annotation.name): \(NumberFormat.significant(v))"
        }
        if outlined { attributes += " data-outlined=\"true\"" }
        let x = gridLeft + Double(column) * cell, y = gridTop + Double(row) * cell
        let stroke = outlined ? "stroke=\"#111111\" stroke-width=\"\(c(min(2, max(cell / 8, 0.6))))\"" : "stroke=\"#FFFFFF\" stroke-width=\"\(c(cell >= 9 ? 1 : 0))\""
        let inset = outlined ? min(1, cell / 8) : 0
        var body =
          "<rect \(attributes) x=\"\(c(x + inset))\" y=\"\(c(y + inset))\" width=\"\(c(cell - 2 * inset))\" height=\"\(c(cell - 2 * inset))\" fill=\"\(fill)\" \(stroke)><title>\(XML.escaped(tooltip))</title></rect>"
        if showsCellLabels, position < panel.cellLabels.count, !panel.cellLabels[position].isEmpty {
          let label = panel.cellLabels[position]
          var size = min(10, cell / 3.4)
          while size > 5 && TextMetrics.width(of: label, fontSize: size) > cell - 4 { size -= 0.5 }
          let colour = HeatMapRenderer.isDark(fill) ? "#FFFFFF" : "#1A1A1A"
          body +=
            "<text class=\"cell-label\" x=\"\(c(x + cell / 2))\" y=\"\(c(y + cell / 2 + size * 0.35))\" font-size=\"\(c(size))\" text-anchor=\"middle\" fill=\"\(colour)\">\(XML.escaped(panel.cellLabels[position]))</text>"
        }
        out.append(body)
      }
    }
    out.append("</g>")
    writeColourBar(panel, layout: layout, index: index, into: &out)
    out.append("</g>")
  }

  func writeColourBar(_ panel: HeatMap.Panel, layout: PanelLayout, index: Int, into out: inout [String]) {
    let c = NumberFormat.coordinate
    let barWidth = max(min(cell * Double(columns), 200), 120)
    let top = gridTop + cell * Double(rows) + 10
    let left = layout.gridLeft
    let lower = layout.isDiverging ? -layout.limit : 0
    out.append(
      "<g class=\"colour-bar\" data-lower=\"\(lower.description)\" data-upper=\"\(layout.limit.description)\">"
        + "<rect x=\"\(c(left))\" y=\"\(c(top))\" width=\"\(c(barWidth))\" height=\"\(c(HeatMapRenderer.barHeight))\" fill=\"url(#scale-\(index))\" stroke=\"#999999\" stroke-width=\"0.5\"/>"
    )
    let baseline = top + HeatMapRenderer.barHeight + 4 + HeatMapRenderer.axisLabelSize * 0.8
    let upper = (layout.exceedsLimit ? "≥ " : "") + NumberFormat.significant(layout.limit, digits: 3)
    var labels: [(Double, String, String)] = [(left, NumberFormat.significant(lower, digits: 3), "start")]
    if layout.isDiverging { labels.append((left + barWidth / 2, "0", "middle")) }
    labels.append((left + barWidth, upper, "end"))
    for (x, text, anchor) in labels {
      out.append(
        "<text x=\"\(c(x))\" y=\"\(c(baseline))\" font-size=\"\(c(HeatMapRenderer.axisLabelSize - 1))\" text-anchor=\"\(anchor)\" fill=\"#333333\">\(XML.escaped(text))</text>"
      )
    }
    if !panel.legendLabel.isEmpty {
      out.append(
        "<text class=\"legend-label\" x=\"\(c(left + barWidth / 2))\" y=\"\(c(baseline + HeatMapRenderer.axisLabelSize + 2))\" font-size=\"\(c(HeatMapRenderer.axisLabelSize - 1))\" text-anchor=\"middle\" fill=\"#333333\">\(XML.escaped(panel.legendLabel))</text>"
      )
    }
    out.append("</g>")
  }
}
