/// The folds of a cross-validation: which rows each fold holds out.
///
/// Fold labels can be any integers (like `cv.glmnet`'s `foldid`); folds are ordered by
/// increasing label, which is R's order for labels 1…K.
public struct CrossValidationFolds: Sendable, Equatable {
  /// The fold label of every row, as given.
  public let labels: [Int]
  /// The distinct labels, increasing: fold `k` is the rows labelled `distinctLabels[k]`.
  public let distinctLabels: [Int]
  /// The zero-based rows of each fold, increasing.
  public let heldOutRows: [[Int]]

  /// The number of folds.
  public var count: Int { heldOutRows.count }

  /// Folds from one label per row.
  ///
  /// - Parameters:
  ///   - labels: the fold label of every row.
  ///   - rows: the number of rows of the data.
  ///   - minimumFolds: the fewest distinct labels allowed.
  /// - Throws: ``PenalizedError/mismatchedSizes(what:expected:found:)`` when there is not
  ///   one label per row, ``PenalizedError/invalidParameter(name:value:requirement:)`` with
  ///   fewer than `minimumFolds` distinct labels (a single fold holding every row included).
  public init(labels: [Int], rows: Int, minimumFolds: Int = 2) throws {
    guard labels.count == rows else {
      throw PenalizedError.mismatchedSizes(what: "fold ids", expected: rows, found: labels.count)
    }
    let distinct = Array(Set(labels)).sorted()
    guard distinct.count >= max(2, minimumFolds) else {
      throw PenalizedError.invalidParameter(
        name: "fold ids", value: "\(distinct.count) distinct label\(distinct.count == 1 ? "" : "s")",
        requirement: "at least \(max(2, minimumFolds)) distinct folds")
    }
    var position: [Int: Int] = [:]
    for (k, label) in distinct.enumerated() { position[label] = k }
    var groups = [[Int]](repeating: [], count: distinct.count)
    for (i, label) in labels.enumerated() {
      if let k = position[label] { groups[k].append(i) }
    }
    self.labels = labels
    distinctLabels = distinct
    heldOutRows = groups
  }

  /// `folds` folds of (nearly) equal size in a random order fixed by `seed`: the labels
  /// 1, 2, …, `folds`, 1, 2, … are shuffled (Fisher–Yates driven by SplitMix64).
  ///
  /// This is the recipe of `cv.glmnet`'s `sample(rep(1:nfolds, length = n))`, but not R's
  /// random-number stream: the same seed does not give R's folds. Pass explicit fold ids
  /// to reproduce an R run.
  ///
  /// - Throws: ``PenalizedError/invalidParameter(name:value:requirement:)`` unless
  ///   `minimumFolds ≤ folds ≤ rows`.
  public static func shuffled(rows: Int, folds: Int, seed: UInt64, minimumFolds: Int = 2) throws -> Self {
    guard folds >= max(2, minimumFolds) && folds <= rows else {
      throw PenalizedError.invalidParameter(
        name: "folds", value: "\(folds)", requirement: "between \(max(2, minimumFolds)) and the \(rows) rows")
    }
    var labels = (0..<rows).map { $0 % folds + 1 }
    var generator = SplitMix64(seed: seed)
    if rows > 1 {
      for i in stride(from: rows - 1, to: 0, by: -1) {
        let j = Int(generator.next() % UInt64(i + 1))
        labels.swapAt(i, j)
      }
    }
    return try Self(labels: labels, rows: rows, minimumFolds: minimumFolds)
  }

  /// scikit-learn's `KFold(folds)` without shuffling: contiguous blocks, the first
  /// `rows mod folds` of them one row longer.
  ///
  /// - Throws: ``PenalizedError/invalidParameter(name:value:requirement:)`` unless
  ///   `2 ≤ folds ≤ rows`.
  public static func contiguous(rows: Int, folds: Int) throws -> Self {
    guard folds >= 2 && folds <= rows else {
      throw PenalizedError.invalidParameter(
        name: "folds", value: "\(folds)", requirement: "between 2 and the \(rows) rows")
    }
    var labels: [Int] = []
    labels.reserveCapacity(rows)
    for k in 0..<folds {
      let size = rows / folds + (k < rows % folds ? 1 : 0)
      labels.append(contentsOf: repeatElement(k + 1, count: size))
    }
    return try Self(labels: labels, rows: rows)
  }
}

/// Steele, Lea and Flood's SplitMix64: a small, fast, seedable generator whose stream is
/// fixed by its specification (unlike `SystemRandomNumberGenerator`).
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
