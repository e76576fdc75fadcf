import FNASCore
import FPGAModel
import Testing
@testable import SearchEngine

/// The header's rates and ETA: training time and the engine's own time per episode counted
/// apart, from the recent episodes.
@Suite struct ProgressEstimateTests {
    static let board = Board.builtIn[0]

    /// `fresh` trained children of 10 s each, then `pruned` pruned ones.
    static func snapshot(fresh: Int, pruned: Int, reused: Int = 0, elapsed: Double, planned: Int = 20,
                         state: EngineState = .sampling, current: Double? = nil) -> EngineSnapshot {
        var trials: [Trial] = []
        for i in 0..<(fresh + pruned + reused) {
            let arch = Architecture(input: InputShape(height: 8, width: 8, channels: 1), layers: [ConvLayer(kernel: 3, filters: 4 + i)])
            let report = LatencyReport(board: board.name, clockMHz: 100, template: .pipelined, dse: .full, layers: [],
                                       latencyCycles: 1000, feasible: true, infeasibleReason: nil, dspUsed: 1, dspAvailable: 2,
                                       bramUsed: 1, bramAvailable: 2, timeline: [])
            let kind = i < fresh ? 0 : (i < fresh + pruned ? 1 : 2)
            trials.append(Trial(episode: i + 1, architecture: arch, latency: report, spec: LatencySpec(microseconds: 100)!,
                                verdict: kind == 1 ? .violated : .met, reason: nil, accuracy: kind == 1 ? nil : 0.5, reward: 0,
                                baseline: 0, trainingSeconds: kind == 1 ? nil : 10, curve: [], reused: kind == 2))
        }
        let progress = current.map {
            TrainingProgress(episode: trials.count + 1, architecture: trials[0].architecture, epoch: 1, epochs: 1, batch: 1,
                             batchesPerEpoch: 4, batchLosses: [], batchAccuracies: [], epochPoints: [], elapsedSeconds: $0)
        }
        return EngineSnapshot(runName: "t", runDirectory: nil, board: board, spec: LatencySpec(microseconds: 100)!, strategy: .fnas,
                              spaceName: "s", episodesPlanned: planned, epochsPerChild: 1, state: state, trials: trials,
                              current: progress, controllerSteps: [], elapsedSeconds: elapsed, savedSeconds: 0, message: nil,
                              readOnly: false)
    }

    /// 4 fresh children (40 s of training) and 6 pruned in 50 s: 1 s of engine time per
    /// episode, and 40% of episodes train for 10 s: the 10 left take 10 x (1 + 4) = 50 s.
    @Test func trainingAndTheRestAreCountedApart() throws {
        let p = ProgressEstimate(Self.snapshot(fresh: 4, pruned: 6, elapsed: 50))
        #expect(p.childrenPerMinute == 12)
        #expect(abs(try #require(p.remainingSeconds) - 50) < 1e-9)
    }

    /// 3 s into a child: the engine's time is still 1 s per episode; that child costs the
    /// 7 s left of a training, the other 9 episodes 5 s each.
    @Test func theChildInTrainingCountsWhatIsLeftOfIt() throws {
        let p = ProgressEstimate(Self.snapshot(fresh: 4, pruned: 6, elapsed: 53, current: 3))
        let left = try #require(p.remainingSeconds)
        #expect(abs(left - 53) < 1e-9)   // 7 + 1, then 9 x 5
    }

    /// A reused result costs no training: 2 fresh of 4 trained children in 4 episodes of 22 s.
    @Test func reusedResultsAreNotTraining() throws {
        let p = ProgressEstimate(Self.snapshot(fresh: 2, pruned: 0, reused: 2, elapsed: 24, planned: 8))
        // (24 - 20) / 4 = 1 s per episode; half the episodes train 10 s: 4 x (1 + 5) = 24 s.
        #expect(abs(try #require(p.remainingSeconds) - 24) < 1e-9)
    }

    @Test func noEstimateTooEarlyOrOnceEnded() {
        #expect(ProgressEstimate(Self.snapshot(fresh: 1, pruned: 1, elapsed: 30)).remainingSeconds == nil)
        #expect(ProgressEstimate(Self.snapshot(fresh: 4, pruned: 6, elapsed: 50, state: .finished)).remainingSeconds == nil)
        #expect(ProgressEstimate(Self.snapshot(fresh: 4, pruned: 6, elapsed: 0)).remainingSeconds == nil)
        #expect(ProgressEstimate(Self.snapshot(fresh: 0, pruned: 0, elapsed: 0)).childrenPerMinute == nil)
        #expect(ProgressEstimate(Self.snapshot(fresh: 4, pruned: 6, elapsed: 50, planned: 10)).remainingSeconds == 0)
    }

    /// Only the last 100 episodes say how often a child trains: 100 fresh, then 100 pruned.
    @Test func recentEpisodesSetTheShareThatTrains() throws {
        let p = ProgressEstimate(Self.snapshot(fresh: 100, pruned: 100, elapsed: 1200, planned: 210))
        // (1200 - 1000) / 200 = 1 s per episode, none of the recent 100 trained: 10 x 1 s.
        #expect(abs(try #require(p.remainingSeconds) - 10) < 1e-9)
    }
}
