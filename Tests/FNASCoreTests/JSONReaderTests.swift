import Foundation
import Testing
@testable import FNASCore

/// JSONReader must read what Foundation's JSONDecoder reads, the same way, and refuse what it
/// refuses: the run log switched from one to the other.
@Suite struct JSONReaderTests {
    enum Shade: String, Codable, Hashable { case light, dark }

    struct Inner: Codable, Hashable {
        var name: String
        var ratio: Float
        var tags: [String]
    }

    struct Sample: Codable, Hashable {
        var flag: Bool
        var count: Int
        var small: Int8
        var big: UInt64
        var value: Double
        var text: String
        var shade: Shade
        var missing: Int?
        var present: Double?
        var inner: Inner
        var list: [Inner]
        var grid: [[Int]]
        var table: [String: Int]
        var maybe: [Int?]
    }

    static let sample = Sample(
        flag: true, count: -9_000_000_000, small: -128, big: UInt64.max, value: 0.1 + 0.2,
        text: "tab\t quote\" back\\ é 😀 \u{1}", shade: .dark, missing: nil, present: 2.5e-300,
        inner: Inner(name: "Tm", ratio: 0.3, tags: []),
        list: [Inner(name: "a", ratio: 1e-7, tags: ["x", "y"]), Inner(name: "", ratio: -0, tags: ["z"])],
        grid: [[1, 2], [], [3]], table: ["Tc": 7, "Tn": 1], maybe: [1, nil, 3])

    static let floats = JSONReader.NonConformingFloats(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    static func foundation() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    static func path(_ error: any Error) -> String? {
        let context: DecodingError.Context? = switch error as? DecodingError {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): c
        default: nil
        }
        return context.map { $0.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() }
    }

    @Test func readsWhatJSONEncoderWroteAsJSONDecoderDoes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(Self.sample)
        let ours = try JSONReader().decode(Sample.self, from: data)
        let theirs = try Self.foundation().decode(Sample.self, from: data)
        #expect(ours == Self.sample && theirs == Self.sample)
    }

    /// A workspace carries storage from one text to the next, never values: long, short,
    /// refused and nested texts in a row read as each does alone.
    @Test func aReusedWorkspaceReadsEachTextAsAFreshReaderDoes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var long = Self.sample
        long.list = Array(repeating: long.list[0], count: 40)
        let texts: [[UInt8]] = [Array(try encoder.encode(long)), Array(#"[1,2]"#.utf8),
                                Array(try encoder.encode(Self.sample)), Array(#"{"flag":tru"#.utf8),
                                Array(try encoder.encode(Self.sample))]
        let workspace = JSONReader.Workspace()
        for text in texts {
            let fresh = Result { try JSONReader().decode(Sample.self, from: text) }
            let reused = Result { try JSONReader().decode(Sample.self, from: text, reusing: workspace) }
            #expect((try? fresh.get()) == (try? reused.get()))
            #expect(fresh.failureText == reused.failureText)
        }
        #expect(try JSONReader().decode(Sample.self, from: texts[2], reusing: workspace) == Self.sample)
    }

    @Test func resolvesEscapesAndSurrogatePairs() throws {
        let text = #"["\u00e9\ud83d\ude00\n\/\"", "plain"]"#
        let ours = try JSONReader().decode([String].self, from: Array(text.utf8))
        let theirs = try Self.foundation().decode([String].self, from: Data(text.utf8))
        #expect(ours == ["é😀\n/\"", "plain"] && theirs == ours)
    }

    @Test func refusesALoneSurrogateAsFoundationDoes() {
        for text in [#"["\ud800 alone"]"#, #"["\udc00"]"#, #"["\ud800\u0041"]"#] {
            #expect(throws: DecodingError.self, "\(text)") { try JSONReader().decode([String].self, from: Array(text.utf8)) }
            #expect(throws: DecodingError.self, "\(text)") { try Self.foundation().decode([String].self, from: Data(text.utf8)) }
        }
    }

    @Test func readsNonConformingFloatsOnlyWhenAsked() throws {
        let text = Array(#"["inf", "-inf", "nan", 1]"#.utf8)
        let values = try JSONReader(nonConformingFloats: Self.floats).decode([Double].self, from: text)
        #expect(values[0] == .infinity && values[1] == -.infinity && values[2].isNaN && values[3] == 1)
        #expect(throws: DecodingError.self) { try JSONReader().decode([Double].self, from: text) }
    }

    @Test func acceptsIntegersWrittenAsExactFractions() throws {
        #expect(try JSONReader().decode([Int].self, from: Array("[1e2, 2.0, -0, -9223372036854775808, 0.50e1, 9007199254740993.0]".utf8))
                == [100, 2, 0, Int.min, 5, 9_007_199_254_740_993])
        #expect(throws: DecodingError.self) { try JSONReader().decode([Int].self, from: Array("[1.5]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([Int].self, from: Array("[5e-3]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([Int].self, from: Array("[1e30]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([Int].self, from: Array("[9223372036854775808]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([UInt8].self, from: Array("[-1]".utf8)) }
    }

    @Test func refusesNumbersBeyondTheirType() {
        #expect(throws: DecodingError.self) { try JSONReader().decode([Double].self, from: Array("[1e400]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([Float].self, from: Array("[1e39]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([Double].self, from: Array("[2.5e-400]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONReader().decode([Float].self, from: Array("[1e-50]".utf8)) }
    }

    @Test func namesThePathOfAWrongType() throws {
        let text = Array(#"{"layers": [{"kernel": 3}, {"kernel": "five"}]}"#.utf8)
        struct Layer: Decodable { var kernel: Int }
        struct Net: Decodable { var layers: [Layer] }
        let error = #expect(throws: DecodingError.self) { try JSONReader().decode(Net.self, from: text) }
        guard case .typeMismatch? = error else { Issue.record("expected a type mismatch, got \(String(describing: error))"); return }
        let path = Self.path(try #require(error))
        #expect(path == ".layers[1].kernel")
    }

    @Test func namesTheObjectOfAMissingKeyAndTheNullOfAMissingValue() throws {
        struct Pair: Decodable { var a: Int; var b: Int }
        let missing = #expect(throws: DecodingError.self) { try JSONReader().decode([Pair].self, from: Array(#"[{"a": 1, "b": 2}, {"a": 1}]"#.utf8)) }
        guard case .keyNotFound(let key, _)? = missing else { Issue.record("expected keyNotFound"); return }
        let path = Self.path(try #require(missing))
        #expect(key.stringValue == "b" && path == "[1]")
        let null = #expect(throws: DecodingError.self) { try JSONReader().decode(Pair.self, from: Array(#"{"a": null, "b": 2}"#.utf8)) }
        guard case .valueNotFound? = null else { Issue.record("expected valueNotFound"); return }
    }

    @Test func refusesTextThatIsNotJSONWithItsByteOffset() {
        for (text, offset) in [(#"{"a": 1,,}"#, 8), ("[1, 2", 5), ("[01]", 2), (#"["a\x"]"#, 3), ("[1] 2", 4), ("[-]", 2), ("[tru]", 1), ("\"\u{1}\"", 1)] {
            let error = #expect(throws: DecodingError.self, "\(text)") { try JSONReader().decode([Int].self, from: Array(text.utf8)) }
            guard case .dataCorrupted(let context)? = error else { Issue.record("\(text): expected dataCorrupted"); continue }
            #expect(context.debugDescription.hasSuffix("at byte \(offset)."), "\(text): \(context.debugDescription)")
        }
    }

    @Test func allowsACommaBeforeAClosingBracketAsFoundationDoes() throws {
        let text = Array(#"{"a": [1, 2,], "b": {"c": 3,},}"#.utf8)
        struct C: Decodable, Equatable { var c: Int }
        struct AB: Decodable, Equatable { var a: [Int]; var b: C }
        let ours = try JSONReader().decode(AB.self, from: text)
        let theirs = try Self.foundation().decode(AB.self, from: Data(text))
        #expect(ours == AB(a: [1, 2], b: C(c: 3)) && theirs == ours)
    }

    /// A list read by hand: positions, nulls skipped only when asked, a failed read that does
    /// not move on, and the end.
    @Test func unkeyedContainerCountsPositionsAndStopsAtTheEnd() throws {
        struct Walk: Decodable {
            var seen: [String] = []
            init(from decoder: any Decoder) throws {
                var list = try decoder.unkeyedContainer()
                seen.append("count \(list.count ?? -1)")
                while !list.isAtEnd {
                    let at = list.currentIndex
                    if try list.decodeNil() { seen.append("\(at): null"); continue }
                    if let number = try? list.decode(Int.self) { seen.append("\(at): \(number)"); continue }
                    seen.append("\(list.currentIndex): list of \(try list.decode([Int].self).count)")
                }
                seen.append("end at \(list.currentIndex)")
                if (try? list.decode(Int.self)) == nil { seen.append("nothing past the end") }
            }
        }
        let walk = try JSONReader().decode(Walk.self, from: Array("[1, null, [7, 8], 4]".utf8))
        #expect(walk.seen == ["count 4", "0: 1", "1: null", "2: list of 2", "3: 4", "end at 4", "nothing past the end"])
    }

    @Test func refusesDeepNestingWithoutExhaustingTheStack() {
        let text = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(throws: DecodingError.self) { try JSONReader().decode([Int].self, from: text) }
    }

    @Test func refusesStringsThatAreNotUTF8() {
        let text: [UInt8] = [0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D]   // ["\xC3("]
        #expect(throws: DecodingError.self) { try JSONReader().decode([String].self, from: text) }
    }

    /// The word-at-a-time scan stops at exactly the first byte a string cannot hold as it is,
    /// for every byte value at every position of the first two words, after any plain bytes.
    @Test func stringScanStopsAtTheFirstSpecialByteInEveryPosition() {
        func special(_ b: UInt8) -> Bool { b < 0x20 || b >= 0x80 || b == 0x22 || b == 0x5C }
        for position in 0..<16 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 24 + JSONDocument.padding)
                bytes[position] = UInt8(value)
                // A special byte right after it must not hide it or move the answer.
                bytes[position + 1] = 0x5C
                let expected = special(UInt8(value)) ? position : position + 1
                let found = bytes.withUnsafeBufferPointer { JSONDocument.plainRun(at: $0.baseAddress!) }
                #expect(found == expected, "byte \(value) at \(position)")
            }
        }
    }

    /// Thousands of one-byte edits of an encoded value: JSONReader accepts exactly the texts
    /// JSONDecoder accepts, and reads the same values from them.
    @Test func agreesWithJSONDecoderOnEditedTexts() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let original = try Array(encoder.encode(Self.sample))
        let alphabet = Array(#"{}[]":,.-+eE0123456789 tfnul\\"#.utf8) + [0x00, 0x0A, 0xC3, 0xFF]
        var generator = SeededGenerator(seed: 7)
        var accepted = 0
        for trial in 0..<5000 {
            var text = original
            let at = Int.random(in: 0..<text.count, using: &generator)
            switch trial % 3 {
            case 0: text[at] = alphabet.randomElement(using: &generator)!
            case 1: text.insert(alphabet.randomElement(using: &generator)!, at: at)
            default: text.remove(at: at)
            }
            // Foundation refuses some zeros written with an exponent (0e3, 0.00e1) and reads
            // others (0.0e5, 0e-3); the reader reads them all as zero.
            // It also reads an integer with 16 or more digits and a fraction (123…516.5) by
            // dropping the fraction when a Double of it is whole; the reader refuses it.
            if String(decoding: text, as: UTF8.self).contains(/[^0-9.]-?0(\.0*)?[eE]|[0-9]{16}[0-9]*\.[0-9]/) { continue }
            let ours = Result { try JSONReader(nonConformingFloats: Self.floats).decode(Sample.self, from: text) }
            let theirs = Result { try Self.foundation().decode(Sample.self, from: Data(text)) }
            switch (ours, theirs) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "\(String(decoding: text, as: UTF8.self))")
                accepted += 1
            case (.failure, .failure):
                break
            default:
                Issue.record("JSONReader \(ours), JSONDecoder \(theirs) for \(String(decoding: text, as: UTF8.self))")
            }
        }
        #expect(accepted > 100)   // the edits also hit values, not only the syntax
    }
}

private extension Result {
    var failureText: String? {
        if case .failure(let error) = self { String(describing: error) } else { nil }
    }
}
