/// Where each weight group of the controller lives in its flat parameter vector.
///
/// Groups: a learned start input (E), one embedding table per decision kind
/// (choices x E), the LSTM's gate weights (4H x (E+H), gate order i, f, g, o) and biases
/// (4H), and one softmax classifier per decision kind (choices x H weights, choices biases).
/// One flat vector keeps the optimiser, the checkpoint and the gradient check simple.
public struct ParameterLayout: Sendable, Hashable, Codable {
    public let embeddingSize: Int
    public let hiddenUnits: Int
    /// Number of choices of each decision kind.
    public let kindSizes: [Int]
    public let start: Range<Int>
    public let embeddings: [Range<Int>]
    public let lstmWeights: Range<Int>
    public let lstmBias: Range<Int>
    public let outputWeights: [Range<Int>]
    public let outputBias: [Range<Int>]
    public let count: Int

    public init(embeddingSize E: Int, hiddenUnits H: Int, kindSizes: [Int]) {
        embeddingSize = E; hiddenUnits = H; self.kindSizes = kindSizes
        var next = 0
        func take(_ n: Int) -> Range<Int> { defer { next += n }; return next..<(next + n) }
        start = take(E)
        embeddings = kindSizes.map { take($0 * E) }
        lstmWeights = take(4 * H * (E + H))
        lstmBias = take(4 * H)
        outputWeights = kindSizes.map { take($0 * H) }
        outputBias = kindSizes.map { take($0) }
        count = next
    }

    /// Every weight group with a name, for gradient checks and diagnostics.
    public var groups: [(name: String, range: Range<Int>)] {
        var g: [(String, Range<Int>)] = [("start", start)]
        for (k, r) in embeddings.enumerated() { g.append(("embedding[\(k)]", r)) }
        g.append(("lstm.W", lstmWeights)); g.append(("lstm.b", lstmBias))
        for (k, r) in outputWeights.enumerated() { g.append(("softmax[\(k)].W", r)) }
        for (k, r) in outputBias.enumerated() { g.append(("softmax[\(k)].b", r)) }
        return g
    }

    /// True for ranges holding biases, which start at zero.
    func isBias(_ index: Int) -> Bool {
        lstmBias.contains(index) || outputBias.contains { $0.contains(index) }
    }
}
