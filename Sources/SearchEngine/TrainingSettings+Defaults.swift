import FNASCore

extension TrainingSettings {
    /// The embedded space's child learning rate (Adam) when `--lr` is not given.
    ///
    /// A search affords one epoch per child on the CPU (about 140 steps of 64 images on the
    /// embedded Fashion-MNIST subset). At Adam's usual 0.001 that is too few steps: measured with
    /// `fnas train` (1 epoch, batch 64, seed 1, test accuracy), k5f4,k5f4,k3f4 reached 18.4 %,
    /// k3f8,k3f4,k5f8s2 28.2 %, k3f4,k7f4s2,k5f8s2 35.1 %, k7f16s2,k3f8s2,k5f16s2 63.5 %, so the
    /// controller mostly saw how far a child got in one epoch, not how good its architecture is.
    /// At 0.01 the same children reached 51.7 %, 49.7 %, 64.5 % and 75.6 % (0.003: 37-73 %; 0.02
    /// was unstable across seeds: 47-65 % for k3f8,k3f16s2,k3f8), at the same training time
    /// (batch norm after every convolution keeps the larger steps stable).
    public static let embeddedLearningRate = 0.01

    /// The default settings for a space: ``embeddedLearningRate`` for the embedded space, the
    /// initializer's defaults otherwise (the larger spaces were not tuned).
    public static func defaults(for space: SearchSpace, dataset: String? = nil) -> TrainingSettings {
        var settings = TrainingSettings(dataset: dataset)
        if space == SearchSpace.presets.first(where: { $0.name == "embedded" }) { settings.learningRate = embeddedLearningRate }
        return settings
    }
}
