import EngineTestSupport
import FNASCore
import Testing
@testable import SearchEngine

/// A resume takes the run's configuration; only the number of episodes may change.
@Suite struct ResumeOverridesTests {
    @Test func episodesAreTheOnlyOverride() throws {
        let run = SearchConfiguration.test(episodes: 12)
        #expect(try SearchConfiguration.ResumeOverrides().applied(to: run) == run)
        var extended = run
        extended.episodes = 30
        #expect(try SearchConfiguration.ResumeOverrides(episodes: 30).applied(to: run) == extended)
        #expect(SearchConfiguration.ResumeOverrides.allows(extended, resuming: run))
        var other = extended
        other.seed += 1
        #expect(!SearchConfiguration.ResumeOverrides.allows(other, resuming: run), "a resume never changes the seed")
    }

    @Test func fewerThanOneEpisodeIsRefusedNamingTheSetting() {
        #expect(throws: InputError(setting: "episodes", "must be at least 1 (got 0)")) {
            try SearchConfiguration.ResumeOverrides(episodes: 0).applied(to: .test())
        }
    }
}
