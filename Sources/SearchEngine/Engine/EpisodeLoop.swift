import FNASCore
import FPGAModel

/// The mutable state of one search and the episode loop of fnas-method.md.
///
/// `@unchecked Sendable` because it is handed to the engine thread once and used only there
/// afterwards (`SearchEngine` takes it out of its slot exactly once).
final class EpisodeLoop: @unchecked Sendable {
    let configuration: SearchConfiguration
    let latencyModel: any LatencyEstimating
    let trainer: any ChildTraining
    let channel: EngineChannel
    /// Set by ``attach(_:)`` once everything has been checked: nothing is written before.
    private(set) var writer: RunWriter?
    /// The root of every random stream: episode n samples from `root.derive("episode", n)`
    /// and trains its child with a seed from `root.derive("train", n)`.
    let root: SeededGenerator
    let resumed: Bool

    var controller: LSTMController
    var baseline: Double?
    /// The moving average of rewards that centres the advantage.
    var centering = RewardCentering()
    /// The first episode under the latest spec change (nil: the spec never changed), for the
    /// exploration boost; from the run log on resume, so a resumed run explores as it would have.
    var specChangedAt: Int?
    var spec: LatencySpec
    var trials: [Trial]
    var steps: [ControllerStep]
    var trainedCache: [Architecture: Trial] = [:]
    var latencyCache: [Architecture: LatencyReport] = [:]
    /// Every committed child: what the duplicate guard avoids. Only committed ones, so a run
    /// that was stopped mid-child and resumed samples exactly as one that never stopped.
    var evaluated: Set<Architecture> = []
    /// The episode of the best child meeting the spec, last logged as a `best` event.
    var bestEpisode: Int?
    var bestAccuracy: Double?
    var snap: EngineSnapshot
    /// Running counts for `savedSeconds`, so publishing stays O(1) in the number of trials.
    var tally = Tally()

    struct Tally {
        var freshSeconds = 0.0, fresh = 0, pruned = 0
        mutating func add(_ t: Trial) {
            if t.verdict.isPruned { pruned += 1 }
            if t.verdict.isTrained && !t.reused, let s = t.trainingSeconds { freshSeconds += s; fresh += 1 }
        }
        var savedSeconds: Double { fresh == 0 ? 0 : freshSeconds / Double(fresh) * Double(pruned) }
    }

    // Command state.
    var paused = false
    /// Clock time spent paused this session before the current pause, and when the current
    /// pause began: no elapsed figure counts time the user held the search.
    var pausedSeconds = 0.0
    var pausedSince: Double?
    /// ``pausedTotal()`` when the child in training started.
    var trainingPauseBase = 0.0
    var stopRequested = false
    var training: (episode: Int, architecture: Architecture, report: LatencyReport)?
    var interruption: Interruption?

    enum Interruption: Equatable {
        case skip, stop
        case prunedLate(String)
    }

    /// Every time figure (wall time, a child's elapsed time, the snapshot rate limit) reads this.
    let clock: any EngineClock
    let startedAt: Double
    /// Active seconds of the run's earlier sessions (a resume), so the elapsed time a live run
    /// shows is the one its replay shows.
    let earlierSeconds: Double
    var lastPublish: Double

    init(configuration: SearchConfiguration, latency: any LatencyEstimating, trainer: any ChildTraining,
         channel: EngineChannel, log: RunLog?, clock: any EngineClock) throws {
        self.configuration = configuration
        self.latencyModel = latency
        self.trainer = trainer
        self.channel = channel
        self.clock = clock
        root = SeededGenerator(seed: configuration.seed)
        var initRng = root.derive("controller-init")
        controller = LSTMController(config: configuration.controller, kindSizes: configuration.space.kindSizes,
                                    plan: configuration.space.plan, rng: &initRng)
        spec = configuration.spec
        trials = []
        steps = []
        snap = channel.box.withLock { $0 }
        startedAt = clock.now()
        lastPublish = startedAt
        earlierSeconds = log?.wallSeconds ?? 0
        resumed = log != nil
        if let log { try restore(from: log) }
    }

    // MARK: - Resume

    /// Restores the state after the log's last committed trial, writing nothing (a refused
    /// resume must leave the run directory as it was).
    ///
    /// The checkpoint is written after the trial line, so after a crash it may be behind the
    /// log; the missing controller updates are replayed from the logged trials, which is exact
    /// because an update is a pure function of the controller, the actions and the advantage.
    func restore(from log: RunLog) throws {
        trials = log.trials
        steps = log.controllerSteps
        spec = log.currentSpec
        var from = 0
        if let cp = log.checkpoint, let problem = cp.stepProblem {
            throw InputError(source: RunFiles.path(log.directory, RunFiles.checkpoint), field: "controller.step", problem)
        }
        if let cp = log.checkpoint, cp.episode <= trials.count, cp.controller.plan == controller.plan,
           cp.controller.layout == controller.layout, cp.controller.config == controller.config {
            controller = cp.controller
            baseline = cp.baseline
            centering = RewardCentering(average: cp.rewardBaseline, spec: cp.rewardBaselineSpec)
            from = cp.episode
        } else if let cp = log.checkpoint, cp.episode > trials.count {
            throw InputError(source: RunFiles.path(log.directory, RunFiles.checkpoint), field: "episode",
                             "checkpoint is at episode \(cp.episode) but the log ends at \(trials.count)")
        }
        let changedAt = Set(log.specChanges.map(\.episode))
        for trial in trials[from...] {
            guard let actions = configuration.space.choices(for: trial.architecture) else {
                throw InputError(source: RunFiles.path(log.directory, RunFiles.events),
                                 "episode \(trial.episode)'s architecture is not in the \(configuration.space.name) space")
            }
            // As the live loop did: the relearning of a spec change comes before the trial of
            // the episode the change happened in, under the spec that trial was judged by.
            if changedAt.contains(trial.episode) { relearn(before: trial.episode, under: trial.spec) }
            if let step = learn(from: trial, actions: actions), !steps.contains(where: { $0.episode == step.episode }) {
                steps.append(step)
            }
        }
        for t in trials where t.verdict.isTrained && !t.reused { trainedCache[t.architecture] = t }
        for t in trials { latencyCache[t.architecture] = t.latency }
        evaluated = Set(trials.map(\.architecture))
        snap.trials = trials
        for t in trials { tally.add(t) }
        snap.controllerSteps = steps
        snap.policy = policy()
        snap.spec = spec
        snap.events = log.events
        bestEpisode = bestTrial()?.episode
        bestAccuracy = bestTrial()?.accuracy
        specChangedAt = log.specChanges.last?.episode
    }

    /// Starts writing to `writer`; a resumed run first rewrites its checkpoint and tables from
    /// the restored state (the checkpoint may have been behind the log).
    func attach(_ writer: RunWriter?) throws {
        self.writer = writer
        guard resumed, let writer else { return }
        try writer.writeCheckpoint(checkpoint())
        try writer.writeTables(trials: trials, spec: spec)
    }

    func checkpoint() -> Checkpoint {
        Checkpoint(episode: trials.count, controller: controller, baseline: baseline, spec: spec,
                   seed: configuration.seed, rng: root, rewardBaseline: centering.average, rewardBaselineSpec: centering.spec)
    }

    // MARK: - Loop

    func run() throws -> SearchSummary {
        do {
            return try runEpisodes()
        } catch {
            snap.state = .failed
            snap.current = nil
            snap.message = "\(error)"
            publish(force: true)
            var line = logLine("failed", episode: trials.count + 1)
            line.message = "\(error)"
            try? record(line)
            channel.emit(.failed("\(error)"))
            throw error
        }
    }

    private func runEpisodes() throws -> SearchSummary {
        var session = logLine("session", episode: trials.count + 1)
        session.resumed = resumed
        session.spec = spec
        try record(session)
        snap.state = .sampling
        snap.policy = policy()
        publish(force: true)
        channel.emit(.started(episode: trials.count + 1, resumed: resumed))
        while trials.count < configuration.episodes {
            apply(channel.inbox.take())
            waitWhilePaused()
            if stopRequested { break }
            try runEpisode(trials.count + 1)
        }
        let summary = SearchSummary(trials: trials, spec: spec, wallSeconds: elapsed(),
                                    stopped: trials.count < configuration.episodes)
        var line = logLine(summary.stopped ? "stopped" : "finished", episode: trials.count)
        line.summary = summary
        try record(line, durable: true)
        snap.state = .finished
        snap.current = nil
        snap.message = summary.stopped ? "stopped after episode \(trials.count)" : "finished \(counted(trials.count, "episode"))"
        publish(force: true)
        channel.emit(.finished(summary))
        return summary
    }

    /// One episode: sample, estimate latency, prune or train, learn, commit.
    func runEpisode(_ episode: Int) throws {
        var rng = root.derive("episode", episode)
        let exploration = configuration.controller.exploration(sinceSpecChange: specChangedAt.map { episode - $0 })
        let explored = !configuration.usesController || rng.nextUnit() < exploration
        // The sampling pass is kept for the update: the controller does not change until then.
        var rollout = explored ? nil : controller.sampleRollout(using: &rng)
        var actions = rollout?.actions ?? proposal(using: &rng)
        var arch = configuration.space.architecture(choices: actions)
        // The duplicate guard: a child already evaluated teaches nothing new and spends an
        // episode, so draw again (from the same policy) a bounded number of times.
        var resamples = 0
        while resamples < configuration.controller.duplicateResamples && evaluated.contains(arch) {
            rollout = explored ? nil : controller.sampleRollout(using: &rng)
            actions = rollout?.actions ?? proposal(using: &rng)
            arch = configuration.space.architecture(choices: actions)
            resamples += 1
        }
        channel.emit(.sampled(episode: episode, architecture: arch, explored: explored))

        let report = estimate(arch)
        channel.emit(.latencyEstimated(episode: episode, report: report))

        let trial: Trial
        // A child whose shape is impossible (e.g. stride 2 on a 1x1 map) cannot be trained under any strategy.
        let malformed = (try? arch.validated()) == nil
        if (configuration.prunes && !report.meets(spec)) || malformed {
            trial = prunedTrial(episode, arch, report, verdict: report.feasible ? .violated : .infeasible,
                                reason: PruneReason.describe(report, spec: spec))
        } else if configuration.reuseDuplicates, let earlier = trainedCache[arch] {
            channel.emit(.trainingStarted(episode: episode, architecture: arch, reused: true))
            var reused = trainedTrial(episode, arch, report, accuracy: earlier.accuracy ?? 0, curve: earlier.curve,
                                      seconds: earlier.trainingSeconds, reused: true)
            reused.reusedFrom = earlier.episode
            trial = reused
        } else if let why = trainer.untrainableReason(arch) {
            // Over the trainer's limits (memory): as unbuildable as an unmappable child, for every strategy.
            trial = prunedTrial(episode, arch, report, verdict: .infeasible, reason: "cannot be trained here: \(why)")
        } else {
            guard let trained = try train(episode, arch, report) else { return }   // stopped mid-child
            trial = trained
        }
        var committed = trial
        if resamples > 0 { committed.resamples = resamples }
        try commit(committed, actions: actions, rollout: rollout)
    }

    /// A child not drawn from the controller: uniform (exploration, `random`) or an aging
    /// evolution step (`evolution`).
    func proposal(using rng: inout SeededGenerator) -> [Int] {
        guard configuration.strategy == .evolution else { return configuration.space.randomChoices(using: &rng) }
        return (configuration.evolution ?? AgingEvolution()).nextChoices(after: trials, space: configuration.space, using: &rng)
    }

    func estimate(_ arch: Architecture) -> LatencyReport {
        if let cached = latencyCache[arch] { return cached }
        let report: LatencyReport
        do {
            try arch.validated(source: "sampled child")
            report = try latencyModel.estimate(arch)
        } catch {
            report = PruneReason.infeasibleReport(board: configuration.board, message: "\(error)")
        }
        latencyCache[arch] = report
        return report
    }

    /// The baseline a new trial's reward uses; the first trained child's accuracy seeds it.
    func currentBaseline(accuracy: Double?, reward: Double? = nil) -> Double {
        if let baseline { return baseline }
        if configuration.reward.form == .soft { return reward ?? 0 }
        return accuracy ?? 0
    }

    func prunedTrial(_ episode: Int, _ arch: Architecture, _ report: LatencyReport, verdict: Verdict, reason: String,
                     seconds: Double? = nil, curve: [EpochPoint] = []) -> Trial {
        let reward = configuration.reward.prunedReward(latencyMicroseconds: report.latencyMicroseconds, spec: spec.microseconds)
        return Trial(episode: episode, architecture: arch, latency: report, spec: spec, verdict: verdict, reason: reason,
                     accuracy: nil, reward: reward, baseline: currentBaseline(accuracy: nil, reward: reward),
                     trainingSeconds: seconds, curve: curve, reused: false)
    }

    func trainedTrial(_ episode: Int, _ arch: Architecture, _ report: LatencyReport, accuracy: Double,
                      curve: [EpochPoint], seconds: Double?, reused: Bool) -> Trial {
        let settings = configuration.reward
        let useLatency = configuration.strategy != .nas
        var b = currentBaseline(accuracy: accuracy)
        var reward = settings.trainedReward(accuracy: accuracy, latencyMicroseconds: report.latencyMicroseconds,
                                            spec: spec.microseconds, baseline: b, useLatency: useLatency)
        if settings.form == .soft && baseline == nil { b = reward }
        if !reward.isFinite { reward = 0 }
        // Only accuracy-only NAS trains a child over the spec; say so rather than call it met.
        let verdict: Verdict = report.meets(spec) ? .met : .trainedOverSpec
        return Trial(episode: episode, architecture: arch, latency: report, spec: spec, verdict: verdict, reason: nil,
                     accuracy: accuracy, reward: reward, baseline: b, trainingSeconds: seconds, curve: curve, reused: reused)
    }

    /// REINFORCE on a committed trial and the baseline update; shared by the live loop and resume.
    func learn(from trial: Trial, actions: [Int], rollout: LSTMController.Rollout? = nil) -> ControllerStep? {
        guard trial.verdict != .skipped else { return nil }
        var step: ControllerStep?
        let settings = configuration.reward
        let advantage = centering.advantage(reward: trial.reward, spec: trial.spec, baseline: trial.baseline, settings: settings)
        if configuration.usesController {
            let (loss, entropy) = rollout.map { controller.update(rollout: $0, advantage: advantage) }
                ?? controller.update(actions: actions, advantage: advantage)
            step = ControllerStep(episode: trial.episode, loss: loss, entropy: entropy,
                                  reward: trial.reward, baseline: trial.baseline)
        }
        baseline = settings.updatedBaseline(
            baseline, accuracy: trial.verdict.isTrained ? trial.accuracy : nil, reward: trial.reward)
        return step
    }

    /// After a spec change, the controller learns from up to
    /// ``ControllerSettings/specChangeReplay`` of the latest distinct children before `episode`,
    /// each re-scored under `spec`: one REINFORCE update per child (oldest first, at
    /// ``ControllerSettings/specChangeReplayBoost`` times the learning rate), the advantage
    /// centred on the mean of the new rewards. A pure function of the trials and the
    /// controller, so a resume redoes it exactly.
    func relearn(before episode: Int, under spec: LatencySpec) {
        let limit = configuration.controller.specChangeReplay
        guard limit > 0, configuration.usesController, configuration.prunes, configuration.reward.form != .soft else { return }
        var seen = Set<Architecture>()
        var picked: [(actions: [Int], reward: Double)] = []
        for t in trials.reversed() where picked.count < limit && t.episode < episode && t.verdict != .skipped {
            guard seen.insert(t.architecture).inserted, let actions = configuration.space.choices(for: t.architecture) else { continue }
            picked.append((actions, configuration.reward.reward(of: t, under: spec, baseline: baseline)))
        }
        guard picked.count >= 2 else { return }
        let mean = picked.reduce(0) { $0 + $1.reward } / Double(picked.count)
        let scale = configuration.controller.specChangeReplayBoost
        for p in picked.reversed() { controller.update(actions: p.actions, advantage: p.reward - mean, relearning: scale) }
        snap.message = "spec \(spec): the controller relearned from \(picked.count) earlier children"
    }

    /// What the strategy has learned so far, for the explorer.
    func policy() -> PolicyView? { .of(configuration, controller: controller, trials: trials) }

    /// Learns from the trial, then makes it durable: trial line (fsync), checkpoint, tables.
    func commit(_ trial: Trial, actions: [Int], rollout: LSTMController.Rollout? = nil) throws {
        if specChangedAt == trial.episode { relearn(before: trial.episode, under: trial.spec) }
        let step = learn(from: trial, actions: actions, rollout: rollout)
        trials.append(trial)
        evaluated.insert(trial.architecture)
        if let step { steps.append(step) }
        if trial.verdict.isTrained && !trial.reused { trainedCache[trial.architecture] = trial }
        if let writer {
            var line = logLine("trial", episode: trial.episode)
            line.trial = trial
            line.controller = step
            try writer.append(line, durable: true)
            try writer.writeCheckpoint(checkpoint())
            try writer.writeTables(trials: trials, spec: spec)
        }
        snap.trials.append(trial)
        tally.add(trial)
        try noteBest(candidate: trial)
        if let step { snap.controllerSteps.append(step) }
        snap.policy = policy()
        publish(force: false)
        switch trial.verdict {
        case .met, .trainedOverSpec: channel.emit(.trained(trial))
        case .skipped: channel.emit(.skipped(trial))
        case .violated, .infeasible, .prunedLate: channel.emit(.pruned(trial))
        }
        if let step { channel.emit(.controllerUpdated(step)) }
    }

    // MARK: - Snapshots

    /// Writes `line` and publishes the event it records (the snapshot's list is the log's).
    func record(_ line: LogLine, durable: Bool = false) throws {
        if let event = RunEvent(line) { snap.events.append(event) }
        try writer?.append(line, durable: durable)
    }

    /// Logs a `best` event when the most accurate trained child meeting the spec is another
    /// one: after a trained child (`candidate`, O(1)), or after a spec change (nil: a scan).
    /// Ties go to the earlier child, so a reused copy never counts as a new best.
    func noteBest(candidate: Trial? = nil) throws {
        let best: Trial?
        if let candidate {
            guard candidate.verdict.isTrained, !candidate.reused, candidate.meets(spec), let accuracy = candidate.accuracy,
                  accuracy > (bestAccuracy ?? -.infinity) else { return }
            best = candidate
        } else {
            best = bestTrial()
        }
        bestAccuracy = best?.accuracy
        guard let best, let accuracy = best.accuracy, best.episode != bestEpisode else {
            bestEpisode = best?.episode
            return
        }
        bestEpisode = best.episode
        var line = logLine("best", episode: best.episode)
        line.accuracy = accuracy
        try record(line)
    }

    /// The earliest of the most accurate trained children meeting the spec in force.
    func bestTrial() -> Trial? {
        var best: Trial?
        for t in trials where t.verdict.isTrained && !t.reused && t.meets(spec) {
            if let a = t.accuracy, a > (best?.accuracy ?? -.infinity) { best = t }
        }
        return best
    }

    /// A run-log line stamped by the engine's clock.
    func logLine(_ type: String, episode: Int) -> LogLine {
        var line = LogLine(type: type, episode: episode)
        line.time = clock.timestamp()
        return line
    }

    /// Seconds since this session started, by the engine's clock, less the time it was paused.
    func elapsed() -> Double { max(0, clock.now() - startedAt - pausedTotal()) }

    /// Seconds this session has been paused, the current pause included.
    func pausedTotal() -> Double { pausedSeconds + (pausedSince.map { max(0, clock.now() - $0) } ?? 0) }

    /// Publishes `snap`; unforced publications are rate-limited to `snapshotInterval`.
    func publish(force: Bool) {
        let now = clock.now()
        if !force && now - lastPublish < configuration.snapshotInterval { return }
        lastPublish = now
        snap.elapsedSeconds = earlierSeconds + elapsed()
        snap.spec = spec
        snap.savedSeconds = tally.savedSeconds
        let copy = snap
        channel.box.withLock { $0 = copy }
    }
}
