import FNASCore

/// The comparison of one FNAS run and one NAS run under the same spec and seed.
public struct ExperimentPair: Sendable, Hashable {
    public var fnas: ExperimentRun
    public var nas: ExperimentRun

    public init(fnas: ExperimentRun, nas: ExperimentRun) {
        self.fnas = fnas
        self.nas = nas
    }

    /// How many times faster the FNAS search finished than NAS's (NAS time / FNAS time).
    public var speedup: Double { fnas.wallSeconds > 0 ? nas.wallSeconds / fnas.wallSeconds : .nan }

    /// Latency of NAS's best architecture divided by the spec (the paper's "7.81x").
    public var nasLatencyOverSpec: Double? {
        guard let b = nas.best else { return nil }
        return b.latency.latencyMicroseconds / nas.spec.microseconds
    }

    /// Whether FNAS's best architecture meets the spec (nil when FNAS trained nothing).
    public var fnasMeetsSpec: Bool? { fnas.best.map { $0.meets(fnas.spec) } }

    /// FNAS best accuracy minus NAS best accuracy, in accuracy units (negative = FNAS lost).
    public var accuracyDifference: Double? {
        guard let f = fnas.best?.accuracy, let n = nas.best?.accuracy else { return nil }
        return f - n
    }
}
