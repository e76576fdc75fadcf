import FNASCore
import FPGAModel

// Training a child and the commands that can arrive while it trains.
extension EpisodeLoop {
    /// Trains a child that meets the spec; nil when a stop command ended it unfinished (the
    /// episode is then not committed and runs again on resume).
    func train(_ episode: Int, _ arch: Architecture, _ report: LatencyReport) throws -> Trial? {
        training = (episode, arch, report)
        interruption = nil
        defer { training = nil; interruption = nil; snap.current = nil }
        snap.state = paused ? .paused : .training
        snap.current = TrainingProgress(episode: episode, architecture: arch, epoch: 0, epochs: configuration.epochs,
                                        batch: 0, batchesPerEpoch: 0, batchLosses: [], batchAccuracies: [],
                                        epochPoints: [], elapsedSeconds: 0)
        publish(force: true)
        channel.emit(.trainingStarted(episode: episode, architecture: arch, reused: false))
        var seedStream = root.derive("train", episode)
        let started = clock.now()
        trainingPauseBase = pausedTotal()
        var outcome = try trainer.train(arch, epochs: configuration.epochs, seed: seedStream.next(),
                                        progress: { event in self.onProgress(event, episode: episode, started: started) },
                                        shouldStop: {
                                            self.apply(self.channel.inbox.take())
                                            self.waitWhilePaused()   // pause holds before the next batch
                                            return self.interruption != nil
                                        })
        snap.state = stopRequested ? .stopping : (paused ? .paused : .sampling)
        // The trainer's own wall time, less the pauses it waited through (in its callbacks).
        outcome.seconds = max(0, outcome.seconds - (pausedTotal() - trainingPauseBase))
        switch interruption {
        case .prunedLate(let reason):
            return prunedTrial(episode, arch, report, verdict: .prunedLate, reason: reason,
                               seconds: outcome.seconds, curve: outcome.curve)
        case .skip:
            return Trial(episode: episode, architecture: arch, latency: report, spec: spec, verdict: .skipped,
                         reason: "skipped by the user", accuracy: nil, reward: 0,
                         baseline: currentBaseline(accuracy: nil), trainingSeconds: outcome.seconds,
                         curve: outcome.curve, reused: false)
        case .stop where outcome.cancelled:
            return nil
        case .stop, nil:
            if outcome.cancelled {
                // The trainer gave up without being asked: record it rather than lose the episode.
                return Trial(episode: episode, architecture: arch, latency: report, spec: spec, verdict: .skipped,
                             reason: "training was cancelled by the trainer", accuracy: nil, reward: 0,
                             baseline: currentBaseline(accuracy: nil), trainingSeconds: outcome.seconds,
                             curve: outcome.curve, reused: false)
            }
            let accuracy = outcome.bestValidationAccuracy.isFinite ? outcome.bestValidationAccuracy : 0
            return trainedTrial(episode, arch, report, accuracy: accuracy, curve: outcome.curve,
                                seconds: outcome.seconds, reused: false)
        }
    }

    func onProgress(_ event: ChildTrainingEvent, episode: Int, started: Double) {
        let seconds = max(0, clock.now() - started - (pausedTotal() - trainingPauseBase))
        var force = false
        switch event {
        case let .batch(epoch, batch, perEpoch, loss, accuracy):
            snap.current?.epoch = epoch
            snap.current?.batch = batch
            snap.current?.batchesPerEpoch = perEpoch
            snap.current?.batchLosses.append(loss)
            snap.current?.batchAccuracies.append(accuracy)
            channel.emit(.batch(episode: episode, epoch: epoch, batch: batch, batchesPerEpoch: perEpoch,
                                loss: loss, accuracy: accuracy))
        case .epoch(let point):
            snap.current?.epochPoints.append(point)
            channel.emit(.epoch(episode: episode, point: point))
            var line = logLine("epoch", episode: episode)
            line.point = point
            try? writer?.append(line)
            force = true
        }
        snap.current?.elapsedSeconds = seconds
        apply(channel.inbox.take())
        publish(force: force)
        waitWhilePaused()
    }

    // MARK: - Commands

    /// Blocks while paused, applying commands as they come; a stop or an interruption of the
    /// child in training ends the wait (the pause still holds before the next episode).
    func waitWhilePaused() {
        while paused && !stopRequested && interruption == nil {
            apply(channel.inbox.waitAndTake())
        }
    }

    func apply(_ commands: [EngineCommand]) {
        for command in commands { apply(command) }
    }

    func apply(_ command: EngineCommand) {
        switch command {
        case .pause:
            guard !paused else { return }
            paused = true
            pausedSince = clock.now()
            snap.state = .paused
            try? record(logLine("paused", episode: trials.count + 1))
            publish(force: true)   // before the event, so a subscriber sees the paused snapshot
            channel.emit(.paused)
        case .resume:
            guard paused else { return }
            paused = false
            pausedSeconds = pausedTotal()
            pausedSince = nil
            snap.state = stopRequested ? .stopping : (training != nil ? .training : .sampling)
            try? record(logLine("resumed", episode: trials.count + 1))
            publish(force: true)
            channel.emit(.resumed)
        case .setSpec(let new):
            guard new != spec else { return }
            let old = spec
            spec = new
            specChangedAt = trials.count + 1
            var line = logLine("spec", episode: trials.count + 1)
            line.spec = new
            // Durable: a resumed run must judge later children under the spec in force.
            try? record(line, durable: true)
            try? noteBest()
            if let t = training, configuration.prunes, interruption == nil,
               !t.report.meets(new) {
                interruption = .prunedLate(PruneReason.late(t.report, newSpec: new))
            }
            publish(force: true)
            channel.emit(.specChanged(from: old, to: new))
        case .skip:
            if training != nil && interruption == nil { interruption = .skip }
        case .stop:
            stopRequested = true
            snap.state = .stopping
            if training != nil && interruption == nil { interruption = .stop }
            publish(force: true)
        }
    }
}
