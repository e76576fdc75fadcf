import Testing
@testable import ChildTrainer

@Suite("Progress and summary text of fnas train")
struct ProgressTextTests {
    @Test("the progress bar fills in proportion to the batches done")
    func bar() {
        let text = ProgressText.bar(epoch: 1, epochs: 3, batch: 96, batches: 235, loss: 0.61234, accuracy: 0.78125, width: 20)
        #expect(text == "epoch 1/3 [########------------]  40% batch 96/235  loss 0.6123  acc 78.1%")
        #expect(ProgressText.bar(epoch: 3, epochs: 3, batch: 10, batches: 10, loss: 0, accuracy: 1, width: 4)
                == "epoch 3/3 [####] 100% batch 10/10  loss 0.0000  acc 100.0%")
    }

    @Test("the summary lists best and final validation accuracy, test accuracy, speed and time")
    func summary() {
        let epoch = EpochSummary(epoch: 1, loss: 0.5, trainAccuracy: 0.8, validationAccuracy: 0.853, elapsedSeconds: 12.34)
        #expect(ProgressText.epochLine(epoch, epochs: 2) == "epoch 1/2  loss 0.5000  train 80.0%  val 85.3%  12.3s")
        let result = TrainingResult(bestValidationAccuracy: 0.853, finalValidationAccuracy: 0.853, epochs: [epoch],
                                    seconds: 13.0, batches: 100, trainedImages: 6400, trainingSeconds: 3.2,
                                    cancelled: false, testAccuracy: 0.849)
        #expect(ProgressText.summary(result) == [
            "best validation accuracy   85.3%",
            "final validation accuracy  85.3%",
            "test accuracy              84.9%",
            "training speed             2000 images/s",
            "wall time                  13.0 s",
        ])
    }

    @Test("a cancelled run says so and that no epoch finished")
    func cancelled() {
        let result = TrainingResult(bestValidationAccuracy: 0, finalValidationAccuracy: 0, epochs: [],
                                    seconds: 1, batches: 5, trainedImages: 80, trainingSeconds: 0.5,
                                    cancelled: true, testAccuracy: nil)
        let lines = ProgressText.summary(result)
        #expect(lines.first == "stopped early after 5 batches")
        #expect(lines[1] == "best validation accuracy   0.0% (no epoch finished)")
    }
}
