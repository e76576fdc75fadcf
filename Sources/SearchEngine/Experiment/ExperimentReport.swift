import FNASCore

/// The text `fnas experiment` prints and writes: progress lines, the table with its settings,
/// and the plot title.
public enum ExperimentReport {
    /// `FNAS vs NAS: embedded on pynq-z1, 30 episodes x 1 epoch`.
    public static func title(_ plan: ExperimentPlan) -> String {
        let b = plan.base
        let compared = plan.isPaperComparison ? "FNAS vs accuracy-only NAS" : plan.strategies.map(\.rawValue).joined(separator: " vs ")
        return "\(compared): \(b.space.name) on \(b.board.name), \(counted(b.episodes, "episode")) x \(counted(b.epochs, "epoch"))"
            + (plan.repeats > 1 ? ", \(plan.repeats) repeats" : "")
    }

    /// The settings every search shared, one line.
    public static func settings(_ plan: ExperimentPlan) -> String {
        let b = plan.base
        let seeds = plan.repeats > 1 ? "seeds \(b.seed)...\(b.seed &+ UInt64(plan.repeats - 1))" : "seed \(b.seed)"
        return "board \(b.board.name), space \(b.space.name), specs \(plan.specs.map(\.description).joined(separator: ", ")), "
            + "\(counted(b.episodes, "episode")), \(counted(b.epochs, "epoch")) per child, \(seeds), reward \(b.reward.form.rawValue), "
            + "batch \(b.training.batchSize), lr \(b.training.learningRate)"
            + (b.training.trainLimit.map { ", train limit \($0) images" } ?? "")
            + ", data \(b.training.dataset ?? b.space.dataset)"
    }

    /// One line for a complete search, e.g.
    /// `[ 2/6] 2ms nas r0: 30 episodes, 30 trained, 0 pruned, 84.4s; best 71.90% at 2.41ms (1.21x the spec)`.
    public static func searchLine(_ run: ExperimentRun, index: Int, total: Int, earlier: Bool) -> String {
        let width = String(total).count
        let i = String(repeating: " ", count: max(0, width - String(index).count)) + String(index)
        var line = "[\(i)/\(total)] \(run.spec) \(run.strategy.rawValue) r\(run.repeatIndex): \(counted(run.episodes, "episode")), "
            + "\(run.trained) trained, \(run.pruned) pruned, \(formatDuration(run.wallSeconds))"
        if let best = run.best, let accuracy = best.accuracy {
            let ratio = best.latency.latencyMicroseconds / run.spec.microseconds
            line += "; best \(formatDecimal(accuracy * 100, places: 2))% at \(LatencySpec.formatMilliseconds(best.latency.latencyMs))"
                + " (\(formatDecimal(ratio, places: 2))x the spec\(best.meets(run.spec) ? "" : ", OVER"))"
        } else {
            line += "; no trained child meets the spec"
        }
        return line + (earlier ? "  (done earlier, skipped)" : "")
    }

    /// The Markdown written to `table.md`: title, settings, the table and what its columns mean.
    public static func markdown(plan: ExperimentPlan, table: ExperimentTable) -> String {
        var out = "# \(title(plan))\n\n\(settings(plan))\n\n"
        if !plan.isPaperComparison {
            out += table.strategyRows.isEmpty ? "(no search is complete yet)\n" : table.strategyMarkdown()
            out += """

            Columns: trained = children trained (a reused duplicate counts); pruned = children never \
            trained because the FPGA model put them over the spec; distinct = different children \
            among the episodes; time = search wall time; best acc = best validation accuracy (among \
            children meeting the spec; nas: any child); best latency / spec > 1: over the spec.\
            \(plan.repeats > 1 ? " With repeats: mean ± sample standard deviation." : "")

            """
            guard plan.strategies.contains(.fnas) && plan.strategies.contains(.nas) else { return out }
            out += "\n## FNAS vs accuracy-only NAS\n\n"
        }
        if table.rows.isEmpty {
            out += "(no spec has both searches complete yet)\n"
        } else {
            out += table.markdown()
        }
        let missing = plan.specs.filter { spec in !table.rows.contains { $0.spec == spec && $0.pairs.count == plan.repeats } }
        if !missing.isEmpty, !table.rows.isEmpty {
            out += "\nIncomplete (not all repeats finished): \(missing.map(\.description).joined(separator: ", "))\n"
        }
        out += """

        Columns: trained = children that were trained (a duplicate reuses the earlier result and counts); \
        pruned = children FNAS never trained because the FPGA model put them over the spec; time = search \
        wall time summed over sessions; speedup = NAS time / FNAS time; best acc = best validation accuracy \
        (FNAS: among children meeting the spec; NAS: any child); NAS best latency / spec = how far \
        accuracy-only NAS's pick misses the spec (> 1: over it); acc diff = FNAS best - NAS best in \
        percentage points.\(plan.repeats > 1 ? " With repeats: mean ± sample standard deviation." : "")

        """
        return out
    }
}
