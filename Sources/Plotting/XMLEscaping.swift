/// XML escaping for text content and attribute values.
enum XML {
  /// `text` safe inside XML 1.0 text or a double- or single-quoted attribute value.
  ///
  /// Escapes `& < > " '`, writes tab, line feed and carriage return as character
  /// references (so that attribute values keep them rather than being normalised to
  /// spaces), and replaces characters XML 1.0 forbids even as references (other C0
  /// controls, U+FFFE, U+FFFF) with U+FFFD.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t": result += "&#9;"
      case "\n": result += "&#10;"
      case "\r": result += "&#13;"
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }
}
