@testable import Plotting
import Testing

@Test func significantDigitsLikePrintfG() {
  let cases: [(Double, String)] = [
    (3.2938456, "3.2938"), (69.292, "69.292"), (-0.25, "−0.25"), (0, "0"), (-0.0, "0"),
    (1, "1"), (10, "10"), (9.99996, "10"), (123_456, "1.2346e+05"), (99_999.4, "99999"),
    (0.000_123_4, "0.0001234"), (0.000_012_345_67, "1.2346e−05"), (1.5e-300, "1.5e−300"), (0.000_099_999_99, "0.0001"),
    (2.5e8, "2.5e+08"), (-7e-7, "−7e−07"),
  ]
  for (value, expected) in cases {
    #expect(NumberFormat.significant(value) == expected, "\(value)")
  }
  // Magnitudes too extreme to scale fall back to Swift's shortest form, never `inf`.
  #expect(NumberFormat.significant(Double.greatestFiniteMagnitude) == "1.7976931348623157e+308")
  #expect(NumberFormat.significant(-Double.leastNonzeroMagnitude) == "−5e−324")
}

@Test func tickLabelsShareOneFormat() {
  func labels(_ mantissas: [Int], exponent: Int) -> [String] {
    NumberFormat.tickLabels(mantissas.map { DecimalNumber(mantissa: $0, exponent: exponent) })
  }
  #expect(labels([0, 20, 40, 60], exponent: 0) == ["0", "20", "40", "60"])
  #expect(labels([0, 2, 4], exponent: 1) == ["0", "20", "40"])
  #expect(labels([-5, 0, 5, 10], exponent: -1) == ["−0.5", "0.0", "0.5", "1.0"])
  #expect(labels([1, 2, 3], exponent: -4) == ["0.0001", "0.0002", "0.0003"])
  #expect(labels([-10, -5, 0, 5, 10, 15], exponent: -6) == ["−1.0e−05", "−5.0e−06", "0", "5.0e−06", "1.0e−05", "1.5e−05"])
  #expect(labels([1, 2, 3], exponent: 6) == ["1e+06", "2e+06", "3e+06"])
  #expect(labels([5, 10, 15], exponent: 5) == ["5.0e+05", "1.0e+06", "1.5e+06"])
  #expect(labels([2, 4], exponent: 307) == ["2e+307", "4e+307"])
}

@Test func coordinatesHaveAtMostTwoDecimals() {
  #expect(NumberFormat.coordinate(12) == "12")
  #expect(NumberFormat.coordinate(12.345) == "12.35" || NumberFormat.coordinate(12.345) == "12.34")
  #expect(NumberFormat.coordinate(0.5) == "0.5")
  #expect(NumberFormat.coordinate(-3.1) == "-3.1")
  #expect(NumberFormat.coordinate(.nan) == "0")
  #expect(NumberFormat.coordinate(.infinity) == "0")
  #expect(NumberFormat.coordinate(1e300) == "0")
}

@Test func truncationKeepsWholeCharacters() {
  let flag = "🇳🇴"
  let text = String(repeating: "e\u{301}\(flag)", count: 50)
  let shortened = TextMetrics.truncated(text, toWidth: 100, fontSize: 12)
  #expect(shortened.hasSuffix("…"))
  #expect(text.hasPrefix(String(shortened.dropLast())))
  #expect(TextMetrics.width(of: shortened, fontSize: 12) <= 100)
  #expect(TextMetrics.truncated("short", toWidth: 100, fontSize: 12) == "short")
  // Helvetica metrics: "Intercept" at 12 px is about 49 px wide.
  let width = TextMetrics.width(of: "Intercept", fontSize: 12)
  #expect(width > 45 && width < 53)
}

@Test func axisDomainHandlesDegenerateAndExtremeData() {
  #expect(AxisScale.domain(of: []) == (-1, 1))
  #expect(AxisScale.domain(of: [.nan, .infinity]) == (-1, 1))
  #expect(AxisScale.domain(of: [0]) == (-1, 1))
  let two = AxisScale.domain(of: [2])
  #expect(two.lower == 1.8 && two.upper == 2.2)
  let padded = AxisScale.domain(of: [0, 10])
  #expect(padded.lower == -0.5 && padded.upper == 10.5)
  let widest = AxisScale.domain(of: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude])
  #expect(widest.lower == -Double.greatestFiniteMagnitude && widest.upper == Double.greatestFiniteMagnitude)
}

@Test func textStaysInsideTheDocument() throws {
  let long = String(repeating: "A long name ", count: 12)
  for width in [320.0, 720, 1200] {
    let plot = CoefficientPlot(
      series: (0..<5).map { index in
        CoefficientPlot.Series(
          name: "\(index) " + long,
          points: [
            .init(term: long, estimate: -1.2345e-7 * Double(index), lower: -2e-6, upper: 3e-6),
            .init(term: "short", estimate: 1e-7),
          ])
      },
      title: long + long, axisLabel: long, width: width)
    let document = SVGDocument(plot.svg())
    #expect(document.parseError == nil)
    var checked = 0
    for text in document.elements(named: "text") {
      let x = try #require(text.number("x"))
      let size = text.number("font-size") ?? 12
      let extent = TextMetrics.width(of: text.text, fontSize: size, bold: text.attributes["font-weight"] == "bold")
      let anchor = text.attributes["text-anchor"] ?? (text.hasClass("term") ? "end" : "start")
      let (left, right): (Double, Double) =
        switch anchor {
        case "end": (x - extent, x)
        case "middle": (x - extent / 2, x + extent / 2)
        default: (x, x + extent)
        }
      #expect(left >= 0 && right <= width, "\(text.text) spans \(left)…\(right) in \(width)")
      checked += 1
    }
    #expect(checked > 10)
  }
}

@Test func verticalAxesSpaceTicksByLineHeight() {
  // Side by side, "0.2"-style labels allow 0.5 steps on 300 px; stacked they need only
  // two lines of height, so a vertical axis of the same length gets the finer 0.2 steps.
  let horizontal = AxisScale(values: [0, 1], length: 300, fontSize: 11)
  let vertical = AxisScale(values: [0, 1], length: 300, fontSize: 11, vertical: true)
  #expect(horizontal.ticks.map(\.label) == ["0.0", "0.5", "1.0"])
  #expect(vertical.ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  for length in [60.0, 120, 300, 900] {
    let scale = AxisScale(values: [-3, 7], length: length, fontSize: 11, vertical: true)
    let span = scale.upper - scale.lower
    for (low, high) in zip(scale.ticks, scale.ticks.dropFirst()) {
      #expect((high.value - low.value) / span * length >= 22, "\(length): \(low.label)…\(high.label)")
    }
  }
}
