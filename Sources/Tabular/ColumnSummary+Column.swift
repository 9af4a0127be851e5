extension ColumnSummary {
  /// Summarises one column.
  ///
  /// A numeric column is read once to gather its non-missing values, their sum and
  /// their type hints, once more for the standard deviation, and its values are
  /// sorted for the quartiles and the distinct count. A categorical column is read
  /// once to count its codes.
  ///
  /// - Parameters:
  ///   - name: The column's name.
  ///   - position: The column's 1-based position in its table.
  ///   - column: The values.
  public init(name: String, position: Int, column: Column) {
    switch column {
    case .numeric(let values):
      self.init(name: name, position: position, numbers: values)
    case .categorical(let categorical):
      self.init(name: name, position: position, categorical: categorical)
    }
  }

  /// The summary of a numeric column; NaN marks a missing value.
  private init(name: String, position: Int, numbers: [Double]) {
    // One pass: the non-missing values, their sum, infinities and type hints.
    var present: [Double] = []
    present.reserveCapacity(numbers.count)
    var sum = SampleStatistics.CompensatedSum()
    var positiveInfinities = 0
    var negativeInfinities = 0
    var isBinary = true
    var isIntegerValued = true
    for x in numbers where !x.isNaN {
      present.append(x)
      if x.isInfinite {
        if x > 0 { positiveInfinities += 1 } else { negativeInfinities += 1 }
        isIntegerValued = false
      } else {
        sum.add(x)
        if x.rounded(.towardZero) != x { isIntegerValued = false }
      }
      if x != 0 && x != 1 { isBinary = false }
    }

    let sorted = present.sorted()
    var distinct = sorted.isEmpty ? 0 : 1
    for i in sorted.indices.dropFirst() where sorted[i] != sorted[i - 1] { distinct += 1 }

    let minimum = sorted.first
    let maximum = sorted.last
    var mean: Double? = nil
    var standardDeviation: Double? = nil
    if let minimum, let maximum {
      if positiveInfinities > 0 && negativeInfinities > 0 {
        mean = nil
      } else if positiveInfinities > 0 {
        mean = .infinity
      } else if negativeInfinities > 0 {
        mean = -.infinity
      } else if minimum == maximum {
        // Equal values: exactly that value, with no rounding in the sum.
        mean = minimum
        standardDeviation = present.count > 1 ? 0 : nil
      } else {
        var m = sum.value / Double(present.count)
        if !m.isFinite { m = SampleStatistics.mean(ofFinite: present) }
        // Rounding can push a mean a hair outside the range of the values.
        m = Swift.min(Swift.max(m, minimum), maximum)
        mean = m
        standardDeviation = SampleStatistics.standardDeviation(ofFinite: present, mean: m)
      }
    }

    self.init(
      name: name, position: position, kind: .numeric, count: present.count,
      missingCount: numbers.count - present.count,
      mean: mean, standardDeviation: standardDeviation,
      minimum: minimum,
      firstQuartile: SampleStatistics.quantile(sorted: sorted, 0.25),
      median: SampleStatistics.quantile(sorted: sorted, 0.5),
      thirdQuartile: SampleStatistics.quantile(sorted: sorted, 0.75),
      maximum: maximum,
      distinctCount: distinct,
      isBinary: !present.isEmpty && isBinary,
      isIntegerValued: !present.isEmpty && isIntegerValued,
      levelCounts: [])
  }

  /// The summary of a categorical column; code `-1` marks a missing value.
  private init(name: String, position: Int, categorical: CategoricalColumn) {
    let levels = categorical.levels
    var counts = [Int](repeating: 0, count: levels.count)
    var missing = 0
    for code in categorical.codes {
      let index = Int(code)
      if index >= 0 && index < counts.count {
        counts[index] += 1
      } else {
        missing += 1
      }
    }
    let order = counts.indices.filter { counts[$0] > 0 }.sorted { i, j in
      counts[i] != counts[j] ? counts[i] > counts[j] : i < j
    }
    self.init(
      name: name, position: position, kind: .categorical, count: categorical.codes.count - missing,
      missingCount: missing,
      mean: nil, standardDeviation: nil, minimum: nil, firstQuartile: nil, median: nil, thirdQuartile: nil,
      maximum: nil,
      distinctCount: order.count, isBinary: false, isIntegerValued: false,
      levelCounts: order.map { LevelCount(level: levels[$0], count: counts[$0]) })
  }
}
