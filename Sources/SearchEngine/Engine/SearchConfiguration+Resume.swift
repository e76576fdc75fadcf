import FNASCore

extension SearchConfiguration {
    /// What a resumed run may take from its user: the run's own configuration wins over every
    /// other setting, and only the number of episodes may change (to extend a run, or to end
    /// it sooner). Front ends tell their users which of their settings were ignored.
    public struct ResumeOverrides: Sendable, Hashable {
        /// Episodes to run in all; nil keeps the run's.
        public var episodes: Int?

        public init(episodes: Int? = nil) {
            self.episodes = episodes
        }

        /// `configuration` (a run's) with these overrides applied.
        ///
        /// - Throws: ``InputError`` about the `episodes` setting when it is below 1.
        public func applied(to configuration: SearchConfiguration) throws -> SearchConfiguration {
            var resumed = configuration
            if let episodes {
                guard episodes >= 1 else { throw InputError(setting: "episodes", "must be at least 1 (got \(episodes))") }
                resumed.episodes = episodes
            }
            return resumed
        }

        /// Whether `wanted` continues `run`: equal apart from what a resume may override.
        public static func allows(_ wanted: SearchConfiguration, resuming run: SearchConfiguration) -> Bool {
            var extended = run
            extended.episodes = wanted.episodes
            return extended == wanted
        }
    }
}
