/// Prefix minima over integer keys 0..<size that only ever decrease (a Fenwick tree): the
/// dominance test of the Pareto filters, "is there a kept point with no more DSPs and no more
/// BRAMs", in O(log size) per query and update.
struct PrefixMinimum {
    private var tree: [Int]

    init(size: Int) { tree = [Int](repeating: .max, count: size + 1) }

    /// The smallest value stored at a key <= `key` (`Int.max` when none).
    func minimum(upTo key: Int) -> Int {
        var i = min(key, tree.count - 2) + 1
        var m = Int.max
        while i > 0 {
            m = min(m, tree[i])
            i -= i & -i
        }
        return m
    }

    /// Lowers the value at `key` to `value` (no effect when it is already lower).
    mutating func lower(at key: Int, to value: Int) {
        var i = key + 1
        while i < tree.count {
            if value < tree[i] { tree[i] = value }
            i += i & -i
        }
    }

    /// Forgets every value (keeps the storage).
    mutating func reset() {
        for i in tree.indices { tree[i] = .max }
    }
}
