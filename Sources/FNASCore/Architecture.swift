/// The shape of the images a network reads: height x width x channels.
public struct InputShape: Sendable, Hashable, Codable, CustomStringConvertible {
    public var height: Int
    public var width: Int
    public var channels: Int

    public init(height: Int, width: Int, channels: Int) {
        self.height = height
        self.width = width
        self.channels = channels
    }

    /// `HxWxC`, the form the command line accepts.
    public var description: String { "\(height)x\(width)x\(channels)" }
}

/// How a convolution pads its input.
public enum Padding: String, Sendable, Hashable, Codable, CaseIterable {
    /// Output size is `ceil(input / stride)`; the kernel is centred with zero padding.
    case same
    /// No padding: output size is `floor((input - kernel) / stride) + 1`.
    case valid
}

/// One convolution layer of a child network, as the controller samples it.
public struct ConvLayer: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Kernel size K (square K x K).
    public var kernel: Int
    /// Number of output channels (filters), M in the accelerator model.
    public var filters: Int
    /// Stride S in both directions.
    public var stride: Int
    public var padding: Padding

    public init(kernel: Int, filters: Int, stride: Int = 1, padding: Padding = .same) {
        self.kernel = kernel
        self.filters = filters
        self.stride = stride
        self.padding = padding
    }

    enum CodingKeys: String, CodingKey { case kernel, filters, stride, padding }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kernel = try c.decode(Int.self, forKey: .kernel)
        filters = try c.decode(Int.self, forKey: .filters)
        stride = try c.decodeIfPresent(Int.self, forKey: .stride) ?? 1
        padding = try c.decodeIfPresent(Padding.self, forKey: .padding) ?? .same
    }

    /// Compact form: `k5f18`, with `s2` when the stride is not 1 and `v` for valid padding.
    public var description: String {
        var s = "k\(kernel)f\(filters)"
        if stride != 1 { s += "s\(stride)" }
        if padding == .valid { s += "v" }
        return s
    }
}

/// A child CNN: an input shape, a stack of conv layers, and a classifier over `classes`.
///
/// The conv stack is what the FPGA model maps onto the board; the trainer appends
/// batch normalisation and ReLU to every conv layer, then global average pooling and a dense
/// classifier (the head of the authors' code).
public struct Architecture: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The JSON format version this build reads and writes.
    public static let formatVersion = 1

    /// The largest size, channel count, kernel or stride `validated` accepts (2^20).
    public static let maximumDimension = 1 << 20

    public var name: String?
    public var input: InputShape
    public var classes: Int
    public var layers: [ConvLayer]

    public init(name: String? = nil, input: InputShape, classes: Int = 10, layers: [ConvLayer]) {
        self.name = name
        self.input = input
        self.classes = classes
        self.layers = layers
    }

    /// Compact layers, e.g. `k5f6,k5f16`.
    public var compactLayers: String { layers.map(\.description).joined(separator: ",") }

    public var description: String { "\(input):\(compactLayers)" }
}

/// The sizes of one conv layer once its input is known: the symbols of the accelerator model.
///
/// M output channels, N input channels, R x C output rows and columns, K kernel, S stride,
/// and the input map H x W it reads.
public struct LayerShape: Sendable, Hashable, Codable {
    public var M: Int
    public var N: Int
    public var R: Int
    public var C: Int
    public var K: Int
    public var S: Int
    public var inputRows: Int
    public var inputCols: Int
    /// Zero rows (and columns) padded above (and left of) the input.
    public var padTop: Int
    public var padLeft: Int

    public init(M: Int, N: Int, R: Int, C: Int, K: Int, S: Int,
                inputRows: Int, inputCols: Int, padTop: Int, padLeft: Int) {
        self.M = M; self.N = N; self.R = R; self.C = C; self.K = K; self.S = S
        self.inputRows = inputRows; self.inputCols = inputCols
        self.padTop = padTop; self.padLeft = padLeft
    }

    /// Multiply-accumulates of the layer: M * N * R * C * K * K.
    public var macs: Int { M * N * R * C * K * K }
}

extension ConvLayer {
    /// Output size of this layer along one axis of length `input`, or nil when it would be empty.
    public func outputSize(_ input: Int) -> Int? {
        guard input > 0, stride > 0, kernel > 0 else { return nil }
        switch padding {
        case .same:
            return (input + stride - 1) / stride
        case .valid:
            guard input >= kernel else { return nil }
            return (input - kernel) / stride + 1
        }
    }

    /// Leading zero padding along one axis, as TensorFlow's "same" places it.
    public func leadingPad(input: Int, output: Int) -> Int {
        guard padding == .same else { return 0 }
        let total = max((output - 1) * stride + kernel - input, 0)
        return total / 2
    }
}

extension Architecture {
    /// Checks every field and returns the per-layer shapes.
    ///
    /// - Parameter source: the file or flag the architecture came from, for the error.
    /// - Throws: ``InputError`` naming the first bad field (e.g. `layers[2].kernel`).
    @discardableResult
    public func validated(source: String = "architecture") throws -> [LayerShape] {
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(source: source, field: field, message)
        }
        // Far beyond any CNN, and small enough that no size arithmetic below can overflow.
        let limit = Architecture.maximumDimension
        for (field, v) in [("input.height", input.height), ("input.width", input.width), ("input.channels", input.channels)]
            + layers.enumerated().flatMap({ i, l in
                [("layers[\(i)].kernel", l.kernel), ("layers[\(i)].filters", l.filters), ("layers[\(i)].stride", l.stride)] })
        where v > limit {
            throw fail(field, "\(v) is too large (at most \(limit))")
        }
        if input.height < 1 { throw fail("input.height", "must be at least 1 (got \(input.height))") }
        if input.width < 1 { throw fail("input.width", "must be at least 1 (got \(input.width))") }
        if input.channels < 1 { throw fail("input.channels", "must be at least 1 (got \(input.channels))") }
        if classes < 2 { throw fail("classes", "must be at least 2 (got \(classes))") }
        if classes > limit { throw fail("classes", "\(classes) is too large (at most \(limit))") }
        if layers.isEmpty { throw fail("layers", "an architecture needs at least one conv layer") }
        var shapes: [LayerShape] = []
        var h = input.height, w = input.width, n = input.channels
        for (i, layer) in layers.enumerated() {
            let at = "layers[\(i)]"
            if layer.kernel < 1 { throw fail("\(at).kernel", "kernel must be at least 1 (got \(layer.kernel))") }
            if layer.filters < 1 { throw fail("\(at).filters", "filters must be at least 1 (got \(layer.filters))") }
            if layer.stride < 1 { throw fail("\(at).stride", "stride must be at least 1 (got \(layer.stride))") }
            if layer.stride > max(h, w) {
                throw fail("\(at).stride", "stride \(layer.stride) is larger than the \(h)x\(w) input map")
            }
            guard let r = layer.outputSize(h), let c = layer.outputSize(w), r > 0, c > 0 else {
                throw fail(at, "output is empty: kernel \(layer.kernel) with \(layer.padding.rawValue) padding does not fit the \(h)x\(w) input map")
            }
            shapes.append(LayerShape(
                M: layer.filters, N: n, R: r, C: c, K: layer.kernel, S: layer.stride,
                inputRows: h, inputCols: w,
                padTop: layer.leadingPad(input: h, output: r),
                padLeft: layer.leadingPad(input: w, output: c)))
            h = r; w = c; n = layer.filters
        }
        return shapes
    }
}
