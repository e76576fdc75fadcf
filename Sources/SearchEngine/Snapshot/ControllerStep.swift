/// A controller update after an episode.
public struct ControllerStep: Sendable, Hashable, Codable {
    public var episode: Int
    public var loss: Double
    public var entropy: Double
    public var reward: Double
    public var baseline: Double

    public init(episode: Int, loss: Double, entropy: Double, reward: Double, baseline: Double) {
        self.episode = episode; self.loss = loss; self.entropy = entropy; self.reward = reward; self.baseline = baseline
    }
}
