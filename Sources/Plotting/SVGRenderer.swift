/// Lays out a ``CoefficientPlot`` and writes it as SVG.
struct SVGRenderer {
  // MARK: Style

  /// The Okabe–Ito palette, ordered for contrast on white (yellow last).
  static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
  /// The colour of a lone series.
  static let singleColour = "#1A1A1A"
  static let fontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
  static let margin = 16.0
  static let titleSize = 15.0
  static let labelSize = 12.0
  static let tickSize = 11.0
  static let noteSize = 10.5
  static let legendLineHeight = 20.0

  /// A marker shape; series cycle through them so that they differ in greyscale too.
  enum Marker: CaseIterable {
    case circle, square, diamond, triangle
  }

  // MARK: Layout

  let plot: CoefficientPlot
  let width: Double
  let terms: [String]
  /// For each term, for each series, the series' first point for that term.
  let cells: [[CoefficientPlot.Point?]]
  let displayedTerms: [String]
  let plotLeft: Double
  let plotRight: Double
  let plotTop: Double
  let rowHeight: Double
  let dodge: Double
  let titleBaseline: Double?
  let legendItems: [(x: Double, baseline: Double, label: String)]
  let scale: AxisScale
  let height: Double
  /// Whether any point is drawn, and whether any interval is.
  let drawsPoints: Bool
  let drawsIntervals: Bool

  init(plot: CoefficientPlot) {
    self.plot = plot
    let width = plot.width.isFinite ? min(max(plot.width, 320), 20_000) : 720
    self.width = width
    let terms = plot.terms
    self.terms = terms
    var index: [String: Int] = [:]
    for (row, term) in terms.enumerated() { index[term] = row }
    var cells = [[CoefficientPlot.Point?]](
      repeating: [CoefficientPlot.Point?](repeating: nil, count: plot.series.count), count: terms.count)
    for (column, series) in plot.series.enumerated() {
      for point in series.points {
        if let row = index[point.term], cells[row][column] == nil { cells[row][column] = point }
      }
    }
    self.cells = cells

    let margin = SVGRenderer.margin
    let displayedTerms = terms.map {
      TextMetrics.truncated($0, toWidth: width * 0.38, fontSize: SVGRenderer.labelSize)
    }
    self.displayedTerms = displayedTerms
    let labelColumn = displayedTerms.map { TextMetrics.width(of: $0, fontSize: SVGRenderer.labelSize) }.max() ?? 0
    let plotLeft = margin + labelColumn + 12
    let plotRight = width - margin - 12
    self.plotLeft = plotLeft
    self.plotRight = plotRight

    var y = margin
    if plot.title != nil {
      titleBaseline = y + SVGRenderer.titleSize * 0.8
      y += SVGRenderer.titleSize + 12
    } else {
      titleBaseline = nil
    }

    var legendItems: [(x: Double, baseline: Double, label: String)] = []
    if plot.series.count >= 2 {
      var x = plotLeft
      var baseline = y + SVGRenderer.labelSize * 0.8
      for series in plot.series {
        let room = min(width * 0.4, width - margin - plotLeft - 24)
        let label = TextMetrics.truncated(series.name, toWidth: room, fontSize: SVGRenderer.labelSize)
        let itemWidth = 24 + TextMetrics.width(of: label, fontSize: SVGRenderer.labelSize)
        if x > plotLeft && x + itemWidth > width - margin {
          x = plotLeft
          baseline += SVGRenderer.legendLineHeight
        }
        legendItems.append((x, baseline, label))
        x += itemWidth + 18
      }
      y = baseline + SVGRenderer.legendLineHeight * 0.6
    }
    self.legendItems = legendItems

    plotTop = y + 4
    let count = plot.series.count
    dodge = count > 4 ? 10 : 11
    rowHeight = count <= 1 ? 26 : max(28, 12 + dodge * Double(count))
    let plotBottom = plotTop + rowHeight * Double(max(terms.count, 1))

    var values: [Double] = []
    for row in cells {
      for case let point? in row where point.isDrawable {
        values.append(point.estimate)
        if point.hasInterval {
          values.append(point.lower)
          values.append(point.upper)
        }
      }
    }
    scale = AxisScale(values: values, length: plotRight - plotLeft, fontSize: SVGRenderer.tickSize)
    drawsPoints = !values.isEmpty
    drawsIntervals = cells.contains { $0.contains { $0.map { $0.isDrawable && $0.hasInterval } ?? false } }

    var bottom = plotBottom + 4 + SVGRenderer.tickSize + 4  // tick marks and labels
    bottom += 20  // axis label
    if !plot.intervalLabel.isEmpty && drawsIntervals { bottom += 16 }
    height = (bottom + margin - 2).rounded(.up)
  }

  /// The axis ticks; none when nothing is drawn, since the axis then has no meaning.
  var ticks: [AxisScale.Tick] { drawsPoints ? scale.ticks : [] }

  var plotBottom: Double { plotTop + rowHeight * Double(max(terms.count, 1)) }

  /// The horizontal position of `value`.
  func x(_ value: Double) -> Double {
    plotLeft + scale.fraction(value) * (plotRight - plotLeft)
  }

  /// The vertical position of series `column` in row `row`.
  func y(row: Int, column: Int) -> Double {
    let centre = plotTop + (Double(row) + 0.5) * rowHeight
    let count = plot.series.count
    guard count > 1 else { return centre }
    return centre + (Double(column) - Double(count - 1) / 2) * dodge
  }

  func colour(_ column: Int) -> String {
    plot.series.count <= 1 ? SVGRenderer.singleColour : SVGRenderer.palette[column % SVGRenderer.palette.count]
  }

  func marker(_ column: Int) -> Marker {
    plot.series.count <= 1 ? .circle : Marker.allCases[column % Marker.allCases.count]
  }

  // MARK: Writing

  func render() -> String {
    let c = NumberFormat.coordinate
    var out = SVGPreamble.lines(
      width: width, height: height,
      attributes: "data-series-count=\"\(plot.series.count)\" data-term-count=\"\(terms.count)\"",
      title: plot.title ?? "Coefficient plot")
    out.append(
      "<desc>\(XML.escaped("Estimates of \(terms.count) term\(terms.count == 1 ? "" : "s") in \(plot.series.count) series"))\(plot.intervalLabel.isEmpty ? "" : XML.escaped(", with " + plot.intervalLabel + " lines")).</desc>"
    )
    out.append("<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>")

    if let title = plot.title, let baseline = titleBaseline {
      let shown = TextMetrics.truncated(
        title, toWidth: width - 2 * SVGRenderer.margin, fontSize: SVGRenderer.titleSize, bold: true)
      let tooltip = shown == title ? "" : "<title>\(XML.escaped(title))</title>"
      out.append(
        "<text class=\"title\" x=\"\(c(SVGRenderer.margin))\" y=\"\(c(baseline))\" font-size=\"\(c(SVGRenderer.titleSize))\" font-weight=\"bold\" fill=\"#1A1A1A\">\(tooltip)\(XML.escaped(shown))</text>"
      )
    }

    writeLegend(into: &out)
    writePlotArea(into: &out)
    writeAxis(into: &out)
    writeTermLabels(into: &out)
    writePoints(into: &out)
    writeAxisTitles(into: &out)
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  /// The SVG element for a marker of `shape` centred on (`x`, `y`).
  func markerElement(_ shape: Marker, x: Double, y: Double, fill: String) -> String {
    let c = NumberFormat.coordinate
    let outline = "stroke=\"#FFFFFF\" stroke-width=\"0.8\""
    switch shape {
    case .circle:
      return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"3.8\" fill=\"\(fill)\" \(outline)/>"
    case .square:
      return "<rect x=\"\(c(x - 3.3))\" y=\"\(c(y - 3.3))\" width=\"6.6\" height=\"6.6\" fill=\"\(fill)\" \(outline)/>"
    case .diamond:
      let d = 4.6
      return
        "<path d=\"M\(c(x)) \(c(y - d))L\(c(x + d)) \(c(y))L\(c(x)) \(c(y + d))L\(c(x - d)) \(c(y))Z\" fill=\"\(fill)\" \(outline)/>"
    case .triangle:
      let r = 4.8
      return
        "<path d=\"M\(c(x)) \(c(y - r))L\(c(x + r * 0.866)) \(c(y + r * 0.5))L\(c(x - r * 0.866)) \(c(y + r * 0.5))Z\" fill=\"\(fill)\" \(outline)/>"
    }
  }

  func writeLegend(into out: inout [String]) {
    guard !legendItems.isEmpty else { return }
    let c = NumberFormat.coordinate
    out.append("<g class=\"legend\">")
    for (column, item) in legendItems.enumerated() {
      let series = plot.series[column]
      let colour = colour(column)
      let midY = item.baseline - SVGRenderer.labelSize * 0.33
      let tooltip = item.label == series.name ? "" : "<title>\(XML.escaped(series.name))</title>"
      out.append(
        "<g class=\"legend-item\" data-series=\"\(XML.escaped(series.name))\" data-series-index=\"\(column)\">\(tooltip)"
          + "<line x1=\"\(c(item.x))\" y1=\"\(c(midY))\" x2=\"\(c(item.x + 18))\" y2=\"\(c(midY))\" stroke=\"\(colour)\" stroke-width=\"1.8\"/>"
          + markerElement(marker(column), x: item.x + 9, y: midY, fill: colour)
          + "<text x=\"\(c(item.x + 24))\" y=\"\(c(item.baseline))\" font-size=\"\(c(SVGRenderer.labelSize))\" fill=\"#1A1A1A\">\(XML.escaped(item.label))</text></g>"
      )
    }
    out.append("</g>")
  }

  func writePlotArea(into out: inout [String]) {
    let c = NumberFormat.coordinate
    let plotWidth = plotRight - plotLeft
    out.append(
      "<rect class=\"plot-area\" x=\"\(c(plotLeft))\" y=\"\(c(plotTop))\" width=\"\(c(plotWidth))\" height=\"\(c(plotBottom - plotTop))\" fill=\"none\" data-lower=\"\(scale.lower.description)\" data-upper=\"\(scale.upper.description)\"/>"
    )
    out.append("<g class=\"rows\">")
    for row in terms.indices {
      let top = plotTop + Double(row) * rowHeight
      if plot.series.count > 1 {
        if row % 2 == 0 {
          out.append(
            "<rect x=\"\(c(plotLeft))\" y=\"\(c(top))\" width=\"\(c(plotWidth))\" height=\"\(c(rowHeight))\" fill=\"#F3F3F3\"/>"
          )
        }
      } else {
        let centre = top + rowHeight / 2
        out.append(
          "<line x1=\"\(c(plotLeft))\" y1=\"\(c(centre))\" x2=\"\(c(plotRight))\" y2=\"\(c(centre))\" stroke=\"#EBEBEB\" stroke-width=\"1\"/>"
        )
      }
    }
    out.append("</g>")
    out.append("<g class=\"grid\">")
    for tick in ticks {
      let x = x(tick.value)
      out.append(
        "<line x1=\"\(c(x))\" y1=\"\(c(plotTop))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom))\" stroke=\"#DDDDDD\" stroke-width=\"1\"/>"
      )
    }
    out.append("</g>")
    if drawsPoints && scale.lower < 0 && scale.upper > 0 {
      let x = x(0)
      out.append(
        "<line class=\"zero-line\" data-value=\"0\" x1=\"\(c(x))\" y1=\"\(c(plotTop))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom))\" stroke=\"#555555\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
      )
    }
  }

  func writeAxis(into out: inout [String]) {
    let c = NumberFormat.coordinate
    let bottom = plotBottom
    out.append("<g class=\"axis\">")
    out.append(
      "<line x1=\"\(c(plotLeft))\" y1=\"\(c(bottom))\" x2=\"\(c(plotRight))\" y2=\"\(c(bottom))\" stroke=\"#444444\" stroke-width=\"1\"/>"
    )
    for tick in ticks {
      let x = x(tick.value)
      out.append(
        "<g class=\"tick\" data-value=\"\(tick.value.description)\"><line x1=\"\(c(x))\" y1=\"\(c(bottom))\" x2=\"\(c(x))\" y2=\"\(c(bottom + 4))\" stroke=\"#444444\" stroke-width=\"1\"/>"
          + "<text x=\"\(c(x))\" y=\"\(c(bottom + 4 + SVGRenderer.tickSize + 2))\" font-size=\"\(c(SVGRenderer.tickSize))\" text-anchor=\"middle\" fill=\"#333333\">\(XML.escaped(tick.label))</text></g>"
      )
    }
    out.append("</g>")
  }

  func writeTermLabels(into out: inout [String]) {
    let c = NumberFormat.coordinate
    out.append("<g class=\"terms\" font-size=\"\(c(SVGRenderer.labelSize))\" fill=\"#1A1A1A\" text-anchor=\"end\">")
    for (row, term) in terms.enumerated() {
      let shown = displayedTerms[row]
      let centre = plotTop + (Double(row) + 0.5) * rowHeight
      let tooltip = shown == term ? "" : "<title>\(XML.escaped(term))</title>"
      out.append(
        "<text class=\"term\" data-term=\"\(XML.escaped(term))\" x=\"\(c(plotLeft - 10))\" y=\"\(c(centre + SVGRenderer.labelSize * 0.35))\">\(tooltip)\(XML.escaped(shown))</text>"
      )
    }
    out.append("</g>")
  }

  func writePoints(into out: inout [String]) {
    let c = NumberFormat.coordinate
    if !drawsPoints {
      let message = terms.isEmpty ? "No estimates to plot" : "No finite estimates to plot"
      out.append(
        "<text class=\"empty\" x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c((plotTop + plotBottom) / 2 + 4))\" font-size=\"\(c(SVGRenderer.labelSize))\" text-anchor=\"middle\" fill=\"#666666\">\(message)</text>"
      )
    }
    out.append("<g class=\"points\">")
    for (row, term) in terms.enumerated() {
      for (column, cell) in cells[row].enumerated() {
        guard let point = cell, point.isDrawable else { continue }
        let series = plot.series[column]
        let colour = colour(column)
        let y = y(row: row, column: column)
        var attributes =
          "class=\"point\" data-term=\"\(XML.escaped(term))\" data-series=\"\(XML.escaped(series.name))\" "
          + "data-series-index=\"\(column)\" data-estimate=\"\(point.estimate.description)\""
        var tooltip = term + (plot.series.count > 1 ? " · " + series.name : "")
        tooltip += "\nEstimate: " + NumberFormat.significant(point.estimate)
        var body = ""
        if point.hasInterval {
          attributes += " data-lower=\"\(point.lower.description)\" data-upper=\"\(point.upper.description)\""
          let label = plot.intervalLabel.isEmpty ? "Interval" : plot.intervalLabel
          let firstLetter = label.prefix(1).uppercased()
          tooltip +=
            "\n\(firstLetter + label.dropFirst()): [\(NumberFormat.significant(point.lower)), \(NumberFormat.significant(point.upper))]"
          body +=
            "<line x1=\"\(c(x(point.lower)))\" y1=\"\(c(y))\" x2=\"\(c(x(point.upper)))\" y2=\"\(c(y))\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-linecap=\"butt\"/>"
        }
        body += markerElement(marker(column), x: x(point.estimate), y: y, fill: colour)
        out.append("<g \(attributes)><title>\(XML.escaped(tooltip))</title>\(body)</g>")
      }
    }
    out.append("</g>")
  }

  func writeAxisTitles(into out: inout [String]) {
    let c = NumberFormat.coordinate
    let centre = (plotLeft + plotRight) / 2
    var baseline = plotBottom + 4 + SVGRenderer.tickSize + 2 + 20
    if !plot.axisLabel.isEmpty {
      let shown = TextMetrics.truncated(plot.axisLabel, toWidth: plotRight - plotLeft, fontSize: SVGRenderer.labelSize)
      out.append(
        "<text class=\"axis-label\" x=\"\(c(centre))\" y=\"\(c(baseline))\" font-size=\"\(c(SVGRenderer.labelSize))\" text-anchor=\"middle\" fill=\"#1A1A1A\">\(XML.escaped(shown))</text>"
      )
    }
    baseline += 16
    if !plot.intervalLabel.isEmpty && drawsIntervals {
      let note = TextMetrics.truncated(
        "Horizontal lines: " + plot.intervalLabel, toWidth: width - 2 * SVGRenderer.margin, fontSize: SVGRenderer.noteSize)
      out.append(
        "<text class=\"note\" x=\"\(c(plotRight))\" y=\"\(c(baseline))\" font-size=\"\(c(SVGRenderer.noteSize))\" text-anchor=\"end\" fill=\"#666666\">\(XML.escaped(note))</text>"
      )
    }
  }
}
