import Tabular
import TestSupport
import Testing

/// A table with every kind of column the conditions meet: numbers with a missing
/// value, labels with a missing value, labels that look like numbers, and names
/// that need backticks.
private func sampleTable() throws -> DataTable {
  try DataTable(columns: [
    ("age", .numeric([15, 30, 45, .nan, 18, 60])),
    ("income", .numeric([0, 2.5, 1e4, 3, .nan, -1])),
    ("region", .categorical(CategoricalColumn(labels: ["north", "south", nil, "North", "south", "east"]))),
    ("home", .categorical(CategoricalColumn(labels: ["north", "north", "west", "south", nil, "east"]))),
    ("code", .categorical(CategoricalColumn(labels: ["1", "2", "10", "2", "1", nil]))),
    ("my col", .numeric([1, 2, 3, 4, 5, 6])),
    ("and", .numeric([0, 1, 0, 1, 0, 1])),
    ("quote", .categorical(CategoricalColumn(labels: ["it's", "say \"hi\"", "back\\slash", "a", "b", "c"]))),
  ])
}

/// The rows `condition` keeps in `table`.
private func rows(_ condition: String, in table: DataTable) throws -> [Int] {
  try RowCondition(parsing: condition).evaluate(on: table).rows
}

/// The error `condition` throws (parsing, then evaluating on `table`), or `nil`.
private func error(_ condition: String, table: DataTable? = nil) -> RowConditionError? {
  do {
    let parsed = try RowCondition(parsing: condition)
    if let table { _ = try parsed.evaluate(on: table) }
    return nil
  } catch {
    return error
  }
}

@Suite("Row conditions: parsing")
struct RowConditionParsingTests {
  @Test("precedence: comparison, then not, then and, then or", arguments: [
    ("a == 1 or b == 2 and not c == 3", "a == 1 or (b == 2 and not c == 3)"),
    ("a == 1 and b == 2 or c == 3", "(a == 1 and b == 2) or c == 3"),
    ("(a == 1 or b == 2) and c == 3", "(a == 1 or b == 2) and c == 3"),
    ("not a == 1 and b == 2", "not a == 1 and b == 2"),
    ("not (a == 1 and b == 2)", "not (a == 1 and b == 2)"),
    ("!a == 1", "not a == 1"),
    ("! ! a == 1", "not not a == 1"),
    ("a == 1 & b == 2 | c == 3", "(a == 1 and b == 2) or c == 3"),
    ("a == 1 && b == 2 || c == 3", "(a == 1 and b == 2) or c == 3"),
    ("a == 1 AND NOT b == 2 OR c == 3", "(a == 1 and not b == 2) or c == 3"),
    ("a==1&b!=2", "a == 1 and b != 2"),
    ("((a == 1))", "a == 1"),
    ("a == 1 or (b == 2 or c == 3)", "a == 1 or (b == 2 or c == 3)"),
    ("a < 1 or a <= 2 or a > 3 or a >= 4 or a != 5", "a < 1 or a <= 2 or a > 3 or a >= 4 or a != 5"),
    ("TRUE and True and true or FALSE or False or false", "(TRUE and TRUE and TRUE) or FALSE or FALSE or FALSE"),
    ("is.na(x) | !is.na(`y z`)", "is.na(x) or not is.na(`y z`)"),
    ("\tx\n==\r\n'a'  ", "x == 'a'"),
  ])
  func precedence(condition: String, canonical: String) throws {
    let parsed = try RowCondition(parsing: condition)
    #expect(parsed.description == canonical)
    // The canonical form is a fixed point.
    #expect(try RowCondition(parsing: canonical).description == canonical)
  }

  @Test func treeShape() throws {
    let parsed = try RowCondition(parsing: "a == 1 or b < 'x' and not c >= -2")
    guard case .or(let parts) = parsed.expression, parts.count == 2,
      case .comparison(let first) = parts[0], case .and(let conjuncts) = parts[1], conjuncts.count == 2,
      case .comparison(let second) = conjuncts[0], case .not(.comparison(let third)) = conjuncts[1]
    else {
      Issue.record("unexpected tree \(parsed.expression)")
      return
    }
    #expect(first == RowCondition.Comparison(
      left: .column("a", .init(offset: 0, length: 1)), op: .equal, right: .number(1, .init(offset: 5, length: 1)),
      span: .init(offset: 0, length: 6)))
    #expect(second.right == .string("x", .init(offset: 14, length: 3)))
    #expect(second.op == .less)
    #expect(third.op == .greaterOrEqual)
    #expect(third.right == .number(-2, .init(offset: 31, length: 2)))
    #expect(third.span == .init(offset: 26, length: 7))
  }

  @Test("number literals", arguments: [
    ("x == 3", 3.0), ("x == 2.5", 2.5), ("x == .5", 0.5), ("x == 5.", 5), ("x == 1e3", 1000),
    ("x == 1.5E-2", 0.015), ("x == 2e+2", 200), ("x == -4", -4), ("x == - 4.25", -4.25), ("x == +7", 7),
    ("x == 007", 7), ("x == 1e999", .infinity), ("x == -1e999", -.infinity),
  ])
  func numbers(condition: String, value: Double) throws {
    guard case .comparison(let c) = try RowCondition(parsing: condition).expression,
      case .number(let parsed, _) = c.right
    else {
      Issue.record("not a number comparison: \(condition)")
      return
    }
    #expect(parsed == value)
  }

  @Test("string literals and escapes", arguments: [
    ("x == 'a b'", "a b"), ("x == \"a b\"", "a b"), ("x == 'it\\'s'", "it's"), ("x == \"it's\"", "it's"),
    ("x == \"say \\\"hi\\\"\"", "say \"hi\""), ("x == 'back\\\\slash'", "back\\slash"), ("x == ''", ""),
    ("x == 'tab\\there'", "tab\there"), ("x == 'new\\nline'", "new\nline"), ("x == 'caf\u{E9} 東京'", "caf\u{E9} 東京"),
    ("x == '\\q'", "q"), ("x == 'a and b or (c)'", "a and b or (c)"),
  ])
  func strings(condition: String, value: String) throws {
    let parsed = try RowCondition(parsing: condition)
    guard case .comparison(let c) = parsed.expression, case .string(let text, _) = c.right else {
      Issue.record("not a string comparison: \(condition)")
      return
    }
    #expect(text == value)
    #expect(try RowCondition(parsing: parsed.description).expression.description == parsed.description)
  }

  @Test("column names", arguments: [
    ("x == 1", "x"), ("log.income == 1", "log.income"), ("_x2 == 1", "_x2"), (".hidden == 1", ".hidden"),
    ("`my col` == 1", "my col"), ("`and` == 1", "and"), ("`a\\`b` == 1", "a`b"), ("caf\u{E9} == 1", "caf\u{E9}"),
    ("`1st` == 1", "1st"), ("`NA` == 1", "NA"),
  ])
  func columnNames(condition: String, name: String) throws {
    let parsed = try RowCondition(parsing: condition)
    #expect(parsed.columnNames == [name])
    #expect(try RowCondition(parsing: parsed.description).columnNames == [name])
  }

  @Test func canonicalSpellingQuotesWhatNeedsIt() throws {
    let parsed = try RowCondition(parsing: "`my col` > -0.25 and `and` != 'it\\'s' or `NA` == 1e21 or is.na(`is.na`)")
    #expect(parsed.description == "(`my col` > -0.25 and `and` != 'it\\'s') or `NA` == 1e+21 or is.na(`is.na`)")
    #expect(parsed.columnNames == ["my col", "and", "NA", "is.na"])
  }

  @Test func literalsMayBeOnEitherSideAndColumnsOnBoth() throws {
    #expect(try RowCondition(parsing: "3 < x").description == "3 < x")
    #expect(try RowCondition(parsing: "'a' == g").description == "'a' == g")
    #expect(try RowCondition(parsing: "x >= y").columnNames == ["x", "y"])
    #expect(try RowCondition(parsing: "1 == 1").columnNames.isEmpty)
  }

  @Test func nestingUpToTheLimitParses() throws {
    let limit = RowCondition.maximumNesting
    let deep = String(repeating: "(", count: limit) + "x == 1" + String(repeating: ")", count: limit)
    #expect(try RowCondition(parsing: deep).description == "x == 1")
    let nots = String(repeating: "!", count: limit) + "x == 1"
    #expect(try RowCondition(parsing: nots).description.hasPrefix("not not"))
  }

  @Test func longFlatChainsDoNotNest() throws {
    let chain = (0..<5_000).map { "x == \($0)" }.joined(separator: " or ")
    let condition = try RowCondition(parsing: chain)
    guard case .or(let parts) = condition.expression else {
      Issue.record("not an or")
      return
    }
    #expect(parts.count == 5_000)
    let table = try DataTable(columns: [("x", .numeric([3, 4_999, 5_000, .nan]))])
    let selection = try condition.evaluate(on: table)
    #expect(selection == RowSelection(rows: [0, 1], falseCount: 1, unknownCount: 1))
  }
}

@Suite("Row conditions: evaluation")
struct RowConditionEvaluationTests {
  @Test("numeric comparisons", arguments: [
    ("age == 30", [1]), ("age != 30", [0, 2, 4, 5]), ("age < 30", [0, 4]), ("age <= 30", [0, 1, 4]),
    ("age > 30", [2, 5]), ("age >= 30", [1, 2, 5]),
    ("30 == age", [1]), ("30 != age", [0, 2, 4, 5]), ("30 > age", [0, 4]), ("30 >= age", [0, 1, 4]),
    ("30 < age", [2, 5]), ("30 <= age", [1, 2, 5]),
    ("income < 0", [5]), ("income > -1", [0, 1, 2, 3]), ("income == 1e4", [2]), ("income == 2.5", [1]),
    ("age > income", [0, 1, 5]), ("`my col` >= 5", [4, 5]), ("`and` == 1", [1, 3, 5]),
  ])
  func numeric(condition: String, expected: [Int]) throws {
    #expect(try rows(condition, in: sampleTable()) == expected)
  }

  @Test("label comparisons", arguments: [
    ("region == 'south'", [1, 4]), ("region != 'south'", [0, 3, 5]), ("region == \"North\"", [3]),
    ("region == 'North '", []), ("'south' == region", [1, 4]),
    // String order: upper case before lower case, as in the sorted levels.
    ("region < 'north'", [3, 5]), ("region <= 'north'", [0, 3, 5]), ("region > 'north'", [1, 4]),
    ("region >= 'north'", [0, 1, 4]), ("'north' > region", [3, 5]),
    ("region == home", [0, 5]), ("region != home", [1, 3]), ("region < home", [3]),
    ("code == '2'", [1, 3]), ("code < '2'", [0, 2, 4]),
    ("quote == 'it\\'s'", [0]), ("quote == \"it's\"", [0]), ("quote == 'say \"hi\"'", [1]),
    ("quote == 'back\\\\slash'", [2]),
  ])
  func labels(condition: String, expected: [Int]) throws {
    #expect(try rows(condition, in: sampleTable()) == expected)
  }

  @Test("constants and is.na", arguments: [
    ("TRUE", [0, 1, 2, 3, 4, 5]), ("FALSE", []), ("not FALSE", [0, 1, 2, 3, 4, 5]),
    ("1 < 2", [0, 1, 2, 3, 4, 5]), ("'b' < 'a'", []), ("is.na(age)", [3]), ("!is.na(age)", [0, 1, 2, 4, 5]),
    ("is.na(region) or is.na(home)", [2, 4]), ("is.na(`my col`)", []),
  ])
  func constants(condition: String, expected: [Int]) throws {
    #expect(try rows(condition, in: sampleTable()) == expected)
  }

  @Test func decimalLiteralsMatchTheNumbersReadFromCSV() throws {
    let table = try DataTable(csv: "x\n0.1\n0.3\n1e-3\n-2.50\n")
    #expect(try rows("x == 0.1", in: table) == [0])
    #expect(try rows("x == 0.3", in: table) == [1])
    #expect(try rows("x == 0.001", in: table) == [2])
    #expect(try rows("x == -2.5", in: table) == [3])
  }

  /// R's three-valued logic, row by row: p and q run through TRUE, FALSE and NA.
  @Test("three-valued logic", arguments: [
    // (condition, per row: T = true, F = false, N = unknown)
    ("p == 1", "TTTFFFNNN"), ("q == 1", "TFNTFNTFN"),
    ("p == 1 and q == 1", "TFNFFFNFN"), ("p == 1 or q == 1", "TTTTFNTNN"),
    ("not p == 1", "FFFTTTNNN"), ("not (p == 1 and q == 1)", "FTNTTTNTN"),
    ("p == 1 & TRUE", "TTTFFFNNN"), ("p == 1 | TRUE", "TTTTTTTTT"), ("p == 1 & FALSE", "FFFFFFFFF"),
    ("is.na(p) or p == 1", "TTTFFFTTT"), ("p == q", "TFNFTNNNN"),
  ])
  func threeValuedLogic(condition: String, truth: String) throws {
    let table = try DataTable(columns: [
      ("p", .numeric([1, 1, 1, 0, 0, 0, .nan, .nan, .nan])),
      ("q", .numeric([1, 0, .nan, 1, 0, .nan, 1, 0, .nan])),
    ])
    let parsed = try RowCondition(parsing: condition)
    let kept = Set(try parsed.evaluate(on: table).rows)
    // The rows where the condition is false are those its negation keeps.
    let negated = try RowCondition(parsing: "not (\(condition))")
    let falseRows = Set(try negated.evaluate(on: table).rows)
    let observed = String((0..<9).map { kept.contains($0) ? "T" : falseRows.contains($0) ? "F" : "N" })
    #expect(observed == truth)
    let selection = try parsed.evaluate(on: table)
    #expect(selection.falseCount == truth.filter { $0 == "F" }.count)
    #expect(selection.unknownCount == truth.filter { $0 == "N" }.count)
  }

  @Test func missingLabelsAreUnknown() throws {
    let selection = try RowCondition(parsing: "region != 'east'").evaluate(on: sampleTable())
    #expect(selection.rows == [0, 1, 3, 4])
    #expect(selection.falseCount == 1)
    #expect(selection.unknownCount == 1)
  }

  @Test func countsAndSummary() throws {
    let table = try sampleTable()
    let selection = try RowCondition(parsing: "age >= 18 and region != 'north'").evaluate(on: table)
    // Rows: 15 (false), 30 south (true), 45 NA-region (unknown), NA-age North (unknown), 18 south (true), 60 east (true).
    #expect(selection.rows == [1, 4, 5])
    #expect(selection.falseCount == 1)
    #expect(selection.unknownCount == 2)
    #expect(selection.keptCount == 3)
    #expect(selection.droppedCount == 3)
    #expect(selection.totalCount == 6)
    #expect(selection.description == "kept 3 of 6 rows (1 false, 2 unknown because of missing values)")
    #expect(
      RowSelection(rows: Array(0..<812), falseCount: 176, unknownCount: 12).description
        == "kept 812 of 1000 rows (176 false, 12 unknown because of missing values)")
    #expect(RowSelection(rows: [0, 1], falseCount: 3, unknownCount: 0).description == "kept 2 of 5 rows (3 false)")
    #expect(
      RowSelection(rows: [], falseCount: 0, unknownCount: 1).description
        == "kept 0 of 1 row (1 unknown because of missing values)")
    #expect(RowSelection(rows: [0, 1], falseCount: 0, unknownCount: 0).description == "kept 2 of 2 rows")
  }

  @Test func subsetKeepsSourceLinesAndLevels() throws {
    let table = try DataTable(csv: "x,g\n1,a\n\n2,b\nNA,a\n4,c\n")
    #expect(table.sourceLines == [2, 4, 5, 6])
    let (subset, selection) = try table.subset(where: RowCondition(parsing: "x >= 2"))
    #expect(selection == RowSelection(rows: [1, 3], falseCount: 1, unknownCount: 1))
    #expect(subset.rowCount == 2)
    #expect(subset.sourceLines == [4, 6])
    #expect(subset["x"] == .numeric([2, 4]))
    guard case .categorical(let g) = subset["g"] else {
      Issue.record("g is not categorical")
      return
    }
    #expect(g.levels == ["a", "b", "c"])
    #expect(g.codes == [1, 2])
  }

  @Test func subsetKeepingEveryRowReturnsTheTable() throws {
    let table = try DataTable(csv: "x\n1\n2\n")
    let (subset, selection) = try table.subset(where: RowCondition(parsing: "TRUE"))
    #expect(subset == table)
    #expect(subset.sourceLines == table.sourceLines)
    #expect(selection.description == "kept 2 of 2 rows")
  }

  @Test func emptyTable() throws {
    let table = try DataTable(csv: "x,g\n")
    let (subset, selection) = try table.subset(where: RowCondition(parsing: "x > 1 or is.na(g)"))
    #expect(subset.rowCount == 0)
    #expect(selection == RowSelection(rows: [], falseCount: 0, unknownCount: 0))
  }

  @Test func columnNamesAreCheckedBeforeAnyRow() throws {
    // The unknown column is on the right of an `or` whose left side is always true.
    #expect(error("TRUE or agee > 1", table: try sampleTable()) != nil)
    #expect(error("FALSE and region == 1", table: try sampleTable()) != nil)
  }
}

@Suite("Row conditions: errors")
struct RowConditionErrorTests {
  /// The message and caret diagram for `condition` on the sample table.
  func message(_ condition: String) -> String {
    guard let table = try? sampleTable() else { return "no table" }
    guard let error = error(condition, table: table) else { return "no error" }
    return error.description + "\n" + error.caretDiagram(for: condition)
  }

  @Test("messages", arguments: [
    ("", "subset column 1: the condition is empty\n  \n  ^"),
    ("   ", "subset column 1: the condition is empty\n     \n  ^"),
    ("age > 1 $ 2", "subset column 9: unexpected character '$'\n  age > 1 $ 2\n          ^"),
    ("age > 1, income < 2", "subset column 8: unexpected ','; combine conditions with 'and' (or '&')\n  age > 1, income < 2\n         ^"),
    ("age > 1.2.3", "subset column 7: malformed number '1.2.3'\n  age > 1.2.3\n        ^"),
    ("age > 3x", "subset column 7: malformed number '3x'\n  age > 3x\n        ^"),
    ("region == 'north", "subset column 11: the string opened with ' here is never closed (write \\' for a quote inside it)\n  region == 'north\n            ^"),
    ("region == \"north\\\"", "subset column 11: the string opened with \" here is never closed (write \\\" for a quote inside it)\n  region == \"north\\\"\n            ^"),
    ("`my col > 1", "subset column 1: the column name quoted with ` here is never closed\n  `my col > 1\n  ^"),
    ("`` == 1", "subset column 1: empty column name between backticks\n  `` == 1\n  ^"),
    ("age = 1", "subset column 5: '=' is not a comparison; write '==' to test equality\n  age = 1\n      ^"),
    ("region %in% c('a')", "subset column 8: '%in%' is not supported; combine comparisons instead, as in x == 'a' or x == 'b'\n  region %in% c('a')\n         ^"),
    ("abs(income) < 2", "subset column 1: function 'abs' is not supported; the only function is is.na(column)\n  abs(income) < 2\n  ^"),
    ("age > log10(income)", "subset column 7: function 'log10' is not supported; the only function is is.na(column)\n  age > log10(income)\n        ^"),
    ("`abs`(income) < 2", "subset column 6: expected a comparison operator (==, !=, <, <=, >, >=) after '`abs`', found '('\n  `abs`(income) < 2\n       ^"),
    ("age > 1 adn income < 2", "subset column 9: expected 'and', 'or' or the end of the condition, found 'adn' (did you mean 'and'?)\n  age > 1 adn income < 2\n          ^"),
    ("age > 1 and", "subset column 12: expected a comparison, but the condition ends here\n  age > 1 and\n             ^"),
    ("and age > 1", "subset column 1: expected a comparison, found 'and'\n  and age > 1\n  ^"),
    ("5", "subset column 2: expected a comparison operator (==, !=, <, <=, >, >=) after '5', but the condition ends here\n  5\n   ^"),
    ("age 5", "subset column 5: expected a comparison operator (==, !=, <, <=, >, >=) after 'age', found '5'\n  age 5\n      ^"),
    ("age >", "subset column 6: expected a column, number or string after '>', but the condition ends here\n  age >\n       ^"),
    ("age > -x", "subset column 8: expected a number after '-', found 'x'\n  age > -x\n         ^"),
    ("age == TRUE", "subset column 8: expected a column, number or string after '==' (TRUE is a condition, not a value), found 'TRUE'\n  age == TRUE\n         ^"),
    ("(age > 1", "subset column 1: '(' is never closed\n  (age > 1\n  ^"),
    ("(age > 1 income", "subset column 10: expected 'and', 'or' or ')', found 'income'\n  (age > 1 income\n           ^"),
    ("age > 1)", "subset column 8: ')' has no matching '('\n  age > 1)\n         ^"),
    ("age > )", "subset column 7: ')' has no matching '('\n  age > )\n        ^"),
    ("(age > )", "subset column 8: expected a column, number or string after '>', found ')'\n  (age > )\n         ^"),
    ("age and income > 1", "subset column 1: column 'age' is not a condition by itself; compare it with a value, as in age == 1 or age != 'a'\n  age and income > 1\n  ^"),
    ("(`my col`)", "subset column 2: column 'my col' is not a condition by itself; compare it with a value, as in `my col` == 1 or `my col` != 'a'\n  (`my col`)\n   ^"),
    ("1 < age < 3", "subset column 9: comparisons cannot be chained; write a < x and x < b\n  1 < age < 3\n          ^"),
    ("age == NA", "subset column 8: a comparison with NA is always unknown; test for missing values with is.na(column)\n  age == NA\n         ^"),
    ("is.na(age", "subset column 6: '(' is never closed\n  is.na(age\n       ^"),
    ("is.na(1)", "subset column 7: expected a column name inside is.na(), found '1'\n  is.na(1)\n        ^"),
    ("is.na(age income)", "subset column 11: expected ')' (is.na takes one column), found 'income'\n  is.na(age income)\n            ^"),
    ("age > 1 'a\nb'", "subset column 9: expected 'and', 'or' or the end of the condition, found ''a\\nb''\n  age > 1 'a b'\n          ^"),
    ("age > 1 `x\ny`", "subset column 9: expected 'and', 'or' or the end of the condition, found '`x\\ny`'\n  age > 1 `x y`\n          ^"),
    ("agee > 1", "subset column 1: unknown column 'agee' (did you mean 'age'?)\n  agee > 1\n  ^"),
    ("age > 1 or is.na(regon)", "subset column 18: unknown column 'regon' (did you mean 'region'?)\n  age > 1 or is.na(regon)\n                   ^"),
    ("zzz > 1", "subset column 1: unknown column 'zzz'\n  zzz > 1\n  ^"),
    ("age == '5'", "subset column 8: column 'age' is numeric and cannot be compared with the string '5'; write the number without quotes: 5\n  age == '5'\n         ^"),
    ("'x' < age", "subset column 1: column 'age' is numeric and cannot be compared with the string 'x'\n  'x' < age\n  ^"),
    ("region == 3", "subset column 11: column 'region' is categorical and cannot be compared with the number 3; compare it with a label in quotes: '3'\n  region == 3\n            ^"),
    ("code > -1.5", "subset column 8: column 'code' is categorical (its labels look like numbers but were read as text) and cannot be compared with the number -1.5; compare it with a label in quotes: '-1.5'\n  code > -1.5\n         ^"),
    ("age == region", "subset column 1: cannot compare numeric column 'age' with categorical column 'region'\n  age == region\n  ^"),
    ("region != age", "subset column 1: cannot compare numeric column 'age' with categorical column 'region'\n  region != age\n  ^"),
    ("1 == 'a'", "subset column 1: cannot compare the number 1 with the string 'a'\n  1 == 'a'\n  ^"),
    ("age >\t'x'", "subset column 7: column 'age' is numeric and cannot be compared with the string 'x'\n  age > 'x'\n        ^"),
  ])
  func messages(condition: String, expected: String) {
    #expect(message(condition) == expected)
  }

  @Test func errorsCarryOffsetAndLength() throws {
    let e = error("age > 1 and `my kol` == 2", table: try sampleTable())
    #expect(e == .unknownColumn("my kol", suggestion: "my col", at: .init(offset: 12, length: 8)))
    #expect(e?.offset == 12)
    #expect(e?.length == 8)
    #expect(error("x == 'ab") == .unterminatedQuote(quote: "'", at: .init(offset: 5, length: 3)))
    #expect(error("age == region", table: try sampleTable())?.length == 13)
    #expect(error("x > 1 and") == .unexpectedEnd(expected: "a comparison", at: .init(offset: 9, length: 0)))
    #expect(error("region %in% x") == .unsupportedOperator("%in%", at: .init(offset: 7, length: 4)))
  }

  @Test func nestingBeyondTheLimitIsAnError() {
    let limit = RowCondition.maximumNesting
    let deep = String(repeating: "(", count: limit + 1) + "x == 1" + String(repeating: ")", count: limit + 1)
    #expect(error(deep) == .tooDeeplyNested(limit: limit, at: .init(offset: limit, length: 1)))
    #expect(
      error(deep)?.description == "subset column 201: the condition nests parentheses or 'not' more than 200 levels deep")
    // Far deeper input fails the same way instead of overflowing the stack.
    #expect(error(String(repeating: "(", count: 20_000)) == .tooDeeplyNested(limit: limit, at: .init(offset: limit, length: 1)))
    #expect(error(String(repeating: "not ", count: 20_000) + "x == 1")?.offset == 4 * limit)
    #expect(error(String(repeating: "!(", count: 20_000))?.offset == limit)
  }
}

@Suite("Row conditions: random input")
struct RowConditionFuzzTests {
  static let seeds = [
    "a > 1 and b == 'x'", "not (a <= -2.5e3 or is.na(b))", "`my col` != 3 | b < \"y\" & !TRUE",
    "(a == 1 or (b != 'q' and a >= .5)) and not FALSE", "a == a && b == b || 1 < 2", "b >= 'it\\'s' or a < 1e999",
  ]
  static let fragments = [
    "(", ")", "'", "\"", "`", "\\", "==", "=", "!", "!=", "<", ">=", "&", "||", " and ", " or ", "not ", "is.na(",
    "-", "+", ".", "e", "1", "0.5", "a", "b", "`my col`", "TRUE", "NA", "%in%", "%", ",", "$", "\u{E9}", "東", "🙂",
    " ", "\t", "\n", "x'y", "1e", "..",
  ]

  @Test func mutatedConditionsParseOrThrowButNeverCrash() throws {
    let table = try DataTable(columns: [
      ("a", .numeric([1, .nan, -3, 2e3])),
      ("b", .categorical(CategoricalColumn(labels: ["x", nil, "it's", "z"]))),
      ("my col", .numeric([0, 1, 2, 3])),
    ])
    var rng = SplitMix64(seed: 0x5B5E7)
    var parsed = 0
    var evaluated = 0
    var failed = 0
    for iteration in 0..<4_000 {
      let text = rng.mutated(Self.seeds[iteration % Self.seeds.count], fragments: Self.fragments)
      let count = text.unicodeScalars.count
      do {
        let condition = try RowCondition(parsing: text)
        parsed += 1
        // The canonical form parses back to itself.
        #expect(try RowCondition(parsing: condition.description).description == condition.description, "\(text)")
        do {
          let selection = try condition.evaluate(on: table)
          #expect(selection.totalCount == table.rowCount)
          evaluated += 1
        } catch {
          #expect(error.offset + error.length <= count, "\(text)")
        }
      } catch {
        failed += 1
        #expect(error.offset >= 0 && error.length >= 0 && error.offset + error.length <= count, "\(text): \(error)")
        #expect(!error.description.contains("\n"), "\(text)")
        #expect(error.caretDiagram(for: text).split(separator: "\n", omittingEmptySubsequences: false).count == 2)
      }
    }
    // Both outcomes must be exercised for the test to mean anything.
    #expect(parsed > 250)
    #expect(evaluated > 200)
    #expect(failed > 1_000)
  }
}
