import Foundation
import Plotting
import TestSupport
import Testing

private typealias Point = CoefficientPlot.Point
private typealias Series = CoefficientPlot.Series

/// Three models of the app-push experiment; `push_delivered` is missing from OLS and
/// `push_assigned` from IV-2SLS.
private let appPush = CoefficientPlot(
  series: [
    Series(
      name: "OLS",
      points: [
        Point(term: "push_assigned", estimate: 0.5, lower: 0.2, upper: 0.8),
        Point(term: "Intercept", estimate: 10, lower: 9.5, upper: 10.5),
      ]),
    Series(
      name: "IV-2SLS",
      points: [
        Point(term: "push_delivered", estimate: 3.2938, lower: 1.8896, upper: 4.6981),
        Point(term: "Intercept", estimate: 9.8, lower: 9.3, upper: 10.3),
      ]),
    Series(
      name: "IV-LIML",
      points: [
        Point(term: "push_assigned", estimate: 0.45, lower: 0.1, upper: 0.8),
        Point(term: "push_delivered", estimate: 3.35, lower: 1.8, upper: 4.9),
        Point(term: "Intercept", estimate: 9.9, lower: 9.35, upper: 10.45),
      ]),
  ],
  title: "App push notifications")

private func single(_ points: [Point], title: String? = nil) -> CoefficientPlot {
  CoefficientPlot(series: [Series(name: "Model", points: points)], title: title)
}

/// Records an issue unless `svg` parses as XML; returns the parsed document.
@discardableResult
private func parsed(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGDocument {
  let document = SVGDocument(svg)
  #expect(document.parseError == nil, "not well-formed: \(document.parseError ?? "")", sourceLocation: sourceLocation)
  #expect(document.root?.name == "svg", sourceLocation: sourceLocation)
  return document
}

/// Records an issue if `svg` mentions a NaN or an infinity in any spelling.
private func expectNoNonFiniteText(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let lowered = svg.lowercased()
  #expect(!lowered.contains("nan"), sourceLocation: sourceLocation)
  #expect(!lowered.contains("inf"), sourceLocation: sourceLocation)
  #expect(!svg.contains("∞"), sourceLocation: sourceLocation)
}

/// Every numeric geometry attribute of every element, with its name.
private func geometry(_ document: SVGDocument) -> [(name: String, value: String)] {
  let names = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]
  return document.elements.flatMap { element in
    names.compactMap { name in
      element.attributes[name].flatMap { $0.hasSuffix("%") ? nil : (name, $0) }
    }
  }
}

// MARK: - Structure

@Test func documentIsWellFormedWithSizeAndViewBox() throws {
  let svg = appPush.svg()
  #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
  let document = parsed(svg)
  let root = try #require(document.root)
  #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
  let width = try #require(root.number("width"))
  let height = try #require(root.number("height"))
  #expect(width == 720)
  #expect(height > 100 && height < 1000)
  #expect(root.attributes["viewBox"] == "0 0 720 \(root.attributes["height"] ?? "")")
  #expect(document.title(of: root) == "App push notifications")
}

@Test func everyCoordinateIsFiniteAndInsideTheViewBox() throws {
  let plots = [
    appPush, single([Point(term: "x", estimate: 1, lower: 0, upper: 2)]),
    single([Point(term: String(repeating: "long_label_", count: 40), estimate: -3, lower: -5, upper: -1)]),
  ]
  for plot in plots {
    let document = parsed(plot.svg())
    let root = try #require(document.root)
    let width = try #require(root.number("width"))
    let height = try #require(root.number("height"))
    for (name, text) in geometry(document) {
      let value = try #require(Double(text), "\(name)=\(text)")
      #expect(value.isFinite)
      let limit = ["x", "x1", "x2", "cx", "width"].contains(name) ? width : height
      #expect(value >= 0 && value <= limit, "\(name)=\(text) outside 0…\(limit)")
    }
  }
}

@Test func outputIsDeterministic() {
  let first = appPush.svg()
  #expect(appPush.svg() == first)
  var copy = appPush
  copy.series = appPush.series.map { Series(name: $0.name, points: $0.points) }
  #expect(copy.svg() == first)
}

@Test func minimumAndInvalidWidths() throws {
  var plot = single([Point(term: "x", estimate: 1, lower: 0, upper: 2)])
  plot.width = 10
  #expect(try #require(parsed(plot.svg()).root?.number("width")) == 320)
  plot.width = .nan
  #expect(try #require(parsed(plot.svg()).root?.number("width")) == 720)
  plot.width = 1000
  #expect(try #require(parsed(plot.svg()).root?.number("width")) == 1000)
  plot.width = 1e300
  #expect(try #require(parsed(plot.svg()).root?.number("width")) == 20_000)
}

// MARK: - Encoded numbers

@Test func dataAttributesRoundTripExactly() throws {
  let document = parsed(appPush.svg())
  let points = document.points
  let expectedCount = appPush.series.reduce(0) { $0 + $1.points.count }
  #expect(points.count == expectedCount)
  for (index, series) in appPush.series.enumerated() {
    for point in series.points {
      let plotted = try #require(points.first { $0.seriesIndex == index && $0.term == point.term })
      #expect(plotted.series == series.name)
      #expect(plotted.estimate == point.estimate)
      #expect(plotted.lower == point.lower)
      #expect(plotted.upper == point.upper)
      #expect(plotted.estimate.bitPattern == point.estimate.bitPattern)
    }
  }
}

@Test func awkwardValuesRoundTripExactly() throws {
  let values: [Double] = [
    0.1 + 0.2, 1.0 / 3, -2.0 / 3, Double.leastNonzeroMagnitude, 2.2250738585072014e-308, 123_456_789.123_456_79,
    -0.0, 1e22, Double(1 << 53) + 2, .pi,
  ]
  let points = values.enumerated().map { index, value in
    Point(term: "t\(index)", estimate: value, lower: value - value.magnitude / 7, upper: value.nextUp)
  }
  let document = parsed(single(points).svg())
  let plotted = document.points
  #expect(plotted.count == points.count)
  for point in points {
    let found = try #require(plotted.first { $0.term == point.term })
    #expect(found.estimate.bitPattern == point.estimate.bitPattern, "\(point.term)")
    #expect(found.lower?.bitPattern == point.lower.bitPattern, "\(point.term)")
    #expect(found.upper?.bitPattern == point.upper.bitPattern, "\(point.term)")
  }
}

@Test func tooltipsDescribeEachPoint() throws {
  let document = parsed(appPush.svg())
  let delivered = try #require(document.points.first { $0.term == "push_delivered" && $0.seriesIndex == 1 })
  let tooltip = try #require(document.title(of: delivered.element))
  #expect(tooltip == "push_delivered · IV-2SLS\nEstimate: 3.2938\n95% confidence interval: [1.8896, 4.6981]")
  let lone = parsed(single([Point(term: "x", estimate: -0.25)]).svg())
  #expect(lone.points.first.flatMap { lone.title(of: $0.element) } == "x\nEstimate: \u{2212}0.25")
}

// MARK: - Rows and series

@Test func termsFollowFirstAppearanceAcrossSeries() {
  #expect(appPush.terms == ["push_assigned", "Intercept", "push_delivered"])
  let document = parsed(appPush.svg())
  let labels = document.elements(withClass: "term")
  #expect(labels.map { $0.attributes["data-term"] ?? "" } == appPush.terms)
  #expect(labels.map(\.text) == appPush.terms)
  // A term missing from a series has no point for it, and the others keep their slots.
  let points = document.points
  #expect(!points.contains { $0.term == "push_delivered" && $0.seriesIndex == 0 })
  #expect(!points.contains { $0.term == "push_assigned" && $0.seriesIndex == 1 })
  #expect(points.filter { $0.term == "Intercept" }.count == 3)
  #expect(document.root?.attributes["data-term-count"] == "3")
  #expect(document.root?.attributes["data-series-count"] == "3")
}

@Test func seriesAreDodgedWithinTheirRow() throws {
  let document = parsed(appPush.svg())
  let intercepts = document.points.filter { $0.term == "Intercept" }.sorted { $0.seriesIndex < $1.seriesIndex }
  let ys = try intercepts.map { point in
    let line = try #require(document.children(of: point.element, named: "line").first)
    return try #require(line.number("y1"))
  }
  #expect(ys.count == 3)
  #expect(ys[0] < ys[1] && ys[1] < ys[2])
  // Each series has its own colour, shared by its interval and legend entry.
  let colours = try intercepts.map { point in
    try #require(document.children(of: point.element, named: "line").first?.attributes["stroke"])
  }
  #expect(Set(colours).count == 3)
  let legendColours = document.elements(withClass: "legend-item").compactMap {
    document.children(of: $0, named: "line").first?.attributes["stroke"]
  }
  #expect(legendColours == colours)
}

@Test func duplicateTermInASeriesDrawsTheFirstPoint() {
  let plot = single([Point(term: "x", estimate: 1), Point(term: "x", estimate: 2)])
  let points = parsed(plot.svg()).points
  #expect(points.count == 1)
  #expect(points.first?.estimate == 1)
}

@Test func legendOnlyWithSeveralSeries() {
  let one = parsed(single([Point(term: "x", estimate: 1, lower: 0, upper: 2)]).svg())
  #expect(one.elements(withClass: "legend").isEmpty)
  #expect(one.elements(withClass: "legend-item").isEmpty)
  let three = parsed(appPush.svg())
  #expect(three.elements(withClass: "legend").count == 1)
  let items = three.elements(withClass: "legend-item")
  #expect(items.map { $0.attributes["data-series"] ?? "" } == ["OLS", "IV-2SLS", "IV-LIML"])
  #expect(items.map { three.children(of: $0, named: "text").first?.text ?? "" } == ["OLS", "IV-2SLS", "IV-LIML"])
  let two = CoefficientPlot(series: [Series(name: "A", points: []), Series(name: "B", points: [])])
  #expect(parsed(two.svg()).elements(withClass: "legend-item").count == 2)
}

// MARK: - Axis

@Test func zeroLineWhenZeroIsInRange() throws {
  let document = parsed(appPush.svg())
  let zero = try #require(document.elements(withClass: "zero-line").first)
  #expect(document.elements(withClass: "zero-line").count == 1)
  #expect(zero.attributes["stroke-dasharray"] != nil)
  let zeroTick = try #require(document.elements(withClass: "tick").first { $0.number("data-value") == 0 })
  let tickLine = try #require(document.children(of: zeroTick, named: "line").first)
  #expect(zero.attributes["x1"] == tickLine.attributes["x1"])

  let positive = parsed(single([Point(term: "x", estimate: 11, lower: 10, upper: 12)]).svg())
  #expect(positive.elements(withClass: "zero-line").isEmpty)
  let negative = parsed(single([Point(term: "x", estimate: -11, lower: -12, upper: -10)]).svg())
  #expect(negative.elements(withClass: "zero-line").isEmpty)
}

/// Records an issue unless `ticks` are at least two equally spaced multiples of a
/// 1, 2 or 5 × 10^k step within `domain`, and the domain covers `data`.
private func expectNiceTicks(
  _ document: SVGDocument, covering data: [Double], sourceLocation: SourceLocation = #_sourceLocation
) {
  let ticks = document.tickValues
  guard let domain = document.domain, ticks.count >= 2 else {
    Issue.record("\(ticks.count) ticks, domain \(String(describing: document.domain))", sourceLocation: sourceLocation)
    return
  }
  #expect(ticks == ticks.sorted(), sourceLocation: sourceLocation)
  #expect(ticks.allSatisfy { $0 >= domain.lower && $0 <= domain.upper }, sourceLocation: sourceLocation)
  #expect(data.allSatisfy { $0 >= domain.lower && $0 <= domain.upper }, sourceLocation: sourceLocation)
  let step = ticks[1] - ticks[0]
  let power = pow(10, log10(step).rounded(.down))
  let mantissa = step / power
  let nice = [1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 * $0 }
  #expect(nice, "step \(step)", sourceLocation: sourceLocation)
  for tick in ticks {
    let multiple = tick / step
    #expect(abs(multiple - multiple.rounded()) < 1e-6, "tick \(tick) / step \(step)", sourceLocation: sourceLocation)
  }
  for (a, b) in zip(ticks, ticks.dropFirst()) {
    #expect(abs((b - a) - step) <= 1e-9 * step, sourceLocation: sourceLocation)
  }
}

@Test func ticksAreNiceNumbersWithinTheRange() {
  expectNiceTicks(parsed(appPush.svg()), covering: [0.1, 10.5])
  #expect(parsed(appPush.svg()).tickLabels == ["0", "2", "4", "6", "8", "10"])

  var rng = SplitMix64(seed: 0x9_107)
  for _ in 0..<300 {
    let scale = pow(10, Double(Int(rng.next() % 25)) - 12)
    let centre = (Double(rng.next() % 2001) / 1000 - 1) * scale * Double(1 + rng.next() % 100)
    let spread = Double(1 + rng.next() % 1000) / 1000 * scale
    let points = (0..<Int(1 + rng.next() % 5)).map { i in
      let estimate = centre + Double(i) * spread
      return Point(term: "x\(i)", estimate: estimate, lower: estimate - spread, upper: estimate + spread)
    }
    let data = points.flatMap { [$0.lower, $0.estimate, $0.upper] }
    let svg = single(points).svg()
    let document = parsed(svg)
    expectNiceTicks(document, covering: data)
    expectNoNonFiniteText(svg)
  }
}

@Test func tickLabelsForSmallAndLargeMagnitudes() {
  let tiny = single([
    Point(term: "a", estimate: 1.2e-5, lower: 0.4e-5, upper: 2.1e-5),
    Point(term: "b", estimate: -0.7e-5, lower: -1.3e-5, upper: -0.1e-5),
  ])
  let tinyLabels = parsed(tiny.svg()).tickLabels
  #expect(tinyLabels == ["−1.0e−05", "−5.0e−06", "0", "5.0e−06", "1.0e−05", "1.5e−05", "2.0e−05"])

  let huge = single([
    Point(term: "a", estimate: 2.5e8, lower: 1.1e8, upper: 3.9e8),
    Point(term: "b", estimate: 1.5e8, lower: 0.2e8, upper: 2.8e8),
  ])
  let hugeLabels = parsed(huge.svg()).tickLabels
  #expect(hugeLabels.allSatisfy { $0.hasSuffix("e+07") || $0.hasSuffix("e+08") })
  #expect(hugeLabels.contains("1.0e+08"))

  let decimals = single([Point(term: "a", estimate: 0.3, lower: 0.05, upper: 0.55)])
  #expect(parsed(decimals.svg()).tickLabels == ["0.1", "0.2", "0.3", "0.4", "0.5"])
  // One number of decimals for all labels, and a real minus sign.
  let halves = single([Point(term: "a", estimate: 0.5, lower: -1, upper: 2)])
  #expect(parsed(halves.svg()).tickLabels == ["−1.0", "−0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])

  let thousands = single([Point(term: "a", estimate: 3001.89, lower: 2900, upper: 3100)])
  #expect(parsed(thousands.svg()).tickLabels.allSatisfy { !$0.contains("e") && !$0.contains(".") })
}

@Test func tickLabelsDoNotCrowdOnANarrowPlot() throws {
  var plot = single([Point(term: "a", estimate: 1.23456e-7, lower: -4.4e-7, upper: 9.9e-7)])
  plot.width = 320
  let document = parsed(plot.svg())
  let positions = try document.elements(withClass: "tick").map { tick in
    try #require(document.children(of: tick, named: "text").first?.number("x"))
  }
  let widest = document.tickLabels.map { Double($0.count) * 6.5 }.max() ?? 0
  #expect(positions.count >= 2)
  for (a, b) in zip(positions, positions.dropFirst()) { #expect(b - a > widest) }
}

// MARK: - Awkward input

@Test func nonFiniteValuesAreSkippedNeverWritten() throws {
  let plot = CoefficientPlot(
    series: [
      Series(
        name: "A",
        points: [
          Point(term: "ok", estimate: 1, lower: 0.5, upper: 1.5),
          Point(term: "missing estimate", estimate: .nan, lower: 0, upper: 1),
          Point(term: "unbounded estimate", estimate: .infinity, lower: 0, upper: 1),
          Point(term: "missing bound", estimate: 2, lower: .nan, upper: 3),
          Point(term: "unbounded bound", estimate: 2.5, lower: -.infinity, upper: 3),
          Point(term: "no interval", estimate: -1),
        ]),
      Series(name: "B", points: [Point(term: "ok", estimate: -.infinity, lower: .nan, upper: .infinity)]),
    ], title: "Not finite")
  let svg = plot.svg()
  expectNoNonFiniteText(svg)
  let document = parsed(svg)
  let points = document.points
  #expect(points.map(\.term) == ["ok", "missing bound", "unbounded bound", "no interval"])
  #expect(points.allSatisfy { $0.seriesIndex == 0 })
  // Points without a finite interval have no interval line and no bounds.
  for point in points where point.term != "ok" {
    #expect(point.lower == nil && point.upper == nil)
    #expect(document.children(of: point.element, named: "line").isEmpty)
  }
  // Every term keeps its row.
  #expect(document.elements(withClass: "term").count == 6)
  expectNiceTicks(document, covering: [-1, 0.5, 1.5, 2.5])
}

@Test func nothingFiniteToPlot() {
  let svg = single([Point(term: "x", estimate: .nan)]).svg()
  expectNoNonFiniteText(svg)
  let document = parsed(svg)
  #expect(document.points.isEmpty)
  #expect(document.tickValues.isEmpty)
  #expect(document.elements(withClass: "zero-line").isEmpty)
  #expect(document.elements(withClass: "empty").first?.text == "No finite estimates to plot")

  let empty = parsed(CoefficientPlot(series: []).svg())
  #expect(empty.points.isEmpty)
  #expect(empty.elements(withClass: "empty").first?.text == "No estimates to plot")
  #expect(empty.elements(withClass: "note").isEmpty)
}

@Test func degenerateRangeAndSinglePoint() throws {
  let equal = CoefficientPlot(series: [
    Series(name: "A", points: [Point(term: "x", estimate: 2), Point(term: "y", estimate: 2)]),
    Series(name: "B", points: [Point(term: "x", estimate: 2)]),
  ])
  let document = parsed(equal.svg())
  expectNiceTicks(document, covering: [2])
  let domain = try #require(document.domain)
  #expect(domain.lower < 2 && domain.upper > 2)
  // No intervals drawn, so no note about them.
  #expect(document.elements(withClass: "note").isEmpty)

  let zero = parsed(single([Point(term: "x", estimate: 0, lower: 0, upper: 0)]).svg())
  expectNiceTicks(zero, covering: [0])
  #expect(zero.domain.map { $0.lower == -1 && $0.upper == 1 } == true)

  let one = parsed(single([Point(term: "x", estimate: 0.4, lower: 0.1, upper: 0.7)]).svg())
  expectNiceTicks(one, covering: [0.1, 0.7])
  #expect(one.points.count == 1)
  #expect(one.elements(withClass: "note").first?.text == "Horizontal lines: 95% confidence interval")
}

@Test func extremeMagnitudesStayFinite() throws {
  let largest = Double.greatestFiniteMagnitude
  let smallest = Double.leastNonzeroMagnitude
  let cases: [[Point]] = [
    [Point(term: "a", estimate: largest, lower: -largest, upper: largest)],
    [Point(term: "a", estimate: 1e308, lower: 9e307, upper: largest)],
    [Point(term: "a", estimate: smallest, lower: 0, upper: smallest * 2)],
    [Point(term: "a", estimate: -smallest, lower: -smallest * 2024, upper: smallest)],
    [Point(term: "a", estimate: 1, lower: 1, upper: 1.nextUp)],
    [Point(term: "a", estimate: 1e300, lower: -1e-300, upper: 1e300)],
    [Point(term: "a", estimate: 1e-300), Point(term: "b", estimate: 3e-300)],
  ]
  for points in cases {
    let svg = single(points).svg()
    expectNoNonFiniteText(svg)
    let document = parsed(svg)
    #expect(document.points.count == points.count)
    #expect(!document.tickValues.isEmpty)
    for (_, text) in geometry(document) {
      let value = try #require(Double(text))
      #expect(value.isFinite && value >= 0 && value < 10_000)
    }
    let domain = try #require(document.domain)
    #expect(domain.lower < domain.upper && domain.lower.isFinite && domain.upper.isFinite)
  }
}

@Test func specialCharactersAreEscaped() throws {
  let nasty = "a & b < c > d \"e\" 'f' </text><script>x</script>"
  let plot = CoefficientPlot(
    series: [
      Series(name: "M&M's <1>", points: [Point(term: nasty, estimate: 1, lower: 0, upper: 2)]),
      Series(name: "\"quoted\"", points: [Point(term: "tab\there\nnew line", estimate: 2)]),
    ],
    title: "Title & <subtitle>", axisLabel: "β < 0 & \"effect\"", intervalLabel: "90% 'interval'")
  let svg = plot.svg()
  #expect(!svg.contains("<script"))
  #expect(!svg.contains("<subtitle"))
  let document = parsed(svg)
  let points = document.points
  #expect(points.map(\.term) == [nasty, "tab\there\nnew line"])
  #expect(points.map(\.series) == ["M&M's <1>", "\"quoted\""])
  #expect(document.elements(withClass: "term").first?.text == nasty)
  #expect(document.elements(withClass: "title").first?.text == "Title & <subtitle>")
  #expect(document.elements(withClass: "axis-label").first?.text == "β < 0 & \"effect\"")
  #expect(document.elements(withClass: "note").first?.text == "Horizontal lines: 90% 'interval'")
  #expect(document.elements(withClass: "legend-item").map { $0.attributes["data-series"] ?? "" } == ["M&M's <1>", "\"quoted\""])
  let tooltip = try #require(points.first.flatMap { document.title(of: $0.element) })
  #expect(tooltip.hasPrefix(nasty + " · M&M's <1>\n"))
  #expect(tooltip.hasSuffix("90% 'interval': [0, 2]"))
}

@Test func controlCharactersStillGiveWellFormedXML() {
  let plot = single([Point(term: "bell\u{7}null\u{0}escape\u{1B}\u{FFFE}", estimate: 1)])
  let document = parsed(plot.svg())
  #expect(document.points.first?.term == "bell\u{FFFD}null\u{FFFD}escape\u{FFFD}\u{FFFD}")
}

@Test func longLabelsAreShortenedWithTheFullTextInATooltip() throws {
  let long = "C(region, Treatment(reference='north'))[T.south-east & islands] " + String(repeating: "x", count: 200)
  let plot = CoefficientPlot(
    series: [
      Series(name: String(repeating: "A very long model name ", count: 10), points: [Point(term: long, estimate: 1, lower: 0, upper: 2)]),
      Series(name: "B", points: [Point(term: "short", estimate: 1.5, lower: 1, upper: 2)]),
    ],
    title: String(repeating: "A long title ", count: 30))
  let document = parsed(plot.svg())
  let label = try #require(document.elements(withClass: "term").first)
  #expect(label.attributes["data-term"] == long)
  #expect(label.text.hasSuffix("…"))
  #expect(label.text.count < 80)
  #expect(document.title(of: label) == long)
  let title = try #require(document.elements(withClass: "title").first)
  #expect(title.text.hasSuffix("…"))
  #expect(document.title(of: title) == plot.title)
  // The label column takes at most about 40 % of the width, leaving room to plot.
  let area = try #require(document.elements(withClass: "plot-area").first)
  #expect(try #require(area.number("x")) < 0.45 * 720)
  #expect(try #require(area.number("width")) > 0.45 * 720)
  let legendLabel = try #require(document.elements(withClass: "legend-item").first)
  #expect(document.children(of: legendLabel, named: "text").first?.text.hasSuffix("…") == true)
  #expect(document.title(of: legendLabel) == plot.series[0].name)
}

@Test func randomPlotsAreWellFormedAndExact() throws {
  let specials: [Double] = [
    .nan, .infinity, -.infinity, 0, -0.0, Double.leastNormalMagnitude / 100, 1e308, -1e308, 1, -1,
  ]
  var rng = SplitMix64(seed: 0x5EED)
  func value() -> Double {
    switch rng.next() % 4 {
    case 0: return specials[Int(rng.next() % UInt64(specials.count))]
    case 1: return Double(bitPattern: rng.next())
    default: return (Double(rng.next() % 2_000_001) / 1_000_000 - 1) * 10
    }
  }
  let alphabet = Array("ab_&<>\"' é中\n")
  for _ in 0..<200 {
    let series = (0..<Int(rng.next() % 4)).map { s in
      Series(
        name: "s\(s)",
        points: (0..<Int(rng.next() % 6)).map { _ in
          let term = String((0..<Int(1 + rng.next() % 6)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
          return Point(term: term, estimate: value(), lower: value(), upper: value())
        })
    }
    let plot = CoefficientPlot(series: series)
    let svg = plot.svg()
    expectNoNonFiniteText(svg)
    let document = parsed(svg)
    for point in document.points {
      let input = try #require(plot.series[point.seriesIndex].points.first { $0.term == point.term })
      #expect(point.estimate.bitPattern == input.estimate.bitPattern)
      if input.hasInterval {
        #expect(point.lower?.bitPattern == input.lower.bitPattern)
        #expect(point.upper?.bitPattern == input.upper.bitPattern)
      } else {
        #expect(point.lower == nil && point.upper == nil)
      }
    }
    // Only a term's first point in a series counts.
    var drawable = 0
    for series in plot.series {
      var seen: Set<String> = []
      for point in series.points where seen.insert(point.term).inserted && point.isDrawable { drawable += 1 }
    }
    #expect(document.points.count == drawable)
  }
}
