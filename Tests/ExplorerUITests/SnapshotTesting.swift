import Foundation
import Testing

/// Compares rendered text with `Snapshots/<name>.txt` next to this file; with
/// `RECORD_SNAPSHOTS=1` in the environment it (re)writes the file instead.
///
/// Recording always fails the test (a missing snapshot too, and re-recording with
/// `RECORD_SNAPSHOTS`), as swift-argument-parser's snapshots do: a test cannot pass on output
/// nobody has looked at, and a record run left on in CI cannot hide a regression.
func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = dir.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"].map { !$0.isEmpty && $0 != "0" } ?? false
    let existing = try? String(contentsOf: file, encoding: .utf8)
    if record || existing == nil {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { try (text + "\n").write(to: file, atomically: true, encoding: .utf8) } catch {
            Issue.record("could not write snapshot \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        let what = existing == nil ? "recorded new snapshot" : "re-recorded snapshot"
        Issue.record("\(what) \(name).txt; check it, then run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = existing else { return }
    let actual = text + "\n"
    if actual != expected {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let row = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let got = row < a.count ? String(a[row]) : "<end>"
        let want = row < e.count ? String(e[row]) : "<end>"
        Issue.record("snapshot \(name).txt differs at line \(row + 1):\n  expected: \(want)\n  actual:   \(got)\n(RECORD_SNAPSHOTS=1 re-records)",
                     sourceLocation: sourceLocation)
    }
}
