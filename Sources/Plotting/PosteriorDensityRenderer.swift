/// Lays out a validated ``PosteriorDensityPlot`` and writes it as SVG.
///
/// From the top: the title, a legend row, a band for the markers' labels (stacked in rows
/// when they would overlap), the plot area (the curve, the shaded interval, the reference
/// lines, the markers, the interval bar on the baseline and the mean), then the axis.
struct PosteriorDensityRenderer {
  static let curveColour = SVGRenderer.palette[0]
  static let referenceColour = SVGRenderer.palette[1]
  static let markerColour = "#7A7A7A"
  static let markerLabelSize = 10.5
  static let markerRowHeight = 13.0

  /// A legend entry: its kind (how the swatch is drawn), label and position.
  struct LegendItem {
    var kind: String
    var label: String
    var x: Double
    var baseline: Double
  }

  let plot: PosteriorDensityPlot
  let width: Double
  let height: Double
  let titleBaseline: Double?
  let legend: [LegendItem]
  /// Each marker's label row (0 next to the plot area).
  let markerRows: [Int]
  let plotLeft: Double
  let plotRight: Double
  let plotTop: Double
  let plotBottom: Double
  let scale: AxisScale
  let peak: Double

  init(plot: PosteriorDensityPlot) {
    self.plot = plot
    let margin = SVGRenderer.margin
    width = plot.width.isFinite ? min(max(plot.width, 360), 20_000) : 720
    let requestedHeight = plot.height.isFinite ? min(max(plot.height, 240), 20_000) : 420
    plotLeft = margin + 8
    plotRight = width - margin - 8
    var xValues = [plot.points.first ?? 0, plot.points.last ?? 1] + plot.markers.map(\.value)
    if let reference = plot.reference {
      xValues.append(reference.value)
      if reference.hasInterval { xValues += [reference.lower, reference.upper] }
    }
    let scale = AxisScale(values: xValues, length: plotRight - plotLeft, fontSize: SVGRenderer.tickSize)
    self.scale = scale
    peak = plot.densities.max() ?? 1

    var top = margin
    if plot.title.isEmpty {
      titleBaseline = nil
    } else {
      titleBaseline = top + SVGRenderer.titleSize * 0.8
      top += SVGRenderer.titleSize + 10
    }
    // The legend, wrapped onto as many rows as it needs.
    var entries: [(String, String)] = [("curve", "Posterior density")]
    if let interval = plot.interval { entries.append(("interval", interval.label)) }
    if let reference = plot.reference {
      entries.append(("reference", reference.label))
      if reference.hasInterval && !reference.intervalLabel.isEmpty { entries.append(("reference-interval", reference.intervalLabel)) }
    }
    if !plot.markers.isEmpty && !plot.markersLabel.isEmpty { entries.append(("marker", plot.markersLabel)) }
    var items: [LegendItem] = []
    var x = plotLeft
    var baseline = top + SVGRenderer.labelSize * 0.8
    for (kind, label) in entries {
      let itemWidth = 26 + TextMetrics.width(of: label, fontSize: SVGRenderer.labelSize) + 18
      if x > plotLeft, x + itemWidth > plotRight {
        x = plotLeft
        baseline += SVGRenderer.legendLineHeight
      }
      items.append(LegendItem(kind: kind, label: label, x: x, baseline: baseline))
      x += itemWidth
    }
    legend = items
    top = baseline + 12

    // Marker labels: each in the first row where it overlaps no earlier label.
    let left = plotLeft, right = plotRight
    func position(_ value: Double) -> Double { left + scale.fraction(value) * (right - left) }
    var rowEnds: [Double] = []
    var rows: [Int] = []
    for marker in plot.markers {
      let half = TextMetrics.width(of: marker.label, fontSize: Self.markerLabelSize) / 2 + 3
      let centre = position(marker.value)
      if let row = rowEnds.firstIndex(where: { $0 <= centre - half }) {
        rowEnds[row] = centre + half
        rows.append(row)
      } else {
        rowEnds.append(centre + half)
        rows.append(rowEnds.count - 1)
      }
    }
    markerRows = rows
    top += Double(rowEnds.count) * Self.markerRowHeight
    plotTop = top
    let bottomBand = 4 + SVGRenderer.tickSize + 4 + 20 + margin
    height = max(requestedHeight, plotTop + 160 + bottomBand)
    plotBottom = height - bottomBand
  }

  func x(_ value: Double) -> Double { plotLeft + scale.fraction(value) * (plotRight - plotLeft) }

  /// The curve's height: the peak sits 30 px below the top, leaving room for the mean's label.
  func y(_ density: Double) -> Double {
    let usable = plotBottom - plotTop - 30
    return plotBottom - min(max(density / peak, 0), 1) * usable
  }

  /// The density at `value`, interpolated linearly on the grid.
  func density(at value: Double) -> Double {
    let points = plot.points
    guard let upper = points.firstIndex(where: { $0 >= value }) else { return plot.densities.last ?? 0 }
    guard upper > 0 else { return plot.densities[0] }
    let t = (value - points[upper - 1]) / (points[upper] - points[upper - 1])
    return plot.densities[upper - 1] + t * (plot.densities[upper] - plot.densities[upper - 1])
  }

  func render() -> String {
    var out = SVGPreamble.lines(
      width: width, height: height, attributes: "data-point-count=\"\(plot.points.count)\"",
      title: plot.title.isEmpty ? "Posterior density" : plot.title)
    out += SVGPreamble.heading(description: description, title: plot.title, titleBaseline: titleBaseline, width: width)
    writeLegend(into: &out)
    writeGrid(into: &out)
    writeInterval(into: &out)
    writeCurve(into: &out)
    writeReference(into: &out)
    writeMarkers(into: &out)
    writeAxis(into: &out)
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  var description: String {
    var text = "Posterior density over \(plot.points.count) points"
    if let interval = plot.interval { text += ", \(interval.label) [\(NumberFormat.significant(interval.lower)), \(NumberFormat.significant(interval.upper))]" }
    if let reference = plot.reference { text += ", \(reference.label) \(NumberFormat.significant(reference.value))" }
    return text
  }

  func writeLegend(into out: inout [String]) {
    let c = NumberFormat.coordinate
    out.append("<g class=\"legend\" font-size=\"\(c(SVGRenderer.labelSize))\" fill=\"#1A1A1A\">")
    for item in legend {
      let mid = item.baseline - SVGRenderer.labelSize * 0.35
      let swatch: String
      switch item.kind {
      case "curve":
        swatch = "<line x1=\"\(c(item.x))\" y1=\"\(c(mid))\" x2=\"\(c(item.x + 20))\" y2=\"\(c(mid))\" stroke=\"\(Self.curveColour)\" stroke-width=\"2\"/>"
      case "interval":
        swatch = "<rect x=\"\(c(item.x))\" y=\"\(c(mid - 5))\" width=\"20\" height=\"10\" fill=\"\(Self.curveColour)\" fill-opacity=\"0.25\"/>"
      case "reference":
        swatch = "<line x1=\"\(c(item.x))\" y1=\"\(c(mid))\" x2=\"\(c(item.x + 20))\" y2=\"\(c(mid))\" stroke=\"\(Self.referenceColour)\" stroke-width=\"2\"/>"
      case "reference-interval":
        swatch = "<line x1=\"\(c(item.x))\" y1=\"\(c(mid))\" x2=\"\(c(item.x + 20))\" y2=\"\(c(mid))\" stroke=\"\(Self.referenceColour)\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>"
      default:
        swatch = "<line x1=\"\(c(item.x))\" y1=\"\(c(mid))\" x2=\"\(c(item.x + 20))\" y2=\"\(c(mid))\" stroke=\"\(Self.markerColour)\" stroke-width=\"1.2\" stroke-dasharray=\"1.5 2.5\"/>"
      }
      out.append(
        "<g class=\"legend-item\" data-kind=\"\(item.kind)\">\(swatch)<text x=\"\(c(item.x + 26))\" y=\"\(c(item.baseline))\">\(XML.escaped(item.label))</text></g>")
    }
    out.append("</g>")
  }

  func writeGrid(into out: inout [String]) {
    let c = NumberFormat.coordinate
    out.append(
      "<rect class=\"plot-area\" x=\"\(c(plotLeft))\" y=\"\(c(plotTop))\" width=\"\(c(plotRight - plotLeft))\" height=\"\(c(plotBottom - plotTop))\" fill=\"none\" stroke=\"none\" data-x-lower=\"\(scale.lower.description)\" data-x-upper=\"\(scale.upper.description)\"/>"
    )
    out.append("<g class=\"grid\" stroke=\"#EBEBEB\" stroke-width=\"1\">")
    for tick in scale.ticks {
      out.append("<line x1=\"\(c(x(tick.value)))\" y1=\"\(c(plotTop))\" x2=\"\(c(x(tick.value)))\" y2=\"\(c(plotBottom))\"/>")
    }
    out.append("</g>")
  }

  func writeCurve(into out: inout [String]) {
    let c = NumberFormat.coordinate
    let coordinates = zip(plot.points, plot.densities).map { "\(c(x($0))),\(c(y($1)))" }.joined(separator: " ")
    out.append(
      "<polyline class=\"density\" points=\"\(coordinates)\" fill=\"none\" stroke=\"\(Self.curveColour)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
    )
    if let mean = plot.mean {
      out.append(
        "<text class=\"mean\" data-value=\"\(mean.description)\" x=\"\(c(x(mean)))\" y=\"\(c(plotTop + 14))\" font-size=\"\(c(SVGRenderer.labelSize))\" text-anchor=\"middle\" fill=\"#1A1A1A\">mean \(XML.escaped(NumberFormat.significant(mean, digits: 3)))</text>"
      )
    }
  }

  /// The shaded area under the curve over the interval, and its bar on the baseline.
  func writeInterval(into out: inout [String]) {
    guard let interval = plot.interval else { return }
    let c = NumberFormat.coordinate
    var outline = ["\(c(x(interval.lower))),\(c(plotBottom))", "\(c(x(interval.lower))),\(c(y(density(at: interval.lower))))"]
    for (point, value) in zip(plot.points, plot.densities) where point > interval.lower && point < interval.upper {
      outline.append("\(c(x(point))),\(c(y(value)))")
    }
    outline += ["\(c(x(interval.upper))),\(c(y(density(at: interval.upper))))", "\(c(x(interval.upper))),\(c(plotBottom))"]
    let tick = SVGRenderer.tickSize
    out.append("<g class=\"interval\" data-lower=\"\(interval.lower.description)\" data-upper=\"\(interval.upper.description)\">")
    out.append("<title>\(XML.escaped("\(interval.label): [\(NumberFormat.significant(interval.lower)), \(NumberFormat.significant(interval.upper))]"))</title>")
    out.append("<polygon points=\"\(outline.joined(separator: " "))\" fill=\"\(Self.curveColour)\" fill-opacity=\"0.25\" stroke=\"none\"/>")
    out.append(
      "<line x1=\"\(c(x(interval.lower)))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x(interval.upper)))\" y2=\"\(c(plotBottom))\" stroke=\"#1A1A1A\" stroke-width=\"4\"/>"
    )
    let labelY = plotBottom - 6
    out.append(
      "<text x=\"\(c(x(interval.lower)))\" y=\"\(c(labelY))\" font-size=\"\(c(tick))\" text-anchor=\"start\" fill=\"#1A1A1A\">\(XML.escaped(NumberFormat.significant(interval.lower, digits: 3)))</text>"
    )
    out.append(
      "<text x=\"\(c(x(interval.upper)))\" y=\"\(c(labelY))\" font-size=\"\(c(tick))\" text-anchor=\"end\" fill=\"#1A1A1A\">\(XML.escaped(NumberFormat.significant(interval.upper, digits: 3)))</text>"
    )
    out.append(
      "<text x=\"\(c((x(interval.lower) + x(interval.upper)) / 2))\" y=\"\(c(labelY - tick - 2))\" font-size=\"\(c(tick))\" text-anchor=\"middle\" fill=\"#1A1A1A\">\(XML.escaped(interval.label))</text>"
    )
    out.append("</g>")
  }

  func writeReference(into out: inout [String]) {
    guard let reference = plot.reference else { return }
    let c = NumberFormat.coordinate
    var attributes = "class=\"reference\" data-value=\"\(reference.value.description)\""
    var tooltip = "\(reference.label): \(NumberFormat.significant(reference.value))"
    var body =
      "<line x1=\"\(c(x(reference.value)))\" y1=\"\(c(plotTop))\" x2=\"\(c(x(reference.value)))\" y2=\"\(c(plotBottom))\" stroke=\"\(Self.referenceColour)\" stroke-width=\"2\"/>"
    if reference.hasInterval {
      attributes += " data-lower=\"\(reference.lower.description)\" data-upper=\"\(reference.upper.description)\""
      tooltip += "\n\(reference.intervalLabel): [\(NumberFormat.significant(reference.lower)), \(NumberFormat.significant(reference.upper))]"
      for end in [reference.lower, reference.upper] {
        body +=
          "<line x1=\"\(c(x(end)))\" y1=\"\(c(plotTop))\" x2=\"\(c(x(end)))\" y2=\"\(c(plotBottom))\" stroke=\"\(Self.referenceColour)\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>"
      }
    }
    out.append("<g \(attributes)><title>\(XML.escaped(tooltip))</title>\(body)</g>")
  }

  func writeMarkers(into out: inout [String]) {
    guard !plot.markers.isEmpty else { return }
    let c = NumberFormat.coordinate
    out.append("<g class=\"markers\" font-size=\"\(c(Self.markerLabelSize))\" fill=\"#4D4D4D\" text-anchor=\"middle\">")
    for (marker, row) in zip(plot.markers, markerRows) {
      let x = x(marker.value)
      let baseline = plotTop - 4 - Double(row) * Self.markerRowHeight
      out.append(
        "<line class=\"marker\" data-value=\"\(marker.value.description)\" x1=\"\(c(x))\" y1=\"\(c(plotTop))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom))\" stroke=\"\(Self.markerColour)\" stroke-width=\"1.2\" stroke-dasharray=\"1.5 2.5\"/>"
      )
      out.append("<text x=\"\(c(x))\" y=\"\(c(baseline))\">\(XML.escaped(marker.label))</text>")
    }
    out.append("</g>")
  }

  func writeAxis(into out: inout [String]) {
    let c = NumberFormat.coordinate
    out.append("<g class=\"axis\">")
    out.append(
      "<line x1=\"\(c(plotLeft))\" y1=\"\(c(plotBottom))\" x2=\"\(c(plotRight))\" y2=\"\(c(plotBottom))\" stroke=\"#444444\" stroke-width=\"1\"/>"
    )
    for tick in scale.ticks {
      let x = x(tick.value)
      out.append(
        "<g class=\"tick\" data-value=\"\(tick.value.description)\"><line x1=\"\(c(x))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom + 4))\" stroke=\"#444444\" stroke-width=\"1\"/>"
          + "<text x=\"\(c(x))\" y=\"\(c(plotBottom + 4 + SVGRenderer.tickSize + 2))\" font-size=\"\(c(SVGRenderer.tickSize))\" text-anchor=\"middle\" fill=\"#333333\">\(XML.escaped(tick.label))</text></g>"
      )
    }
    out.append("</g>")
    if !plot.axisLabel.isEmpty {
      let shown = TextMetrics.truncated(plot.axisLabel, toWidth: plotRight - plotLeft, fontSize: SVGRenderer.labelSize)
      out.append(
        "<text class=\"axis-label\" x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(plotBottom + 4 + SVGRenderer.tickSize + 2 + 20))\" font-size=\"\(c(SVGRenderer.labelSize))\" text-anchor=\"middle\" fill=\"#1A1A1A\">\(XML.escaped(shown))</text>"
      )
    }
  }
}
