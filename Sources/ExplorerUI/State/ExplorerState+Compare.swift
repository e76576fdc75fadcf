import SearchEngine

extension ExplorerState {
    /// `m`: marks `episode` for comparison, or unmarks it. At most two marks; a third mark
    /// replaces the older one.
    mutating func toggleMark(_ episode: Int) {
        if let i = marked.firstIndex(of: episode) {
            marked.remove(at: i)
            status = "unmarked #\(episode)"
            return
        }
        marked.append(episode)
        if marked.count > 2 { marked.removeFirst() }
        status = marked.count == 2 ? "marked #\(marked[0]) and #\(marked[1]): c compares them"
                                   : "marked #\(episode): mark or select another, then c compares"
    }

    /// `c`: the two marked children side by side, or the marked one and `selected`.
    mutating func openCompare(selected: Trial?) {
        if marked.count == 2 {
            overlay = .compare(marked[0], marked[1])
        } else if marked.count == 1, let other = selected, other.episode != marked[0] {
            overlay = .compare(marked[0], other.episode)
        } else {
            status = marked.isEmpty ? "mark two children with m, then c compares them"
                                    : "select a child other than #\(marked[0]) (or mark one with m), then c"
        }
    }

    /// Keys while two children are compared: `c` or Esc closes (back to the table when it was
    /// open); the spec, pause, skip and theme keys work as in the panes.
    mutating func handleCompare(_ key: Key, snapshot: EngineSnapshot) -> [ExplorerAction] {
        if let actions = passToPanes(key, snapshot: snapshot, returningTo: overlay) { return actions }
        switch key {
        case .character("q"): return [.quit]
        case .character("c"), .escape: overlay = tableOpen ? .trials : .none
        case .character("?"), .f1: overlay = .help; helpOffset = 0
        default: break
        }
        return []
    }
}
