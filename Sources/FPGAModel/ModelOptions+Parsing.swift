import FNASCore

// The compact command-line forms of the model's what-if overrides.

extension Tiling {
    /// Parses `Tm,Tn,Tr,Tc`, e.g. `16,6,20,20`.
    ///
    /// - Throws: ``InputError`` attributed to `source` for a malformed list or a factor below 1.
    public init(parsing text: String, source: String = "--tiling") throws {
        let v = try parseCounts(text, names: ["Tm", "Tn", "Tr", "Tc"], example: "16,6,20,20", source: source)
        self.init(Tm: v[0], Tn: v[1], Tr: v[2], Tc: v[3])
    }
}

extension PortWidths {
    /// Parses `W,I,O` words per cycle, e.g. `2,2,2`.
    ///
    /// - Throws: ``InputError`` attributed to `source` for a malformed list or a width below 1.
    public init(parsing text: String, source: String = "--ports") throws {
        let v = try parseCounts(text, names: ["W", "I", "O"], example: "2,2,2", source: source)
        self.init(weights: v[0], input: v[1], output: v[2])
    }
}

/// Comma-separated positive integers, one per name.
private func parseCounts(_ text: String, names: [String], example: String, source: String) throws -> [Int] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.filter { $0 != " " } }
    guard parts.count == names.count else {
        throw InputError(source: source, "expected \(names.count) comma-separated numbers \(names.joined(separator: ",")) such as \(example), got \"\(text)\"")
    }
    return try zip(names, parts).map { name, part in
        guard let v = Int(part) else {
            throw InputError(source: source, field: name, "expected a whole number, got \"\(part)\"")
        }
        guard v >= 1 else { throw InputError(source: source, field: name, "must be at least 1 (got \(v))") }
        return v
    }
}

extension Board {
    /// One line per board for `fnas boards`: name, part, resources, clock, data width, ports.
    public static func table(_ boards: [(board: Board, origin: String)]) -> String {
        let header = ["name", "part", "DSP", "BRAM18K", "MHz", "bits", "ports W,I,O", "DDR GB/s", "from", "title"]
        var rows = [header]
        for (b, origin) in boards {
            rows.append([b.name, b.part, "\(b.dsp)", "\(b.bram18k)", formatDecimal(b.clockMHz, places: b.clockMHz.rounded() == b.clockMHz ? 0 : 1),
                         "\(b.bits)", b.ports.description, b.ddrGBps.map { formatDecimal($0, places: 1) } ?? "-",
                         origin, b.title ?? ""])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in cell + String(repeating: " ", count: i == row.count - 1 ? 0 : widths[i] - cell.count) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
