import LinearAlgebra

extension DesignMatrices {
  /// The same model with only some of its excluded instruments (for instrument
  /// selection): rows, formula, used columns and dropped-row count are kept, so
  /// cluster columns still line up with the observations.
  ///
  /// - Parameter columns: indices into ``instrumentNames``, in the order wanted;
  ///   indices out of range are ignored.
  public func keepingInstruments(_ columns: [Int]) -> DesignMatrices {
    let kept = columns.filter { $0 >= 0 && $0 < instruments.columns }
    var matrix = Matrix(rows: instruments.rows, columns: kept.count)
    for (target, source) in kept.enumerated() {
      for i in 0..<instruments.rows { matrix[i, target] = instruments[i, source] }
    }
    return DesignMatrices(
      copying: self, instruments: matrix, instrumentNames: kept.map { instrumentNames[$0] })
  }

  private init(copying other: DesignMatrices, instruments: Matrix, instrumentNames: [String]) {
    self.formula = other.formula
    self.dependentName = other.dependentName
    self.dependent = other.dependent
    self.exogenous = other.exogenous
    self.exogenousNames = other.exogenousNames
    self.endogenous = other.endogenous
    self.endogenousNames = other.endogenousNames
    self.instruments = instruments
    self.instrumentNames = instrumentNames
    self.rowIndices = other.rowIndices
    self.droppedRowCount = other.droppedRowCount
    self.usedColumns = other.usedColumns
  }
}
