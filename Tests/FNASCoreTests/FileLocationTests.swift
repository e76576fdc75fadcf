import Foundation
import FNASTestSupport
import Testing
@testable import FNASCore

/// File errors say `FILE:LINE:COLUMN: field path: what is wrong`, and finding the place is
/// linear in the file.
@Suite struct FileLocationTests {
    /// The error `readBoards` throws for `text` written to a file named b.json.
    func boardsError(_ text: String) throws -> InputError? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fnas-loc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("b.json").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do { _ = try DescriptionFiles.readBoards(path: path); return nil } catch let e as InputError {
            #expect(e.source == path)
            return e.from("b.json")
        }
    }

    @Test func aFractionInAnIntegerFieldIsPlacedAtItsLineAndColumn() throws {
        let text = """
        {
          "name": "b", "part": "p",
          "dsp":     2.5,
          "bram18k": 280
        }
        """
        let error = try #require(try boardsError(text))
        #expect(error.description == "b.json:3:14: dsp: expected a whole number, got 2.5")
    }

    /// Used to be refused with "is not valid JSON (Number 1e309 is not representable in Swift.)".
    @Test func aNumberBeyondDoubleNamesItsField() throws {
        let text = "{\"name\": \"b\", \"part\": \"p\", \"dsp\": 220, \"bram18k\": 280,\n \"clockMHz\": 1e309}"
        let error = try #require(try boardsError(text))
        #expect(error == InputError(source: "b.json", field: "clockMHz", at: TextLocation(line: 2, column: 14),
                                    "1e309 is beyond the largest number a file can hold (about 1.8e308)"))
    }

    /// Foundation said "Invalid value around character 47."
    @Test func aSyntaxErrorIsPlacedAtItsLineAndColumnNotACharacterOffset() throws {
        let text = "{\n  \"name\": \"b\",\n  \"part\": \"p\"\n  \"dsp\": 220\n}"
        let error = try #require(try boardsError(text))
        #expect(error.description == "b.json:4:3: is not valid JSON: expected , or } after a value in an object, found '\"'")
        let truncated = try #require(try boardsError("{\"name\": \"b\",\n \"ports\": [1, 2"))
        #expect(truncated.description == "b.json:2:16: is not valid JSON: the text ends inside the list ports")
    }

    @Test func aValueRefusedByValidationIsPlacedAtTheValue() throws {
        let text = "{\"boards\": [\n  {\"name\": \"a\", \"part\": \"p\", \"dsp\": 220, \"bram18k\": 280},\n  {\"name\": \"b\", \"part\": \"p\", \"dsp\": 0, \"bram18k\": 280}\n]}"
        let error = try #require(try boardsError(text))
        #expect(error.description == "b.json:3:37: boards[1].dsp: a board needs at least 1 DSP slice (got 0)")
    }

    /// A missing key has no value to point at; the object that lacks it is the place.
    @Test func aMissingFieldIsPlacedAtTheObjectThatLacksIt() throws {
        let text = "{\"boards\": [\n  {\"name\": \"a\", \"part\": \"p\", \"dsp\": 220, \"bram18k\": 280},\n  {\"name\": \"b\", \"part\": \"p\", \"bram18k\": 9}\n]}"
        let error = try #require(try boardsError(text))
        #expect(error.description == "b.json:3:3: boards[1].dsp: required field is missing")
    }

    /// Columns count characters, as an editor shows them, not UTF-8 bytes.
    @Test func columnsCountCharactersNotBytes() throws {
        let text = "{\"name\": \"плата\", \"part\": \"p\", \"dsp\": 2.5, \"bram18k\": 280}"
        let error = try #require(try boardsError(text))
        #expect(error.location == TextLocation(line: 1, column: 39))
    }

    /// Locating the fraction used to re-serialise and decode the file once per fractional
    /// number: 46 s for 5,000 harmless values under a key the decoder ignores.
    @Test(arguments: [("dsp", "2.5", "expected a whole number, got 2.5"), ("bram18k", "1e30", "1e30 is out of range for this field")])
    func thousandsOfFractionsInAnUnknownKeyDoNotSlowTheRefusal(_ field: String, _ value: String, _ message: String) throws {
        let noise = Array(repeating: "0.5", count: 5_000).joined(separator: ", ")
        var fields = ["\"dsp\": 220", "\"bram18k\": 280"]
        fields[field == "dsp" ? 0 : 1] = "\"\(field)\": \(value)"
        let text = "{\"name\": \"b\", \"part\": \"p\",\n \"calibration\": [\(noise)],\n \(fields[0]), \(fields[1])}"
        let result = withinDeadline(seconds: 5) { try boardsError(text) }
        let outcome = try #require(result, "refusing the file took more than 5 s")
        let error = try #require(try outcome.get())
        let column = field == "dsp" ? 9 : 25
        #expect(error == InputError(source: "b.json", field: field, at: TextLocation(line: 3, column: column), message))
    }

    @Test func offsetsMapToLinesAndColumnsByTheLineTable() {
        let map = JSONSourceMap(Data("{\n  \"a\": [1,\n    2]\n}".utf8))
        #expect(map.location(atOffset: 0) == TextLocation(line: 1, column: 1))
        #expect(map.location(atOffset: 2) == TextLocation(line: 2, column: 1))
        #expect(map.location(of: "a") == TextLocation(line: 2, column: 8))
        #expect(map.location(of: "a[1]") == TextLocation(line: 3, column: 5))
        #expect(map.location(of: "a[7].x") == TextLocation(line: 2, column: 8), "falls back to the enclosing list")
        #expect(map.location(of: "b") == TextLocation(line: 1, column: 1), "falls back to the top-level object")
        #expect(map.syntaxError(source: "f") == nil)
    }

    /// The scan keeps its own stack: 200,000 open brackets are a syntax error, not a crash.
    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let map = JSONSourceMap(Data(String(repeating: "[", count: 200_000).utf8))
        #expect(map.syntaxError(source: "f")?.message.hasPrefix("is not valid JSON: the text ends") == true)
    }
}
