import FNASCore

// The paper's comparison (DAC'19, Table 2 style): for each latency spec, FNAS against
// accuracy-only NAS with the same seed, episodes and child training, and with --strategies a
// row per strategy. The table and its parts (ExperimentRun, ExperimentPair, ExperimentRow,
// StrategyRow, Spread) hold only the arithmetic, so it can be checked on recorded runs;
// `fnas experiment` runs the searches.

/// The whole experiment: rows by spec, rendered as Markdown or CSV.
public struct ExperimentTable: Sendable, Hashable {
    /// FNAS against NAS, one row per spec (empty unless both ran).
    public var rows: [ExperimentRow]
    /// Every strategy, by spec then in the order first seen.
    public var strategyRows: [StrategyRow]

    public init(rows: [ExperimentRow], strategyRows: [StrategyRow] = []) {
        self.rows = rows.sorted { $0.spec < $1.spec }
        self.strategyRows = strategyRows
    }

    /// Groups runs by spec and repeat and pairs each FNAS run with the NAS run of the same
    /// spec and repeat. Runs without a partner are left out.
    public init(runs: [ExperimentRun]) {
        var bySpec: [LatencySpec: [ExperimentPair]] = [:]
        for f in runs where f.strategy == .fnas {
            guard let n = runs.first(where: { $0.strategy == .nas && $0.spec == f.spec && $0.repeatIndex == f.repeatIndex })
            else { continue }
            bySpec[f.spec, default: []].append(ExperimentPair(fnas: f, nas: n))
        }
        var strategies: [SearchStrategy] = []
        for run in runs where !strategies.contains(run.strategy) { strategies.append(run.strategy) }
        let strategyRows = Set(runs.map(\.spec)).sorted().flatMap { spec in
            strategies.compactMap { strategy -> StrategyRow? in
                let matching = runs.filter { $0.spec == spec && $0.strategy == strategy }
                return matching.isEmpty ? nil : StrategyRow(spec: spec, strategy: strategy, runs: matching)
            }
        }
        self.init(rows: bySpec.map { spec, pairs in
            ExperimentRow(spec: spec, pairs: pairs.sorted { $0.fnas.repeatIndex < $1.fnas.repeatIndex })
        }, strategyRows: strategyRows)
    }

    static let strategyHeaders = [
        "spec", "strategy", "episodes", "trained", "pruned", "distinct", "time (s)", "best acc", "best latency / spec", "best meets spec",
    ]

    /// The by-strategy table in Markdown, one row per spec and strategy.
    public func strategyMarkdown() -> String {
        var out = "| " + Self.strategyHeaders.joined(separator: " | ") + " |\n"
        out += "|" + Self.strategyHeaders.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in strategyRows {
            let counts = row.runs.count > 1 ? 1 : 0
            let cells = [
                row.spec.description, row.strategy.rawValue, Self.cell(row.episodes, 0),
                Self.cell(row.trained, counts), Self.cell(row.pruned, counts), Self.cell(row.distinct, counts),
                Self.cell(row.seconds, 1), Self.cell(row.bestAccuracy, 2, scale: 100, suffix: "%"),
                Self.cell(row.bestLatencyOverSpec, 2, suffix: "x"), Self.meetsText(row.bestMeets, runs: row.runs.count),
            ]
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// CSV with one line per search (raw numbers), for plotting the by-strategy comparison.
    public func strategyCSV() -> String {
        var out = "spec_ms,strategy,repeat,episodes,trained,pruned,distinct,seconds,best_accuracy,best_latency_ms,best_meets_spec\n"
        let num = Self.csvNumber
        for row in strategyRows {
            for run in row.runs {
                let fields: [String] = [
                    num(row.spec.milliseconds), row.strategy.rawValue, String(run.repeatIndex), String(run.episodes),
                    String(run.trained), String(run.pruned), String(Set(run.trials.map(\.architecture)).count),
                    num(run.wallSeconds), num(run.best?.accuracy), num(run.best.map { $0.latency.latencyMs }),
                    run.best.map { $0.meets(run.spec) ? "true" : "false" } ?? "",
                ]
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static let headers = [
        "spec", "episodes", "trained (FNAS)", "trained (NAS)", "pruned (FNAS)", "time FNAS (s)", "time NAS (s)",
        "speedup", "best acc FNAS", "best acc NAS", "NAS best latency / spec", "FNAS best meets spec", "acc diff (pp)",
    ]

    func cells(_ row: ExperimentRow) -> [String] {
        // Counts are whole numbers in a single run; their mean over repeats needs a decimal.
        let counts = row.pairs.count > 1 ? 1 : 0
        return [
            row.spec.description, Self.cell(row.episodes, 0), Self.cell(row.fnasTrained, counts),
            Self.cell(row.nasTrained, counts), Self.cell(row.fnasPruned, counts),
            Self.cell(row.fnasSeconds, 1), Self.cell(row.nasSeconds, 1), Self.cell(row.speedup, 2, suffix: "x"),
            Self.cell(row.fnasBestAccuracy, 2, scale: 100, suffix: "%"), Self.cell(row.nasBestAccuracy, 2, scale: 100, suffix: "%"),
            Self.cell(row.nasLatencyOverSpec, 2, suffix: "x"), Self.meetsText(row.fnasMeets, runs: row.pairs.count),
            Self.cell(row.accuracyDifference, 2, scale: 100),
        ]
    }

    /// Whether the best child meets the spec: yes / NO for one run, met/of over repeats.
    static func meetsText(_ meets: (met: Int, of: Int), runs: Int) -> String {
        if meets.of == 0 { return "– (nothing trained)" }
        return runs == 1 ? (meets.met == 1 ? "yes" : "NO") : "\(meets.met)/\(meets.of)"
    }

    /// A raw number for the CSV files; empty when missing or not finite.
    static func csvNumber(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return formatDecimal(v, places: 6)
    }

    /// A Markdown cell: the mean (± deviation with repeats), or a dash when there is none.
    static func cell(_ s: Spread?, _ places: Int, scale: Double = 1, suffix: String = "") -> String {
        s?.formatted(places: places, scale: scale, suffix: suffix) ?? "–"
    }

    /// A GitHub-flavoured Markdown table, one row per spec.
    public func markdown() -> String {
        var out = "| " + Self.headers.joined(separator: " | ") + " |\n"
        out += "|" + Self.headers.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + cells(row).joined(separator: " | ") + " |\n" }
        return out
    }

    /// CSV with one line per spec and repeat (raw numbers, no formatting), for plotting.
    public func csv() -> String {
        var out = "spec_ms,repeat,episodes,fnas_trained,nas_trained,fnas_pruned,fnas_seconds,nas_seconds,speedup,"
            + "fnas_best_accuracy,nas_best_accuracy,nas_best_latency_ms,nas_latency_over_spec,fnas_best_latency_ms,fnas_meets_spec,accuracy_difference\n"
        let num = Self.csvNumber
        for row in rows {
            for p in row.pairs {
                let fields: [String] = [
                    num(row.spec.milliseconds), String(p.fnas.repeatIndex), String(p.fnas.episodes),
                    String(p.fnas.trained), String(p.nas.trained), String(p.fnas.pruned),
                    num(p.fnas.wallSeconds), num(p.nas.wallSeconds), num(p.speedup),
                    num(p.fnas.best?.accuracy), num(p.nas.best?.accuracy),
                    num(p.nas.best.map { $0.latency.latencyMs }), num(p.nasLatencyOverSpec),
                    num(p.fnas.best.map { $0.latency.latencyMs }),
                    p.fnasMeetsSpec.map { $0 ? "true" : "false" } ?? "",
                    num(p.accuracyDifference),
                ]
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
