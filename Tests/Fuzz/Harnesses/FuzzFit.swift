// libFuzzer harness: the whole `ivreg fit` pipeline on small random tables.
//
// Input layout: line 1 is the formula, line 2 the options (split on spaces), the rest
// the CSV file, written to a scratch file and passed to `IVRegCommand.run` exactly as
// the binary does. Properties checked: no trap; the exit status is 0, 1 or 64; a
// failure prints nothing on stdout and `Error: …` first on stderr; a success prints
// no `Error:`.
import Foundation
import IVRegCLI

private let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-fit-\(getpid()).csv").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFit(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let lines = bytes.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
  guard lines.count == 3 else { return 0 }
  let formula = String(decoding: lines[0], as: UTF8.self)
  let options = String(decoding: lines[1], as: UTF8.self).split(separator: " ").map(String.init)
  // Keep the option list to the fitting ones: no output files.
  if options.contains(where: { $0.hasPrefix("--plot") || $0.hasPrefix("--output") }) { return 0 }
  guard FileManager.default.createFile(atPath: path, contents: Data(lines[2])) else { return 0 }
  let outcome = IVRegCommand.run([path, formula] + options)
  switch outcome.status {
  case 0:
    precondition(!outcome.standardError.contains("Error:"), "success with an error message")
  case 1, 64:
    precondition(outcome.standardOutput.isEmpty, "failure with output")
    precondition(outcome.standardError.hasPrefix("Error: "), "failure without 'Error: '")
  default:
    preconditionFailure("exit status \(outcome.status)")
  }
  return 0
}
