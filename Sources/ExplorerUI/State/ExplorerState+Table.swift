import SearchEngine

extension ExplorerState {
    /// Keys while the trials table is open: sort (`s`, `S`), filter (`/`, Esc clears), move
    /// (`j k`, PgUp PgDn, `g G`, `n N` wrapping), Enter for the detail view; the spec, pause,
    /// skip and theme keys work as in the panes.
    mutating func handleTable(_ key: Key, snapshot: EngineSnapshot) -> [ExplorerAction] {
        if let text = table.editing { return editFilter(key, text: text) }
        if let actions = passToPanes(key, snapshot: snapshot, returningTo: .trials) { return actions }
        let rows = TrialsMemo.shared.rows(snapshot.trials, table).rows
        switch key {
        case .character("q"): return [.quit]
        case .character("?"), .f1: overlay = .help; helpOffset = 0
        case .character("T"): overlay = .none; tableOpen = false
        case .escape:
            if table.filter.isEmpty {
                overlay = .none; tableOpen = false
            } else {
                table.filter = .everything
                status = "filter cleared"
            }
        case .character("s"):
            table.sort = table.sort.next
            status = "sorted by \(table.sort.rawValue)"
        case .character("S"):
            table.descending.toggle()
            status = "sorted by \(table.sort.rawValue), " + (table.descending ? "descending" : "ascending")
        case .character("e"): return [.exportFront]
        case .character("m"):
            if let row = tableIndex(rows).map({ rows[$0] }) { toggleMark(row.episode) } else { status = "no row to mark" }
        case .character("c"): openCompare(selected: tableIndex(rows).map { rows[$0] })
        case .character("/"): table.editing = table.filter.source; table.error = nil
        case .down, .character("j"): moveInTable(by: 1, rows)
        case .up, .character("k"): moveInTable(by: -1, rows)
        case .pageDown: moveInTable(by: Self.pageRows, rows)
        case .pageUp: moveInTable(by: -Self.pageRows, rows)
        case .home, .character("g"): if let first = rows.first { selectedEpisode = first.episode }
        case .end, .character("G"): if let last = rows.last { selectedEpisode = last.episode }
        case .character("n"): moveInTable(by: 1, rows, wrapping: true)
        case .character("N"): moveInTable(by: -1, rows, wrapping: true)
        case .enter:
            guard let row = tableIndex(rows).map({ rows[$0] }) else {
                status = rows.isEmpty && !snapshot.trials.isEmpty ? "no trial matches the filter" : "no samples yet"
                return []
            }
            selectedEpisode = row.episode
            overlay = .detail(episode: row.episode)
        default: break
        }
        return []
    }

    /// The row of the selection in `rows`: the selected episode if shown, else the first row.
    func tableIndex(_ rows: [Trial]) -> Int? {
        guard !rows.isEmpty else { return nil }
        return selectedEpisode.flatMap { e in rows.firstIndex { $0.episode == e } } ?? 0
    }

    mutating func moveInTable(by delta: Int, _ rows: [Trial], wrapping: Bool = false) {
        guard let index = tableIndex(rows) else { return }
        var target = index + delta
        if wrapping {
            target = (target % rows.count + rows.count) % rows.count
        } else {
            target = min(max(target, 0), rows.count - 1)
        }
        selectedEpisode = rows[target].episode
    }

    /// The `/` line: Enter applies the filter (or shows why it cannot), Esc keeps the old one.
    mutating func editFilter(_ key: Key, text: String) -> [ExplorerAction] {
        switch key {
        case .escape: table.editing = nil; table.error = nil
        case .enter:
            do {
                table.filter = try TrialFilter(parsing: text)
                table.editing = nil
                table.error = nil
            } catch {
                table.error = "\(error)"
            }
        case .backspace, .delete: table.editing = String(text.dropLast()); table.error = nil
        case .character(let c) where text.count < 80: table.editing = text + String(c); table.error = nil
        default: break
        }
        return []
    }
}
