/// A condition on the rows of a ``DataTable``, written in a small expression
/// language: what `ivreg --subset` takes, like R's `subset =`.
///
/// ```swift
/// let condition = try RowCondition(parsing: "age >= 18 and region != 'north'")
/// let (adults, selection) = try table.subset(where: condition)
/// print(selection)   // kept 812 of 1000 rows (176 false, 12 unknown because of missing values)
/// ```
///
/// The language (see `Documentation/Subset.md`): comparisons `==` `!=` `<` `<=`
/// `>` `>=` between columns, numbers and quoted strings; `is.na(column)`; `TRUE`
/// and `FALSE`; `not`/`!`, `and`/`&`/`&&`, `or`/`|`/`||` and parentheses.
/// Comparisons bind tightest, then `not`, then `and`, then `or`, as in R.
///
/// Parsing needs no data; column names and types are checked by
/// ``evaluate(on:)``. A comparison with a missing value is unknown, `and`, `or`
/// and `not` follow R's three-valued logic, and only rows where the condition is
/// true are kept.
public struct RowCondition: Sendable, Equatable, CustomStringConvertible {
  /// The text the condition was parsed from; error positions refer to it.
  public let text: String
  /// The parsed expression.
  public let expression: Expression

  /// Parses `text`.
  ///
  /// - Throws: ``RowConditionError`` for a syntax error, pointing at the offending
  ///   part of `text`.
  public init(parsing text: String) throws(RowConditionError) {
    let tokens = try RowConditionLexer.tokenize(text)
    var parser = RowConditionParser(tokens: tokens)
    self.text = text
    self.expression = try parser.parseCondition()
  }

  /// The columns the condition names, each once, in order of first appearance.
  public var columnNames: [String] {
    var names: [String] = []
    var seen: Set<String> = []
    func visit(_ operand: Operand) {
      if case .column(let name, _) = operand, seen.insert(name).inserted { names.append(name) }
    }
    func visit(_ expression: Expression) {
      switch expression {
      case .comparison(let comparison):
        visit(comparison.left)
        visit(comparison.right)
      case .isMissing(let name, _):
        if seen.insert(name).inserted { names.append(name) }
      case .constant: break
      case .not(let inner): visit(inner)
      case .and(let parts), .or(let parts): for part in parts { visit(part) }
      }
    }
    visit(expression)
    return names
  }

  /// The condition in canonical form, which parses back to the same expression:
  /// one space around operators, `and`/`or`/`not` spelled as words, `TRUE` and
  /// `FALSE`, strings in single quotes, backticks only for names that need them,
  /// and parentheses around every `and` or `or` that is part of another one or
  /// negated.
  public var description: String { expression.description }

  /// How deeply parentheses and `not` may nest; deeper input is a
  /// ``RowConditionError/tooDeeplyNested(limit:at:)`` rather than a stack overflow.
  public static let maximumNesting = 200
}

extension RowCondition {
  /// A part of the condition text: `length` Unicode scalars from `offset` (zero-based).
  public struct Span: Sendable, Hashable {
    /// Zero-based position, in Unicode scalars, of the first character.
    public let offset: Int
    /// The number of Unicode scalars covered (0 at the end of the text).
    public let length: Int

    /// Creates a span.
    public init(offset: Int, length: Int) {
      self.offset = offset
      self.length = length
    }
  }

  /// A comparison operator.
  public enum ComparisonOperator: String, Sendable, CaseIterable {
    /// `==`
    case equal = "=="
    /// `!=`
    case notEqual = "!="
    /// `<`
    case less = "<"
    /// `<=`
    case lessOrEqual = "<="
    /// `>`
    case greater = ">"
    /// `>=`
    case greaterOrEqual = ">="

    /// Whether `lhs op rhs` holds for two comparable values.
    func holds<T: Comparable>(_ lhs: T, _ rhs: T) -> Bool {
      switch self {
      case .equal: lhs == rhs
      case .notEqual: lhs != rhs
      case .less: lhs < rhs
      case .lessOrEqual: lhs <= rhs
      case .greater: lhs > rhs
      case .greaterOrEqual: lhs >= rhs
      }
    }
  }

  /// One side of a comparison.
  public enum Operand: Sendable, Equatable, CustomStringConvertible {
    /// A column, by name (bare or backtick-quoted in the text).
    case column(String, Span)
    /// A number literal, sign included.
    case number(Double, Span)
    /// A string literal, without its quotes and with escapes resolved.
    case string(String, Span)

    /// Where the operand is in the condition text.
    public var span: Span {
      switch self {
      case .column(_, let span), .number(_, let span), .string(_, let span): span
      }
    }

    /// The operand as the language writes it (columns backtick-quoted when needed).
    public var description: String {
      switch self {
      case .column(let name, _): RowConditionLexer.canonicalColumnName(name)
      case .number(let value, _): RowConditionLexer.canonicalNumber(value)
      case .string(let value, _): RowConditionLexer.quotedString(value)
      }
    }
  }

  /// `left op right`.
  public struct Comparison: Sendable, Equatable, CustomStringConvertible {
    /// The left operand.
    public let left: Operand
    /// The operator.
    public let op: ComparisonOperator
    /// The right operand.
    public let right: Operand
    /// The whole comparison in the condition text.
    public let span: Span

    /// Creates a comparison.
    public init(left: Operand, op: ComparisonOperator, right: Operand, span: Span) {
      self.left = left
      self.op = op
      self.right = right
      self.span = span
    }

    /// `left op right`, canonically spelled.
    public var description: String { "\(left) \(op.rawValue) \(right)" }
  }

  /// A parsed condition: a tree of comparisons joined by `and`, `or` and `not`.
  ///
  /// A chain `a and b and c` is one ``and(_:)`` with three parts (likewise `or`),
  /// so only parentheses and `not` make the tree deeper; the parser limits that
  /// depth to ``RowCondition/maximumNesting``.
  public indirect enum Expression: Sendable, Equatable, CustomStringConvertible {
    /// A comparison.
    case comparison(Comparison)
    /// `is.na(column)`: true where the named column's value is missing, false elsewhere.
    case isMissing(String, Span)
    /// `TRUE` or `FALSE`.
    case constant(Bool)
    /// `not x`.
    case not(Expression)
    /// `a and b and …` (at least two parts).
    case and([Expression])
    /// `a or b or …` (at least two parts).
    case or([Expression])

    /// The expression canonically spelled (see ``RowCondition/description``).
    public var description: String {
      switch self {
      case .comparison(let comparison): comparison.description
      case .isMissing(let name, _): "is.na(\(RowConditionLexer.canonicalColumnName(name)))"
      case .constant(let value): value ? "TRUE" : "FALSE"
      case .not(let inner):
        "not \(inner.parenthesizedIfList)"
      case .and(let parts):
        parts.map(\.parenthesizedIfList).joined(separator: " and ")
      case .or(let parts):
        parts.map(\.parenthesizedIfList).joined(separator: " or ")
      }
    }

    /// The description, in parentheses when the expression is an `and` or `or`.
    private var parenthesizedIfList: String {
      switch self {
      case .and, .or: "(\(description))"
      default: description
      }
    }
  }
}
