import Foundation
import Testing
@testable import FNASCore

@Suite struct ArchitectureTests {
    @Test func samePaddingOutputIsCeilOfInputOverStride() throws {
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                layers: [ConvLayer(kernel: 5, filters: 6, stride: 3), ConvLayer(kernel: 3, filters: 8, stride: 2)])
        let shapes = try arch.validated()
        #expect(shapes[0].R == 10 && shapes[0].C == 10)   // ceil(28/3)
        #expect(shapes[1].R == 5 && shapes[1].N == 6)      // ceil(10/2), input channels from layer 1
        #expect(shapes[0].macs == 6 * 1 * 10 * 10 * 25)
    }

    @Test func kernelZeroNamesTheField() {
        let arch = Architecture(input: InputShape(height: 8, width: 8, channels: 1),
                                layers: [ConvLayer(kernel: 3, filters: 4), ConvLayer(kernel: 0, filters: 4)])
        #expect(throws: InputError(source: "net.json", field: "layers[1].kernel", "kernel must be at least 1 (got 0)")) {
            try arch.validated(source: "net.json")
        }
    }

    @Test func strideLargerThanMapIsRejected() {
        let arch = Architecture(input: InputShape(height: 4, width: 4, channels: 1), layers: [ConvLayer(kernel: 3, filters: 4, stride: 5)])
        #expect(throws: InputError.self) { try arch.validated() }
    }

    @Test func validPaddingWithKernelLargerThanMapIsEmpty() {
        let arch = Architecture(input: InputShape(height: 4, width: 4, channels: 1), layers: [ConvLayer(kernel: 5, filters: 4, padding: .valid)])
        #expect(throws: InputError.self) { try arch.validated() }
    }

    @Test func compactLayersAcceptBothForms() throws {
        let layers = try CompactSyntax.layers("5x6,k3f32s2,7x9s2v")
        #expect(layers == [ConvLayer(kernel: 5, filters: 6), ConvLayer(kernel: 3, filters: 32, stride: 2),
                           ConvLayer(kernel: 7, filters: 9, stride: 2, padding: .valid)])
        #expect(try CompactSyntax.inputShape("32x32x3") == InputShape(height: 32, width: 32, channels: 3))
        #expect(throws: InputError.self) { try CompactSyntax.layers("5x,3x3") }
        #expect(throws: InputError.self) { try CompactSyntax.inputShape("28by28") }
    }

    @Test func compactLayersRefuseZeroSizesAtTheText() {
        // Found by fuzz-layers: "2x0" parsed, and only failed later as layers[0].filters.
        #expect(throws: InputError(setting: "layers", field: "layer 2", "filters must be at least 1, got \"2x0\"")) {
            try CompactSyntax.layers("3x4,2x0")
        }
        #expect(throws: InputError(setting: "layers", field: "layer 1", "kernel must be at least 1, got \"k0f8\"")) {
            try CompactSyntax.layers("k0f8")
        }
        #expect(throws: InputError(setting: "layers", field: "layer 1", "stride must be at least 1, got \"3x8s0\"")) {
            try CompactSyntax.layers("3x8s0")
        }
    }

    @Test func specParsesUnitsAndRejectsNonPositive() throws {
        #expect(try LatencySpec(parsing: "2ms").microseconds == 2000)
        #expect(try LatencySpec(parsing: "800us").microseconds == 800)
        #expect(try LatencySpec(parsing: "3.5").microseconds == 3500)
        #expect(throws: InputError.self) { try LatencySpec(parsing: "-2ms") }
        #expect(throws: InputError.self) { try LatencySpec(parsing: "0ms") }
        #expect(throws: InputError.self) { try LatencySpec(parsing: "fast") }
        #expect(try LatencySpec(parsing: "3.5ms").description == "3.5ms")
    }

    @Test func specIsDecimalAndAtLeastOneNanosecond() throws {
        #expect(throws: InputError.self) { try LatencySpec(parsing: "0x10ms") }   // Double() would read 16
        #expect(throws: InputError.self) { try LatencySpec(parsing: "nanms") }
        #expect(throws: InputError.self) { try LatencySpec(parsing: "1e-20ms") }  // would print as 0ms
        #expect(try LatencySpec(parsing: "1e-3us").microseconds == 0.001)
        #expect(try LatencySpec(parsing: "5us").description == "5us")
        #expect(try LatencySpec(parsing: "25us").description == "0.025ms")
    }

    @Test func unknownBoardSuggestsNearestNames() {
        do {
            _ = try BoardCatalog().board(named: "pynq-z2")
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.description.contains("pynq-z1"))
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func boardWithZeroDSPIsRejected() {
        let b = Board(name: "x", part: "y", dsp: 0, bram18k: 10)
        #expect(throws: InputError(source: "b.json", field: "dsp", "a board needs at least 1 DSP slice (got 0)")) {
            try b.validate(source: "b.json")
        }
    }

    @Test func architectureFileRoundTripsAndNamesBadFields() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fnas-core-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let arch = Architecture(name: "t", input: InputShape(height: 28, width: 28, channels: 1),
                                layers: [ConvLayer(kernel: 5, filters: 6), ConvLayer(kernel: 5, filters: 16, stride: 2)])
        let good = dir.appendingPathComponent("good.json").path
        try DescriptionFiles.encodeArchitecture(arch).write(to: URL(fileURLWithPath: good))
        #expect(try DescriptionFiles.readArchitecture(path: good) == arch)

        let bad = dir.appendingPathComponent("bad.json").path
        try Data(#"{"input":{"height":28,"width":28,"channels":1},"classes":10,"layers":[{"kernel":5,"filters":"six"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: bad))
        do {
            _ = try DescriptionFiles.readArchitecture(path: bad)
            Issue.record("expected an error")
        } catch let e as InputError {
            #expect(e.source == bad && e.field == "layers[0].filters")
        }
        #expect(throws: InputError.self) { try DescriptionFiles.readArchitecture(path: dir.appendingPathComponent("none.json").path) }
    }
}
