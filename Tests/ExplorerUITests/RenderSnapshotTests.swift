import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// Whole-screen renders compared with the text files in Snapshots/.
@Suite struct RenderSnapshotTests {
    let live = Fixtures.snapshot()

    func render(_ state: ExplorerState = ExplorerState(), _ snapshot: EngineSnapshot? = nil,
                width: Int = 140, height: Int = 44, glyphs: Glyphs = .unicode) -> String {
        ExplorerView.render(state: state, snapshot: snapshot ?? live, width: width, height: height, glyphs: glyphs).text()
    }

    func expanded(_ pane: ExplorerState.Pane) -> ExplorerState {
        var s = ExplorerState()
        s.focus = pane
        s.expanded = true
        return s
    }

    @Test func overviewShowsAllFivePanes() {
        let text = render()
        for pane in ExplorerState.Pane.allCases { #expect(text.contains("\(pane.rawValue) \(pane.title)")) }
        assertSnapshot(text, named: "overview-140x44")
    }

    /// A replay has nothing live to follow; a moved selection is still "held".
    @Test func aReplayDoesNotCallItselfLive() {
        var replay = live
        replay.readOnly = true
        let text = render(ExplorerState(), replay)
        #expect(text.contains("1 Controller samples]") && !text.contains("(live)"))
        #expect(render(ExplorerState(), live).contains("1 Controller samples (live)"))
        var held = ExplorerState()
        held.selectedEpisode = replay.trials.first?.episode
        #expect(render(held, replay).contains("1 Controller samples (held)"))
    }

    /// 80x24, the size everyone tries first: the header keeps the spec and whole numbers
    /// (pieces that do not fit are dropped, not cut), and every cut ends in an ellipsis.
    @Test func overviewAt80x24() {
        let text = render(width: 80, height: 24)
        let header = text.split(separator: "\n").prefix(2).joined(separator: "\n")
        #expect(header.contains("spec 4.5ms") && header.contains("episode 24/100") && header.contains("elapsed 12m03s"))
        assertSnapshot(text, named: "overview-80x24")
        assertSnapshot(render(width: 80, height: 24, glyphs: .ascii), named: "overview-80x24-ascii")
        var detail = ExplorerState()
        detail.overlay = .detail(episode: live.trials.last { $0.verdict == .met }?.episode ?? 0)
        assertSnapshot(render(detail, width: 80, height: 24), named: "detail-80x24")
        var help = ExplorerState()
        help.overlay = .help
        assertSnapshot(render(help, width: 80, height: 24), named: "help-80x24")
    }

    /// A reused result is not a trained row: "=" before its accuracy, a link to the episode that
    /// trained it in wide panes and in the detail view; panes 1 and 2 show the same verdict mark.
    @Test func aReusedResultIsMarkedAndLinked() throws {
        var snapshot = live
        let original = try #require(snapshot.trials.last { $0.verdict == .met })
        var copy = original
        copy.episode = snapshot.trials.count + 1
        copy.reused = true
        copy.reusedFrom = original.episode
        snapshot.trials.append(copy)
        snapshot.current = nil
        let row = try #require(render(ExplorerState(), snapshot).split(separator: "\n").first { $0.contains("#\(copy.episode) ") })
        #expect(row.contains("=" + Format.percent(original.accuracy)) && row.contains("=#\(original.episode)"))
        #expect(row.contains("✓ =") && row.contains(Format.ms(copy.latency.latencyMicroseconds) + " ✓"))
        var detail = ExplorerState()
        detail.overlay = .detail(episode: copy.episode)
        #expect(render(detail, snapshot).contains("result reused from episode #\(original.episode), an identical earlier child"))
    }

    /// A one-epoch child (the search's default) has one point, not an axis of epochs never run.
    @Test func detailOfAOneEpochChild() throws {
        var snapshot = live
        let i = try #require(snapshot.trials.lastIndex { $0.verdict == .met })
        snapshot.trials[i].curve = Array(snapshot.trials[i].curve.prefix(1))
        var detail = ExplorerState()
        detail.overlay = .detail(episode: snapshot.trials[i].episode)
        let text = render(detail, snapshot)
        #expect(text.contains("training curve: one epoch, validation"))
        assertSnapshot(text, named: "detail-one-epoch")
    }

    @Test func samplesPaneExpanded() { assertSnapshot(render(expanded(.samples)), named: "pane1-samples") }
    /// `c`: what the controller has learned, and the sampled latency following a spec change.
    @Test func policyViewShowsChoiceOddsAndTheSpecChange() {
        var state = expanded(.samples)
        state.showsPolicy = true
        let snapshot = Fixtures.snapshot(trials: 40, loosenedAt: 25)
        let text = render(state, snapshot)
        let policy = snapshot.policy!
        #expect(text.contains("1 Controller policy") && text.contains("most likely child " + policy.likeliestChild))
        #expect(text.contains("L4 kernel") && text.contains("filters"))
        #expect(text.contains("sampled latency, mean of 20") && text.contains("6ms"), "the spec change is marked with its value")
        assertSnapshot(text, named: "pane1-policy")
    }

    @Test func latencyPaneExpanded() { assertSnapshot(render(expanded(.latency)), named: "pane2-latency") }
    @Test func pruningPaneExpanded() { assertSnapshot(render(expanded(.pruning)), named: "pane3-pruning") }
    @Test func accuracyPaneExpanded() { assertSnapshot(render(expanded(.accuracy)), named: "pane4-accuracy") }
    @Test func paretoPaneExpanded() { assertSnapshot(render(expanded(.pareto)), named: "pane5-pareto") }

    @Test func detailViewOfATrainedChild() {
        var state = ExplorerState()
        let trained = live.trials.last { $0.verdict == .met }
        state.overlay = .detail(episode: trained?.episode ?? 0)
        let text = render(state)
        #expect(text.contains("Episode #\(trained?.episode ?? 0) detail"))
        #expect(text.contains("training curve"))
        assertSnapshot(text, named: "detail-trained")
    }

    @Test func detailViewOfAPrunedChild() {
        var state = ExplorerState()
        let pruned = live.trials.last { $0.verdict == .violated }
        state.overlay = .detail(episode: pruned?.episode ?? 0)
        let text = render(state)
        #expect(text.contains("not trained (violated)"))
        assertSnapshot(text, named: "detail-pruned")
    }

    @Test func helpOverlayListsEveryBinding() {
        var state = ExplorerState()
        state.overlay = .help
        let text = render(state)
        for b in HelpOverlay.bindings { #expect(text.contains(b.keys)) }
        assertSnapshot(text, named: "help")
    }

    @Test func tinyTerminalShowsOneMessage() {
        let text = render(width: 40, height: 10)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(words.contains("terminal too small: need 60x20, have 40x10"))
        assertSnapshot(text, named: "tiny-40x10")
    }

    @Test func oneByOneTerminalDoesNotCrash() {
        #expect(render(width: 1, height: 1) == "t")
        #expect(render(width: 0, height: 0) == "")
    }

    @Test func minimumSizeRendersPanes() {
        let text = render(width: 60, height: 20)
        #expect(!text.contains("too small"))
        assertSnapshot(text, named: "minimum-60x20")
    }

    @Test func hugeTerminal() {
        let text = render(width: 300, height: 100)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 100)
        assertSnapshot(text, named: "huge-300x100")
    }

    @Test func asciiModeUsesOnlyASCII() {
        var state = ExplorerState()
        let text = render(state, glyphs: .ascii)
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        assertSnapshot(text, named: "overview-ascii")
        state.overlay = .detail(episode: live.trials.last { $0.verdict == .met }?.episode ?? 0)
        #expect(render(state, glyphs: .ascii).unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func emptySearchBeforeTheFirstSample() {
        let text = render(ExplorerState(), Fixtures.empty(), width: 100, height: 30)
        #expect(text.contains("waiting for the first sample"))
        assertSnapshot(text, named: "empty-100x30")
    }

    @Test func loweredSpecMarksPastSamplesThatNowFail() {
        var state = ExplorerState()
        state.spec = LatencySpec(microseconds: 2500)
        let text = render(state)
        // 4.12ms, 4.02ms ... were met at 4.5ms and fail at 2.5ms.
        #expect(text.contains("now ✗"))
        #expect(text.contains("spec 2.5ms (engine 4.5ms)"))
        assertSnapshot(text, named: "spec-lowered")
    }

    @Test func raisedSpecInReplayMarksSamplesThatNowPass() {
        var state = ExplorerState()
        state.spec = LatencySpec(microseconds: 6000)
        let text = render(state, Fixtures.snapshot(state: .finished, readOnly: true, training: false))
        #expect(text.contains("now ✓"))
        #expect(text.contains("re-judged; run used 4.5ms"))
        #expect(text.contains("read-only replay"))
    }

    @Test func specInputLineShowsTheParseError() {
        var state = ExplorerState()
        state.overlay = .specInput(text: "fast", error: "spec: expected a latency such as 2ms or 800us, got \"fast\"")
        let text = render(state)
        #expect(text.split(separator: "\n").last?.contains("✗ spec: expected a latency such as 2ms") == true)
    }
}

/// Every layout at every size between the minimum and a large terminal renders without
/// trapping and fills exactly the requested grid.
@Suite struct RenderRobustnessTests {
    @Test func everySizeAndLayoutRenders() {
        // A diverged child: NaN and infinite losses and accuracies must not trap the charts.
        var diverged = Fixtures.snapshot(trials: 6)
        diverged.current?.batchLosses = [2.3, .nan, .infinity, 1.0]
        diverged.current?.batchAccuracies = [0.1, .nan, 0.2, .infinity]
        diverged.trials[0].accuracy = .nan
        diverged.trials[0].verdict = .met
        diverged.trials[0].curve = [EpochPoint(epoch: 1, loss: .nan, trainAccuracy: .nan, validationAccuracy: .infinity, elapsedSeconds: 1)]
        diverged.controllerSteps = [ControllerStep(episode: 1, loss: .nan, entropy: .infinity, reward: .nan, baseline: -.infinity)]
        let snapshots = [Fixtures.snapshot(), Fixtures.empty(), Fixtures.snapshot(trials: 1, training: false), diverged]
        var states: [ExplorerState] = [ExplorerState()]
        for pane in ExplorerState.Pane.allCases {
            var s = ExplorerState(); s.focus = pane; s.expanded = true; states.append(s)
        }
        var help = ExplorerState(); help.overlay = .help; states.append(help)
        var detail = ExplorerState(); detail.overlay = .detail(episode: 1); states.append(detail)
        var input = ExplorerState(); input.overlay = .specInput(text: "12", error: "bad"); states.append(input)
        for snapshot in snapshots {
            for state in states {
                for width in stride(from: 0, through: 130, by: 7) {
                    for height in stride(from: 0, through: 50, by: 5) {
                        let b = ExplorerView.render(state: state, snapshot: snapshot, width: width, height: height, glyphs: .ascii)
                        let text = b.text()
                        // NaN and infinite figures must still print as text, never as control bytes,
                        // and ASCII glyphs mean ASCII only (LANG=C terminals).
                        let printable = text.unicodeScalars.allSatisfy { $0 == "\n" || ($0.isASCII && $0.value >= 0x20 && $0.value != 0x7F) }
                        #expect(printable, "\(width)x\(height): a character that is not printable ASCII:\n\(text)")
                        if width >= ExplorerView.minimumWidth && height >= ExplorerView.minimumHeight {
                            #expect(!text.contains("too small") && b.line(0).contains { $0 != " " } && b.line(height - 1).contains { $0 != " " },
                                    "\(width)x\(height): the full screen draws its header and hint bar")
                        } else if width >= 12 && height >= 8 {
                            #expect(text.contains("small") && text.contains("\(width)x\(height)"),
                                    "\(width)x\(height): a small screen says so, with its size")
                        }
                    }
                }
            }
        }
    }
}

@Suite struct HelpScrollTests {
    @Test func helpScrollsOnAMinimumSizeTerminal() {
        var state = ExplorerState()
        let snapshot = Fixtures.snapshot()
        _ = state.handle(.character("?"), snapshot: snapshot)
        let first = ExplorerView.render(state: state, snapshot: snapshot, width: 60, height: 20, glyphs: .unicode).text()
        #expect(first.contains("j/k scroll"))
        #expect(first.contains("q, Ctrl-C"))
        #expect(!first.contains("next colour theme"))
        for _ in 0..<40 { _ = state.handle(.character("j"), snapshot: snapshot) }
        let last = ExplorerView.render(state: state, snapshot: snapshot, width: 60, height: 20, glyphs: .unicode).text()
        #expect(last.contains("next colour theme"))
        #expect(last.contains("of \(2 * HelpOverlay.bindings.count)"))
        #expect(!last.contains("j for more"))
        assertSnapshot(last, named: "help-scrolled-60x20")
    }
}
