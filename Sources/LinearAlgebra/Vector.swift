/// Small helpers on `[Double]` vectors, written as contiguous loops with several independent
/// accumulators.
public enum Vector {
  /// The dot product `Σ aᵢbᵢ`.
  ///
  /// - Precondition: `a.count == b.count`.
  /// - Complexity: O(n).
  public static func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "Vectors in a dot product must have the same length.")
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        guard let x = pa.baseAddress, let y = pb.baseAddress else {
          return 0
        }
        return Kernels.dot(x, y, pa.count)
      }
    }
  }

  /// The sum of squares `Σ aᵢ²`.
  ///
  /// - Complexity: O(n).
  public static func sumOfSquares(_ a: [Double]) -> Double {
    a.withUnsafeBufferPointer { pa in
      guard let x = pa.baseAddress else {
        return 0
      }
      return Kernels.sumOfSquares(x, pa.count)
    }
  }

  /// The sum `Σ aᵢ`.
  ///
  /// - Complexity: O(n).
  public static func sum(_ a: [Double]) -> Double {
    a.withUnsafeBufferPointer { pa in
      guard let x = pa.baseAddress else {
        return 0
      }
      return Kernels.sum(x, pa.count)
    }
  }

  /// The entrywise difference `a − b`.
  ///
  /// - Precondition: `a.count == b.count`.
  /// - Complexity: O(n).
  public static func subtracting(_ a: [Double], _ b: [Double]) -> [Double] {
    precondition(a.count == b.count, "Vectors subtracted must have the same length.")
    var result = a
    result.withUnsafeMutableBufferPointer { out in
      b.withUnsafeBufferPointer { pb in
        for i in 0..<out.count { out[i] -= pb[i] }
      }
    }
    return result
  }
}
