import FNASCore
import Foundation
import Testing
@testable import SearchEngine

@Suite("Reward formulas")
struct RewardTests {
    let fnas = RewardSettings(form: .fnas)
    let paper = RewardSettings(form: .paper)
    let soft = RewardSettings(form: .soft)

    @Test func authorsPrunedRewardIsClippedToMinusPointOne() {
        // (5 - 7.9) / (10 * 5) - 1 = -1.058, clipped to -0.1
        #expect(fnas.prunedReward(latencyMicroseconds: 7900, spec: 5000) == -0.1)
    }

    @Test func paperPrunedRewardIsUnscaledAndUnclipped() {
        // (5 - 7.9) / 5 - 1 = -1.58
        #expect(abs(paper.prunedReward(latencyMicroseconds: 7900, spec: 5000) - -1.58) < 1e-12)
    }

    @Test func authorsTrainedRewardAddsTheLatencyTermAndClips() {
        // 0.86 - 0.85 + 1 / (10 * 5) = 0.03
        #expect(abs(fnas.trainedReward(accuracy: 0.86, latencyMicroseconds: 1000, spec: 5000, baseline: 0.85) - 0.03) < 1e-12)
        // 0.9 - 0.85 + 4 / 50 = 0.13, clipped to 0.1
        #expect(fnas.trainedReward(accuracy: 0.9, latencyMicroseconds: 4000, spec: 5000, baseline: 0.85) == 0.1)
    }

    @Test func paperTrainedRewardIsUnclipped() {
        // 0.9 - 0.85 + 4 / 5 = 0.85
        #expect(abs(paper.trainedReward(accuracy: 0.9, latencyMicroseconds: 4000, spec: 5000, baseline: 0.85) - 0.85) < 1e-12)
    }

    @Test func accuracyOnlyRewardIgnoresLatency() {
        #expect(abs(paper.trainedReward(accuracy: 0.9, latencyMicroseconds: 40000, spec: 5000, baseline: 0.85, useLatency: false) - 0.05) < 1e-12)
    }

    @Test func softRewardIsMnasNetsPowerLaw() {
        // 0.9 * 2^-0.07 = 0.857374..., 0.9 * 0.5^-0.07 = 0.944745...
        #expect(abs(soft.trainedReward(accuracy: 0.9, latencyMicroseconds: 10000, spec: 5000, baseline: 0) - 0.857374) < 1e-6)
        #expect(abs(soft.trainedReward(accuracy: 0.9, latencyMicroseconds: 2500, spec: 5000, baseline: 0) - 0.944745) < 1e-6)
        #expect(soft.advantage(reward: 0.8, baseline: 0.5) == 0.8 - 0.5)
    }

    @Test func infeasibleChildrenGetTheWorstPrunedReward() {
        #expect(fnas.prunedReward(latencyMicroseconds: .infinity, spec: 5000) == -0.1)
        #expect(paper.prunedReward(latencyMicroseconds: .infinity, spec: 5000) == -3)
    }

    /// Each doubling over the spec costs `overshootWeight` more, up to four; an infeasible
    /// child costs the most; 0 (and a config written before the field existed) is flat.
    @Test func theOvershootTermGradesPrunedChildrenByHowFarOver() throws {
        let graded = RewardSettings(form: .fnas, overshootWeight: 0.05)
        #expect(abs(graded.prunedReward(latencyMicroseconds: 10_000, spec: 5000) - -0.15) < 1e-12)
        #expect(abs(graded.prunedReward(latencyMicroseconds: 20_000, spec: 5000) - -0.2) < 1e-12)
        #expect(abs(graded.prunedReward(latencyMicroseconds: 5e9, spec: 5000) - -0.3) < 1e-12)
        #expect(abs(graded.prunedReward(latencyMicroseconds: .infinity, spec: 5000) - -0.3) < 1e-12)
        #expect(graded.prunedReward(latencyMicroseconds: 7000, spec: 5000) < fnas.prunedReward(latencyMicroseconds: 7000, spec: 5000))
        #expect(throws: InputError.self) { try RewardSettings(overshootWeight: -1).validate() }
        var json = String(decoding: try JSONEncoder().encode(graded), as: UTF8.self)
        json = json.replacingOccurrences(of: #","overshootWeight":0.05"#, with: "")
            .replacingOccurrences(of: #""overshootWeight":0.05,"#, with: "")
        #expect(!json.contains("overshootWeight"))
        #expect(try JSONDecoder().decode(RewardSettings.self, from: Data(json.utf8)).overshootWeight == 0)
    }

    @Test func constantsAreConfigurable() {
        let wide = RewardSettings(form: .fnas, latencyScale: 2, clip: 5)
        // (5 - 7.5) / (2 * 5) - 1 = -1.25
        #expect(abs(wide.prunedReward(latencyMicroseconds: 7500, spec: 5000) - -1.25) < 1e-12)
    }

    @Test func baselineIsAnExponentialMovingAverageOfAccuracy() {
        var b = fnas.updatedBaseline(nil, accuracy: 0.5, reward: 0)
        #expect(b == 0.5)
        b = fnas.updatedBaseline(b, accuracy: 1.0, reward: 0)
        #expect(abs((b ?? 0) - 0.6) < 1e-12)          // 0.8 * 0.5 + 0.2 * 1.0
        #expect(fnas.updatedBaseline(b, accuracy: nil, reward: -0.1) == b)   // pruned: unchanged
        #expect(soft.updatedBaseline(0.5, accuracy: nil, reward: 0) == 0.4)  // soft averages rewards
    }
}
