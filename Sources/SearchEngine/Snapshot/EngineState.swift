/// What the engine is doing.
public enum EngineState: String, Sendable, Hashable, Codable {
    case starting, sampling, training, paused, stopping, finished, failed
}
