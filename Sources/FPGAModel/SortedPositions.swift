/// The positions of `values` in ascending order of value (ties in position order).
///
/// The design searches sort thousands of candidates per layer; sorting plain integers that pack
/// value and position is several times faster than sorting positions through a comparison
/// closure, so that is done whenever the packed key fits in 63 bits.
func sortedPositions(_ values: [Int]) -> [Int] {
    let count = values.count
    guard count > 1 else { return Array(values.indices) }
    let positionBits = Int.bitWidth - (count - 1).leadingZeroBitCount
    let largest = values.max() ?? 0
    let smallest = values.min() ?? 0
    if smallest >= 0, largest < (1 << (62 - positionBits)) {
        var keys = [Int](repeating: 0, count: count)
        for i in 0..<count { keys[i] = values[i] << positionBits | i }
        keys.sort()
        let mask = (1 << positionBits) - 1
        for i in 0..<count { keys[i] &= mask }
        return keys
    }
    return values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
}
