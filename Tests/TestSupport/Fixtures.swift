public import Foundation

/// Locates files in the package's top-level `Fixtures/` directory.
public enum Fixtures {
  /// `<package root>/Fixtures`, derived from this source file's path.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("Fixtures", isDirectory: true)

  /// The URL of `Fixtures/<relativePath>`.
  public static func url(_ relativePath: String) -> URL {
    root.appendingPathComponent(relativePath)
  }

  /// The contents of `Fixtures/<relativePath>` as UTF-8 text.
  public static func text(_ relativePath: String) throws -> String {
    try String(contentsOf: url(relativePath), encoding: .utf8)
  }

  /// The JSON object stored in `Fixtures/<relativePath>`.
  public static func json(_ relativePath: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: url(relativePath)))
  }
}

extension Fixtures {
  /// Whether `Fixtures/<relativePath>` exists.
  public static func exists(_ relativePath: String) -> Bool {
    FileManager.default.fileExists(atPath: url(relativePath).path)
  }
}
