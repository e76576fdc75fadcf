import FNASCore
import Foundation

/// The choices the controller picks from: for every layer a kernel size, a filter count and
/// a stride, each from its own list; plus the input the children read.
///
/// A hyper-parameter with one choice is fixed and is not a decision. The controller's plan is
/// layer by layer: kernel, filters, stride (those with more than one choice).
public struct SearchSpace: Sendable, Hashable, Codable {
    /// The JSON `format` value of a user-defined space file.
    public static let fileFormat = "fnas-space"

    public var name: String
    public var summary: String
    public var input: InputShape
    public var classes: Int
    public var layers: Int
    public var kernels: [Int]
    public var filters: [Int]
    public var strides: [Int]
    public var padding: Padding
    /// The data the children train on, e.g. `fashion-mnist-subset`, `mnist`, `cifar-10`.
    public var dataset: String

    public init(name: String, summary: String = "", input: InputShape, classes: Int = 10, layers: Int,
                kernels: [Int], filters: [Int], strides: [Int] = [1], padding: Padding = .same, dataset: String) {
        self.name = name; self.summary = summary; self.input = input; self.classes = classes
        self.layers = layers; self.kernels = kernels; self.filters = filters; self.strides = strides
        self.padding = padding; self.dataset = dataset
    }

    enum CodingKeys: String, CodingKey {
        case name, summary, input, classes, layers, kernels, filters, strides, padding, dataset
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        input = try c.decode(InputShape.self, forKey: .input)
        classes = try c.decodeIfPresent(Int.self, forKey: .classes) ?? 10
        layers = try c.decode(Int.self, forKey: .layers)
        kernels = try c.decode([Int].self, forKey: .kernels)
        filters = try c.decode([Int].self, forKey: .filters)
        strides = try c.decodeIfPresent([Int].self, forKey: .strides) ?? [1]
        padding = try c.decodeIfPresent(Padding.self, forKey: .padding) ?? .same
        dataset = try c.decodeIfPresent(String.self, forKey: .dataset) ?? "fashion-mnist-subset"
    }

    // MARK: - Decisions

    /// One hyper-parameter kind of a layer.
    public enum Kind: Int, Sendable, Hashable, Codable, CaseIterable {
        case kernel, filters, stride
    }

    /// The choice list of a kind.
    public func choices(_ kind: Kind) -> [Int] {
        switch kind {
        case .kernel: return kernels
        case .filters: return filters
        case .stride: return strides
        }
    }

    /// The kinds that are decisions (more than one choice), in per-layer order.
    public var decisionKinds: [Kind] { Kind.allCases.filter { choices($0).count > 1 } }

    /// Number of choices of every kind, indexed by `Kind.rawValue` (the controller's tables).
    public var kindSizes: [Int] { Kind.allCases.map { choices($0).count } }

    /// The kind (as `Kind.rawValue`) of every decision in sampling order.
    public var plan: [Int] { (0..<layers).flatMap { _ in decisionKinds.map(\.rawValue) } }

    /// The architecture the decision indices select (one index per `plan` entry).
    public func architecture(choices indices: [Int]) -> Architecture {
        let kinds = decisionKinds
        var conv: [ConvLayer] = []
        for layer in 0..<layers {
            func pick(_ kind: Kind) -> Int {
                let list = choices(kind)
                guard let d = kinds.firstIndex(of: kind) else { return list[0] }
                let i = indices[layer * kinds.count + d]
                return list[min(max(i, 0), list.count - 1)]
            }
            conv.append(ConvLayer(kernel: pick(.kernel), filters: pick(.filters), stride: pick(.stride), padding: padding))
        }
        return Architecture(input: input, classes: classes, layers: conv)
    }

    /// The decision indices that select `arch`, or nil when it is not in this space.
    public func choices(for arch: Architecture) -> [Int]? {
        guard arch.layers.count == layers, arch.input == input, arch.classes == classes else { return nil }
        var out: [Int] = []
        for layer in arch.layers {
            guard layer.padding == padding else { return nil }
            let values: [Kind: Int] = [.kernel: layer.kernel, .filters: layer.filters, .stride: layer.stride]
            for kind in Kind.allCases {
                guard let i = choices(kind).firstIndex(of: values[kind] ?? -1) else { return nil }
                if choices(kind).count > 1 { out.append(i) }
            }
        }
        return out
    }

    /// Uniformly random decision indices (exploration and random search).
    public func randomChoices(using rng: inout SeededGenerator) -> [Int] {
        plan.map { Int(rng.next() % UInt64(kindSizes[$0])) }
    }

    /// Number of architectures in the space, as a Double (14-layer spaces overflow Int).
    public var size: Double {
        let perLayer = Double(kernels.count * filters.count * strides.count)
        return pow(perLayer, Double(layers))
    }

    /// `4096` or `32^14 ≈ 1.2e21`.
    public var sizeDescription: String {
        let perLayer = kernels.count * filters.count * strides.count
        let s = size
        if s < 1e9 { return String(Int(s)) }
        return "\(perLayer)^\(layers) ≈ " + String(format: "%.1e", s)
    }

    // MARK: - Validation

    /// Checks every field.
    ///
    /// - Throws: ``InputError`` naming `source` and the bad field.
    public func validate(source: String = "space") throws {
        func fail(_ field: String, _ message: String) -> InputError { InputError(source: source, field: field, message) }
        if name.isEmpty { throw fail("name", "a search space needs a name") }
        if input.height < 1 || input.width < 1 || input.channels < 1 {
            throw fail("input", "every dimension must be at least 1 (got \(input))")
        }
        // Children must pass Architecture.validated; catching an oversized value here names the
        // space file instead of failing every child (classes 10^12 made training abort).
        let limit = Architecture.maximumDimension
        if max(input.height, input.width, input.channels) > limit {
            throw fail("input", "\(input) is too large (each dimension at most \(limit))")
        }
        if classes < 2 { throw fail("classes", "must be at least 2 (got \(classes))") }
        if classes > limit { throw fail("classes", "\(classes) is too large (at most \(limit))") }
        if layers < 1 || layers > 64 { throw fail("layers", "must be between 1 and 64 (got \(layers))") }
        for (field, list) in [("kernels", kernels), ("filters", filters), ("strides", strides)] {
            if list.isEmpty { throw fail(field, "needs at least one choice") }
            if let bad = list.firstIndex(where: { $0 < 1 }) {
                throw fail("\(field)[\(bad)]", "must be at least 1 (got \(list[bad]))")
            }
            if let bad = list.firstIndex(where: { $0 > limit }) {
                throw fail("\(field)[\(bad)]", "\(list[bad]) is too large (at most \(limit))")
            }
            if Set(list).count != list.count { throw fail(field, "lists a choice twice: \(list)") }
        }
        if dataset.isEmpty { throw fail("dataset", "name the data the children train on") }
        // The smallest map the deepest child can reach must still hold a kernel with valid padding.
        if padding == .valid {
            var h = min(input.height, input.width)
            let k = kernels.max() ?? 1, s = strides.max() ?? 1
            for layer in 0..<layers {
                guard h >= k else {
                    throw fail("kernels", "kernel \(k) with valid padding does not fit layer \(layer + 1)'s \(h)x\(h) map")
                }
                h = (h - k) / s + 1
            }
        }
    }
}

// MARK: - Presets and files

extension SearchSpace {
    /// The built-in spaces.
    public static let presets: [SearchSpace] = [
        SearchSpace(name: "embedded",
                    summary: "CPU-friendly default: Fashion-MNIST subset, children train in seconds",
                    input: InputShape(height: 28, width: 28, channels: 1), layers: 3,
                    kernels: [3, 5, 7], filters: [4, 8, 16], strides: [1, 2], dataset: "fashion-mnist-subset"),
        SearchSpace(name: "fnas-mnist",
                    summary: "authors' DAC'19 MNIST demo",
                    input: InputShape(height: 28, width: 28, channels: 1), layers: 4,
                    kernels: [5, 7, 14], filters: [9, 18, 36], strides: [1], dataset: "mnist"),
        cifar(layers: 6, name: "fnas-cifar"),
        cifar(layers: 10, name: "fnas-cifar-10"),
        cifar(layers: 14, name: "fnas-cifar-14"),
    ]

    static func cifar(layers: Int, name: String) -> SearchSpace {
        SearchSpace(name: name, summary: "TCAD'20 CIFAR-10, \(layers) layers",
                    input: InputShape(height: 32, width: 32, channels: 3), layers: layers,
                    kernels: [1, 3, 5, 7], filters: [24, 36, 48, 64], strides: [1, 2], dataset: "cifar-10")
    }

    /// A preset by name, or a user-defined space read from a JSON file path.
    ///
    /// - Throws: ``InputError`` for an unknown name or a bad file.
    public static func named(_ nameOrPath: String, setting: String = "space") throws -> SearchSpace {
        if let preset = presets.first(where: { $0.name == nameOrPath.lowercased() }) { return preset }
        if nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") || FileManager.default.fileExists(atPath: nameOrPath) {
            return try read(path: nameOrPath)
        }
        throw InputError(setting: setting, "unknown search space \"\(nameOrPath)\"; known: \(presets.map(\.name).joined(separator: ", ")) or a .json file (see `fnas spaces`)")
    }

    /// Reads and validates a user-defined space (format `fnas-space`, version 1).
    ///
    /// - Throws: ``InputError`` naming the file and the bad field.
    public static func read(path: String) throws -> SearchSpace {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(source: path, "no such file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(source: path, "cannot be read") }
        return try decode(data, source: path)
    }

    /// Decodes and validates a space from JSON bytes.
    public static func decode(_ data: Data, source: String) throws -> SearchSpace {
        try DescriptionFiles.checkHeader(data, expected: fileFormat, source: source)
        let space: SearchSpace
        do { space = try JSONDecoder().decode(SearchSpace.self, from: data) } catch let e as DecodingError {
            throw DescriptionFiles.inputError(e, decoding: SearchSpace.self, from: data, source: source)
        }
        do { try space.validate(source: source) } catch let e as InputError { throw e.located(in: JSONSourceMap(data)) }
        return space
    }
}
