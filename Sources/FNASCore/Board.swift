/// Memory-port widths of the accelerator, in words per cycle (Wp, Ip, Op in the model).
public struct PortWidths: Sendable, Hashable, Codable, CustomStringConvertible {
    public var weights: Int
    public var input: Int
    public var output: Int

    /// The authors' setting: a 32-bit AXI stream carries two 16-bit words per cycle.
    public static let standard = PortWidths(weights: 2, input: 2, output: 2)

    public init(weights: Int, input: Int, output: Int) {
        self.weights = weights
        self.input = input
        self.output = output
    }

    public var description: String { "\(weights),\(input),\(output)" }
}

/// An FPGA board: the resources the accelerator model may use.
public struct Board: Sendable, Hashable, Codable {
    /// Short identifier used on the command line, e.g. `pynq-z1`.
    public var name: String
    /// The FPGA part, e.g. `XC7Z020`.
    public var part: String
    /// DSP slices available to the accelerator.
    public var dsp: Int
    /// 18 Kb block RAMs available to the accelerator.
    public var bram18k: Int
    public var clockMHz: Double
    public var ports: PortWidths
    /// Data width: 16 (fixed point, one DSP per MAC) or 32 (float, five DSPs per MAC).
    public var bits: Int
    /// DDR bandwidth in GB/s; informational, the model's ports bound transfers.
    public var ddrGBps: Double?
    /// Human-readable board name, e.g. `PYNQ-Z1 / ZedBoard`.
    public var title: String?

    public init(name: String, part: String, dsp: Int, bram18k: Int, clockMHz: Double = 100,
                ports: PortWidths = .standard, bits: Int = 16, ddrGBps: Double? = nil, title: String? = nil) {
        self.name = name
        self.part = part
        self.dsp = dsp
        self.bram18k = bram18k
        self.clockMHz = clockMHz
        self.ports = ports
        self.bits = bits
        self.ddrGBps = ddrGBps
        self.title = title
    }

    enum CodingKeys: String, CodingKey {
        case name, part, dsp, bram18k, clockMHz, ports, bits, ddrGBps, title
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        part = try c.decodeIfPresent(String.self, forKey: .part) ?? "unknown"
        dsp = try c.decode(Int.self, forKey: .dsp)
        bram18k = try c.decode(Int.self, forKey: .bram18k)
        clockMHz = try c.decodeIfPresent(Double.self, forKey: .clockMHz) ?? 100
        ports = try c.decodeIfPresent(PortWidths.self, forKey: .ports) ?? .standard
        bits = try c.decodeIfPresent(Int.self, forKey: .bits) ?? 16
        ddrGBps = try c.decodeIfPresent(Double.self, forKey: .ddrGBps)
        title = try c.decodeIfPresent(String.self, forKey: .title)
    }

    /// DSP slices one multiply-accumulate lane costs at this data width.
    public var dspPerMAC: Int { bits == 32 ? 5 : 1 }

    /// Checks the board's fields.
    ///
    /// - Throws: ``InputError`` naming the bad field.
    public func validate(source: String = "board") throws {
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(source: source, field: field, message)
        }
        if name.isEmpty { throw fail("name", "a board needs a name") }
        if dsp < 1 { throw fail("dsp", "a board needs at least 1 DSP slice (got \(dsp))") }
        if dsp < dspPerMAC { throw fail("dsp", "\(dsp) DSP slices cannot hold one \(bits)-bit MAC, which needs \(dspPerMAC)") }
        if bram18k < 1 { throw fail("bram18k", "a board needs at least 1 BRAM18K block (got \(bram18k))") }
        if !(clockMHz.isFinite && clockMHz > 0) { throw fail("clockMHz", "clock must be positive (got \(clockMHz))") }
        if ports.weights < 1 { throw fail("ports.weights", "port width must be at least 1 word per cycle (got \(ports.weights))") }
        if ports.input < 1 { throw fail("ports.input", "port width must be at least 1 word per cycle (got \(ports.input))") }
        if ports.output < 1 { throw fail("ports.output", "port width must be at least 1 word per cycle (got \(ports.output))") }
        if bits != 16 && bits != 32 { throw fail("bits", "bits must be 16 (fixed point) or 32 (float), got \(bits)") }
        if let d = ddrGBps, !(d.isFinite && d >= 0) { throw fail("ddrGBps", "DDR bandwidth must be a non-negative number (got \(d))") }
    }
}

// MARK: - Built-in boards

extension Board {
    /// The boards of the FNAS method notes (datasheet figures, BRAM in 18 Kb blocks).
    public static let builtIn: [Board] = [
        Board(name: "cora-z7-07s", part: "XC7Z007S", dsp: 66, bram18k: 100, ddrGBps: 2.1, title: "Cora Z7-07S"),
        Board(name: "zybo-z7-10", part: "XC7Z010", dsp: 80, bram18k: 120, ddrGBps: 4.2, title: "Zybo Z7-10"),
        Board(name: "arty-a7-50t", part: "XC7A50T", dsp: 120, bram18k: 150, ddrGBps: 2.1, title: "Arty A7-50T"),
        Board(name: "pynq-z1", part: "XC7Z020", dsp: 220, bram18k: 280, ddrGBps: 2.1, title: "PYNQ-Z1"),
        Board(name: "zedboard", part: "XC7Z020", dsp: 220, bram18k: 280, ddrGBps: 4.3, title: "ZedBoard"),
        Board(name: "zc706", part: "XC7Z045", dsp: 900, bram18k: 1090, ddrGBps: 12.8, title: "ZC706"),
        Board(name: "zcu104", part: "XCZU7EV", dsp: 1728, bram18k: 624, ddrGBps: 19.2, title: "ZCU104 (+96 URAM unused)"),
        Board(name: "zcu102", part: "XCZU9EG", dsp: 2520, bram18k: 1824, ddrGBps: 19.2, title: "ZCU102"),
        Board(name: "vc707", part: "XC7VX485T", dsp: 2800, bram18k: 2060, ddrGBps: 12.8, title: "VC707"),
        Board(name: "vcu118", part: "XCVU9P", dsp: 6840, bram18k: 4320, ddrGBps: 19.2, title: "VCU118 (+960 URAM unused)"),
    ]
}

/// The boards fnas knows: the built-in ones plus any loaded from files.
public struct BoardCatalog: Sendable {
    public private(set) var boards: [Board]

    public init(boards: [Board] = Board.builtIn) {
        self.boards = boards
    }

    /// Adds (or replaces, by name) a board.
    public mutating func add(_ board: Board) {
        boards.removeAll { $0.name.lowercased() == board.name.lowercased() }
        boards.append(board)
    }

    /// Finds a board by name, ignoring case and `_`/space vs `-`.
    ///
    /// - Throws: ``InputError`` that suggests the nearest known names.
    public func board(named raw: String, setting: String = "board") throws -> Board {
        let key = Self.normalise(raw)
        if let b = boards.first(where: { Self.normalise($0.name) == key }) { return b }
        let nearest = boards
            .map { ($0.name, editDistance(Self.normalise($0.name), key)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .prefix(3).map(\.0)
        throw InputError(setting: setting,
                         "unknown board \"\(raw)\"; nearest: \(nearest.joined(separator: ", ")) (see `fnas boards`)")
    }

    static func normalise(_ s: String) -> String {
        String(s.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
