import Foundation
@testable import Plotting
import TestSupport
import Testing

private typealias Curve = LassoPathPlot.CrossValidationCurve

/// A LASSO path with an orthogonal design, where each coefficient is the soft-thresholded
/// least-squares estimate: `strong` large coefficients among `columns` small ones, over
/// `count` values of λ decreasing geometrically from the largest |estimate| to 1/1000 of
/// it (glmnet's grid), and a cross-validation curve with its minimum inside the grid.
struct SyntheticPath {
  var lambdas: [Double]
  var coefficients: [[Double]]
  var names: [String]
  var strongNames: [String]
  var curve: LassoPathPlot.CrossValidationCurve

  init(columns: Int = 100, strong: [Double] = [0.9, -0.7, 0.5, 0.35], count: Int = 80, seed: UInt64 = 7) {
    var generator = SplitMix64(seed: seed)
    var estimates = (0..<columns).map { _ in
      // A sum of uniforms: roughly normal with standard deviation 0.05.
      ((0..<4).map { _ in Double.random(in: -1...1, using: &generator) }.reduce(0, +)) * 0.043
    }
    // The strong columns are spread among the others.
    let strongColumns = strong.indices.map { $0 * (columns / max(strong.count, 1)) + 3 }
    for (value, column) in zip(strong, strongColumns) where column < columns { estimates[column] = value }
    let names = (0..<columns).map { "z\($0 + 1)" }
    self.names = names
    strongNames = strongColumns.filter { $0 < columns }.map { names[$0] }
    let largest = estimates.map(\.magnitude).max() ?? 1
    let lambdas = (0..<count).map { largest * pow(1e-3, Double($0) / Double(max(count - 1, 1))) }
    let coefficients = lambdas.map { lambda in
      estimates.map { ($0 < 0 ? -1 : 1) * max($0.magnitude - lambda, 0) }
    }
    self.lambdas = lambdas
    self.coefficients = coefficients
    var means: [Double] = []
    var spreads: [Double] = []
    for row in coefficients {
      // Bias from shrinking the strong columns plus variance from fitting noise.
      let bias = zip(strong, strongColumns).reduce(0) { total, pair in
        let shrunk = pair.1 < columns ? row[pair.1] : 0
        return total + (pair.0 - shrunk) * (pair.0 - shrunk)
      }
      let noise = row.enumerated().filter { !strongColumns.contains($0.offset) }.reduce(0) {
        $0 + $1.element.magnitude
      }
      let mean = 1 + 2 * bias + 0.4 * noise
      means.append(mean)
      spreads.append(0.03 + 0.02 * mean)
    }
    let best = means.indices.min { means[$0] < means[$1] } ?? 0
    let threshold = means[best] + spreads[best]
    let oneStandardError = means.indices.first { means[$0] <= threshold } ?? best
    curve = Curve(
      meanErrors: means, standardErrors: spreads, lambdaMin: lambdas[best],
      lambdaOneStandardError: lambdas[oneStandardError], errorLabel: "Mean-squared error")
  }

  func plot(crossValidation: Bool = true, markers: [LassoPathPlot.Marker]? = nil) -> LassoPathPlot {
    LassoPathPlot(
      title: "First stage: LASSO over \(names.count) candidate instruments", lambdas: lambdas,
      coefficients: coefficients, columnNames: names, highlighted: strongNames,
      markers: markers ?? [.init(label: "plug-in λ", lambda: lambdas[lambdas.count / 3])],
      crossValidation: crossValidation ? curve : nil)
  }
}

/// Records an issue unless `svg` parses as XML; returns the parsed document.
@discardableResult
private func parsed(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGDocument {
  let document = SVGDocument(svg)
  #expect(document.parseError == nil, "not well-formed: \(document.parseError ?? "")", sourceLocation: sourceLocation)
  #expect(document.root?.name == "svg", sourceLocation: sourceLocation)
  return document
}

/// Records an issue if `svg` mentions a NaN or an infinity.
private func expectNoNonFiniteText(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let lowered = svg.lowercased()
  #expect(!lowered.contains("nan"), sourceLocation: sourceLocation)
  #expect(!lowered.contains("inf"), sourceLocation: sourceLocation)
}

/// The elements of `document` inside the panel `name` (`"path"` or `"cross-validation"`).
private func panel(_ document: SVGDocument, _ name: String) -> [SVGDocument.Element] {
  guard let start = document.elements.firstIndex(where: { $0.attributes["data-panel"] == name }) else { return [] }
  let depth = document.elements[start].ancestors.count
  var result: [SVGDocument.Element] = []
  for element in document.elements[(start + 1)...] {
    guard element.ancestors.count > depth else { break }
    result.append(element)
  }
  return result
}

/// The x coordinate of log(λ) on `panel`'s axis, found from the drawn tick marks alone
/// (a straight line through the first and last tick).
private func tickX(_ logLambda: Double, in panel: [SVGDocument.Element], document: SVGDocument) throws -> Double {
  let ticks = panel.filter { $0.hasClass("tick") && $0.ancestors.count > 0 }
    .filter { tick in
      // The x axis's ticks: their mark is vertical.
      let line = document.children(of: tick, named: "line").first
      return line?.attributes["x1"] == line?.attributes["x2"]
    }
  let first = try #require(ticks.first)
  let last = try #require(ticks.last)
  #expect(ticks.count >= 2)
  let v0 = try #require(first.number("data-value"))
  let v1 = try #require(last.number("data-value"))
  let x0 = try #require(document.children(of: first, named: "line").first?.number("x1"))
  let x1 = try #require(document.children(of: last, named: "line").first?.number("x1"))
  return x0 + (logLambda - v0) / (v1 - v0) * (x1 - x0)
}

// MARK: - Structure

@Test func pathPlotIsWellFormedWithOnePolylinePerColumn() throws {
  let data = SyntheticPath()
  let svg = try data.plot().svg()
  expectNoNonFiniteText(svg)
  #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
  let document = parsed(svg)
  let root = try #require(document.root)
  #expect(root.number("width") == 960)
  #expect(root.attributes["viewBox"] == "0 0 960 \(root.attributes["height"] ?? "")")
  #expect(document.title(of: root) == "First stage: LASSO over 100 candidate instruments")
  let paths = document.elements(named: "polyline").filter { $0.hasClass("path") }
  #expect(paths.count == 100)
  #expect(Set(paths.compactMap { $0.attributes["data-column"] }) == Set(data.names))
  #expect(paths.filter { $0.attributes["data-highlighted"] == "true" }.count == 4)
  #expect(panel(document, "path").count > 100)
  #expect(panel(document, "cross-validation").filter { $0.hasClass("cv-point") }.count == 80)
}

@Test func highlightedNamesAreLabelledInColour() throws {
  let data = SyntheticPath()
  let document = parsed(try data.plot().svg())
  let labels = document.elements(withClass: "path-label")
  #expect(labels.compactMap { $0.attributes["data-column"] }.sorted() == data.strongNames.sorted())
  let texts = labels.compactMap { document.children(of: $0, named: "text").first }
  #expect(texts.map(\.text).sorted() == data.strongNames.sorted())
  let colours = Set(texts.compactMap { $0.attributes["fill"] })
  #expect(colours.count == 4)
  #expect(!colours.contains("#BDBDBD"))
  // Each label has the colour of its path.
  for label in labels {
    let name = try #require(label.attributes["data-column"])
    let path = try #require(document.elements(named: "polyline").first { $0.attributes["data-column"] == name })
    #expect(document.children(of: label, named: "text").first?.attributes["fill"] == path.attributes["stroke"])
  }
  // Names that are not highlighted are not written as text.
  let allText = document.elements(named: "text").map(\.text)
  #expect(!allText.contains("z2"))
}

@Test func pathLabelsDoNotOverlapEvenWhenTheLinesEndTogether() throws {
  // Twelve highlighted columns that all end at zero: their labels must still be apart.
  let names = (1...30).map { "instrument_\($0)" }
  let plot = LassoPathPlot(
    title: "", lambdas: [1, 0.5, 0.1], coefficients: Array(repeating: Array(repeating: 0, count: 30), count: 3),
    columnNames: names, highlighted: Array(names.prefix(15)))
  let document = parsed(try plot.svg())
  let texts = document.elements(withClass: "path-label").compactMap {
    document.children(of: $0, named: "text").first
  }
  #expect(texts.count == LassoPathPlot.maximumLabels)
  let baselines = try texts.map { try #require($0.number("y")) }.sorted()
  for (upper, lower) in zip(baselines, baselines.dropFirst()) {
    #expect(lower - upper >= 11, "labels \(upper) and \(lower) overlap")
  }
  let area = try #require(document.elements(withClass: "plot-area").first)
  let top = try #require(area.number("y"))
  let bottom = try top + #require(area.number("height"))
  #expect(baselines.allSatisfy { $0 > top && $0 < bottom + 12 })
  // Beyond the first twelve, highlighted columns are grey and the note says so.
  #expect(document.elements(named: "polyline").filter { $0.attributes["data-highlighted"] == "true" }.count == 12)
  let note = try #require(document.elements(withClass: "note").first)
  #expect(note.text.contains("3 highlighted beyond the first 12"))
}

// MARK: - Geometry

@Test func crossValidationLinesSitAtTheirLambdaOnTheAxis() throws {
  let data = SyntheticPath()
  let document = parsed(try data.plot().svg())
  let errors = panel(document, "cross-validation")
  let lines = errors.filter { $0.hasClass("marker") }
  #expect(lines.map { $0.attributes["data-kind"] } == ["lambda.min", "lambda.1se"])
  let expected = [data.curve.lambdaMin, data.curve.lambdaOneStandardError]
  #expect(data.curve.lambdaMin < data.curve.lambdaOneStandardError)
  for (line, lambda) in zip(lines, expected) {
    #expect(line.number("data-lambda") == lambda)
    let x = try #require(line.number("x1"))
    #expect(line.number("x2") == x)
    // From the drawn ticks, independently of the renderer's scale.
    let fromTicks = try tickX(log(lambda), in: errors, document: document)
    #expect(abs(x - fromTicks) < 0.02, "\(line.attributes["data-kind"] ?? "") at \(x), ticks say \(fromTicks)")
    // From the domain written on the plot area (reversed: the lower end on the right).
    let area = try #require(errors.first { $0.hasClass("plot-area") })
    let left = try #require(area.number("x"))
    let right = try left + #require(area.number("width"))
    let lower = try #require(area.number("data-x-lower"))
    let upper = try #require(area.number("data-x-upper"))
    #expect(area.attributes["data-x-reversed"] == "true")
    #expect(abs(x - (right - (log(lambda) - lower) / (upper - lower) * (right - left))) < 0.006)
  }
  // The larger λ (lambda.1se) is on the left.
  #expect(try #require(lines[1].number("x1")) < #require(lines[0].number("x1")))
  // The CV point at lambda.min is on its line and is the lowest point.
  let points = errors.filter { $0.hasClass("cv-point") }
  let best = try #require(points.first { $0.number("data-lambda") == data.curve.lambdaMin })
  let circle = try #require(document.children(of: best, named: "circle").first)
  #expect(circle.number("cx") == lines[0].number("x1"))
  let lowest = try points.map { try #require(document.children(of: $0, named: "circle").first?.number("cy")) }.max()
  #expect(circle.number("cy") == lowest)
}

@Test func pathMarkersSitAtTheirLambdaOnTheAxis() throws {
  let data = SyntheticPath()
  // One marker outside the grid: the axis widens to show it.
  let markers: [LassoPathPlot.Marker] = [.init(label: "plug-in λ", lambda: 0.05), .init(label: "outside", lambda: 5)]
  let document = parsed(try data.plot(crossValidation: false, markers: markers).svg())
  #expect(panel(document, "cross-validation").isEmpty)
  #expect(document.root?.number("width") == 640)
  let path = panel(document, "path")
  let lines = path.filter { $0.hasClass("marker") }
  #expect(lines.count == 2)
  for (line, marker) in zip(lines, markers) {
    let x = try #require(line.number("x1"))
    #expect(abs(x - (try tickX(log(marker.lambda), in: path, document: document))) < 0.02)
  }
  let labels = path.filter { $0.hasClass("marker-label") }.map(\.text)
  #expect(labels == ["plug-in λ = 0.05", "outside = 5"])
  // Paths run left to right from the largest λ: x increases along every polyline.
  for polyline in document.elements(named: "polyline") where polyline.hasClass("path") {
    let xs = (polyline.attributes["points"] ?? "").split(separator: " ").compactMap {
      $0.split(separator: ",").first.flatMap { Double($0) }
    }
    #expect(xs.count >= 2)
    #expect(zip(xs, xs.dropFirst()).allSatisfy { $0 < $1 })
  }
}

@Test func strongestPathEndsHighestAndZeroPathsLieOnTheZeroLine() throws {
  let data = SyntheticPath()
  let document = parsed(try data.plot(crossValidation: false).svg())
  let zero = try #require(document.elements(withClass: "zero-line").first?.number("y1"))
  func lastY(_ name: String) throws -> Double {
    let polyline = try #require(document.elements(named: "polyline").first { $0.attributes["data-column"] == name })
    let last = try #require((polyline.attributes["points"] ?? "").split(separator: " ").last)
    return try #require(last.split(separator: ",").last.flatMap { Double($0) })
  }
  // z4 has 0.9, z29 has -0.7: above and below the zero line.
  #expect(try lastY(data.strongNames[0]) < zero)
  #expect(try lastY(data.strongNames[1]) > zero)
  // At the largest λ every coefficient is zero: every path starts on the zero line.
  for polyline in document.elements(named: "polyline") where polyline.hasClass("path") {
    let first = try #require((polyline.attributes["points"] ?? "").split(separator: " ").first)
    #expect(first.split(separator: ",").last.flatMap { Double($0) } == zero)
  }
}

// MARK: - Edge cases

@Test func singleLambdaDrawsDots() throws {
  let plot = LassoPathPlot(
    title: "One λ", lambdas: [0.3], coefficients: [[0.5, 0, -0.2]], columnNames: ["a", "b", "c"],
    highlighted: ["a"], markers: [.init(label: "plug-in λ", lambda: 0.3)],
    crossValidation: Curve(meanErrors: [2], standardErrors: [0.1], lambdaMin: 0.3, lambdaOneStandardError: 0.3))
  let svg = try plot.svg()
  expectNoNonFiniteText(svg)
  let document = parsed(svg)
  let paths = document.elements(named: "polyline").filter { $0.hasClass("path") }
  #expect(paths.count == 3)
  for path in paths {
    let points = (path.attributes["points"] ?? "").split(separator: " ")
    #expect(points.count == 2 && points[0] == points[1])
  }
  #expect(document.elements(withClass: "cv-point").count == 1)
}

@Test func flatDataStillHasAxes() throws {
  let lambdas = [1.0, 0.1, 0.01]
  let plot = LassoPathPlot(
    title: "", lambdas: lambdas, coefficients: Array(repeating: [0, 0], count: 3), columnNames: ["a", "b"],
    highlighted: [],
    crossValidation: Curve(
      meanErrors: [1, 1, 1], standardErrors: [0, 0, 0], lambdaMin: 1, lambdaOneStandardError: 1))
  let svg = try plot.svg()
  expectNoNonFiniteText(svg)
  let document = parsed(svg)
  #expect(document.elements(withClass: "title").isEmpty)
  #expect(document.elements(withClass: "tick").count >= 8)
  #expect(document.elements(withClass: "path-label").isEmpty)
  let note = try #require(document.elements(withClass: "note").first)
  #expect(note.text == "Grey: 2 columns. λ decreases to the right.")
}

@Test func nonFiniteCrossValidationEntriesAreSkipped() throws {
  let lambdas = [1.0, 0.5, 0.25, 0.125]
  let plot = LassoPathPlot(
    title: "", lambdas: lambdas, coefficients: [[0], [0.1], [0.2], [0.3]], columnNames: ["a"], highlighted: ["a"],
    crossValidation: Curve(
      meanErrors: [2, .nan, 1.5, .infinity], standardErrors: [0.1, 0.1, .nan, 0.1], lambdaMin: 0.25,
      lambdaOneStandardError: 1))
  let svg = try plot.svg()
  expectNoNonFiniteText(svg)
  let document = parsed(svg)
  let points = document.elements(withClass: "cv-point")
  #expect(points.compactMap { $0.number("data-lambda") } == [1, 0.25])
  #expect(points.map { $0.attributes["data-sd"] } == ["0.1", nil])

  let none = LassoPathPlot(
    title: "", lambdas: [1, 0.5], coefficients: [[0], [1]], columnNames: ["a"], highlighted: [],
    crossValidation: Curve(meanErrors: [.nan, .nan], standardErrors: [1, 1], lambdaMin: 1, lambdaOneStandardError: 1))
  let empty = parsed(try none.svg())
  #expect(empty.elements(withClass: "cv-point").isEmpty)
  #expect(empty.elements(withClass: "empty").first?.text == "No finite cross-validated errors")
}

@Test func manyColumnsGiveACompactDocument() throws {
  let data = SyntheticPath(columns: 200, count: 100, seed: 11)
  let svg = try data.plot().svg()
  let document = parsed(svg)
  #expect(document.elements(named: "polyline").filter { $0.hasClass("path") }.count == 200)
  #expect(svg.utf8.count < 400_000, "\(svg.utf8.count) bytes")
  // Every coordinate has at most two decimals.
  for polyline in document.elements(named: "polyline") {
    for number in (polyline.attributes["points"] ?? "").split(whereSeparator: { $0 == " " || $0 == "," }) {
      let decimals = number.split(separator: ".").dropFirst().first?.count ?? 0
      #expect(decimals <= 2 && Double(number) != nil, "\(number)")
    }
  }
  #expect(try data.plot().svg() == svg)
}

@Test func pathPlotTextStaysInsideTheDocument() throws {
  let long = String(repeating: "long_name_", count: 10)
  var data = SyntheticPath(columns: 20, count: 30)
  data.names = data.names.map { $0 + long }
  data.strongNames = data.strongNames.map { $0 + long }
  for width in [480.0, 960, 1500] {
    var plot = data.plot(markers: [.init(label: long, lambda: 0.1), .init(label: "b", lambda: 0.11)])
    plot.width = width
    plot.title = long + long
    let document = parsed(try plot.svg())
    let height = try #require(document.root?.number("height"))
    for text in document.elements(named: "text") where text.attributes["transform"] == nil {
      let x = try #require(text.number("x"))
      let y = try #require(text.number("y"))
      let size = text.number("font-size") ?? 12
      let extent = TextMetrics.width(of: text.text, fontSize: size, bold: text.attributes["font-weight"] == "bold")
      let (left, right): (Double, Double) =
        switch text.attributes["text-anchor"] {
        case "end": (x - extent, x)
        case "middle": (x - extent / 2, x + extent / 2)
        default: (x, x + extent)
        }
      #expect(left >= 0 && right <= width, "\(text.text) spans \(left)…\(right) in \(width)")
      #expect(y - size >= 0 && y <= height, "\(text.text) at y = \(y)")
    }
    // Marker labels in one row do not overlap.
    let labels = document.elements(withClass: "marker-label")
    #expect(labels.count == 4)
    for (i, a) in labels.enumerated() {
      for b in labels.dropFirst(i + 1) where a.attributes["y"] == b.attributes["y"] {
        let aStart = try #require(a.number("x"))
        let bStart = try #require(b.number("x"))
        let aEnd = aStart + TextMetrics.width(of: a.text, fontSize: 10.5)
        let bEnd = bStart + TextMetrics.width(of: b.text, fontSize: 10.5)
        #expect(aEnd <= bStart || bEnd <= aStart, "\(a.text) overlaps \(b.text)")
      }
    }
  }
}

// MARK: - Errors

@Test func invalidDataThrowsTypedErrors() {
  let names = ["a", "b"]
  let rows: [[Double]] = [[0, 0], [0.1, 0]]
  func plot(
    lambdas: [Double] = [1, 0.5], coefficients: [[Double]] = rows, columnNames: [String] = names,
    highlighted: [String] = ["a"], markers: [LassoPathPlot.Marker] = [], curve: Curve? = nil
  ) -> LassoPathPlot {
    LassoPathPlot(
      title: "t", lambdas: lambdas, coefficients: coefficients, columnNames: columnNames, highlighted: highlighted,
      markers: markers, crossValidation: curve)
  }
  #expect(throws: LassoPathPlotError.noLambdas) { try plot(lambdas: [], coefficients: []).svg() }
  #expect(throws: LassoPathPlotError.noColumns) { try plot(coefficients: [[], []], columnNames: [], highlighted: []).svg() }
  #expect(throws: LassoPathPlotError.invalidLambda(what: "lambdas[1]", value: 0)) { try plot(lambdas: [1, 0]).svg() }
  #expect(throws: LassoPathPlotError.invalidLambda(what: "lambdas[0]", value: -1)) { try plot(lambdas: [-1, 1]).svg() }
  #expect(throws: LassoPathPlotError.invalidLambda(what: "lambdas[0]", value: .infinity)) {
    try plot(lambdas: [.infinity, 1]).svg()
  }
  #expect(throws: LassoPathPlotError.self) { try plot(lambdas: [.nan, 1]).svg() }
  #expect(throws: LassoPathPlotError.mismatchedSizes(what: "coefficients (rows)", expected: 2, found: 1)) {
    try plot(coefficients: [[0, 0]]).svg()
  }
  #expect(throws: LassoPathPlotError.mismatchedSizes(what: "coefficients[1]", expected: 2, found: 3)) {
    try plot(coefficients: [[0, 0], [0, 0, 0]]).svg()
  }
  #expect(throws: LassoPathPlotError.nonFiniteCoefficient(lambdaIndex: 1, column: "b", value: -.infinity)) {
    try plot(coefficients: [[0, 0], [0, -.infinity]]).svg()
  }
  #expect(throws: LassoPathPlotError.self) { try plot(coefficients: [[.nan, 0], [0, 0]]).svg() }
  #expect(throws: LassoPathPlotError.duplicateColumnName("a")) { try plot(columnNames: ["a", "a"]).svg() }
  #expect(throws: LassoPathPlotError.unknownHighlightedColumn("c")) { try plot(highlighted: ["a", "c"]).svg() }
  #expect(throws: LassoPathPlotError.invalidLambda(what: "marker \"plug-in λ\"", value: 0)) {
    try plot(markers: [.init(label: "plug-in λ", lambda: 0)]).svg()
  }
  let good = Curve(meanErrors: [1, 2], standardErrors: [0.1, 0.1], lambdaMin: 1, lambdaOneStandardError: 1)
  #expect(throws: Never.self) { try plot(curve: good).svg() }
  #expect(throws: LassoPathPlotError.mismatchedSizes(what: "meanErrors", expected: 2, found: 1)) {
    try plot(curve: Curve(meanErrors: [1], standardErrors: [0.1, 0.1], lambdaMin: 1, lambdaOneStandardError: 1))
      .svg()
  }
  #expect(throws: LassoPathPlotError.mismatchedSizes(what: "standardErrors", expected: 2, found: 3)) {
    try plot(curve: Curve(meanErrors: [1, 2], standardErrors: [0, 0, 0], lambdaMin: 1, lambdaOneStandardError: 1))
      .svg()
  }
  #expect(throws: LassoPathPlotError.invalidLambda(what: "lambdaOneStandardError", value: -2)) {
    try plot(curve: Curve(meanErrors: [1, 2], standardErrors: [0, 0], lambdaMin: 1, lambdaOneStandardError: -2))
      .svg()
  }
  #expect(throws: LassoPathPlotError.self) {
    try plot(curve: Curve(meanErrors: [1, 2], standardErrors: [0, 0], lambdaMin: .nan, lambdaOneStandardError: 1))
      .svg()
  }
  #expect(LassoPathPlotError.unknownHighlightedColumn("c").description.contains("\"c\""))
}
