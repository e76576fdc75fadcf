import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// Key bindings as pure state transitions: state + key + snapshot -> new state + actions.
@Suite struct KeyHandlingTests {
    let live = Fixtures.snapshot()

    func press(_ keys: [Key], _ state: inout ExplorerState, _ snapshot: EngineSnapshot? = nil) -> [ExplorerAction] {
        keys.flatMap { state.handle($0, snapshot: snapshot ?? live) }
    }

    @Test func plusRaisesTheSpecByFivePercentAndSendsIt() {
        var state = ExplorerState()
        let actions = press([.character("+")], &state)
        #expect(state.spec?.microseconds == 4725)
        #expect(actions == [.send(.setSpec(LatencySpec(microseconds: 4725)!))])
    }

    @Test func pSwitchesPaneOneBetweenSamplesAndPolicy() {
        var state = ExplorerState()
        let actions = press([.character("p")], &state)
        #expect(state.showsPolicy && actions.isEmpty && state.focus == .samples)
        let text = ExplorerView.render(state: state, snapshot: live, width: 140, height: 44, glyphs: .unicode).text()
        #expect(text.contains("1 Controller policy") && !text.contains("1 Controller samples"))
        _ = press([.character("p")], &state)
        #expect(!state.showsPolicy)
    }

    @Test func minusLowersTheSpecAndBracketsTakeBigSteps() {
        var state = ExplorerState()
        _ = press([.character("-")], &state)
        #expect(state.spec?.microseconds == 4286)  // 4500 / 1.05 = 4285.7
        _ = press([.character("]")], &state)
        #expect(state.spec?.microseconds == 5358)  // 4286 * 1.25 = 5357.5
        _ = press([.character("[")], &state)
        #expect(state.spec?.microseconds == 4286)  // 5358 / 1.25 = 4286.4
    }

    @Test func theSpecKeysStopAtTheLargestSpec() {
        var state = ExplorerState()
        _ = press([.character("="), .character("5"), .character("9"), .character("s"), .enter], &state)
        #expect(state.spec?.microseconds == 59_000_000)
        let actions = press([.character("]")], &state)
        #expect(state.spec?.microseconds == 60_000_000)
        #expect(actions == [.send(.setSpec(LatencySpec(microseconds: 60_000_000)!))])
        #expect(press([.character("]")], &state).isEmpty)
        #expect(state.status == "the spec is at its largest, 60000ms")
        _ = press([.character("="), .character("6"), .character("1"), .character("s"), .enter], &state)
        #expect(state.spec?.microseconds == 60_000_000)
        #expect(state.overlay == .specInput(text: "61s", error: "spec: \"61s\" is above the largest latency spec, 60s (a minute per image is beyond every board)"))
    }

    @Test func specChangeReportsHowManyPastSamplesFlip() {
        var state = ExplorerState()
        _ = press([.character("["), .character("[")], &state)  // 4.5ms -> 2.88ms
        let flipped = live.trials.filter { $0.meets($0.spec) != $0.meets(state.spec!) }.count
        #expect(flipped > 0)
        #expect(state.status == "spec \(state.spec!) sent to the engine, \(flipped) past samples change verdict")
    }

    @Test func typedSpecIsParsedAndSent() {
        var state = ExplorerState()
        let actions = press([.character("="), .character("3"), .character("."), .character("5"),
                             .character("m"), .character("s"), .enter], &state)
        #expect(state.overlay == .none)
        #expect(state.spec == LatencySpec(microseconds: 3500))
        #expect(actions == [.send(.setSpec(LatencySpec(microseconds: 3500)!))])
    }

    @Test func badTypedSpecKeepsTheLineOpenWithAnError() {
        var state = ExplorerState()
        let actions = press([.character("="), .character("-"), .character("2"), .enter], &state)
        #expect(actions.isEmpty)
        #expect(state.spec == nil)
        guard case .specInput(let text, let error) = state.overlay else {
            Issue.record("input line closed"); return
        }
        #expect(text == "-2")
        #expect(error == "spec: a latency spec must be positive, got \"-2\"")
        // Editing clears the error; Esc cancels without a command.
        _ = press([.backspace], &state)
        #expect(state.overlay == .specInput(text: "-", error: nil))
        #expect(press([.escape], &state).isEmpty)
        #expect(state.overlay == .none)
    }

    @Test func keysTypedIntoTheSpecLineDoNotTriggerBindings() {
        var state = ExplorerState()
        let actions = press([.character("="), .character("q"), .character("x"), .character(" ")], &state)
        #expect(actions.isEmpty)
        #expect(state.overlay == .specInput(text: "qx ", error: nil))
    }

    @Test func steppingMovesThroughNewestFirstAndTopFollowsLive() {
        var state = ExplorerState()
        #expect(state.selectedTrial(live)?.episode == 24)
        _ = press([.down, .character("j")], &state)
        #expect(state.selectedEpisode == 22)
        #expect(!state.followsLive)
        _ = press([.character("k")], &state)
        #expect(state.selectedEpisode == 23)
        _ = press([.up], &state)
        #expect(state.followsLive)
        _ = press([.end], &state)
        #expect(state.selectedEpisode == 1)
        _ = press([.pageUp], &state)
        #expect(state.selectedEpisode == 11)
        _ = press([.pageDown, .pageDown, .pageDown], &state)
        #expect(state.selectedEpisode == 1)
        _ = press([.character("g")], &state)
        #expect(state.followsLive)
    }

    @Test func heldSelectionStaysWhenNewSamplesArrive() {
        var state = ExplorerState()
        _ = press([.down], &state)
        let later = Fixtures.snapshot(trials: 30)
        #expect(state.selectedTrial(later)?.episode == 23)
        var following = ExplorerState()
        #expect(following.selectedTrial(later)?.episode == 30)
        _ = following.handle(.home, snapshot: later)
        #expect(following.selectedTrial(later)?.episode == 30)
    }

    @Test func nAndShiftNJumpBetweenPrunedSamples() {
        var state = ExplorerState()
        let pruned = live.trials.reversed().filter(\.verdict.isPruned).map(\.episode)  // newest first
        _ = press([.character("n")], &state)
        #expect(state.selectedEpisode == pruned[0])
        _ = press([.character("n")], &state)
        #expect(state.selectedEpisode == pruned[1])
        _ = press([.character("N")], &state)
        #expect(state.selectedEpisode == pruned[0])
        _ = press([.character("N")], &state)
        #expect(state.selectedEpisode == pruned[0])
        #expect(state.status == "no newer pruned sample")
    }

    @Test func spacePausesAndResumes() {
        var state = ExplorerState()
        #expect(press([.character(" ")], &state) == [.send(.pause)])
        let paused = Fixtures.snapshot(state: .paused)
        #expect(press([.character(" ")], &state, paused) == [.send(.resume)])
    }

    @Test func xSkipsOnlyWhileAChildTrains() {
        var state = ExplorerState()
        #expect(press([.character("x")], &state) == [.send(.skip)])
        #expect(press([.character("x")], &state, Fixtures.snapshot(state: .sampling, training: false)).isEmpty)
        #expect(state.status == "no child is training")
    }

    @Test func readOnlyReplayRejudgesLocallyAndRefusesPauseAndSkip() {
        var state = ExplorerState()
        let replay = Fixtures.snapshot(state: .finished, readOnly: true, training: false)
        #expect(press([.character("+")], &state, replay).isEmpty)
        #expect(state.spec?.microseconds == 4725)
        #expect(press([.character(" ")], &state, replay).isEmpty)
        #expect(state.status == "read-only replay: pause is disabled")
        #expect(press([.character("x")], &state, replay).isEmpty)
        #expect(state.status == "read-only replay: skip is disabled")
    }

    @Test func exportPicksTheSelectedTrialOrTheBest() {
        var state = ExplorerState()
        #expect(press([.character("s")], &state) == [.export(episode: live.best?.episode ?? -1)])
        _ = press([.end], &state)
        #expect(press([.character("s")], &state) == [.export(episode: 1)])
        var empty = ExplorerState()
        #expect(press([.character("s")], &empty, Fixtures.empty()).isEmpty)
        #expect(empty.status == "nothing to export yet")
    }

    @Test func panesByTabShiftTabAndDigitsAndExpand() {
        var state = ExplorerState()
        _ = press([.tab], &state)
        #expect(state.focus == .latency)
        _ = press([.backTab, .backTab], &state)
        #expect(state.focus == .pareto)
        _ = press([.character("3"), .character("z")], &state)
        #expect(state.focus == .pruning && state.expanded)
        _ = press([.escape], &state)
        #expect(!state.expanded)
    }

    @Test func enterOpensDetailWhichFollowsSteppingAndEscCloses() {
        var state = ExplorerState()
        _ = press([.enter], &state)
        #expect(state.overlay == .detail(episode: 24))
        _ = press([.down], &state)
        #expect(state.overlay == .detail(episode: 23))
        _ = press([.escape], &state)
        #expect(state.overlay == .none)
    }

    @Test func helpOpensWithQuestionMarkOrF1AndQuitKeysQuit() {
        var state = ExplorerState()
        _ = press([.character("?")], &state)
        #expect(state.overlay == .help)
        _ = press([.escape, .f1], &state)
        #expect(state.overlay == .help)
        #expect(press([.character("q")], &state) == [.quit])
        var typing = ExplorerState()
        #expect(press([.character("="), .interrupt], &typing) == [.quit])
        #expect(press([.character("t")], &state) == [])
        _ = press([.escape], &state)
        #expect(press([.character("t")], &state) == [.cycleTheme])
    }
}

@Suite struct SpecStatusWordingTests {
    @Test func oneFlippedSampleIsSingular() {
        var state = ExplorerState()
        let snapshot = Fixtures.snapshot()
        // #4 (4.32ms) is the only sample between 4.2ms and the 4.5ms it was judged at.
        _ = state.handle(.character("="), snapshot: snapshot)
        for c in "4.2ms" { _ = state.handle(.character(c), snapshot: snapshot) }
        _ = state.handle(.enter, snapshot: snapshot)
        #expect(state.status == "spec 4.2ms sent to the engine, 1 past sample changes verdict")
    }
}
