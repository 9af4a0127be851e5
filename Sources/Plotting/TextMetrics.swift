/// Estimated text widths for laying out labels without a font engine.
///
/// Uses Helvetica's advance widths (shared by Arial and Liberation Sans, the fonts the SVG
/// asks for) for ASCII, 0.6 em for other characters, 1 em for East Asian wide characters
/// and emoji, and nothing for combining marks.
enum TextMetrics {
  /// Helvetica advance widths in thousandths of an em for ASCII 32–126.
  private static let asciiWidths: [Int] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space–/
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556,  // 0–9
    278, 278, 584, 584, 584, 556, 1015,  // :–@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,  // A–M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611,  // N–Z
    278, 278, 278, 469, 556, 333,  // [–`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833,  // a–m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500,  // n–z
    334, 260, 334, 584,  // {–~
  ]

  /// The advance width of `scalar` in em.
  static func advance(of scalar: Unicode.Scalar) -> Double {
    let value = Int(scalar.value)
    if value >= 32 && value <= 126 {
      let index = value - 32
      if index < asciiWidths.count { return Double(asciiWidths[index]) / 1000 }
      return 0.6
    }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return 0
    default: break
    }
    let wideRanges: [ClosedRange<Int>] = [
      0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD,
    ]
    if wideRanges.contains(where: { $0.contains(value) }) { return 1 }
    return 0.6
  }

  /// The estimated width of `text` in pixels at `fontSize` pixels, bold text about 10 % wider.
  static func width(of text: String, fontSize: Double, bold: Bool = false) -> Double {
    let ems = text.unicodeScalars.reduce(0) { $0 + advance(of: $1) }
    return ems * fontSize * (bold ? 1.1 : 1)
  }

  /// `text` shortened with a trailing ellipsis so that its estimated width is at most
  /// `maximumWidth`, cutting between characters (grapheme clusters); `text` itself when
  /// it fits.
  static func truncated(_ text: String, toWidth maximumWidth: Double, fontSize: Double, bold: Bool = false)
    -> String
  {
    if width(of: text, fontSize: fontSize, bold: bold) <= maximumWidth { return text }
    let ellipsis = "…"
    let budget = maximumWidth - width(of: ellipsis, fontSize: fontSize, bold: bold)
    var kept = ""
    var used = 0.0
    for character in text {
      let characterWidth = width(of: String(character), fontSize: fontSize, bold: bold)
      if used + characterWidth > budget { break }
      kept.append(character)
      used += characterWidth
    }
    while kept.last == " " { kept.removeLast() }
    return kept + ellipsis
  }
}
