import LinearAlgebra
import TestSupport
import Testing

@Suite struct VectorTests {
  @Test(arguments: [0, 1, 3, 7, 8, 9, 31, 1000])
  func dotMatchesNaiveLoop(count: Int) {
    let a = randomVector(count, seed: 1), b = randomVector(count, seed: 2)
    var expected = 0.0
    for i in 0..<count { expected += a[i] * b[i] }
    expectClose(Vector.dot(a, b), expected, rtol: 1e-13, atol: 1e-13)
  }

  @Test func sumAndSumOfSquares() {
    let a = (1...11).map(Double.init)
    #expect(Vector.sum(a) == 66)
    #expect(Vector.sumOfSquares(a) == 506)
    #expect(Vector.sum([]) == 0)
    #expect(Vector.sumOfSquares([]) == 0)
  }

  @Test func subtracting() {
    #expect(Vector.subtracting([5, 7, 9], [1, 2, 3]) == [4, 5, 6])
  }
}
