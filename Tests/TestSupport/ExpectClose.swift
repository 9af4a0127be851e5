public import Testing

/// The relative difference `|a − b| / max(|a|, |b|)`, with exact equality (including
/// two NaNs or equal infinities) giving 0.
public func relativeDifference(_ a: Double, _ b: Double) -> Double {
  if a == b || (a.isNaN && b.isNaN) { return 0 }
  let scale = max(abs(a), abs(b))
  return abs(a - b) / scale
}

/// Records an issue at the caller unless `actual` is within `rtol` (relative) or
/// `atol` (absolute) of `expected`.
public func expectClose(
  _ actual: Double, _ expected: Double, rtol: Double = 1e-12, atol: Double = 0,
  _ label: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let ok =
    (actual.isNaN && expected.isNaN) || actual == expected
    || abs(actual - expected) <= atol || relativeDifference(actual, expected) <= rtol
  if !ok {
    let name = label()
    Issue.record(
      "\(name.isEmpty ? "" : name + ": ")\(actual) is not within rtol \(rtol) / atol \(atol) of \(expected) (relative difference \(relativeDifference(actual, expected)))",
      sourceLocation: sourceLocation)
  }
}

/// Element-wise ``expectClose(_:_:rtol:atol:_:sourceLocation:)`` that names the failing index.
public func expectClose(
  _ actual: [Double], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 0,
  _ label: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard actual.count == expected.count else {
    Issue.record("\(label()): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    return
  }
  for (i, (a, e)) in zip(actual, expected).enumerated() {
    expectClose(a, e, rtol: rtol, atol: atol, "\(label())[\(i)]", sourceLocation: sourceLocation)
  }
}
