#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Lays out a validated ``LassoPathPlot``; ``render()`` (in `LassoPathRenderer+Writing`)
/// writes it as SVG.
///
/// Both panels share one log(λ) scale drawn reversed (the largest λ on the left), their
/// plot areas share a top and a bottom, marker labels sit in a band above the plot areas
/// (stacked in rows when they would overlap) and the labels of the coloured paths sit in a
/// column right of the path panel, spread apart vertically.
struct LassoPathRenderer {
  /// A coloured path: its column, its colour and whether it is dashed (after the palette's
  /// colours run out), its label as shown and the label's vertical centre.
  struct PathLabel {
    var column: Int
    var colour: String
    var dashed: Bool
    var text: String
    var centre: Double
  }

  /// A marker's label in the band above a panel: the line's position, the text as shown,
  /// where the text starts and its row (0 next to the plot area).
  struct MarkerLabel {
    var lambda: Double
    var kind: String
    var x: Double
    var text: String
    var textStart: Double
    var row: Int
  }

  // MARK: Style

  /// The palette for coloured paths: Okabe–Ito without yellow, which is too faint for lines.
  static let pathColours = Array(SVGRenderer.palette.prefix(7))
  static let otherPathColour = "#BDBDBD"
  static let pointColour = "#D55E00"
  static let barColour = "#9A9A9A"
  static let markerColour = "#444444"
  static let pathLabelSize = 11.0
  static let markerRowHeight = 14.0
  static let panelGap = 28.0

  /// One trial of the layout, for a given number of marker-label rows.
  struct Layout {
    var plotTop: Double
    var plotBottom: Double
    var pathScale: AxisScale
    var errorScale: AxisScale?
    var xScale: AxisScale
    var pathLeft: Double
    var pathRight: Double
    var errorLeft: Double
    var errorRight: Double
    var pathMarkers: [MarkerLabel]
    var errorMarkers: [MarkerLabel]
  }

  // MARK: Layout

  let plot: LassoPathPlot
  let width: Double
  let height: Double
  /// log(λ) of each λ, in input order.
  let logLambdas: [Double]
  /// The input indices ordered by decreasing λ, so by increasing x.
  let order: [Int]
  let xScale: AxisScale
  let pathScale: AxisScale
  let errorScale: AxisScale?
  let titleBaseline: Double?
  let panelTitleBaseline: Double
  let plotTop: Double
  let plotBottom: Double
  let pathLeft: Double
  let pathRight: Double
  let errorLeft: Double
  let errorRight: Double
  let pathLabels: [PathLabel]
  let pathMarkers: [MarkerLabel]
  let errorMarkers: [MarkerLabel]
  /// The number of highlighted columns drawn grey because only the first
  /// ``LassoPathPlot/maximumLabels`` are labelled.
  let unlabelledHighlights: Int

  init(plot: LassoPathPlot) {
    self.plot = plot
    let margin = SVGRenderer.margin
    let hasErrors = plot.crossValidation != nil
    let defaultWidth = hasErrors ? 960.0 : 640.0
    let width = plot.width.map { $0.isFinite ? min(max($0, 480), 20_000) : defaultWidth } ?? defaultWidth
    self.width = width
    let requestedHeight = plot.height.isFinite ? min(max(plot.height, 300), 20_000) : 440

    let logLambdas = plot.lambdas.map { log($0) }
    self.logLambdas = logLambdas
    order = logLambdas.indices.sorted { (-logLambdas[$0], $0) < (-logLambdas[$1], $1) }
    var xValues = logLambdas + plot.markers.map { log($0.lambda) }
    if let curve = plot.crossValidation {
      xValues += [log(curve.lambdaMin), log(curve.lambdaOneStandardError)]
    }

    // The coloured paths and their labels' text.
    var index: [String: Int] = [:]
    for (column, name) in plot.columnNames.enumerated() { index[name] = column }
    var coloured: [Int] = []
    for name in plot.highlighted {
      guard let column = index[name], !coloured.contains(column) else { continue }
      coloured.append(column)
    }
    unlabelledHighlights = max(coloured.count - LassoPathPlot.maximumLabels, 0)
    coloured = Array(coloured.prefix(LassoPathPlot.maximumLabels))
    let labelRoom = min(160, width * 0.2)
    let labelTexts = coloured.map {
      TextMetrics.truncated(plot.columnNames[$0], toWidth: labelRoom, fontSize: Self.pathLabelSize)
    }
    let labelColumn =
      labelTexts.isEmpty
      ? 8 : 20 + (labelTexts.map { TextMetrics.width(of: $0, fontSize: Self.pathLabelSize) }.max() ?? 0)

    // Vertical bands above the plot areas.
    var top = margin
    if !plot.title.isEmpty {
      titleBaseline = top + SVGRenderer.titleSize * 0.8
      top += SVGRenderer.titleSize + 10
    } else {
      titleBaseline = nil
    }
    panelTitleBaseline = top + SVGRenderer.labelSize * 0.8
    top += SVGRenderer.labelSize + 8
    let bottomBand = 4 + SVGRenderer.tickSize + 4 + 20 + 16 + margin  // ticks, axis title, note

    let pathValues = plot.coefficients.flatMap { $0 }
    var errorValues: [Double] = []
    if let curve = plot.crossValidation {
      for (mean, spread) in zip(curve.meanErrors, curve.standardErrors) where mean.isFinite {
        errorValues.append(mean)
        if spread.isFinite && spread >= 0 { errorValues += [mean - spread, mean + spread] }
      }
    }

    // The band of marker labels depends on the horizontal layout, which depends on the
    // vertical axes' tick labels, which depend on the plot areas' height: iterate until
    // the number of label rows settles (it can only take a few values).
    func attempt(rows: Int) -> Layout {
      let plotTop = top + Double(rows) * Self.markerRowHeight + (rows > 0 ? 4 : 0)
      let plotBottom = max(requestedHeight - bottomBand, plotTop + 160)
      let length = plotBottom - plotTop
      let tickSize = SVGRenderer.tickSize
      let pathScale = AxisScale(values: pathValues, length: length, fontSize: tickSize, vertical: true)
      let errorScale =
        hasErrors ? AxisScale(values: errorValues, length: length, fontSize: tickSize, vertical: true) : nil
      func gutter(_ scale: AxisScale?) -> Double {
        let widest = scale?.ticks.map { TextMetrics.width(of: $0.label, fontSize: tickSize) }.max() ?? 0
        return 18 + widest + 4 + 6  // axis title, tick labels, gap, tick marks
      }
      let pathLeft = margin + gutter(pathScale)
      let pathRight: Double
      let errorLeft: Double
      let errorRight: Double
      if hasErrors {
        let room = width - margin - pathLeft - labelColumn - Self.panelGap - gutter(errorScale)
        pathRight = pathLeft + room * 0.58
        errorLeft = pathRight + labelColumn + Self.panelGap + gutter(errorScale)
        errorRight = width - margin - 4
      } else {
        pathRight = width - margin - labelColumn
        errorLeft = pathRight
        errorRight = pathRight
      }
      // Both panels share the scale: its ticks must fit the narrower one.
      let xLength = hasErrors ? min(pathRight - pathLeft, errorRight - errorLeft) : pathRight - pathLeft
      let xScale = AxisScale(values: xValues, length: xLength, fontSize: tickSize)
      func x(_ value: Double, _ left: Double, _ right: Double) -> Double {
        right - xScale.fraction(value) * (right - left)
      }
      let pathMarkers = Self.placeMarkers(
        plot.markers.map { ($0.lambda, "marker", $0.label) }, x: { x($0, pathLeft, pathRight) },
        left: pathLeft, right: pathRight + labelColumn)
      var errorMarkers: [MarkerLabel] = []
      if let curve = plot.crossValidation {
        errorMarkers = Self.placeMarkers(
          [(curve.lambdaMin, "lambda.min", "lambda.min"), (curve.lambdaOneStandardError, "lambda.1se", "lambda.1se")],
          x: { x($0, errorLeft, errorRight) }, left: errorLeft - 8, right: width - margin)
      }
      return Layout(
        plotTop: plotTop, plotBottom: plotBottom, pathScale: pathScale, errorScale: errorScale, xScale: xScale,
        pathLeft: pathLeft, pathRight: pathRight, errorLeft: errorLeft, errorRight: errorRight,
        pathMarkers: pathMarkers, errorMarkers: errorMarkers)
    }
    // The band of marker labels depends on the horizontal layout, which depends on the
    // vertical axes' tick labels, which depend on the plot areas' height: iterate a few
    // times until the number of label rows settles.
    var rows = plot.markers.isEmpty && !hasErrors ? 0 : 1
    var layout = attempt(rows: rows)
    for _ in 0..<3 {
      let needed = ((layout.pathMarkers + layout.errorMarkers).map(\.row).max() ?? -1) + 1
      if needed == rows { break }
      rows = needed
      layout = attempt(rows: rows)
    }
    plotTop = layout.plotTop
    plotBottom = layout.plotBottom
    pathScale = layout.pathScale
    errorScale = layout.errorScale
    xScale = layout.xScale
    pathLeft = layout.pathLeft
    pathRight = layout.pathRight
    errorLeft = layout.errorLeft
    errorRight = layout.errorRight
    pathMarkers = layout.pathMarkers
    errorMarkers = layout.errorMarkers
    height = (plotBottom + bottomBand - 2).rounded(.up)

    // Labels of the coloured paths at their right (smallest-λ) ends, spread apart.
    let last = order.last ?? 0
    let ends = coloured.map { column -> Double in
      let value = plot.coefficients.indices.contains(last) ? plot.coefficients[last][column] : 0
      return layout.plotBottom - layout.pathScale.fraction(value) * (layout.plotBottom - layout.plotTop)
    }
    let centres = LabelPlacement.spread(
      ends, gap: Self.pathLabelSize + 2, lower: layout.plotTop + 6, upper: layout.plotBottom - 6)
    pathLabels = coloured.enumerated().map { rank, column in
      PathLabel(
        column: column, colour: Self.pathColours[rank % Self.pathColours.count],
        dashed: rank >= Self.pathColours.count, text: labelTexts[rank], centre: centres[rank])
    }
  }

  /// Labels `"name = λ"` for marker lines at `x(log λ)`, kept within `[left, right]` and
  /// clear of each other and of the other lines (see ``LabelPlacement/labels(forLinesAt:widths:left:right:gap:)``).
  static func placeMarkers(
    _ markers: [(lambda: Double, kind: String, name: String)], x: (Double) -> Double, left: Double, right: Double
  ) -> [MarkerLabel] {
    let size = SVGRenderer.noteSize
    let positions = markers.map { x(log($0.lambda)) }
    let texts = markers.map {
      TextMetrics.truncated(
        $0.name + " = " + NumberFormat.significant($0.lambda, digits: 3), toWidth: max(right - left, 40),
        fontSize: size)
    }
    let spots = LabelPlacement.labels(
      forLinesAt: positions, widths: texts.map { TextMetrics.width(of: $0, fontSize: size) }, left: left,
      right: right, gap: 8)
    return markers.indices.map { index in
      MarkerLabel(
        lambda: markers[index].lambda, kind: markers[index].kind, x: positions[index], text: texts[index],
        textStart: spots[index].start, row: spots[index].row)
    }
  }

  // MARK: Coordinates

  /// The horizontal position of log(λ) = `value` between `left` and `right` (reversed).
  func x(_ value: Double, left: Double, right: Double) -> Double {
    right - xScale.fraction(value) * (right - left)
  }

  func pathX(_ value: Double) -> Double { x(value, left: pathLeft, right: pathRight) }
  func errorX(_ value: Double) -> Double { x(value, left: errorLeft, right: errorRight) }

  /// The vertical position of `value` on `scale`.
  func y(_ value: Double, on scale: AxisScale) -> Double {
    plotBottom - scale.fraction(value) * (plotBottom - plotTop)
  }

  /// The baseline of marker labels in `row`.
  func markerBaseline(row: Int) -> Double {
    plotTop - 6 - Double(row) * Self.markerRowHeight
  }
}
