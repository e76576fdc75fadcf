import FNASCore

/// The text `fnas train` shows: a one-line progress bar per batch on a terminal, plain lines
/// otherwise, and the closing summary. Pure functions of the values, so tests can read them.
public enum ProgressText {
    /// `epoch 1/3 [########------------]  41% batch 96/235  loss 0.6123  acc 78.1%`,
    /// `width` characters of bar.
    public static func bar(epoch: Int, epochs: Int, batch: Int, batches: Int,
                           loss: Double, accuracy: Double, width: Int = 24) -> String {
        let fraction = batches > 0 ? Double(batch) / Double(batches) : 0
        let filled = min(width, max(0, Int((fraction * Double(width)).rounded(.down))))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        return "epoch \(epoch)/\(epochs) [\(bar)] \(pad(String(percent), 3))% batch \(batch)/\(batches)"
            + "  loss \(formatDecimal(loss, places: 4))  acc \(percentText(accuracy))"
    }

    /// `epoch 2/3  loss 0.4321  train 84.2%  val 85.9%  12.3s`
    public static func epochLine(_ summary: EpochSummary, epochs: Int) -> String {
        "epoch \(summary.epoch)/\(epochs)  loss \(formatDecimal(summary.loss, places: 4))"
            + "  train \(percentText(summary.trainAccuracy))  val \(percentText(summary.validationAccuracy))"
            + "  \(formatDecimal(summary.elapsedSeconds, places: 1))s"
    }

    /// The closing lines: best and final validation accuracy, test accuracy, throughput, time.
    public static func summary(_ result: TrainingResult) -> [String] {
        var lines: [String] = []
        if result.cancelled { lines.append("stopped early after \(result.batches) batches") }
        lines.append("best validation accuracy   \(percentText(result.bestValidationAccuracy))"
                     + (result.epochs.isEmpty ? " (no epoch finished)" : ""))
        lines.append("final validation accuracy  \(percentText(result.finalValidationAccuracy))")
        if let test = result.testAccuracy {
            lines.append("test accuracy              \(percentText(test))")
        }
        lines.append("training speed             \(formatDecimal(result.imagesPerSecond, places: 0)) images/s")
        lines.append("wall time                  \(formatDecimal(result.seconds, places: 1)) s")
        return lines
    }

    /// `85.3%`
    public static func percentText(_ fraction: Double) -> String {
        formatDecimal(fraction * 100, places: 1) + "%"
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
