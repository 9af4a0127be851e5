import Foundation
import TestSupport
import Testing

/// Issue 9's adversarial inputs through the built `ivreg` binary: every bad file,
/// formula or option ends with exit 1 (data or model) or 64 (usage), nothing on
/// standard output, and a first line `Error: …` that names the problem and its place
/// (at most an excerpt or a caret line after it); none traps or hangs. The cases
/// `CommandEndToEndTests` already covers (ragged row, unterminated quote, collinear
/// regressors, under-identification, a single cluster, `--level 1.5`, an endogenous
/// variable as its own instrument) are not repeated here.
@Suite("ivreg on adversarial input", .serialized, .timeLimit(.minutes(2)))
struct AdversarialInputTests {
  /// A scratch directory with the awkward files.
  static let scratch: URL = {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ivreg-adversarial-\(UUID())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var rng = SplitMix64(seed: 0xBAD)
    let garbage = (0..<4096).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    let megabytes = 1_000_000
    var files: [(String, Data)] = [
      ("plain.csv", Data("y,x\n1,2\n2,3\n3,5\n4,4\n5,7\n".utf8)),
      ("bom_crlf.csv", Data([0xEF, 0xBB, 0xBF] + Array("y,x\r\n1,2\r\n2,3\r\n3,5\r\n4,4\r\n5,7\r\n".utf8))),
      ("header_only.csv", Data("y,x\n".utf8)),
      ("empty.csv", Data()),
      ("garbage.csv", Data(garbage)),
      ("long_number.csv", Data("y,x\n1,".utf8 + Array(repeating: UInt8(ascii: "9"), count: megabytes) + [0x0A])),
      ("long_ragged.csv", Data("y,x\n".utf8 + Array(repeating: UInt8(ascii: ","), count: megabytes) + [0x0A])),
      ("long_header.csv", Data(Array(repeating: UInt8(ascii: "a"), count: megabytes))),
      ("duplicate.csv", Data("y,x,x\n1,2,3\n2,3,4\n3,5,6\n".utf8)),
      ("thousands.csv", Data("y,x\n1,\"1,000\"\n2,\"2,500\"\n3,\"3,100\"\n4,\"5,000\"\n".utf8)),
      ("decimal_comma.csv", Data("y,x\n1,\"1,5\"\n2,\"2,5\"\n3,\"3,1\"\n4,\"5,0\"\n".utf8)),
      ("inf.csv", Data("y,x\n1,inf\n2,3\n3,5\n4,6\n5,1\n".utf8)),
      ("minus_inf.csv", Data("y,x\n1,2\n2,-inf\n3,5\n4,6\n5,1\n".utf8)),
      ("overflow.csv", Data("y,x\n1,2\n2,3\n3,1e400\n4,6\n5,1\n".utf8)),
      ("stray_word.csv", Data("y,x\n1,2\n2,3\n3,oops\n4,6\n5,7\n".utf8)),
      ("all_missing.csv", Data("y,x,w\n1,NA,1\n2,,2\n3,NA,4\n4,NA,3\n".utf8)),
      ("nonpositive.csv", Data("y,x\n1,-1\n2,3\n3,5\n4,6\n".utf8)),
      ("iv.csv", Data("y,x,z,c\n1,2,1,1\n2,3,0,1\n3,5,1,1\n4,4,0,1\n5,7,1,1\n6,6,0,1\n".utf8)),
      ("two_rows.csv", Data("y,x\n1,2\n2,3\n".utf8)),
      ("cluster_missing.csv", Data("y,x,g\n1,2,a\n2,3,a\n3,5,\n4,4,b\n5,7,b\n6,6,NA\n".utf8)),
      ("exact.csv", Data("y,x\n7,0\n13,3\n19,6\n25,9\n9,1\n15,4\n21,7\n".utf8)),
      ("missing.csv", Data("y,x,w\n1,2,1\n2,NA,2\n3,5,\n4,4,3\n5,7,2\n6,6,1\n".utf8)),
    ]
    let trend = (0..<50).map { i in
      let t = 1000.0 + Double(i)
      return "\(1.0 + 0.5 * t + 0.0001 * t * t + Double((i * 37) % 11 - 5) / 10),\(t)\n"
    }
    var weak = "y,x,z\n"
    for i in 0..<200 {
      let (z, u, v) = (Double((i * 37) % 101) / 50 - 1, Double((i * 53) % 97) / 48 - 1, Double((i * 71) % 89) / 44 - 1)
      let x = 1e-4 * z + u
      weak += "\(x + v),\(x),\(z)\n"
    }
    files += [("trend.csv", Data(("y,t\n" + trend.joined()).utf8)), ("weak.csv", Data(weak.utf8))]
    for (name, data) in files { try? data.write(to: directory.appendingPathComponent(name)) }
    return directory
  }()

  static func file(_ name: String) -> String { scratch.appendingPathComponent(name).path }

  struct Case: CustomStringConvertible, Sendable {
    let arguments: [String]
    let status: Int32
    /// A prefix of the first line of standard error.
    let message: String
    var description: String {
      arguments.map { $0.replacingOccurrences(of: AdversarialInputTests.scratch.path + "/", with: "") }
        .joined(separator: " ")
    }
  }

  static let dataCases: [Case] = [
    Case(arguments: [file("header_only.csv"), "y ~ x"], status: 1,
         message: "Error: \(file("header_only.csv")): the file has a header (2 columns) but no rows"),
    Case(arguments: ["compare", file("header_only.csv"), "y ~ x", "y ~ 1"], status: 1,
         message: "Error: \(file("header_only.csv")): the file has a header (2 columns) but no rows"),
    Case(arguments: [file("empty.csv"), "y ~ x"], status: 1, message: "Error: \(file("empty.csv")): the file is empty"),
    Case(arguments: [file("garbage.csv"), "y ~ x"], status: 1, message: "Error: \(file("garbage.csv")): line 1, column "),
    Case(arguments: [file("long_number.csv"), "y ~ x"], status: 1,
         message: "Error: column 'x' holds the non-finite value inf on row 1 (line 2)"),
    Case(arguments: [file("long_ragged.csv"), "y ~ x"], status: 1,
         message: "Error: \(file("long_ragged.csv")): line 2 has 1000001 fields, the header has 2"),
    Case(arguments: [file("long_header.csv"), "y ~ x"], status: 1,
         message: "Error: \(file("long_header.csv")): the file has a header (1 column) but no rows"),
    Case(arguments: [file("duplicate.csv"), "y ~ x"], status: 1,
         message: "Error: \(file("duplicate.csv")): duplicate column name 'x' (columns 2 and 3)"),
    Case(arguments: [file("thousands.csv"), "y ~ x"], status: 1,
         message: "Error: formula column 5: column 'x' holds numbers the CSV reader cannot read, such as '1,000' on row 1 (line 2) (a thousands separator or a decimal comma?)"),
    Case(arguments: [file("decimal_comma.csv"), "y ~ x"], status: 1,
         message: "Error: formula column 5: column 'x' holds numbers the CSV reader cannot read, such as '1,5' on row 1 (line 2)"),
    Case(arguments: [file("inf.csv"), "y ~ x"], status: 1, message: "Error: column 'x' holds the non-finite value inf on row 1 (line 2)"),
    Case(arguments: [file("inf.csv"), "x ~ y"], status: 1, message: "Error: column 'x' holds the non-finite value inf on row 1 (line 2)"),
    Case(arguments: [file("inf.csv"), "y ~ log(x)"], status: 1, message: "Error: column 'x' holds the non-finite value inf on row 1 (line 2)"),
    Case(arguments: [file("minus_inf.csv"), "y ~ x"], status: 1, message: "Error: column 'x' holds the non-finite value -inf on row 2 (line 3)"),
    Case(arguments: [file("overflow.csv"), "y ~ x"], status: 1, message: "Error: column 'x' holds the non-finite value inf on row 3 (line 4)"),
    Case(arguments: [file("stray_word.csv"), "y ~ x"], status: 1,
         message: "Error: formula column 5: column 'x' mixes numbers and text: 'oops' on row 3 (line 4) is not a number"),
    Case(arguments: [file("all_missing.csv"), "y ~ x + w"], status: 1,
         message: "Error: every row has a missing value in at least one of: y, x, w"),
    Case(arguments: [file("nonpositive.csv"), "y ~ log(x)"], status: 1, message: "Error: term 'log(x)' is not finite on row 1 (line 2) (x = -1.0 gives"),
    Case(arguments: [file("nonpositive.csv"), "y ~ I(1 / (x + 1))"], status: 1, message: "Error: term 'I(1 / (x + 1))' is not finite on row 1 (line 2)"),
    Case(arguments: [file("plain.csv"), "y ~ y + x"], status: 1,
         message: "Error: formula column 5: the dependent variable 'y' also appears on the right-hand side"),
    Case(arguments: [file("iv.csv"), "y ~ [x ~ c]"], status: 1,
         message: "Error: the instruments are perfectly collinear: 'c' is a linear combination of the others (c = 1·Intercept)"),
    Case(arguments: [file("iv.csv"), "y ~ x + c"], status: 1,
         message: "Error: the regressors are perfectly collinear: 'c' is a linear combination of the others (c = 1·Intercept)"),
    Case(arguments: [file("two_rows.csv"), "y ~ x"], status: 1,
         message: "Error: formula column 5: up to the term 'x' the model needs 2 columns but has only 2 observations"),
    Case(arguments: [file("iv.csv"), "y ~ x + z + I(x * z) + I(x ** 2) + I(z + x ** 3)"], status: 1,
         message: "Error: formula column 36: up to the term 'I(z + x ** 3)' the model needs 6 columns but has only 6 observations"),
    Case(arguments: [file("cluster_missing.csv"), "y ~ x", "--cluster", "g"], status: 1,
         message: "Error: cluster column 'g' is missing on row 3 (line 4), a row the model uses"),
    Case(arguments: [file("iv.csv"), "y ~ x", "--bandwidth", "0"], status: 1,
         message: "Error: kernel bandwidth 0.0 is outside (0, 6); it must be positive and less than the number of observations"),
    Case(arguments: [file("iv.csv"), "y ~ x", "--bandwidth", "-1"], status: 1, message: "Error: kernel bandwidth -1.0 is outside (0, 6)"),
    Case(arguments: [file("iv.csv"), "y ~ x", "--bandwidth", "6"], status: 1, message: "Error: kernel bandwidth 6.0 is outside (0, 6)"),
    Case(arguments: [file("iv.csv"), "y ~ x", "--bandwidth", "1e9"], status: 1, message: "Error: kernel bandwidth 1000000000.0 is outside (0, 6)"),
    Case(arguments: [file("missing.csv"), "y ~ x + w", "--strict"], status: 1,
         message: "Error: --strict: 2 of the 6 rows have missing values in the model's columns; the first is row 2 (line 3), missing 'x'"),
    Case(arguments: [file("missing.csv"), "y ~ w", "--strict", "--subset", "x > 2"], status: 1,
         message: "Error: --strict: --subset 'x > 2' is unknown (a missing value) on 1 of the 6 rows"),
    Case(arguments: ["compare", file("missing.csv"), "y ~ w", "y ~ x", "--strict"], status: 1,
         message: "Error: --strict: 1 of the 6 rows has missing values in the model's columns; the first is row 3 (line 4), missing 'w'"),
    Case(arguments: ["lasso", file("missing.csv"), "y ~ [x ~ w]", "--strict"], status: 1,
         message: "Error: --strict: 2 of the 6 rows have missing values in the model's columns; the first is row 2 (line 3), missing 'x'"),
  ]

  /// Every kind of formula syntax error: exit 64, the column, and a caret under it.
  static let syntaxCases: [(formula: String, message: String)] = [
    ("", "formula column 1: the formula has no '~' separating the dependent variable from the regressors"),
    ("~ x", "formula column 1: invalid dependent variable: the left-hand side is empty"),
    ("y ~", "formula column 4: the formula ends where a variable, a function call, 1, 0 or '(' was expected"),
    ("y ~ x +", "formula column 8: the formula ends where a variable, a function call, 1, 0 or '(' was expected"),
    ("y ~ 1 +  + x", "formula column 10: expected a variable, a function call, 1, 0 or '(', found '+'"),
    ("y ~ (x", "formula column 5: '(' is never closed"),
    ("y ~ x)", "formula column 6: ')' has no matching opening bracket"),
    ("y ~ x ~ z", "formula column 7: expected '+' or the end of the formula (only one '~' outside the IV block), found '~'"),
    ("y ~ [x]", "formula column 7: expected '~' between the endogenous variables and the instruments, found ']'"),
    ("y ~ [~ z]", "formula column 6: the IV block has no endogenous variables before '~'"),
    ("y ~ [x ~ ]", "formula column 10: the IV block has no instruments after '~'"),
    ("y ~ [x ~ z ~ w]", "formula column 12: expected ']' to close the IV block, found '~'"),
    ("y ~ [x ~ z] + [x ~ z]", "formula column 15: only one IV block [endogenous ~ instruments] is allowed"),
    ("y ~ x ** ", "formula column 10: the formula ends where a positive integer after '**' was expected"),
    ("y ~ x ** y", "formula column 10: expected a positive integer after '**', found 'y'"),
    ("y ~ log(x", "formula column 8: '(' is never closed"),
    ("y ~ log()", "formula column 9: expected a number, a column or '(', found ')'"),
    ("y ~ C()", "formula column 7: expected a column name inside C(…), found ')'"),
    ("y ~ log(x, z)", "formula column 10: expected ')', found ','"),
    ("y ~ C(x, Treatment(", "formula column 20: the formula ends where a reference level (a number or a quoted label) was expected"),
    ("y ~ 3x", "formula column 5: expected a term (a number on its own is only 1 or 0; use I(…) for arithmetic), found '3'"),
    ("y ~ x @ z", "formula column 7: unexpected character '@'"),
    ("y ~ x ^ 2", "formula column 7: unexpected character '^'"),
    ("y ~ 'x", "formula column 5: ''' is never closed"),
    ("y ~ `x", "formula column 5: '`' is never closed"),
    ("y ~ x,z", "formula column 6: expected '+', '-' or the end of the formula, found ','"),
    ("y ~ foo(x)", "formula column 5: unknown function 'foo'; known: C, I, log, log1p, exp, sqrt, abs (np. prefixes accepted)"),
  ]

  static let usageCases: [Case] =
    syntaxCases.map { Case(arguments: [file("plain.csv"), $0.formula], status: 64, message: "Error: " + $0.message) } + [
      Case(arguments: [file("plain.csv"), "y ~ x", "--level", "0"], status: 64, message: "Error: The value '0' is invalid for '--level <level>'"),
      Case(arguments: [file("plain.csv"), "y ~ x", "--level", "1"], status: 64, message: "Error: The value '1' is invalid for '--level <level>'"),
      Case(arguments: [file("plain.csv"), "y ~ x", "--level", "nan"], status: 64, message: "Error: The value 'nan' is invalid for '--level <level>'"),
      Case(arguments: [file("plain.csv"), "y ~ x", "--bandwidth", "wide"], status: 64, message: "Error: The value 'wide' is invalid for '--bandwidth <h>'"),
      Case(arguments: [file("plain.csv"), "y ~ x", "--strict=yes"], status: 64, message: "Error: The flag '--strict' does not take a value"),
    ]

  @Test(arguments: dataCases + usageCases)
  func failsWithOneNamedError(_ c: Case) throws {
    let result = try EndToEndTests.run(c.arguments)
    #expect(result.status == c.status, "\(c): stderr \(result.stderr)")
    #expect(result.stdout.isEmpty, "\(c): printed \(result.stdout.prefix(200))")
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(result.stderr.hasPrefix(c.message), "\(c): stderr is \(result.stderr.prefix(400))")
    // A data error is one line, plus at most a bounded excerpt and a caret; a usage
    // error adds the usage line and where to find help.
    #expect(lines.count <= (c.status == 1 ? 4 : 6), "\(c): \(lines.count) lines")
    #expect(result.stderr.utf8.count < 1_500, "\(c): \(result.stderr.utf8.count) bytes of stderr")
  }

  /// Formula syntax errors put a caret under the offending column.
  @Test(arguments: syntaxCases.filter { !$0.formula.isEmpty })
  func syntaxErrorsPointAtTheColumn(_ formula: String, _ message: String) throws {
    let result = try EndToEndTests.run([Self.file("plain.csv"), formula])
    let lines = result.stderr.split(separator: "\n").map(String.init)
    guard lines.count >= 3, let column = Int(message.dropFirst("formula column ".count).prefix { $0.isNumber }) else {
      Issue.record("\(formula): stderr is \(result.stderr)")
      return
    }
    #expect(lines[1] == "  " + formula)
    #expect(lines[2] == String(repeating: " ", count: column + 1) + "^", "\(formula)")
  }

  /// A byte-order mark and CRLF line ends are read like a plain file.
  @Test func byteOrderMarkAndCRLFWork() throws {
    let plain = try EndToEndTests.run([Self.file("plain.csv"), "y ~ x", "--format", "csv"])
    let awkward = try EndToEndTests.run([Self.file("bom_crlf.csv"), "y ~ x", "--format", "csv"])
    #expect(plain.status == 0 && awkward.status == 0, "\(awkward.stderr)")
    #expect(awkward.stdout == plain.stdout)
    #expect(awkward.stdout.contains("x,0.743243243"))
    let text = try EndToEndTests.run([Self.file("bom_crlf.csv"), "y ~ x"])
    #expect(text.status == 0 && text.stdout.contains("Dep. Variable:                      y"))
  }

  /// A near-collinear design (a quadratic in a trending variable) gets statsmodels'
  /// condition-number note; a weak instrument gets a warning; neither is an error.
  @Test func conditioningAndWeakInstrumentNotes() throws {
    let trend = try EndToEndTests.run([Self.file("trend.csv"), "y ~ t + I(t ** 2)"])
    #expect(trend.status == 0 && trend.stderr.isEmpty)
    #expect(trend.stdout.contains("\nNote: The condition number is large, 5.9"), "\(trend.stdout)")
    #expect(trend.stdout.contains("This might indicate that there are strong multicollinearity or other numerical problems.\n"))
    let weak = try EndToEndTests.run([Self.file("weak.csv"), "y ~ [x ~ z]"])
    #expect(weak.status == 0 && weak.stderr.isEmpty)
    #expect(weak.stdout.contains("\nNote: weak instruments: the first-stage partial F-statistic of 'x' is "), "\(weak.stdout)")
    #expect(!weak.stdout.lowercased().contains("nan"))
    let exact = try EndToEndTests.run([Self.file("exact.csv"), "y ~ x"])
    #expect(exact.status == 0)
    #expect(exact.stdout.contains("\nNote: the model fits the data exactly (the residuals are zero up to rounding)"), "\(exact.stdout)")
    let plain = try EndToEndTests.run([Self.file("plain.csv"), "y ~ x"])
    #expect(!plain.stdout.contains("Note:"))
  }

  /// Dropped rows are always reported: under the text summary, and on stderr for the
  /// other formats.
  @Test func droppedRowsAreReportedInEveryFormat() throws {
    let text = try EndToEndTests.run([Self.file("missing.csv"), "y ~ x + w"])
    #expect(text.status == 0)
    #expect(text.stdout.contains("No. Observations:                   4"))
    #expect(text.stdout.contains("Rows dropped: 2 (missing values)"))
    for format in ["csv", "markdown", "latex", "json"] {
      let result = try EndToEndTests.run([Self.file("missing.csv"), "y ~ x + w", "--format", format])
      #expect(result.status == 0)
      #expect(result.stderr == "Rows dropped: 2 (missing values)\n", "\(format)")
    }
    // compare: per model, under the table or on stderr.
    let compare = try EndToEndTests.run(["compare", Self.file("missing.csv"), "y ~ x", "y ~ w"])
    #expect(compare.status == 0)
    #expect(compare.stdout.hasSuffix("\nRows dropped (missing values): Model 1: 1, Model 2: 1\n"), "\(compare.stdout)")
    let compareCSV = try EndToEndTests.run(["compare", Self.file("missing.csv"), "y ~ x", "y ~ w", "--format", "csv"])
    #expect(compareCSV.stderr == "Rows dropped (missing values): Model 1: 1, Model 2: 1\n")
    // Nothing dropped: nothing said, and --strict changes nothing.
    let strict = try EndToEndTests.run([Self.file("plain.csv"), "y ~ x", "--strict", "--format", "csv"])
    #expect(strict.status == 0 && strict.stderr.isEmpty)
  }
}
