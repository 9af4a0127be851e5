import Foundation
import Plotting
import TestSupport
import Testing

/// `HeatMap`: well-formed, self-contained SVG whose cells carry the numbers exactly.
@Suite("Heat maps")
struct HeatMapTests {
  static let names = ["n0", "n1", "n2"]
  static let estimated: [Double] = [.nan, 17.9, 0.16, 0.8, .nan, 0.45, 0.1, 0.3, .nan]
  static let truth: [Double] = [0, 0.7001057239470767, 0, 0, 0, 0, -0.25, 0, 0]

  static func map(labels: [String] = names) -> HeatMap {
    HeatMap(
      rowLabels: labels, columnLabels: labels,
      panels: [
        .init(
          title: "Granger lrtest, lag 1", values: estimated, legendLabel: "−log10 p",
          outlined: [false, true, false, false, false, false, false, false, false],
          cellLabels: estimated.map { $0.isFinite ? String(format: "%.2f", $0) : "" },
          annotations: [.init(name: "p-value", values: estimated.map { pow(10, -$0) })], limit: 16),
        .init(title: "True connectivity", values: truth, legendLabel: "Weight"),
      ],
      title: "Estimated <& true>", rowAxisLabel: "effect", columnAxisLabel: "cause", note: "Outlined: rejected")
  }

  @Test func wellFormedAndSelfContained() throws {
    let svg = Self.map().svg()
    let document = SVGDocument(svg)
    #expect(document.isWellFormed, "\(document.parseError ?? "")")
    #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(!svg.contains("href"), "no external references")
    #expect(!svg.contains("x=\"nan") && !svg.contains("width=\"nan"), "no NaN coordinates")
    let root = try #require(document.root)
    #expect(root.attributes["data-panel-count"] == "2")
    #expect(root.attributes["data-rows"] == "3")
    #expect(document.elements(withClass: "title").first?.text == "Estimated <& true>")
    #expect(svg == Self.map().svg(), "deterministic")
  }

  @Test func cellsEncodeTheValuesExactly() throws {
    let document = SVGDocument(Self.map().svg())
    let panels = document.elements(withClass: "panel")
    #expect(panels.map { $0.attributes["data-title"] } == ["Granger lrtest, lag 1", "True connectivity"])
    let cells = document.elements(withClass: "cell")
    #expect(cells.count == 18)
    for (index, cell) in cells.enumerated() {
      let panel = index / 9, position = index % 9
      #expect(cell.attributes["data-row"] == Self.names[position / 3])
      #expect(cell.attributes["data-column"] == Self.names[position % 3])
      let expected = (panel == 0 ? Self.estimated : Self.truth)[position]
      let value = try #require(cell.number("data-value"))
      #expect(value == expected || (value.isNaN && expected.isNaN), "cell \(index)")
      #expect(cell.attributes["data-outlined"] == (panel == 0 && position == 1 ? "true" : nil))
      if panel == 0 {
        let p = try #require(cell.number("data-p-value"))
        #expect(p == pow(10, -expected) || (p.isNaN && expected.isNaN))
      }
      #expect(document.title(of: cell)?.hasPrefix("\(Self.names[position / 3]), \(Self.names[position % 3]): ") == true)
    }
    // A missing value is grey, the darkest blue is the limit, and the signed truth is diverging.
    #expect(cells[0].attributes["fill"] == "#E3E3E3")
    #expect(panels[0].attributes["data-scale"] == "sequential" && panels[0].attributes["data-limit"] == "16.0")
    #expect(panels[1].attributes["data-scale"] == "diverging" && panels[1].attributes["data-limit"] == "0.7001057239470767")
    #expect(cells[9 + 1].attributes["fill"] == "#B2182B", "largest positive weight: darkest red")
    #expect(cells[9 + 0].attributes["fill"] == "#F7F7F7", "zero: white")
    let bars = document.elements(withClass: "colour-bar")
    #expect(bars.map { $0.attributes["data-lower"] } == ["0.0", "-0.7001057239470767"])
  }

  @Test func labelsAreEscapedAndLargeGridsDropThem() throws {
    let tricky = ["a<b", "c&d", "\"e\""]
    let document = SVGDocument(Self.map(labels: tricky).svg())
    #expect(document.isWellFormed)
    #expect(document.elements(withClass: "row-label").map(\.text) == tricky + tricky, "labels beside each panel")
    let many = (0..<100).map { "n\($0)" }
    let big = HeatMap(
      rowLabels: many, columnLabels: many,
      panels: [.init(title: "100 × 100", values: (0..<10_000).map { Double($0 % 7) })])
    let bigDocument = SVGDocument(big.svg())
    #expect(bigDocument.isWellFormed)
    #expect(bigDocument.elements(withClass: "cell").count == 10_000)
    #expect(bigDocument.elements(withClass: "row-label").isEmpty, "3.6-pixel rows have no room for labels")
    // Short or empty inputs draw missing cells instead of failing.
    let empty = HeatMap(rowLabels: ["x"], columnLabels: ["x", "y"], panels: [.init(title: "short", values: [])])
    #expect(SVGDocument(empty.svg()).elements(withClass: "cell").map { $0.attributes["data-value"] } == ["nan", "nan"])
    #expect(SVGDocument(HeatMap(rowLabels: [], columnLabels: [], panels: []).svg()).isWellFormed)
  }
}
