import Foundation
import TestSupport
import Testing

@testable import IVRegCLI

/// The documentation cannot rot: every ```` ```console ```` block in `README.md` and
/// `Documentation/**/*.md` is a transcript (`$ ivreg …` lines followed by what they
/// print) that is run here and compared line by line, and every `--help` in it is the
/// generated help text. Only the Date and Time lines of a summary, which change with
/// the clock, are masked. Paths in the transcripts are relative to the package root.
@Suite("Documentation transcripts run as written")
struct DocumentationExamplesTests {
  static let packageRoot = Fixtures.root.deletingLastPathComponent()

  /// One `$ ivreg …` command and its expected output.
  struct Transcript: CustomStringConvertible {
    let file: String
    let line: Int
    let command: String
    let expected: String
    var description: String { "\(file):\(line) \(command)" }
  }

  static func markdownFiles() -> [URL] {
    var files = [packageRoot.appendingPathComponent("README.md")]
    let documentation = packageRoot.appendingPathComponent("Documentation")
    if let walker = FileManager.default.enumerator(at: documentation, includingPropertiesForKeys: nil) {
      for case let url as URL in walker where url.pathExtension == "md" { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// Every transcript in the documentation.
  static func transcripts() -> [Transcript] {
    var found: [Transcript] = []
    for url in markdownFiles() {
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      let name = url.path.replacingOccurrences(of: packageRoot.path + "/", with: "")
      let lines = text.components(separatedBy: "\n")
      var index = 0
      while index < lines.count {
        guard lines[index] == "```console" else {
          index += 1
          continue
        }
        index += 1
        var current: (line: Int, command: String, output: [String])?
        while index < lines.count, lines[index] != "```" {
          let line = lines[index]
          if line.hasPrefix("$ ivreg") {
            if let current {
              found.append(Transcript(file: name, line: current.line, command: current.command, expected: current.output.joined(separator: "\n")))
            }
            current = (index + 1, String(line.dropFirst(2)), [])
          } else {
            current?.output.append(line)
          }
          index += 1
        }
        if let current {
          found.append(Transcript(file: name, line: current.line, command: current.command, expected: current.output.joined(separator: "\n")))
        }
        index += 1
      }
    }
    return found
  }

  /// Splits a command line as a POSIX shell would for plain words, 'single' and
  /// "double" quotes (no variables, no escapes other than \" inside double quotes).
  static func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var iterator = Array(line)[...]
    while let character = iterator.popFirst() {
      if let open = quote {
        if character == open {
          quote = nil
        } else if open == "\"", character == "\\", let next = iterator.first, next == "\"" {
          current.append(next)
          iterator = iterator.dropFirst()
        } else {
          current.append(character)
        }
      } else if character == "'" || character == "\"" {
        quote = character
        inWord = true
      } else if character == " " {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }

  /// Masks what legitimately changes between runs: the summary's Date and Time.
  static func masked(_ text: String) -> String {
    text.components(separatedBy: "\n").map { line -> String in
      var line = line
      for label in ["Date:", "Time:"] where line.hasPrefix(label) {
        // The value is right-aligned in the left half (ends at column 37).
        let characters = Array(line)
        if characters.count >= 37 {
          line = String(characters[0..<18]) + String(repeating: "#", count: 19) + String(characters[37...])
        }
      }
      return line.trailingSpacesRemoved
    }.joined(separator: "\n")
  }

  @Test func thereAreTranscripts() {
    #expect(Self.transcripts().count >= 10)
  }

  @Test(arguments: transcripts())
  func transcriptMatches(_ transcript: Transcript) throws {
    var words = Self.shellWords(transcript.command)
    #expect(words.first == "ivreg")
    words.removeFirst()
    let root = Self.packageRoot.path + "/"
    // Relative paths are the package root's; temporary outputs go to a fresh directory.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ivreg-docs-\(UUID())")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let arguments = words.map { word -> String in
      if word.hasPrefix("Fixtures/") { return root + word }
      if word.hasSuffix(".svg") { return scratch.appendingPathComponent(word).path }
      if word.hasPrefix("--plot="), word.hasSuffix(".svg") {
        return "--plot=" + scratch.appendingPathComponent(String(word.dropFirst(7))).path
      }
      return word
    }
    let outcome = IVRegCommand.run(arguments)
    var printed = outcome.standardOutput + outcome.standardError
    printed = printed.replacingOccurrences(of: root, with: "").replacingOccurrences(of: scratch.path + "/", with: "")
    if printed.hasSuffix("\n") { printed.removeLast() }
    let actual = Self.masked(printed).components(separatedBy: "\n")
    let expected = Self.masked(transcript.expected).components(separatedBy: "\n")
    #expect(actual.count == expected.count, "\(transcript): \(actual.count) lines printed, \(expected.count) documented")
    for (index, (a, e)) in zip(actual, expected).enumerated() where a != e {
      Issue.record("\(transcript) line \(index + 1):\n  printed:    \(a)\n  documented: \(e)")
      break
    }
  }

  /// `Documentation/CLI.md` shows each subcommand's `--help` exactly.
  @Test(arguments: ["", "fit ", "compare ", "describe ", "granger "])
  func manualShowsTheHelp(subcommand: String) throws {
    let manual = try String(
      contentsOf: Self.packageRoot.appendingPathComponent("Documentation/CLI.md"), encoding: .utf8)
    let help = IVRegCommand.run(subcommand.isEmpty ? ["--help"] : [String(subcommand.dropLast()), "--help"]).standardOutput
    #expect(manual.contains("```console\n$ ivreg \(subcommand)--help\n" + help + "```"))
  }
}
