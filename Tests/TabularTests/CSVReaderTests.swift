import Foundation
import Tabular
import TestSupport
import Testing

/// The numbers of a numeric column, or `nil` (with an issue recorded) for anything else.
private func numbers(_ table: DataTable, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Double]?
{
  guard case .numeric(let values) = table[name] else {
    Issue.record("column \(name) is not numeric: \(String(describing: table[name]))", sourceLocation: sourceLocation)
    return nil
  }
  return values
}

/// The categories of a categorical column, or `nil` (with an issue recorded) for anything else.
private func categories(
  _ table: DataTable, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) -> CategoricalColumn? {
  guard case .categorical(let column) = table[name] else {
    Issue.record(
      "column \(name) is not categorical: \(String(describing: table[name]))", sourceLocation: sourceLocation)
    return nil
  }
  return column
}

/// Writes `text` to a fresh temporary file with the given extension and returns its path.
private func temporaryFile(_ text: String, extension ext: String) throws -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("csvtest-\(UUID()).\(ext)")
  try Data(text.utf8).write(to: url)
  return url.path
}

@Test func readsSimpleTable() throws {
  let table = try DataTable(csv: "y,x\n1,2\n3,4\n")
  #expect(table.columnNames == ["y", "x"])
  #expect(table.rowCount == 2)
  #expect(numbers(table, "y") == [1, 3])
  #expect(numbers(table, "x") == [2, 4])
  #expect(table.sourceLines == [2, 3])
}

@Test func headerOnlyGivesEmptyNumericColumns() throws {
  let table = try DataTable(csv: "a,b")
  #expect(table.rowCount == 0)
  #expect(table.columns == [.numeric([]), .numeric([])])
  #expect(table.sourceLines == [])
}

@Test func quotingEscapesAndEmbeddedNewlines() throws {
  let csv = "name,note,n\n\"Smith, J\",\"said \"\"hi\"\"\",1\n\"multi\nline\",\"crlf\r\ninside\",2\nplain,\"\",3\n"
  let table = try DataTable(csv: csv)
  let name = try #require(categories(table, "name"))
  #expect(name.levels == ["Smith, J", "multi\nline", "plain"])
  let note = try #require(categories(table, "note"))
  #expect(note.label(at: 0) == "said \"hi\"")
  #expect(note.label(at: 1) == "crlf\r\ninside")
  #expect(note.label(at: 2) == nil)  // "" is a missing token
  #expect(numbers(table, "n") == [1, 2, 3])
  #expect(table.sourceLines == [2, 3, 6])
}

@Test func quotedHeaderNamesAreUnquotedAndKeptExactly() throws {
  let table = try DataTable(csv: "\"a,b\",\" c \",\"d\"\"e\"\n1,2,3\n")
  #expect(table.columnNames == ["a,b", " c ", "d\"e"])
}

@Test func lineEndings() throws {
  let expected = try DataTable(csv: "a,b\n1,x\n2,y\n")
  let crlf = try DataTable(csv: "a,b\r\n1,x\r\n2,y\r\n")
  let cr = try DataTable(csv: "a,b\r1,x\r2,y\r")
  let noFinalNewline = try DataTable(csv: "a,b\n1,x\n2,y")
  #expect(crlf == expected)
  #expect(cr == expected)
  #expect(noFinalNewline == expected)
  #expect(crlf.sourceLines == [2, 3])
  #expect(cr.sourceLines == [2, 3])
  #expect(numbers(crlf, "a") == [1, 2])
  #expect(categories(crlf, "b")?.levels == ["x", "y"])
}

@Test func blankLinesAreSkippedButCounted() throws {
  let table = try DataTable(csv: "\n\na\n1\n\n\r\n2\n\n")
  #expect(table.columnNames == ["a"])
  #expect(numbers(table, "a") == [1, 2])
  #expect(table.sourceLines == [4, 7])
}

@Test func byteOrderMarkIsStripped() throws {
  let table = try DataTable(csvBytes: [0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n".utf8))
  #expect(table.columnNames == ["x", "y"])
  #expect(numbers(table, "x") == [1])
}

@Test func nonASCIIText() throws {
  let table = try DataTable(csv: "pays,n\nFrance,1\nCôte d’Ivoire,2\n日本,3\n")
  #expect(categories(table, "pays")?.levels == ["Côte d’Ivoire", "France", "日本"])
  #expect(categories(table, "pays")?.codes == [1, 0, 2])
}

@Test func tabDelimiter() throws {
  let table = try DataTable(csv: "a\tb c\n1\tx,y\n", options: .tab)
  #expect(table.columnNames == ["a", "b c"])
  #expect(categories(table, "b c")?.levels == ["x,y"])
  #expect(CSVOptions.tab.delimiter == 9)
  #expect(CSVOptions().delimiter == 44)
  #expect(CSVOptions(delimiter: ";").delimiter == 59)
}

@Test func fileExtensionChoosesDelimiter() throws {
  let text = "a\tb\n1\t2\n"
  let tsv = try temporaryFile(text, extension: "tsv")
  let csv = try temporaryFile(text, extension: "csv")
  let upper = try temporaryFile(text, extension: "TSV")
  defer { for path in [tsv, csv, upper] { try? FileManager.default.removeItem(atPath: path) } }
  #expect(try DataTable(contentsOfCSVFile: tsv).columnNames == ["a", "b"])
  #expect(try DataTable(contentsOfCSVFile: upper).columnNames == ["a", "b"])
  #expect(try DataTable(contentsOfCSVFile: csv).columnNames == ["a\tb"])
  // Explicit options win over the extension.
  #expect(try DataTable(contentsOfCSVFile: csv, options: .tab).columnNames == ["a", "b"])
  #expect(try DataTable(contentsOfCSVFile: tsv, options: CSVOptions()).columnNames == ["a\tb"])
}

@Test func typeInference() throws {
  let csv = """
    q,p,e,neg,sp,allmissing,word,mixed,inf,grouped,hex
    "1985",+4,1e-3,-2.5, 7 ,NA,a,1,inf,"1,234",0x10
    2,5.,1E3,.5,8,,b,x,1,2,1
    NA,,NaN,null,N/A,nan,NULL,2,2,3,2

    """
  let table = try DataTable(csv: csv)
  #expect(numbers(table, "q")?.map { $0.isNaN ? -1 : $0 } == [1985, 2, -1])
  #expect(numbers(table, "p")?.prefix(2) == [4, 5])
  #expect(numbers(table, "e")?.prefix(2) == [0.001, 1000])
  #expect(numbers(table, "neg")?.prefix(2) == [-2.5, 0.5])
  #expect(numbers(table, "sp")?.prefix(2) == [7, 8])
  #expect(numbers(table, "allmissing")?.allSatisfy(\.isNaN) == true)
  #expect(table["allmissing"]?.missingCount == 3)
  #expect(categories(table, "word")?.levels == ["a", "b"])
  #expect(categories(table, "word")?.codes == [0, 1, -1])
  // A late non-number turns the whole column into labels, keeping the original text.
  #expect(categories(table, "mixed")?.levels == ["1", "2", "x"])
  #expect(categories(table, "mixed")?.codes == [0, 2, 1])
  #expect(categories(table, "inf")?.levels == ["1", "2", "inf"])
  #expect(categories(table, "grouped")?.levels == ["1,234", "2", "3"])
  #expect(categories(table, "hex")?.levels == ["0x10", "1", "2"])
}

@Test func lateCategoricalColumnKeepsMissingAndQuotedText() throws {
  let csv = "v\n1.0\n\"NA\"\n\"1\"\"\"\n01\nB\n1.0\n"
  let table = try DataTable(csv: csv)
  let v = try #require(categories(table, "v"))
  #expect(v.levels == ["01", "1\"", "1.0", "B"])
  #expect(v.codes == [2, -1, 1, 0, 3, 2])
}

@Test func missingTokensAreExactAndConfigurable() throws {
  let table = try DataTable(csv: "a,b\n NA,1\nNA,-999\n")
  #expect(categories(table, "a")?.levels == [" NA"])
  #expect(categories(table, "a")?.codes == [0, -1])
  let custom = try DataTable(
    csv: "a,b\nNA,1\n.,-999\n", options: CSVOptions(missingTokens: [".", "-999"]))
  #expect(categories(custom, "a")?.levels == ["NA"])
  #expect(categories(custom, "a")?.codes == [0, -1])
  let b = try #require(numbers(custom, "b"))
  #expect(b[0] == 1 && b[1].isNaN)
  // Without "" as a token, an empty field is a label.
  let strict = try DataTable(csv: "a\n\"\"\nz\n", options: CSVOptions(missingTokens: []))
  #expect(categories(strict, "a")?.levels == ["", "z"])
}

@Test func categoricalLevelsAreSortedWithCodes() throws {
  let table = try DataTable(csv: "g\nzeta\nalpha\nMid\nalpha\n\nzeta\nNA\n")
  let g = try #require(categories(table, "g"))
  #expect(g.levels == ["Mid", "alpha", "zeta"])
  #expect(g.codes == [2, 1, 0, 1, 2, -1])
}

@Test func hugeExponentIsKeptAsInfinity() throws {
  let table = try DataTable(csv: "x\n1e400\n-1e400\n1e-400\n")
  #expect(numbers(table, "x") == [.infinity, -.infinity, 0])
}

@Test func sourceLinesFollowEmbeddedNewlines() throws {
  let csv = "id,text\n1,\"a\nb\nc\"\n2,plain\n\n3,\"x\r\ny\"\n4,z"
  let table = try DataTable(csv: csv)
  #expect(table.sourceLines == [2, 5, 7, 9])
  let picked = table.selectingRows([3, 0])
  #expect(picked.sourceLines == [9, 2])
  #expect(numbers(picked, "id") == [4, 1])
}

@Test func readsAppEngagementFixture() throws {
  let table = try DataTable(contentsOfCSVFile: Fixtures.url("data/app_engagement_push.csv").path)
  #expect(table.columnNames == ["in_app_purchase", "push_assigned", "push_delivered"])
  #expect(table.rowCount == 10_000)
  for name in table.columnNames {
    let values = try #require(numbers(table, name))
    #expect(values.count == 10_000)
    #expect(!values.contains { $0.isNaN })
  }
  #expect(numbers(table, "in_app_purchase")?.first == 47)
  #expect(numbers(table, "push_assigned")?.first == 1)
  #expect(numbers(table, "push_delivered")?.first == 1)
  #expect(table.sourceLines?.first == 2)
  #expect(table.sourceLines?.last == 10_001)
}

@Test func readsSmokingBirthweightFixture() throws {
  let table = try DataTable(contentsOfCSVFile: Fixtures.url("data/smoking_birthweight.csv").path)
  #expect(table.columnNames == ["taxes", "cigarettes", "ses", "birthweight"])
  #expect(table.rowCount == 2_000)
  let taxes = try #require(numbers(table, "taxes"))
  #expect(taxes[0].bitPattern == (-0.84502801351084222).bitPattern)
  #expect(taxes[1] == -1.5516491521334852)
  #expect(numbers(table, "birthweight")?.first == 2993.1654230222184)
  for column in table.columns { #expect(column.missingCount == 0) }
}
