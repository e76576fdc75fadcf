/// What bounds a layer's tile step: the largest of its load, compute and store times.
public enum Bottleneck: String, Sendable, Hashable, Codable, CaseIterable {
    case loadingIFM = "loading IFM"
    case loadingWeights = "loading weights"
    case computing = "computing"
    case storingOFM = "storing OFM"
}
