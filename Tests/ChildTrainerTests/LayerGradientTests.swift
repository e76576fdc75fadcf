import Foundation
import FNASCore
import Testing
@testable import ChildTrainer

@Suite("Layer forward passes and finite-difference gradients")
struct LayerGradientTests {
    static let convCases: [(ConvLayer, (Int, Int, Int, Int))] = [
        (ConvLayer(kernel: 3, filters: 3, stride: 1, padding: .same), (2, 2, 5, 5)),
        (ConvLayer(kernel: 3, filters: 2, stride: 2, padding: .same), (2, 2, 7, 6)),
        (ConvLayer(kernel: 4, filters: 2, stride: 1, padding: .same), (1, 2, 6, 5)),
        (ConvLayer(kernel: 2, filters: 3, stride: 2, padding: .same), (2, 1, 5, 5)),
        (ConvLayer(kernel: 5, filters: 2, stride: 2, padding: .valid), (2, 2, 9, 8)),
        (ConvLayer(kernel: 3, filters: 2, stride: 1, padding: .valid), (1, 3, 5, 5)),
        // The last input row is read by no window: its gradient is 0, not left unwritten.
        (ConvLayer(kernel: 3, filters: 2, stride: 2, padding: .valid), (2, 2, 6, 7)),
        (ConvLayer(kernel: 5, filters: 2, stride: 3, padding: .same), (1, 2, 8, 7)),
        (ConvLayer(kernel: 1, filters: 4, stride: 1, padding: .same), (2, 3, 3, 4)),
        (ConvLayer(kernel: 1, filters: 2, stride: 2, padding: .same), (1, 2, 5, 5)),
        (ConvLayer(kernel: 7, filters: 2, stride: 1, padding: .same), (1, 1, 6, 6)),
        (ConvLayer(kernel: 14, filters: 2, stride: 1, padding: .same), (1, 1, 7, 7)),
    ]

    @Test("conv forward equals a direct convolution", arguments: convCases.indices)
    func convForwardMatchesReference(_ index: Int) {
        let (spec, shape) = Self.convCases[index]
        var g = SeededGenerator(seed: 5)
        let conv = Conv2D(spec, inputChannels: shape.1, bias: true, generator: &g)
        conv.bias!.value = (0..<spec.filters).map { Float($0) * 0.25 - 0.3 }
        let x = GradientCheck.random(shape, seed: 11)
        let y = conv.forward(x, training: true)
        let expected = referenceConvolution(x, weights: conv.weight.value, bias: conv.bias!.value, layer: spec)
        #expect(y.shape == expected.shape)
        let worst = zip(y.data, expected.data).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4, "\(spec): largest difference \(worst)")
    }

    @Test("conv gradients match central differences", arguments: convCases.indices)
    func convGradients(_ index: Int) {
        let (spec, shape) = Self.convCases[index]
        var g = SeededGenerator(seed: 6)
        let conv = Conv2D(spec, inputChannels: shape.1, bias: true, generator: &g)
        let mismatches = GradientCheck().check(conv, input: GradientCheck.random(shape, seed: 12))
        #expect(mismatches.isEmpty, "\(spec): \(mismatches.prefix(5))")
    }

    @Test("conv gives the same output and gradients on two threads as on one")
    func convThreadsAgree() {
        let spec = ConvLayer(kernel: 3, filters: 4, stride: 1)
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7)
        let one = Conv2D(spec, inputChannels: 2, generator: &g1)
        let two = Conv2D(spec, inputChannels: 2, generator: &g2)
        two.threads = 2
        let x = GradientCheck.random((5, 2, 6, 6), seed: 13)
        let y1 = one.forward(x, training: true), y2 = two.forward(x, training: true)
        #expect(y1 == y2)
        let r = GradientCheck.random((5, 4, 6, 6), seed: 14)
        let gx1 = one.backward(r), gx2 = two.backward(r)
        #expect(gx1 == gx2)
        let worst = zip(one.weight.gradient, two.weight.gradient).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4)
    }

    /// Blocks of one output row, the first-layer path (no input gradient, im2col of x for dW)
    /// and the default path must all agree.
    @Test("conv results do not depend on the column block size or on skipping the input gradient", arguments: convCases.indices)
    func convStrategiesAgree(_ index: Int) {
        let (spec, shape) = Self.convCases[index]
        var g1 = SeededGenerator(seed: 8), g2 = SeededGenerator(seed: 8), g3 = SeededGenerator(seed: 8)
        let plain = Conv2D(spec, inputChannels: shape.1, generator: &g1)
        let rowBlocks = Conv2D(spec, inputChannels: shape.1, generator: &g2)
        rowBlocks.columnBlockFloats = 1
        let noInput = Conv2D(spec, inputChannels: shape.1, generator: &g3)
        noInput.computesInputGradient = false
        let x = GradientCheck.random(shape, seed: 15)
        let y = plain.forward(x, training: true)
        // GEMMs of other shapes round differently, so agreement is to float precision.
        #expect(zip(rowBlocks.forward(x, training: true).data, y.data).allSatisfy { abs($0 - $1) < 1e-5 })
        _ = noInput.forward(x, training: true)
        let r = GradientCheck.random((y.batch, y.channels, y.height, y.width), seed: 16)
        let gx = plain.backward(r)
        let gxBlocks = rowBlocks.backward(r)
        #expect(zip(gx.data, gxBlocks.data).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(noInput.backward(r).count == 0)
        for other in [rowBlocks, noInput] {
            let worst = zip(plain.weight.gradient, other.weight.gradient).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(spec)")
        }
    }

    @Test("stride-1 backward: gathering and scattering give the same gradients", arguments: convCases.indices)
    func convBackwardStrategiesAgree(_ index: Int) {
        let (spec, shape) = Self.convCases[index]
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        let plain = Conv2D(spec, inputChannels: shape.1, generator: &g1)
        let scatter = Conv2D(spec, inputChannels: shape.1, generator: &g2)
        scatter.forcesScatter = true
        let x = GradientCheck.random(shape, seed: 17)
        let y = plain.forward(x, training: true)
        _ = scatter.forward(x, training: true)
        let r = GradientCheck.random((y.batch, y.channels, y.height, y.width), seed: 18)
        let gx = plain.backward(r), gxScatter = scatter.backward(r)
        #expect(gx.shape == gxScatter.shape)
        #expect(zip(gx.data, gxScatter.data).allSatisfy { abs($0 - $1) < 1e-4 }, "\(spec)")
        let worst = zip(plain.weight.gradient, scatter.weight.gradient).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4, "\(spec)")
    }

    @Test("stride-1 conv through FFTs: the direct convolution's output, im2col's gradients, central differences",
          arguments: convCases.indices)
    func spectralConvolution(_ index: Int) throws {
        let (spec, shape) = Self.convCases[index]
        var g1 = SeededGenerator(seed: 10), g2 = SeededGenerator(seed: 10)
        let columns = Conv2D(spec, inputChannels: shape.1, generator: &g1)
        let spectral = Conv2D(spec, inputChannels: shape.1, generator: &g2)
        columns.method = .columns
        spectral.method = .spectral
        spectral.bias!.value = (0..<spec.filters).map { Float($0) * 0.5 - 0.2 }
        columns.bias!.value = spectral.bias!.value
        let x = GradientCheck.random(shape, seed: 19)
        let y = spectral.forward(x, training: true)
        #expect((spectral.spectral != nil) == (spec.stride == 1), "\(spec)")
        try #require(spectral.spectral != nil || spec.stride != 1)
        let expected = referenceConvolution(x, weights: spectral.weight.value, bias: spectral.bias!.value, layer: spec)
        #expect(y.shape == expected.shape)
        #expect(zip(y.data, expected.data).allSatisfy { abs($0 - $1) < 1e-4 }, "\(spec)")
        _ = columns.forward(x, training: true)
        let r = GradientCheck.random((y.batch, y.channels, y.height, y.width), seed: 20)
        let gx = spectral.backward(r), gxColumns = columns.backward(r)
        #expect(gx.shape == gxColumns.shape)
        #expect(zip(gx.data, gxColumns.data).allSatisfy { abs($0 - $1) < 1e-4 }, "\(spec)")
        for (a, b) in [(spectral.weight.gradient, columns.weight.gradient), (spectral.bias!.gradient, columns.bias!.gradient)] {
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-4, "\(spec): \(worst)")
        }
        var g4 = SeededGenerator(seed: 11)
        let checked = Conv2D(spec, inputChannels: shape.1, generator: &g4)
        checked.method = .spectral
        let mismatches = GradientCheck().check(checked, input: GradientCheck.random(shape, seed: 21))
        #expect(mismatches.isEmpty, "\(spec): \(mismatches.prefix(5))")
    }

    @Test("a layer through FFTs gives the same bits on two threads as on one")
    func spectralThreadsAgree() {
        let spec = ConvLayer(kernel: 5, filters: 6, stride: 1)
        var g1 = SeededGenerator(seed: 12), g2 = SeededGenerator(seed: 12)
        let one = Conv2D(spec, inputChannels: 4, generator: &g1)
        let two = Conv2D(spec, inputChannels: 4, generator: &g2)
        one.method = .spectral
        two.method = .spectral
        two.threads = 2
        let x = GradientCheck.random((19, 4, 9, 9), seed: 22)
        #expect(one.forward(x, training: true) == two.forward(x, training: true))
        let r = GradientCheck.random((19, 6, 9, 9), seed: 23)
        #expect(one.backward(r) == two.backward(r))
        #expect(one.weight.gradient == two.weight.gradient)
        #expect(one.spectral != nil)
    }

    @Test("large kernels on many channels go through FFTs; first layers, small kernels and strides do not")
    func spectralChoice() {
        func spectral(_ n: Int, _ m: Int, k: Int, side: Int, stride: Int = 1) -> Bool {
            var g = SeededGenerator(seed: 1)
            let conv = Conv2D(ConvLayer(kernel: k, filters: m, stride: stride), inputChannels: n, generator: &g)
            let geometry = try! conv.geometry(for: FeatureShape(channels: n, height: side, width: side))
            return conv.spectralGeometry(for: geometry) != nil
        }
        #expect(spectral(36, 48, k: 7, side: 32))
        #expect(spectral(8, 16, k: 7, side: 28))
        #expect(spectral(9, 36, k: 14, side: 28))
        #expect(spectral(18, 18, k: 7, side: 28))
        #expect(!spectral(3, 36, k: 7, side: 32))
        #expect(!spectral(1, 18, k: 7, side: 28))
        #expect(!spectral(8, 8, k: 3, side: 28))
        #expect(!spectral(48, 64, k: 3, side: 16))
        #expect(!spectral(36, 48, k: 5, side: 32, stride: 2))
    }

    @Test("a stride-1 layer that at least doubles the channels scatters its gradient; others gather")
    func convBackwardStrategyChoice() {
        func kind(_ n: Int, _ m: Int, k: Int = 7, stride: Int = 1, firstLayer: Bool = false) -> String {
            var g = SeededGenerator(seed: 1)
            let conv = Conv2D(ConvLayer(kernel: k, filters: m, stride: stride), inputChannels: n, generator: &g)
            conv.computesInputGradient = !firstLayer
            let geometry = try! conv.geometry(for: FeatureShape(channels: n, height: 16, width: 16))
            switch conv.strategy(geometry) {
            case .pointwise: return "pointwise"
            case .gather: return "gather"
            case .scatter: return "scatter"
            }
        }
        #expect(kind(8, 16) == "scatter")
        #expect(kind(9, 36, k: 14) == "scatter")
        #expect(kind(36, 48) == "gather")
        #expect(kind(8, 8, k: 3) == "gather")
        #expect(kind(64, 36) == "gather")
        #expect(kind(8, 8, firstLayer: true) == "scatter")
        #expect(kind(8, 8, stride: 2) == "scatter")
        #expect(kind(8, 16, k: 1) == "pointwise")
    }

    @Test("batch norm in training mode: gradients match central differences")
    func batchNormGradients() {
        let bn = BatchNorm(channels: 3)
        bn.gamma.value = [1.5, 0.7, -0.4]
        bn.beta.value = [0.1, -0.2, 0.3]
        let mismatches = GradientCheck(step: 5e-3).check(bn, input: GradientCheck.random((3, 3, 3, 2), seed: 21))
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("batch norm normalises each channel to zero mean and unit variance")
    func batchNormStatistics() {
        let bn = BatchNorm(channels: 2)
        let y = bn.forward(GradientCheck.random((4, 2, 3, 3), seed: 22, scale: 3), training: true)
        for c in 0..<2 {
            var values: [Double] = []
            for n in 0..<4 { for j in 0..<9 { values.append(Double(y.data[(n * 2 + c) * 9 + j])) } }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-3)
        }
    }

    @Test("fused batch norm + ReLU equals batch norm followed by ReLU, forward and backward")
    func fusedBatchNormReLU() {
        let fused = BatchNorm(channels: 2, relu: true), plain = BatchNorm(channels: 2), relu = ReLU()
        for bn in [fused, plain] { bn.gamma.value = [1.2, -0.8]; bn.beta.value = [0.3, 0.1] }
        // 5x3 planes: one 8-wide vector step and a 7-value tail in every kernel.
        let x = GradientCheck.random((3, 2, 5, 3), seed: 23)
        let y1 = fused.forward(x, training: true)
        let y2 = relu.forward(plain.forward(x, training: true), training: true)
        #expect(zip(y1.data, y2.data).allSatisfy { abs($0 - $1) < 1e-5 })
        let r = GradientCheck.random((3, 2, 5, 3), seed: 24)
        let g1 = fused.backward(r), g2 = plain.backward(relu.backward(r))
        #expect(zip(g1.data, g2.data).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(zip(fused.gamma.gradient, plain.gamma.gradient).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(zip(fused.beta.gradient, plain.beta.gradient).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test("batch norm inference uses the running statistics")
    func batchNormInference() {
        let bn = BatchNorm(channels: 1, momentum: 1)
        let x = Tensor(batch: 1, channels: 1, height: 1, width: 4, data: [1, 2, 3, 4])
        _ = bn.forward(x, training: true)
        #expect(abs(bn.runningMean[0] - 2.5) < 1e-6)
        #expect(abs(bn.runningVariance[0] - 1.25) < 1e-4)
        let y = bn.forward(Tensor(batch: 1, channels: 1, height: 1, width: 1, data: [Float(2.5 + 1.25.squareRoot())]), training: false)
        #expect(abs(y.data[0] - 1) < 1e-4)
    }

    /// Inputs kept at least 0.1 away from the ReLU kink so a 0.01 step never crosses it.
    @Test("ReLU gradient matches central differences")
    func reluGradients() {
        var x = GradientCheck.random((2, 2, 3, 3), seed: 31)
        x.data = x.data.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 }
        let mismatches = GradientCheck().check(ReLU(), input: x)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    /// Values spaced 0.05 apart (a shuffled ramp) so no pooling window has a near tie.
    @Test("max-pool gradients match central differences", arguments: [(2, 2), (3, 2), (2, 1)])
    func maxPoolGradients(size: Int, stride: Int) {
        var g = SeededGenerator(seed: 41)
        var ramp = (0..<(2 * 2 * 5 * 6)).map { Float($0) * 0.05 }
        ramp.shuffle(using: &g)
        let x = Tensor(batch: 2, channels: 2, height: 5, width: 6, data: ramp)
        let mismatches = GradientCheck().check(MaxPool(size: size, stride: stride), input: x)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("max-pool picks the window maximum")
    func maxPoolForward() {
        let x = Tensor(batch: 1, channels: 1, height: 2, width: 4, data: [1, 5, 2, 0, 3, 4, 7, -1])
        #expect(MaxPool(size: 2).forward(x, training: true).data == [5, 7])
    }

    @Test("global average pooling: forward is the mean, gradients match central differences")
    func globalAveragePool() {
        let x = Tensor(batch: 1, channels: 2, height: 1, width: 3, data: [1, 2, 6, -3, 0, 0])
        #expect(GlobalAveragePool().forward(x, training: true).data == [3, -1])
        let mismatches = GradientCheck().check(GlobalAveragePool(), input: GradientCheck.random((2, 3, 3, 2), seed: 51))
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("dense gradients match central differences, through flatten")
    func denseGradients() {
        var g = SeededGenerator(seed: 61)
        let dense = Dense(inputs: 12, outputs: 4, generator: &g)
        dense.bias.value = [0.1, -0.2, 0.3, 0]
        let x = Flatten().forward(GradientCheck.random((3, 3, 2, 2), seed: 62), training: true)
        #expect(x.shape == [3, 12, 1, 1])
        let mismatches = GradientCheck().check(dense, input: x)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("softmax cross-entropy: log(classes) on equal logits, gradient matches central differences")
    func softmaxCrossEntropy() {
        let flat = SoftmaxCrossEntropy.evaluate(logits: Tensor(batch: 2, channels: 10, height: 1, width: 1), labels: [3, 7])
        #expect(abs(Double(flat.loss) - log(10.0)) < 1e-5)
        #expect(abs(flat.gradient.data[3] - (0.1 - 1) / 2) < 1e-6)

        var logits = GradientCheck.random((3, 5, 1, 1), seed: 71, scale: 2)
        let labels = [0, 4, 2]
        let result = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
        let h: Float = 1e-2
        for i in 0..<logits.count {
            let saved = logits.data[i]
            logits.data[i] = saved + h
            let plus = Double(SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels).loss)
            logits.data[i] = saved - h
            let minus = Double(SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels).loss)
            logits.data[i] = saved
            let numeric = (plus - minus) / (2 * Double(h))
            #expect(abs(Double(result.gradient.data[i]) - numeric) < 1e-3, "logit \(i)")
        }
    }

    @Test("softmax cross-entropy stays finite for huge logits")
    func softmaxStable() {
        let r = SoftmaxCrossEntropy.evaluate(
            logits: Tensor(batch: 1, channels: 3, height: 1, width: 1, data: [1000, 0, -1000]), labels: [1])
        #expect(abs(r.loss - 1000) < 1e-2)
        #expect(r.correct == 0)
    }
}
