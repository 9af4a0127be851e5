/// The opening every plot's SVG document shares: the XML declaration, the `<svg>` element
/// (size, view box, font, `role="img"` and the plot's own `data-` attributes) and the
/// accessible `<title>`.
enum SVGPreamble {
  /// The three opening lines; `attributes` follows `role="img"` after a space.
  static func lines(width: Double, height: Double, attributes: String, title: String) -> [String] {
    let c = NumberFormat.coordinate
    return [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(c(width))\" height=\"\(c(height))\" "
        + "viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"\(XML.escaped(SVGRenderer.fontFamily))\" "
        + "role=\"img\" \(attributes)>",
      "<title>\(XML.escaped(title))</title>",
    ]
  }
}
