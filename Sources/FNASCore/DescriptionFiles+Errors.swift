import Foundation

// MARK: - Errors that say where

extension DescriptionFiles {
    /// The error for a JSON text Foundation refused to parse, at the line and column of the
    /// problem (and naming the field of a number too large to hold).
    public static func syntaxError(_ error: any Error, in data: Data, source: String) -> InputError {
        let map = JSONSourceMap(data)
        if let located = map.syntaxError(source: source) { return located }
        // This scan accepted what Foundation refused (an encoding it detects, say): keep
        // Foundation's words, placed at its "around character N" (a byte offset) when it has one.
        let detail = jsonErrorDetail(error)
        let offset = detail.firstMatch(of: /around character (\d+)/).flatMap { Int($0.1) }
        return InputError(source: source, at: offset.map(map.location(atOffset:)), "is not valid JSON (\(detail))")
    }

    /// Turns a decoding error into one sentence naming the field path (e.g. `layers[1].kernel`),
    /// placed at the line and column of the field's value in `data`.
    ///
    /// Foundation's decoder reports a syntax error, and a fraction or an out-of-range number
    /// given for an integer field, only as "not valid JSON" with no path; those are located
    /// too: the syntax error by one scan of the text, the number by decoding variants of `data`
    /// as `type` with `decoder` (see ``unrepresentableNumber(in:decoding:with:)``).
    public static func inputError<T: Decodable>(_ error: DecodingError, decoding type: T.Type, from data: Data,
                                                with decoder: JSONDecoder = JSONDecoder(), source: String) -> InputError {
        let map = JSONSourceMap(data)
        if case .dataCorrupted(let ctx) = error, ctx.codingPath.isEmpty {
            if let syntax = map.syntaxError(source: source) { return syntax }
            if let number = unrepresentableNumber(in: map, decoding: type, with: decoder) {
                let whole = Double(number.text).map { $0.rounded() == $0 } ?? false
                let path = map.path(of: number)
                return InputError(source: source, field: path.isEmpty ? nil : path,
                                  at: map.location(atOffset: number.range.lowerBound),
                                  whole ? "\(number.text) is out of range for this field" : "expected a whole number, got \(number.text)")
            }
        }
        return inputError(error, source: source).located(in: map)
    }

    /// Turns a decoding error into one sentence naming the field path, without a location.
    public static func inputError(_ error: DecodingError, source: String) -> InputError {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let parent = path(ctx.codingPath)
            return InputError(source: source, field: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue,
                              "required field is missing")
        case .typeMismatch(let type, let ctx):
            return InputError(source: source, field: path(ctx.codingPath), "expected \(typeName(type))")
        case .valueNotFound(let type, let ctx):
            return InputError(source: source, field: path(ctx.codingPath), "expected \(typeName(type)), got null")
        case .dataCorrupted(let ctx):
            return InputError(source: source, field: path(ctx.codingPath), ctx.debugDescription)
        @unknown default:
            return InputError(source: source, "cannot be decoded: \(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let n = String(describing: type)
            return n.hasPrefix("Array") ? "a list" : n.hasPrefix("Dictionary") ? "an object" : "a \(n)"
        }
    }

    /// The number that made `decoder` refuse the text with a path-less "not valid JSON": a
    /// fraction, a number beyond Int, or a negative one (for an unsigned field) where an
    /// integer belongs. Nil when no such number explains the refusal.
    ///
    /// Bisection over the candidate numbers in text order: keeping only the first k as written
    /// (the others replaced by `1`) is still refused for k = all and not for k = 0; the k where
    /// it starts being refused names the culprit. That is about log2(candidates) decodes, each
    /// linear in the text (it used to be one re-serialisation and decode per candidate: 46 s
    /// for 5,000 harmless fractions).
    static func unrepresentableNumber<T: Decodable>(in map: JSONSourceMap, decoding: T.Type,
                                                   with decoder: JSONDecoder) -> JSONSourceMap.Number? {
        var rank = [Int](repeating: -1, count: map.numbers.count)   // position among the candidates
        var candidates = 0
        for (index, number) in map.numbers.enumerated() {
            guard let v = Double(number.text) else { continue }
            // Whole numbers within Int are never the culprit; negative ones are (an unsigned seed).
            if !(v.rounded() == v && abs(v) < 9.2e18) || v < 0 {
                rank[index] = candidates
                candidates += 1
            }
        }
        guard candidates > 0 else { return nil }
        func refusedWithoutPath(keeping k: Int) -> Bool {
            let variant = map.replacingNumbers { rank[$0] >= k }
            do { _ = try decoder.decode(T.self, from: variant) } catch DecodingError.dataCorrupted(let ctx) where ctx.codingPath.isEmpty {
                return true
            } catch {}
            return false
        }
        if refusedWithoutPath(keeping: 0) { return nil }
        var lo = 0, hi = candidates   // refused keeping `hi`, not keeping `lo`
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if refusedWithoutPath(keeping: mid) { hi = mid } else { lo = mid }
        }
        return rank.firstIndex(of: hi - 1).map { map.numbers[$0] }
    }

    static func jsonErrorDetail(_ error: any Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
        return ns.localizedDescription
    }
}
