import FNASCore
import Foundation
import Testing
@testable import SearchEngine

@Suite("Search spaces")
struct SearchSpaceTests {
    @Test func presetsHaveTheAuthorsChoicesAndSizes() throws {
        let mnist = try SearchSpace.named("fnas-mnist")
        #expect(mnist.kernels == [5, 7, 14] && mnist.filters == [9, 18, 36] && mnist.layers == 4)
        #expect(mnist.size == 6561)                         // (3 * 3)^4, stride fixed
        #expect(mnist.plan == [0, 1, 0, 1, 0, 1, 0, 1])     // kernel, filters per layer
        let cifar = try SearchSpace.named("fnas-cifar-14")
        #expect(cifar.layers == 14 && cifar.input == InputShape(height: 32, width: 32, channels: 3))
        #expect(cifar.sizeDescription.hasPrefix("32^14"))
        #expect(try SearchSpace.named("embedded").size == 5832)  // (3 * 3 * 2)^3
    }

    @Test func choicesAndArchitecturesAreInverse() throws {
        let space = try SearchSpace.named("embedded")
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let c = space.randomChoices(using: &rng)
            let arch = space.architecture(choices: c)
            #expect(space.choices(for: arch) == c)
            #expect(throws: Never.self) { try arch.validated() }
        }
        let outside = Architecture(input: space.input, layers: [ConvLayer(kernel: 9, filters: 4)])
        #expect(space.choices(for: outside) == nil)
    }

    @Test func userSpaceFileIsReadAndValidated() throws {
        let json = #"{"format": "fnas-space", "version": 1, "name": "tiny", "input": {"height": 8, "width": 8, "channels": 1}, "layers": 2, "kernels": [1, 3], "filters": [2, 4]}"#
        let space = try SearchSpace.decode(Data(json.utf8), source: "tiny.json")
        #expect(space.strides == [1] && space.padding == .same && space.size == 16)
    }

    @Test func badUserSpaceNamesFileAndField() {
        let missing = #"{"name": "x", "input": {"height": 8, "width": 8, "channels": 1}, "kernels": [3], "filters": [2]}"#
        #expect(throws: InputError(source: "s.json", field: "layers", at: TextLocation(line: 1, column: 1), "required field is missing")) {
            try SearchSpace.decode(Data(missing.utf8), source: "s.json")
        }
        let negative = #"{"name": "x", "input": {"height": 8, "width": 8, "channels": 1}, "layers": 2, "kernels": [3, -1], "filters": [2]}"#
        #expect(throws: InputError(source: "s.json", field: "kernels[1]", at: TextLocation(line: 1, column: 94), "must be at least 1 (got -1)")) {
            try SearchSpace.decode(Data(negative.utf8), source: "s.json")
        }
        #expect(throws: InputError.self) { try SearchSpace.decode(Data("{".utf8), source: "s.json") }
        // Values every child would fail on (classes 10^12 aborted training mid-search) are
        // refused with the space file named.
        let manyClasses = #"{"name": "x", "input": {"height": 8, "width": 8, "channels": 1}, "layers": 2, "kernels": [3], "filters": [2], "classes": 1000000000000}"#
        #expect(throws: InputError(source: "s.json", field: "classes", at: TextLocation(line: 1, column: 122), "1000000000000 is too large (at most 1048576)")) {
            try SearchSpace.decode(Data(manyClasses.utf8), source: "s.json")
        }
        let hugeFilter = #"{"name": "x", "input": {"height": 8, "width": 8, "channels": 1}, "layers": 2, "kernels": [3], "filters": [2, 4000000]}"#
        #expect(throws: InputError(source: "s.json", field: "filters[1]", at: TextLocation(line: 1, column: 110), "4000000 is too large (at most 1048576)")) {
            try SearchSpace.decode(Data(hugeFilter.utf8), source: "s.json")
        }
        let fraction = #"{"name": "x", "input": {"height": 8, "width": 8, "channels": 1}, "layers": 2.5, "kernels": [3], "filters": [2]}"#
        #expect(throws: InputError(source: "s.json", field: "layers", at: TextLocation(line: 1, column: 76), "expected a whole number, got 2.5")) {
            try SearchSpace.decode(Data(fraction.utf8), source: "s.json")
        }
        let hugeInput = #"{"name": "x", "input": {"height": 8, "width": 9000000000, "channels": 1}, "layers": 2, "kernels": [3], "filters": [2]}"#
        #expect(throws: InputError(source: "s.json", field: "input", at: TextLocation(line: 1, column: 24), "8x9000000000x1 is too large (each dimension at most 1048576)")) {
            try SearchSpace.decode(Data(hugeInput.utf8), source: "s.json")
        }
        #expect(throws: InputError.self) { try SearchSpace.named("no-such-space") }
    }
}
