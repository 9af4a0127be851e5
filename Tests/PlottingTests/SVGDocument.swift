import Foundation
import Plotting

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG document parsed with Foundation's `XMLParser`: every element in document order
/// with its attributes and direct text, or the parser's error.
struct SVGDocument {
  struct Element {
    var name: String
    var attributes: [String: String]
    /// The element's own character data (not its children's).
    var text: String
    /// The names of the enclosing elements, outermost first.
    var ancestors: [String]
    /// The indices (in `elements`) of the direct children.
    var children: [Int]

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    func hasClass(_ name: String) -> Bool { classes.contains(name) }
  }

  var elements: [Element] = []
  var parseError: String?

  init(_ svg: String) {
    let collector = Collector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    parser.shouldProcessNamespaces = false
    if !parser.parse() {
      parseError = parser.parserError.map { "\($0)" } ?? "unknown parse error"
    }
    elements = collector.elements
  }

  var isWellFormed: Bool { parseError == nil && !elements.isEmpty }
  var root: Element? { elements.first }

  func elements(named name: String) -> [Element] { elements.filter { $0.name == name } }
  func elements(withClass name: String) -> [Element] { elements.filter { $0.hasClass(name) } }

  /// The children of `element` named `name`.
  func children(of element: Element, named name: String) -> [Element] {
    element.children.map { elements[$0] }.filter { $0.name == name }
  }

  /// The text of `element`'s `<title>` child, if it has one.
  func title(of element: Element) -> String? { children(of: element, named: "title").first?.text }

  private final class Collector: NSObject, XMLParserDelegate {
    var elements: [Element] = []
    var stack: [Int] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      let index = elements.count
      if let parent = stack.last { elements[parent].children.append(index) }
      elements.append(
        Element(
          name: elementName, attributes: attributeDict, text: "",
          ancestors: stack.map { elements[$0].name }, children: []))
      stack.append(index)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if let current = stack.last { elements[current].text += string }
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
      _ = stack.popLast()
    }
  }
}

/// The plotted points of `document` keyed by series index and term.
struct PlottedPoint {
  var term: String
  var series: String
  var seriesIndex: Int
  var estimate: Double
  var lower: Double?
  var upper: Double?
  var element: SVGDocument.Element
}

extension SVGDocument {
  var points: [PlottedPoint] {
    elements(withClass: "point").compactMap { element in
      guard let term = element.attributes["data-term"], let series = element.attributes["data-series"],
        let index = element.attributes["data-series-index"].flatMap({ Int($0) }),
        let estimate = element.number("data-estimate")
      else { return nil }
      return PlottedPoint(
        term: term, series: series, seriesIndex: index, estimate: estimate,
        lower: element.number("data-lower"), upper: element.number("data-upper"), element: element)
    }
  }

  var tickValues: [Double] { elements(withClass: "tick").compactMap { $0.number("data-value") } }

  var tickLabels: [String] {
    elements(withClass: "tick").compactMap { children(of: $0, named: "text").first?.text }
  }

  /// The axis domain written on the plot area.
  var domain: (lower: Double, upper: Double)? {
    guard let area = elements(withClass: "plot-area").first, let lower = area.number("data-lower"),
      let upper = area.number("data-upper")
    else { return nil }
    return (lower, upper)
  }
}
