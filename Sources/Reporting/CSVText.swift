/// CSV field formatting (RFC 4180) for the tidy outputs.
public enum CSVText {
  /// A field, quoted when it holds a comma, a quote or a line break.
  public static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingQuotes() + "\""
  }

  /// A number in its shortest round-trip form, or `NA` when it is not finite (R's
  /// `write.csv`; pandas reads `NA` as missing).
  public static func number(_ v: Double) -> String {
    v.isFinite ? "\(v)" : "NA"
  }
}

extension String {
  fileprivate func replacingQuotes() -> String {
    var out = ""
    for character in self {
      if character == "\"" { out += "\"\"" } else { out.append(character) }
    }
    return out
  }
}
