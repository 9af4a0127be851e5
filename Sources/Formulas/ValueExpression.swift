#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// An arithmetic expression over numeric columns: the inside of `I(…)`, the
/// argument of `log(…)`, or a dependent variable.
indirect enum ValueExpression: Sendable, Equatable {
  /// A numeric column, with the offset of its name in the formula.
  case variable(String, offset: Int)
  /// A numeric literal, kept as written for printing.
  case number(Double, text: String)
  /// `-e` (or `+e`, kept for faithful printing).
  case negate(ValueExpression)
  case plus(ValueExpression)
  /// A binary operation.
  case binary(BinaryOperator, ValueExpression, ValueExpression)
  /// A call of an elementwise function, spelled as written (`np.log`).
  case call(MathFunction, spelledAs: String, ValueExpression)

  /// The binary arithmetic operators, with Python's precedences.
  enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "**"

    var precedence: Int {
      switch self {
      case .add, .subtract: 1
      case .multiply, .divide: 2
      case .power: 4
      }
    }

    func apply(_ a: Double, _ b: Double) -> Double {
      switch self {
      case .add: a + b
      case .subtract: a - b
      case .multiply: a * b
      case .divide: a / b
      case .power: pow(a, b)
      }
    }
  }

  /// The column names the expression reads, in order of first appearance.
  var variables: [(name: String, offset: Int)] {
    var seen: Set<String> = []
    var result: [(name: String, offset: Int)] = []
    func visit(_ e: ValueExpression) {
      switch e {
      case .variable(let name, let offset):
        if seen.insert(name).inserted { result.append((name, offset)) }
      case .number: break
      case .negate(let inner), .plus(let inner), .call(_, _, let inner): visit(inner)
      case .binary(_, let l, let r):
        visit(l)
        visit(r)
      }
    }
    visit(self)
    return result
  }

  /// The expression printed the way Python's `ast.unparse` (and so formulaic) prints it.
  var text: String { render(parentPrecedence: 0) }

  private func render(parentPrecedence: Int, rightOfPower: Bool = false) -> String {
    switch self {
    case .variable(let name, _): return name
    case .number(let value, let text):
      // Python's ast.unparse prints integers as written and floats by repr (1.50 → 1.5, 1e1 → 10.0).
      return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "\(value)" : text
    case .negate(let inner), .plus(let inner):
      let sign = if case .negate = self { "-" } else { "+" }
      let body = sign + inner.render(parentPrecedence: 3)
      // A unary operand of ** is parenthesised on either side: (-x) ** 2, x ** (-1).
      return parentPrecedence > 3 || rightOfPower ? "(\(body))" : body
    case .call(_, let spelling, let argument):
      return "\(spelling)(\(argument.render(parentPrecedence: 0)))"
    case .binary(let op, let l, let r):
      let p = op.precedence
      let left: String
      let right: String
      if op == .power {
        // Right-associative: the left operand needs parentheses at equal precedence.
        left = l.render(parentPrecedence: p + 1)
        right = r.render(parentPrecedence: p, rightOfPower: true)
      } else {
        left = l.render(parentPrecedence: p)
        right = r.render(parentPrecedence: p + 1)
      }
      let body = "\(left) \(op.rawValue) \(right)"
      return p < parentPrecedence ? "(\(body))" : body
    }
  }

  /// Evaluates the expression on every row, given a lookup for numeric columns.
  func evaluate(count: Int, column: (String) -> [Double]) -> [Double] {
    switch self {
    case .variable(let name, _):
      return column(name)
    case .number(let value, _):
      return [Double](repeating: value, count: count)
    case .negate(let inner):
      return inner.evaluate(count: count, column: column).map { -$0 }
    case .plus(let inner):
      return inner.evaluate(count: count, column: column)
    case .call(let function, _, let argument):
      return argument.evaluate(count: count, column: column).map(function.apply)
    case .binary(let op, let l, let r):
      let a = l.evaluate(count: count, column: column)
      let b = r.evaluate(count: count, column: column)
      var out = [Double](repeating: 0, count: count)
      for i in 0..<count { out[i] = op.apply(a[i], b[i]) }
      return out
    }
  }
}

/// The elementwise functions a formula may call.
enum MathFunction: String, Sendable, CaseIterable {
  case log, log1p, exp, sqrt, abs, log10, log2

  func apply(_ x: Double) -> Double {
    switch self {
    case .log: Glibc_log(x)
    case .log1p: Glibc_log1p(x)
    case .exp: Glibc_exp(x)
    case .sqrt: x.squareRoot()
    case .abs: Swift.abs(x)
    case .log10: Glibc_log10(x)
    case .log2: Glibc_log2(x)
    }
  }

  /// Resolves `log`, `np.log`, `numpy.log`, `math.log` and the like.
  static func named(_ spelling: String) -> MathFunction? {
    var name = Substring(spelling)
    for prefix in ["np.", "numpy.", "math."] where name.hasPrefix(prefix) {
      name = name.dropFirst(prefix.count)
    }
    return MathFunction(rawValue: String(name))
  }
}

// libm wrappers with distinct names, so the enum cases above do not shadow them.
@inline(__always) private func Glibc_log(_ x: Double) -> Double { log(x) }
@inline(__always) private func Glibc_log1p(_ x: Double) -> Double { log1p(x) }
@inline(__always) private func Glibc_exp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func Glibc_log10(_ x: Double) -> Double { log10(x) }
@inline(__always) private func Glibc_log2(_ x: Double) -> Double { log2(x) }
