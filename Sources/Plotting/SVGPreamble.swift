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

  /// What follows the opening in the panel renderers: the `<desc>`, a white background and,
  /// at `titleBaseline`, the visible title truncated to the plot's width (the whole title
  /// in a tooltip when cut).
  static func heading(description: String, title: String, titleBaseline: Double?, width: Double) -> [String] {
    let c = NumberFormat.coordinate
    var out = [
      "<desc>\(XML.escaped(description)).</desc>",
      "<rect class=\"background\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>",
    ]
    if let baseline = titleBaseline {
      let shown = TextMetrics.truncated(
        title, toWidth: width - 2 * SVGRenderer.margin, fontSize: SVGRenderer.titleSize, bold: true)
      let tooltip = shown == title ? "" : "<title>\(XML.escaped(title))</title>"
      out.append(
        "<text class=\"title\" x=\"\(c(SVGRenderer.margin))\" y=\"\(c(baseline))\" font-size=\"\(c(SVGRenderer.titleSize))\" font-weight=\"bold\" fill=\"#1A1A1A\">\(tooltip)\(XML.escaped(shown))</text>"
      )
    }
    return out
  }
}
