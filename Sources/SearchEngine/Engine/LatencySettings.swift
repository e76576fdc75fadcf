import FPGAModel

/// The latency model's settings for a search (see FPGAModel's `ModelOptions`).
public struct LatencySettings: Sendable, Hashable, Codable {
    public var template: AcceleratorTemplate
    public var dse: DesignSpaceExploration

    public init(template: AcceleratorTemplate = .pipelined, dse: DesignSpaceExploration = .full) {
        self.template = template; self.dse = dse
    }
}
