import SearchEngine

/// The trials newest first, as pane 1 lists them, without copying them: index 0 is the last
/// trial. Frames over 10,000 children read a few rows of it, not a reversed copy of all.
public struct NewestFirst: RandomAccessCollection, Sendable {
    public let base: [Trial]

    public init(_ base: [Trial]) { self.base = base }

    public var startIndex: Int { 0 }
    public var endIndex: Int { base.count }

    public subscript(position: Int) -> Trial {
        // Borrowed, so reading one field of a row does not copy the whole trial.
        _read { yield base[base.count - 1 - position] }
    }

    /// The position of the trial of `episode`: episodes are 1...N in order, so this is a
    /// lookup, with a scan only for a list that is not.
    public func position(ofEpisode episode: Int) -> Int? {
        let i = episode - 1
        if base.indices.contains(i), base[i].episode == episode { return base.count - 1 - i }
        return base.lastIndex { $0.episode == episode }.map { base.count - 1 - $0 }
    }
}
