import FNASCore

extension SearchSpace {
    /// The `fnas spaces` table: one row per space with its layers, choices and size.
    public static func table(_ spaces: [SearchSpace]) -> [String] {
        let header = ["NAME", "LAYERS", "INPUT", "KERNELS", "FILTERS", "STRIDES", "SIZE", "DATASET"]
        let rows = spaces.map { s in
            [s.name, String(s.layers), s.input.description, list(s.kernels), list(s.filters), list(s.strides),
             s.sizeDescription, s.dataset]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func render(_ row: [String]) -> String {
            var line = ""
            for (c, cell) in row.enumerated() {
                line += cell
                if c < row.count - 1 { line += String(repeating: " ", count: widths[c] - cell.count + 2) }
            }
            return line
        }
        var out = [render(header)] + rows.map(render)
        for s in spaces where !s.summary.isEmpty { out.append("  \(s.name): \(s.summary)") }
        return out
    }

    static func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ",") }
}
