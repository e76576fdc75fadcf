import FNASCore

/// A stack of layers applied in order, with the shapes checked once when it is built.
///
/// Holds per-batch state (through its layers), so it is a reference type that one trainer owns.
public final class Network {
    public let layers: [Layer]
    /// The per-image input shape the network was built for.
    public let inputShape: FeatureShape
    /// The per-image output shape (`classes x 1 x 1` for a classifier).
    public let outputShape: FeatureShape

    /// Chains `layers`, checking that each accepts the shape the previous one produces.
    ///
    /// - Throws: ``InputError`` naming the first layer that does not fit.
    public init(input: FeatureShape, layers: [Layer]) throws {
        var shape = input
        for (i, layer) in layers.enumerated() {
            do {
                shape = try layer.outputShape(for: shape)
            } catch let error as InputError {
                throw InputError(source: "network", field: "layer \(i + 1) (\(layer.summary))", error.message)
            }
        }
        self.layers = layers
        inputShape = input
        outputShape = shape
        // The input image needs no gradient; skipping it saves the first layer's col2im.
        if let first = layers.first as? Conv2D { first.computesInputGradient = false }
    }

    /// Every trainable parameter, in layer order.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Trainable values in total.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Sets how many threads every layer may use.
    public func setThreads(_ threads: Int) {
        for layer in layers { layer.threads = max(1, threads) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.channels == inputShape.channels && x.height == inputShape.height && x.width == inputShape.width,
                     "network built for \(inputShape), given \(x.shape)")
        var y = x
        for layer in layers { y = layer.forward(y, training: training) }
        return y
    }

    /// Back-propagates dLoss/dOutput, accumulating every parameter's gradient.
    public func backward(_ gradOutput: Tensor) {
        var g = gradOutput
        for layer in layers.reversed() { g = layer.backward(g) }
    }

    public func zeroGradients() {
        for p in parameters { p.zeroGradient() }
    }

    /// One line per layer, e.g. for `fnas train`'s header.
    public var summary: [String] {
        var shape = inputShape
        var lines: [String] = []
        for layer in layers {
            guard let next = try? layer.outputShape(for: shape) else { break }
            lines.append("\(layer.summary) -> \(next)")
            shape = next
        }
        return lines
    }
}

extension Network {
    /// The child network FNAS trains for an architecture: per conv layer conv -> batch norm ->
    /// ReLU (BN and ReLU fused; the conv has no bias because BN's shift replaces it), then global
    /// average pooling and dense(classes), as in the authors' code.
    ///
    /// - Parameter seed: fixes every initial weight.
    /// - Throws: ``InputError`` when the architecture is invalid.
    public static func child(_ arch: Architecture, seed: UInt64) throws -> Network {
        try arch.validated()
        // The weights alone (batch 0) must fit before they are allocated.
        try TrainingMemory.check(arch, batch: 0)
        var generator = SeededGenerator(seed: seed).derive("weights")
        var layers: [Layer] = []
        var channels = arch.input.channels
        for (i, conv) in arch.layers.enumerated() {
            layers.append(Conv2D(conv, inputChannels: channels, bias: false, name: "conv\(i + 1)", generator: &generator))
            layers.append(BatchNorm(channels: conv.filters, relu: true, name: "bn\(i + 1)"))
            channels = conv.filters
        }
        // The layers run one after the other, so their spectral convolutions share the buffers
        // they use only within a pass.
        let scratch = SpectralScratch()
        for case let conv as Conv2D in layers { conv.spectralScratch = scratch }
        layers.append(GlobalAveragePool())
        layers.append(Dense(inputs: channels, outputs: arch.classes, name: "classifier", generator: &generator))
        return try Network(input: FeatureShape(channels: arch.input.channels, height: arch.input.height, width: arch.input.width),
                           layers: layers)
    }
}
