import FNASCore
import SearchEngine

extension ExplorerState {
    /// `+`/`-` multiply and divide the spec by 1.05, `]`/`[` by 1.25: one step up and one down
    /// return to the same spec (the help says the factors, not "25%", which `[` is not).
    public static let smallSpecStep = 1.05
    public static let largeSpecStep = 1.25
    /// Rows PgUp/PgDn move the selection.
    public static let pageRows = 10

    /// Applies one key and returns what the host must do (engine commands, export, quit).
    ///
    /// Pure: the same state, key and snapshot always give the same result, so every binding
    /// is unit-tested without a terminal.
    public mutating func handle(_ key: Key, snapshot: EngineSnapshot) -> [ExplorerAction] {
        if key == .interrupt { return [.quit] }
        if key == .resize { return [] }
        switch key {
        case .mouse: return []
        case .wheel(let up): return (0..<Self.wheelRows).flatMap { _ in handle(up ? .up : .down, snapshot: snapshot) }
        case .clicked(let target): return click(target, snapshot: snapshot)
        default: break
        }
        if case .specInput(let text, _) = overlay { return handleInput(key, text: text, snapshot: snapshot) }
        status = nil
        if overlay == .trials { return handleTable(key, snapshot: snapshot) }
        if overlay == .events { return handleEvents(key, snapshot: snapshot) }
        if case .compare = overlay { return handleCompare(key, snapshot: snapshot) }
        if overlay == .help {
            if key == .escape || key == .character("?") || key == .f1 || key == .enter { overlay = tableOpen ? .trials : .none; return [] }
            if key == .character("q") { return [.quit] }
            // Bounded by the longest layout (two lines per binding); the overlay clamps to what fits.
            if key == .down || key == .character("j") { helpOffset = min(helpOffset + 1, 2 * HelpOverlay.bindings.count) }
            if key == .up || key == .character("k") { helpOffset = max(helpOffset - 1, 0) }
            return []
        }
        switch key {
        case .character("q"): return [.quit]
        case .character("?"), .f1: overlay = .help; helpOffset = 0; return []
        case .escape:
            if overlay != .none { overlay = tableOpen ? .trials : .none } else if expanded { expanded = false }
            return []
        case .character("T"): overlay = .trials; tableOpen = true; return []
        case .character("l"): overlay = .events; eventIndex = 0; tableOpen = false; return []
        case .tab, .right: focus = Self.pane(focus.rawValue + 1); return []
        case .backTab, .left: focus = Self.pane(focus.rawValue - 1); return []
        case .character(let c) where ("1"..."5").contains(c):
            if let n = c.wholeNumberValue, let p = Pane(rawValue: n) { focus = p; overlay = .none }
            return []
        case .character("z"): expanded.toggle(); return []
        case .character("e"): return [.exportFront]
        case .character("p"): showsPolicy.toggle(); return []
        case .character("m"):
            if let t = detailOrSelected(snapshot) { toggleMark(t.episode) } else { status = "no samples yet" }
            return []
        case .character("c"): openCompare(selected: detailOrSelected(snapshot)); return []
        case .down, .character("j"): move(by: 1, snapshot); return []
        case .up, .character("k"): move(by: -1, snapshot); return []
        case .pageDown: move(by: Self.pageRows, snapshot); return []
        case .pageUp: move(by: -Self.pageRows, snapshot); return []
        case .home, .character("g"): selectedEpisode = nil; return []
        case .end, .character("G"):
            if let oldest = snapshot.trials.first { selectedEpisode = oldest.episode }
            return []
        case .character("n"): jumpPruned(forward: true, snapshot); return []
        case .character("N"): jumpPruned(forward: false, snapshot); return []
        case .enter:
            if let t = selectedTrial(snapshot) { overlay = .detail(episode: t.episode) } else { status = "no samples yet" }
            return []
        case .character("+"): return changeSpec(factor: Self.smallSpecStep, snapshot)
        case .character("-"): return changeSpec(factor: 1 / Self.smallSpecStep, snapshot)
        case .character("]"): return changeSpec(factor: Self.largeSpecStep, snapshot)
        case .character("["): return changeSpec(factor: 1 / Self.largeSpecStep, snapshot)
        case .character("="): overlay = .specInput(text: "", error: nil); return []
        case .character(" "):
            if snapshot.readOnly { status = "read-only replay: pause is disabled"; return [] }
            switch snapshot.state {
            case .paused: status = "resuming"; return [.send(.resume)]
            case .finished, .failed, .stopping: status = "the search has ended"; return []
            default: status = "pausing after the current batch"; return [.send(.pause)]
            }
        case .character("x"):
            if snapshot.readOnly { status = "read-only replay: skip is disabled"; return [] }
            guard let current = snapshot.current else { status = "no child is training"; return [] }
            status = "skipping child #\(current.episode)"
            return [.send(.skip)]
        case .character("s"):
            let pick: Trial?
            if case .detail(let episode) = overlay {
                pick = snapshot.trials.first { $0.episode == episode }
            } else {
                pick = followsLive ? (snapshot.best ?? selectedTrial(snapshot)) : selectedTrial(snapshot)
            }
            guard let trial = pick else { status = "nothing to export yet"; return [] }
            return [.export(episode: trial.episode)]
        case .character("t"): return [.cycleTheme]
        default: return []
        }
    }

    /// Rows one notch of the mouse wheel moves.
    public static let wheelRows = 3

    /// A click: on a pane focuses it, on a child's row or an event selects it, and on the row
    /// already selected opens it (as Enter would). Any click closes the help.
    mutating func click(_ target: ClickTarget, snapshot: EngineSnapshot) -> [ExplorerAction] {
        if overlay == .help { overlay = tableOpen ? .trials : .none; return [] }
        switch target {
        case .pane(let pane):
            if overlay == .none && !expanded { focus = pane }
        case .trial(let episode):
            if overlay == .none { focus = .samples }
            let already: Bool
            if overlay == .trials {
                let rows = TrialsMemo.shared.rows(snapshot.trials, table).rows
                already = tableIndex(rows).map { rows[$0].episode == episode } ?? false
            } else {
                already = selectedTrial(snapshot)?.episode == episode
            }
            selectedEpisode = episode
            if already { overlay = .detail(episode: episode) }
        case .event(let index):
            guard overlay == .events else { return [] }
            if index == eventIndex { return handleEvents(.enter, snapshot: snapshot) }
            eventIndex = index
        }
        return []
    }

    /// The keys a full-screen view (the trials table, the event log) passes to the panes.
    static let panesKeys: [Key] = ["+", "-", "[", "]", "=", " ", "x", "t"].map { .character($0) }

    /// The spec, pause, skip and theme keys from a full-screen view: handled as in the panes,
    /// then back to `view` (the `=` line opens over the panes); nil for any other key.
    mutating func passToPanes(_ key: Key, snapshot: EngineSnapshot, returningTo view: Overlay) -> [ExplorerAction]? {
        guard Self.panesKeys.contains(key) else { return nil }
        overlay = .none
        let actions = handle(key, snapshot: snapshot)
        if overlay == .none { overlay = view }
        return actions
    }

    /// The trial the detail view shows, else the selected one.
    func detailOrSelected(_ snapshot: EngineSnapshot) -> Trial? {
        if case .detail(let episode) = overlay, let t = snapshot.trials.first(where: { $0.episode == episode }) { return t }
        return selectedTrial(snapshot)
    }

    static func pane(_ raw: Int) -> Pane {
        let n = Pane.allCases.count
        return Pane(rawValue: ((raw - 1) % n + n) % n + 1) ?? .samples
    }

    /// Moves the selection through the newest-first list; reaching the top follows live again.
    mutating func move(by delta: Int, _ snapshot: EngineSnapshot) {
        guard let index = selectedIndex(snapshot) else { return }
        let list = Self.newestFirst(snapshot)
        let target = min(max(index + delta, 0), list.count - 1)
        selectedEpisode = target == 0 ? nil : list[target].episode
        if case .detail = overlay { overlay = .detail(episode: list[target].episode) }
    }

    /// `n` moves to the next older pruned trial, `N` to the next newer one.
    mutating func jumpPruned(forward: Bool, _ snapshot: EngineSnapshot) {
        let list = Self.newestFirst(snapshot)
        let index = selectedIndex(snapshot) ?? 0
        let candidates = forward ? Array(list.indices.dropFirst(index + 1)) : Array(list.indices.prefix(index).reversed())
        guard let hit = candidates.first(where: { list[$0].verdict.isPruned }) else {
            status = forward ? "no older pruned sample" : "no newer pruned sample"
            return
        }
        selectedEpisode = list[hit].episode
        if case .detail = overlay { overlay = .detail(episode: list[hit].episode) }
    }

    mutating func changeSpec(factor: Double, _ snapshot: EngineSnapshot) -> [ExplorerAction] {
        let current = effectiveSpec(snapshot)
        // Whole microseconds keep the shown value tidy and the step reversible enough.
        let us = min(max(1, (current.microseconds * factor).rounded()), LatencySpec.largestMicroseconds)
        guard let next = LatencySpec(microseconds: us) else { return [] }
        if next == current, factor > 1, us == LatencySpec.largestMicroseconds {
            status = "the spec is at its largest, \(next)"
            return []
        }
        return apply(spec: next, snapshot)
    }

    mutating func apply(spec next: LatencySpec, _ snapshot: EngineSnapshot) -> [ExplorerAction] {
        spec = next
        let changed = snapshot.trials.filter { $0.meets($0.spec) != $0.meets(next) }.count
        let suffix = changed == 0 ? "" : (changed == 1 ? ", 1 past sample changes verdict" : ", \(changed) past samples change verdict")
        if snapshot.readOnly {
            status = "spec \(next) (re-judged locally, replay\(suffix))"
            return []
        }
        status = "spec \(next) sent to the engine\(suffix)"
        return [.send(.setSpec(next))]
    }

    mutating func handleInput(_ key: Key, text: String, snapshot: EngineSnapshot) -> [ExplorerAction] {
        switch key {
        case .escape: overlay = tableOpen ? .trials : .none; status = "spec unchanged"; return []
        case .enter:
            do {
                let parsed = try LatencySpec(parsing: text)
                overlay = tableOpen ? .trials : .none
                return apply(spec: parsed, snapshot)
            } catch {
                overlay = .specInput(text: text, error: "\(error)")
                return []
            }
        case .backspace, .delete: overlay = .specInput(text: String(text.dropLast()), error: nil); return []
        case .character(let c) where text.count < 24:
            overlay = .specInput(text: text + String(c), error: nil); return []
        default: return []
        }
    }
}
