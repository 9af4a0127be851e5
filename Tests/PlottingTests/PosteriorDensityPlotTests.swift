import Foundation
import TestSupport
import Testing

@testable import Plotting

@Suite("Posterior density plot")
struct PosteriorDensityPlotTests {
  /// A normal density N(3.3, 0.7²) on 101 points.
  static func plot(markers: [PosteriorDensityPlot.Marker] = []) -> PosteriorDensityPlot {
    let points = (0...100).map { 0.5 + 5.6 * Double($0) / 100 }
    let densities = points.map { exp(-0.5 * pow(($0 - 3.3) / 0.7, 2)) / (0.7 * (2 * Double.pi).squareRoot()) }
    return PosteriorDensityPlot(
      title: "Posterior of the effect", axisLabel: "Effect", points: points, densities: densities,
      interval: .init(label: "94% HDI", lower: 1.98, upper: 4.62), mean: 3.3,
      reference: .init(label: "2SLS", value: 3.2938, lower: 1.8896, upper: 4.6981, intervalLabel: "95% CI"),
      markers: markers, markersLabel: "earlier estimates")
  }

  @Test func documentHoldsTheExactValues() throws {
    let markers = [3.4, 3.6, 4.25, 4.0, 3.9].enumerated().map { PosteriorDensityPlot.Marker(label: "b\($0.offset + 1)", value: $0.element) }
    let svg = try Self.plot(markers: markers).svg()
    let document = SVGDocument(svg)
    #expect(document.isWellFormed, "\(document.parseError ?? "")")
    let interval = try #require(document.elements(withClass: "interval").first)
    #expect(interval.attributes["data-lower"] == "1.98" && interval.attributes["data-upper"] == "4.62")
    let reference = try #require(document.elements(withClass: "reference").first)
    #expect(reference.number("data-value") == 3.2938)
    #expect(reference.number("data-lower") == 1.8896 && reference.number("data-upper") == 4.6981)
    #expect(document.elements(withClass: "marker").compactMap { $0.number("data-value") } == [3.4, 3.6, 4.25, 4.0, 3.9])
    let curve = try #require(document.elements(withClass: "density").first)
    #expect((curve.attributes["points"] ?? "").split(separator: " ").count == 101)
    #expect(document.elements(withClass: "mean").first?.text == "mean 3.3")
    // The ticks cover the reference interval and the curve.
    let ticks = document.elements(withClass: "tick").compactMap { $0.number("data-value") }
    #expect((ticks.min() ?? 9) <= 1.0 && (ticks.max() ?? 0) >= 5.5)
    // Same plot, same bytes.
    #expect(try Self.plot(markers: markers).svg() == svg)
    // Close markers' labels are stacked in rows, so none overlap in a row.
    let labels = document.elements(named: "text").filter { $0.ancestors.last == "g" && $0.text.hasPrefix("b") }
    #expect(labels.count == 5)
    #expect(Set(labels.compactMap { $0.number("y") }).count > 1)
  }

  @Test func withoutOptionalPartsOnlyTheCurve() throws {
    let plain = PosteriorDensityPlot(title: "", points: [0, 1, 2], densities: [0, 1, 0])
    let document = SVGDocument(try plain.svg())
    #expect(document.isWellFormed)
    #expect(document.elements(withClass: "interval").isEmpty)
    #expect(document.elements(withClass: "reference").isEmpty)
    #expect(document.elements(withClass: "legend-item").count == 1)
  }

  @Test func invalidDataIsATypedError() {
    func error(_ plot: PosteriorDensityPlot) -> PosteriorDensityPlotError? {
      do {
        _ = try plot.svg()
        return nil
      } catch { return error }
    }
    #expect(error(PosteriorDensityPlot(title: "", points: [1], densities: [1])) == .tooFewPoints(1))
    #expect(error(PosteriorDensityPlot(title: "", points: [1, 2], densities: [1])) == .mismatchedSizes(points: 2, densities: 1))
    #expect(error(PosteriorDensityPlot(title: "", points: [2, 1], densities: [1, 1])) == .invalidPoint(index: 1, value: 1))
    #expect(error(PosteriorDensityPlot(title: "", points: [1, 2], densities: [1, -1])) == .invalidDensity(index: 1, value: -1))
    #expect(error(PosteriorDensityPlot(title: "", points: [1, 2], densities: [0, 0])) == .zeroDensity)
    var plot = Self.plot()
    plot.interval = .init(label: "x", lower: 3, upper: 2)
    #expect(error(plot) != nil)
    plot = Self.plot()
    plot.reference = .init(label: "r", value: .nan)
    #expect(error(plot) == .invalidValue(what: "reference", value: .nan) || error(plot) != nil)
    plot = Self.plot(markers: [.init(label: "m", value: .infinity)])
    #expect(error(plot) != nil)
  }
}
