import FNASCore

/// Seeded children of the two search spaces in the method notes.
enum RandomArchitectures {
    /// DAC'19 MNIST space: 4 layers, kernel {5,7,14}, filters {9,18,36}, 28x28x1.
    static func mnist(_ g: inout SeededGenerator) -> Architecture {
        let layers = (0..<4).map { _ in
            ConvLayer(kernel: [5, 7, 14].randomElement(using: &g) ?? 5, filters: [9, 18, 36].randomElement(using: &g) ?? 9)
        }
        return Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: layers)
    }

    /// TCAD'20 CIFAR space: 6 or 10 layers, kernel {1,3,5,7}, filters {24,36,48,64}, stride {1,2};
    /// a stride of 2 on a 1x1 map becomes 1 (FNASCore rejects a stride larger than the map).
    static func cifar(_ g: inout SeededGenerator, layers count: Int = 10) -> Architecture {
        var size = 32
        var layers: [ConvLayer] = []
        for _ in 0..<count {
            var stride = [1, 2].randomElement(using: &g) ?? 1
            if stride > size { stride = 1 }
            layers.append(ConvLayer(kernel: [1, 3, 5, 7].randomElement(using: &g) ?? 3,
                                    filters: [24, 36, 48, 64].randomElement(using: &g) ?? 24, stride: stride))
            size = (size + stride - 1) / stride
        }
        return Architecture(input: InputShape(height: 32, width: 32, channels: 3), layers: layers)
    }
}
