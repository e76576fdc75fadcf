import FNASCore
import SearchEngine

/// What `/` in the trials table filters by: words separated by spaces, all of which a trial
/// must match.
///
/// - a comparison `FIELD OP VALUE`: `lat<0.2ms`, `acc>=80%`, `reward>0`, `ep<=100`,
///   `sec>2`, `dsp<100`, `bram<200`, with `<`, `<=`, `>`, `>=`, `=`, `!=`. Latencies take `ms`
///   (the default), `us` or `s`; accuracies a fraction (`0.8`) or a percentage (`80%`, or `80`);
/// - a verdict word: `met`, `over`, `infeasible`, `late`, `skipped`, `trained`, `pruned`, `reused`;
/// - anything else: text the architecture must contain (`k5`, `k3f16s2`), ignoring case.
///
/// A comparison a trial has no value for (the accuracy of a pruned child) does not match.
public struct TrialFilter: Sendable, Hashable {
    public enum Field: String, Sendable, Hashable, CaseIterable {
        case lat, acc, reward, ep, sec, dsp, bram
    }

    public enum Comparison: String, Sendable, Hashable {
        case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!=", equal = "=", less = "<", greater = ">"
    }

    public enum Term: Sendable, Hashable {
        case compare(Field, Comparison, Double)
        case verdict(String)
        case text(String)
    }

    public static let verdictWords = ["met", "over", "infeasible", "late", "skipped", "trained", "pruned", "reused"]

    public let terms: [Term]
    /// The text it was parsed from, as shown in the table's title.
    public let source: String

    /// Parses `text`; an empty text matches every trial.
    ///
    /// - Throws: ``InputError`` about `filter` naming the word that is wrong and what was expected.
    public init(parsing text: String) throws {
        source = text.split(separator: " ").joined(separator: " ")
        terms = try source.split(separator: " ").map { try Self.term(String($0)) }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The filter that matches every trial (no words).
    public static let everything = TrialFilter(terms: [], source: "")

    private init(terms: [Term], source: String) { self.terms = terms; self.source = source }

    static func term(_ word: String) throws -> Term {
        let lower = word.lowercased()
        // The first operator character splits field and value ("<=" before "<").
        guard let opStart = lower.firstIndex(where: { "<>=!".contains($0) }) else {
            return verdictWords.contains(lower) ? .verdict(lower) : .text(lower)
        }
        let name = String(lower[..<opStart])
        let rest = lower[opStart...]
        guard let comparison = [Comparison.lessOrEqual, .greaterOrEqual, .notEqual, .equal, .less, .greater]
            .first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw InputError(setting: "filter", "\"\(word)\": expected one of <, <=, >, >=, =, != after the field")
        }
        guard let field = Field(rawValue: name) else {
            let known = Field.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(setting: "filter", "\"\(word)\": unknown field \"\(name)\" (fields: \(known))")
        }
        var value = String(rest.dropFirst(comparison.rawValue.count))
        if comparison == .equal, value.hasPrefix("=") { value.removeFirst() }   // "==" reads as "="
        guard let number = Self.value(value, field) else {
            throw InputError(setting: "filter", "\"\(word)\": expected \(Self.example(field)) after \(name)\(comparison.rawValue)")
        }
        return .compare(field, comparison, number)
    }

    /// The value in the unit the field compares in: microseconds, a fraction, or the number.
    static func value(_ text: String, _ field: Field) -> Double? {
        var digits = Substring(text)
        var scale = 1.0
        switch field {
        case .lat:
            scale = 1000
            for (suffix, factor) in [("ms", 1000.0), ("us", 1), ("µs", 1), ("s", 1_000_000)] where digits.hasSuffix(suffix) {
                digits = digits.dropLast(suffix.count)
                scale = factor
                break
            }
        case .acc:
            if digits.hasSuffix("%") { digits = digits.dropLast(); scale = 0.01 }
        case .sec:
            if digits.hasSuffix("s") { digits = digits.dropLast() }
        default:
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.e".contains($0)) }),
              let number = Double(digits), number.isFinite else { return nil }
        // acc>80 means 80 %: no accuracy fraction exceeds 1.
        if field == .acc, scale == 1, number > 1 { return number / 100 }
        return number * scale
    }

    static func example(_ field: Field) -> String {
        switch field {
        case .lat: "a latency such as 0.2ms or 800us"
        case .acc: "an accuracy such as 0.8 or 80%"
        case .sec: "seconds such as 2.5"
        case .reward: "a number such as 0.05"
        case .ep, .dsp, .bram: "a whole number"
        }
    }

    /// True when `t` matches every term.
    public func matches(_ t: Trial) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case .text(let s): return t.architecture.compactLayers.lowercased().contains(s)
            case .verdict(let word): return Self.verdict(word, t)
            case .compare(let field, let comparison, let bound):
                guard let v = Self.value(of: field, t) else { return false }
                switch comparison {
                case .less: return v < bound
                case .lessOrEqual: return v <= bound
                case .greater: return v > bound
                case .greaterOrEqual: return v >= bound
                case .equal: return v == bound
                case .notEqual: return v != bound
                }
            }
        }
    }

    static func verdict(_ word: String, _ t: Trial) -> Bool {
        switch word {
        case "met": t.verdict == .met
        case "over": t.verdict == .violated || t.verdict == .trainedOverSpec
        case "infeasible": t.verdict == .infeasible
        case "late": t.verdict == .prunedLate
        case "skipped": t.verdict == .skipped
        case "trained": t.verdict.isTrained
        case "pruned": t.verdict.isPruned
        case "reused": t.reused
        default: false
        }
    }

    static func value(of field: Field, _ t: Trial) -> Double? {
        switch field {
        case .lat: t.latency.feasible ? t.latency.latencyMicroseconds : nil
        case .acc: t.accuracy
        case .reward: t.reward
        case .ep: Double(t.episode)
        case .sec: t.trainingSeconds
        case .dsp: t.latency.feasible ? Double(t.latency.dspUsed) : nil
        case .bram: t.latency.feasible ? Double(t.latency.bramUsed) : nil
        }
    }
}
