import Foundation
import Testing
@testable import FNASCore

/// Description-file errors must name the field, even where Foundation's decoder does not.
@Suite struct DescriptionFileErrorTests {
    func boardsError(_ json: String) throws -> InputError? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fnas-boards-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { _ = try DescriptionFiles.readBoards(path: path); return nil } catch let e as InputError {
            return InputError(source: "b.json", field: e.field, e.message)
        }
    }

    /// JSONDecoder said only "The given data was not valid JSON." for `"dsp": 2.5` or `1e30`.
    @Test func fractionOrHugeNumberInAnIntegerFieldNamesTheField() throws {
        #expect(try boardsError(#"{"name":"b","part":"p","dsp":2.5,"bram18k":280}"#)
                == InputError(source: "b.json", field: "dsp", "expected a whole number, got 2.5"))
        #expect(try boardsError(#"{"name":"b","part":"p","dsp":220,"bram18k":1e30}"#)
                == InputError(source: "b.json", field: "bram18k", "1e30 is out of range for this field"))
        // A fractional clock is fine (a Double field) and is not blamed for the bad port.
        #expect(try boardsError(#"{"boards":[{"name":"b","part":"p","dsp":220,"bram18k":280,"clockMHz":99.5,"ports":{"weights":2,"input":1.5,"output":2}}]}"#)
                == InputError(source: "b.json", field: "boards[0].ports.input", "expected a whole number, got 1.5"))
        let arch = #"{"input":{"height":28,"width":28,"channels":1},"classes":10,"layers":[{"kernel":3,"filters":4},{"kernel":3.5,"filters":4}]}"#
        #expect(throws: InputError(source: "a.json", field: "layers[1].kernel", at: TextLocation(line: 1, column: 106), "expected a whole number, got 3.5")) {
            try DescriptionFiles.decodeArchitecture(Data(arch.utf8), source: "a.json")
        }
    }

    /// `"version": "1"` said "this fnas reads version 1, got 1".
    @Test func aStringVersionIsShownAsAString() throws {
        #expect(try boardsError(#"{"version":"1","name":"b","part":"p","dsp":220,"bram18k":280}"#)
                == InputError(source: "b.json", field: "version", "this fnas reads version 1, got \"1\""))
    }

    @Test func twoBoardsWithOneNameAreRejected() throws {
        #expect(try boardsError(#"{"boards":[{"name":"b","part":"p","dsp":220,"bram18k":280},{"name":"c","part":"p","dsp":220,"bram18k":280},{"name":"b","part":"q","dsp":9,"bram18k":9}]}"#)
                == InputError(source: "b.json", field: "boards[2].name", "\"b\" is already the name of boards[0]"))
    }
}
