import FNASCore

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
