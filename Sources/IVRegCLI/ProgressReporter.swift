import Foundation

/// Progress messages for long work, written straight to standard error, and only
/// when standard error is a terminal (a script piping `ivreg` sees nothing extra).
struct ProgressReporter: Sendable {
  /// Files larger than this many bytes announce themselves while they are read (50 MB).
  let largeFileBytes: Int

  private let write: @Sendable (String) -> Void

  init(largeFileBytes: Int = 50_000_000, write: @escaping @Sendable (String) -> Void) {
    self.largeFileBytes = largeFileBytes
    self.write = write
  }

  /// A reporter on standard error, or nil when standard error is not a terminal.
  static func standardErrorIfTerminal() -> ProgressReporter? {
    guard isatty(STDERR_FILENO) == 1 else { return nil }
    return ProgressReporter { FileHandle.standardError.write(Data($0.utf8)) }
  }

  /// Starts a step: "Reading big.csv (213 MB)…" without a line break.
  func begin(_ message: String) { write(message + "…") }

  /// Ends the step started by ``begin(_:)`` on the same line.
  func end(_ message: String) { write(" " + message + "\n") }

  /// Rewrites the current line with a counter: "\rCross-validating x: fold 3 of 10".
  func update(_ message: String) { write("\r" + message) }
}
