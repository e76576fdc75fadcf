import FNASCore
import FPGAModel

/// FPGAModel's `LatencyModel` is the engine's estimator: an unmappable child is a report with
/// `feasible == false`; a malformed one throws, and the engine records it as infeasible.
extension LatencyModel: LatencyEstimating {
    public func estimate(_ architecture: Architecture) throws -> LatencyReport {
        try estimate(architecture, source: "sampled child")
    }
}

extension LatencyModel {
    /// The model a search configuration asks for (board, template, design-space exploration).
    ///
    /// - Throws: ``InputError`` when the board is invalid.
    public convenience init(configuration: SearchConfiguration) throws {
        try self.init(board: configuration.board,
                      options: ModelOptions(template: configuration.latency.template, dse: configuration.latency.dse))
    }
}
