/// Writing a laid-out ``LassoPathPlot`` as SVG.
extension LassoPathRenderer {
  func render() -> String {
    var out = SVGPreamble.lines(
      width: width, height: height,
      attributes: "data-lambda-count=\"\(plot.lambdas.count)\" data-column-count=\"\(plot.columnNames.count)\"",
      title: plot.title.isEmpty ? "LASSO coefficient path" : plot.title)
    let columns = plot.columnNames.count
    let lambdas = plot.lambdas.count
    var description =
      "Coefficient paths of \(columns) column\(columns == 1 ? "" : "s") over \(lambdas) value\(lambdas == 1 ? "" : "s") of λ"
    if plot.crossValidation != nil { description += ", with the cross-validated error" }
    out += SVGPreamble.heading(description: description, title: plot.title, titleBaseline: titleBaseline, width: width)
    writePathPanel(into: &out)
    writeErrorPanel(into: &out)
    writeNote(into: &out)
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: Panels

  func writePathPanel(into out: inout [String]) {
    out.append("<g class=\"panel\" data-panel=\"path\">")
    writeFrame(
      title: "Coefficient path", axisTitle: "Coefficient", scale: pathScale, left: pathLeft, right: pathRight,
      into: &out)
    writeMarkers(pathMarkers, left: pathLeft, right: pathRight, into: &out)
    writePaths(into: &out)
    writePathLabels(into: &out)
    out.append("</g>")
  }

  func writeErrorPanel(into out: inout [String]) {
    guard let curve = plot.crossValidation, let scale = errorScale else { return }
    let c = NumberFormat.coordinate
    out.append("<g class=\"panel\" data-panel=\"cross-validation\">")
    writeFrame(
      title: "Cross-validation", axisTitle: curve.errorLabel, scale: scale, left: errorLeft, right: errorRight,
      into: &out)
    writeMarkers(errorMarkers, left: errorLeft, right: errorRight, into: &out)
    let drawn = order.filter { curve.meanErrors[$0].isFinite }
    if drawn.isEmpty {
      out.append(
        "<text class=\"empty\" x=\"\(c((errorLeft + errorRight) / 2))\" y=\"\(c((plotTop + plotBottom) / 2 + 4))\" font-size=\"\(c(SVGRenderer.labelSize))\" text-anchor=\"middle\" fill=\"#666666\">No finite cross-validated errors</text>"
      )
    }
    // Error-bar caps no wider than a third of the spacing between neighbouring λ.
    let spacing = (errorRight - errorLeft) / Double(max(drawn.count, 1))
    let cap = min(3, spacing / 3)
    out.append("<g class=\"cv-points\">")
    for index in drawn {
      let mean = curve.meanErrors[index]
      let spread = curve.standardErrors[index]
      let lambda = plot.lambdas[index]
      let x = errorX(logLambdas[index])
      var attributes = "class=\"cv-point\" data-lambda=\"\(lambda.description)\" data-mean=\"\(mean.description)\""
      var tooltip = "λ = \(NumberFormat.significant(lambda))\nMean error: \(NumberFormat.significant(mean))"
      var body = ""
      if spread.isFinite && spread >= 0 {
        attributes += " data-sd=\"\(spread.description)\""
        tooltip += " ± \(NumberFormat.significant(spread))"
        let low = y(mean - spread, on: scale)
        let high = y(mean + spread, on: scale)
        body +=
          "<path d=\"M\(c(x)) \(c(low))V\(c(high))M\(c(x - cap)) \(c(low))H\(c(x + cap))M\(c(x - cap)) \(c(high))H\(c(x + cap))\" stroke=\"\(Self.barColour)\" stroke-width=\"1\" fill=\"none\"/>"
      }
      body += "<circle cx=\"\(c(x))\" cy=\"\(c(y(mean, on: scale)))\" r=\"2.4\" fill=\"\(Self.pointColour)\"/>"
      out.append("<g \(attributes)><title>\(XML.escaped(tooltip))</title>\(body)</g>")
    }
    out.append("</g>")
    out.append("</g>")
  }

  /// The plot area, grid, axes and titles of a panel between `left` and `right`.
  func writeFrame(
    title: String, axisTitle: String, scale: AxisScale, left: Double, right: Double, into out: inout [String]
  ) {
    let c = NumberFormat.coordinate
    let tickSize = SVGRenderer.tickSize
    let labelSize = SVGRenderer.labelSize
    out.append(
      "<text class=\"panel-title\" x=\"\(c(left))\" y=\"\(c(panelTitleBaseline))\" font-size=\"\(c(labelSize))\" font-weight=\"bold\" fill=\"#1A1A1A\">\(XML.escaped(title))</text>"
    )
    out.append(
      "<rect class=\"plot-area\" x=\"\(c(left))\" y=\"\(c(plotTop))\" width=\"\(c(right - left))\" height=\"\(c(plotBottom - plotTop))\" fill=\"none\" stroke=\"#CCCCCC\" stroke-width=\"1\" "
        + "data-x-lower=\"\(xScale.lower.description)\" data-x-upper=\"\(xScale.upper.description)\" data-x-reversed=\"true\" "
        + "data-y-lower=\"\(scale.lower.description)\" data-y-upper=\"\(scale.upper.description)\"/>")
    out.append("<g class=\"grid\" stroke=\"#EBEBEB\" stroke-width=\"1\">")
    for tick in xScale.ticks {
      let x = x(tick.value, left: left, right: right)
      out.append("<line x1=\"\(c(x))\" y1=\"\(c(plotTop))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom))\"/>")
    }
    for tick in scale.ticks {
      let y = y(tick.value, on: scale)
      out.append("<line x1=\"\(c(left))\" y1=\"\(c(y))\" x2=\"\(c(right))\" y2=\"\(c(y))\"/>")
    }
    out.append("</g>")
    if scale.lower < 0 && scale.upper > 0 {
      let y = y(0, on: scale)
      out.append(
        "<line class=\"zero-line\" x1=\"\(c(left))\" y1=\"\(c(y))\" x2=\"\(c(right))\" y2=\"\(c(y))\" stroke=\"#9A9A9A\" stroke-width=\"1\"/>"
      )
    }
    out.append("<g class=\"axis\" data-axis=\"x\">")
    for tick in xScale.ticks {
      let x = x(tick.value, left: left, right: right)
      out.append(
        "<g class=\"tick\" data-value=\"\(tick.value.description)\"><line x1=\"\(c(x))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x))\" y2=\"\(c(plotBottom + 4))\" stroke=\"#444444\" stroke-width=\"1\"/>"
          + "<text x=\"\(c(x))\" y=\"\(c(plotBottom + 4 + tickSize + 2))\" font-size=\"\(c(tickSize))\" text-anchor=\"middle\" fill=\"#333333\">\(XML.escaped(tick.label))</text></g>"
      )
    }
    out.append("</g>")
    out.append("<g class=\"axis\" data-axis=\"y\">")
    for tick in scale.ticks {
      let y = y(tick.value, on: scale)
      out.append(
        "<g class=\"tick\" data-value=\"\(tick.value.description)\"><line x1=\"\(c(left - 4))\" y1=\"\(c(y))\" x2=\"\(c(left))\" y2=\"\(c(y))\" stroke=\"#444444\" stroke-width=\"1\"/>"
          + "<text x=\"\(c(left - 6))\" y=\"\(c(y + tickSize * 0.35))\" font-size=\"\(c(tickSize))\" text-anchor=\"end\" fill=\"#333333\">\(XML.escaped(tick.label))</text></g>"
      )
    }
    out.append("</g>")
    let xTitle = "log(λ)"
    out.append(
      "<text class=\"axis-label\" x=\"\(c((left + right) / 2))\" y=\"\(c(plotBottom + 4 + tickSize + 2 + 18))\" font-size=\"\(c(labelSize))\" text-anchor=\"middle\" fill=\"#1A1A1A\">\(xTitle)</text>"
    )
    let widest = scale.ticks.map { TextMetrics.width(of: $0.label, fontSize: tickSize) }.max() ?? 0
    let titleX = left - 6 - widest - 8 - labelSize * 0.3
    let middle = (plotTop + plotBottom) / 2
    let shown = TextMetrics.truncated(axisTitle, toWidth: plotBottom - plotTop, fontSize: labelSize)
    out.append(
      "<text class=\"axis-label\" x=\"\(c(titleX))\" y=\"\(c(middle))\" transform=\"rotate(-90 \(c(titleX)) \(c(middle)))\" font-size=\"\(c(labelSize))\" text-anchor=\"middle\" fill=\"#1A1A1A\">\(XML.escaped(shown))</text>"
    )
  }

  /// Dashed vertical lines across a panel, reaching up to their labels above it.
  func writeMarkers(_ markers: [MarkerLabel], left: Double, right: Double, into out: inout [String]) {
    guard !markers.isEmpty else { return }
    let c = NumberFormat.coordinate
    let size = SVGRenderer.noteSize
    out.append("<g class=\"markers\">")
    for marker in markers {
      let baseline = markerBaseline(row: marker.row)
      out.append(
        "<line class=\"marker\" data-kind=\"\(XML.escaped(marker.kind))\" data-lambda=\"\(marker.lambda.description)\" x1=\"\(c(marker.x))\" y1=\"\(c(baseline + 3))\" x2=\"\(c(marker.x))\" y2=\"\(c(plotBottom))\" stroke=\"\(Self.markerColour)\" stroke-width=\"1\" stroke-dasharray=\"5 3\"/>"
      )
    }
    // Labels after every line, with a white halo, so that no line crosses a label's text.
    for marker in markers {
      out.append(
        "<text class=\"marker-label\" data-kind=\"\(XML.escaped(marker.kind))\" x=\"\(c(marker.textStart))\" y=\"\(c(markerBaseline(row: marker.row)))\" font-size=\"\(c(size))\" fill=\"#1A1A1A\" stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\(XML.escaped(marker.text))</text>"
      )
    }
    out.append("</g>")
  }

  // MARK: Paths

  /// The `points` attribute of column `column`'s path: coordinates in hundredths, in order
  /// of increasing x, without points that repeat their predecessor or sit in the middle of a
  /// horizontal run. A single λ gives a zero-length segment, drawn as a dot by round caps.
  func points(of column: Int) -> String {
    let c = NumberFormat.coordinate
    let all = order.map { (c(pathX(logLambdas[$0])), c(y(plot.coefficients[$0][column], on: pathScale))) }
    var kept: [(String, String)] = []
    for (index, point) in all.enumerated() {
      if let previous = kept.last, previous == point { continue }
      if index > 0, index + 1 < all.count, all[index - 1].1 == point.1, all[index + 1].1 == point.1 { continue }
      kept.append(point)
    }
    if kept.count == 1, let only = kept.first { kept.append(only) }
    return kept.map { "\($0.0),\($0.1)" }.joined(separator: " ")
  }

  func writePaths(into out: inout [String]) {
    let labelled = Set(pathLabels.map(\.column))
    out.append(
      "<g class=\"paths\" fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">")
    for column in plot.columnNames.indices where !labelled.contains(column) {
      out.append(
        "<polyline class=\"path\" data-column=\"\(XML.escaped(plot.columnNames[column]))\" points=\"\(points(of: column))\" stroke=\"\(Self.otherPathColour)\" stroke-width=\"1\"/>"
      )
    }
    // Coloured paths last, so that they are drawn over the grey ones; the first on top.
    for label in pathLabels.reversed() {
      let name = plot.columnNames[label.column]
      let dash = label.dashed ? " stroke-dasharray=\"6 3\"" : ""
      out.append(
        "<polyline class=\"path\" data-column=\"\(XML.escaped(name))\" data-highlighted=\"true\" points=\"\(points(of: label.column))\" stroke=\"\(label.colour)\" stroke-width=\"2\"\(dash)><title>\(XML.escaped(name))</title></polyline>"
      )
    }
    out.append("</g>")
  }

  /// The coloured paths' names right of the panel, each joined to its path's end by a leader
  /// (dotted inside the plot area, so that it does not pass for the path).
  func writePathLabels(into out: inout [String]) {
    guard !pathLabels.isEmpty, let last = order.last else { return }
    let c = NumberFormat.coordinate
    let size = Self.pathLabelSize
    let endX = pathX(logLambdas[last])
    out.append("<g class=\"path-labels\">")
    for label in pathLabels {
      let name = plot.columnNames[label.column]
      let endY = y(plot.coefficients[last][label.column], on: pathScale)
      let tooltip = label.text == name ? "" : "<title>\(XML.escaped(name))</title>"
      out.append(
        "<g class=\"path-label\" data-column=\"\(XML.escaped(name))\">"
          + "<line x1=\"\(c(endX + 3))\" y1=\"\(c(endY))\" x2=\"\(c(pathRight + 3))\" y2=\"\(c(endY))\" stroke=\"\(label.colour)\" stroke-width=\"0.8\" stroke-dasharray=\"1 2\"/>"
          + "<line x1=\"\(c(pathRight + 3))\" y1=\"\(c(endY))\" x2=\"\(c(pathRight + 12))\" y2=\"\(c(label.centre))\" stroke=\"\(label.colour)\" stroke-width=\"0.8\"/>"
          + "<text x=\"\(c(pathRight + 15))\" y=\"\(c(label.centre + size * 0.35))\" font-size=\"\(c(size))\" fill=\"\(label.colour)\">\(tooltip)\(XML.escaped(label.text))</text></g>"
      )
    }
    out.append("</g>")
  }

  // MARK: Note

  /// A note under the path panel: what the grey lines are and which way λ runs.
  func writeNote(into out: inout [String]) {
    let c = NumberFormat.coordinate
    let grey = plot.columnNames.count - pathLabels.count
    var parts: [String] = []
    if grey > 0 {
      var text = "Grey: \(grey) \(pathLabels.isEmpty ? "" : "other ")column\(grey == 1 ? "" : "s")"
      if unlabelledHighlights > 0 {
        text += " (including \(unlabelledHighlights) highlighted beyond the first \(LassoPathPlot.maximumLabels))"
      }
      parts.append(text)
    }
    parts.append("λ decreases to the right")
    let baseline = plotBottom + 4 + SVGRenderer.tickSize + 2 + 18 + 16
    let note = TextMetrics.truncated(
      parts.joined(separator: ". ") + ".", toWidth: width - 2 * SVGRenderer.margin, fontSize: SVGRenderer.noteSize)
    out.append(
      "<text class=\"note\" x=\"\(c(SVGRenderer.margin))\" y=\"\(c(baseline))\" font-size=\"\(c(SVGRenderer.noteSize))\" fill=\"#666666\">\(XML.escaped(note))</text>"
    )
  }
}
