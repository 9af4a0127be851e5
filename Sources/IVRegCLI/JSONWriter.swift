/// A minimal JSON emitter that keeps keys in insertion order (so parameter maps
/// follow the model's parameter order) and writes non-finite numbers as `null`.
enum JSONValue {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Pretty-printed text with two-space indentation.
  func render(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .number(let value):
      // Swift prints the shortest string that round-trips, as Python's repr does.
      return value.isFinite ? "\(value)" : "null"
    case .integer(let value): return "\(value)"
    case .string(let value): return Self.quote(value)
    case .bool(let value): return value ? "true" : "false"
    case .null: return "null"
    case .array(let values):
      if values.isEmpty { return "[]" }
      if values.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
        return "[" + values.map { $0.render() }.joined(separator: ", ") + "]"
      }
      return "[\n" + values.map { inner + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + pad + "]"
    case .object(let members):
      if members.isEmpty { return "{}" }
      return "{\n"
        + members.map { inner + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n")
        + "\n" + pad + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
