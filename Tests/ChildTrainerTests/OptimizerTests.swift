import Testing
@testable import ChildTrainer

@Suite("Optimizer steps against hand-computed values")
struct OptimizerTests {
    @Test("SGD with momentum 0.9 and weight decay 0.1, two steps")
    func sgdMomentum() {
        let p = Parameter(name: "w", value: [1.0, -2.0])
        let opt = Optimizer(.sgd(learningRate: 0.1, momentum: 0.9), weightDecay: 0.1)
        p.gradient = [0.5, 1.0]
        opt.update([p])
        // g' = g + 0.1 w = [0.6, 0.8]; v = g'; w = w - 0.1 v = [0.94, -2.08]
        #expect(abs(p.value[0] - 0.94) < 1e-6)
        #expect(abs(p.value[1] - -2.08) < 1e-6)
        opt.update([p])
        // g' = [0.5 + 0.094, 1 - 0.208] = [0.594, 0.792]; v = 0.9*[0.6,0.8] + g' = [1.134, 1.512]
        // w = [0.94 - 0.1134, -2.08 - 0.1512] = [0.8266, -2.2312]
        #expect(abs(p.value[0] - 0.8266) < 1e-6)
        #expect(abs(p.value[1] - -2.2312) < 1e-6)
    }

    @Test("weight decay leaves biases and batch-norm parameters alone")
    func decayOnlyWeights() {
        let b = Parameter(name: "b", value: [1.0], isWeight: false)
        b.gradient = [0]
        Optimizer(.sgd(learningRate: 0.1, momentum: 0), weightDecay: 0.5).update([b])
        #expect(b.value == [1.0])
    }

    @Test("Adam with weight decay 0.01, two steps")
    func adam() {
        let p = Parameter(name: "w", value: [0.5])
        let opt = Optimizer(.adam(learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8), weightDecay: 0.01)
        p.gradient = [0.2]
        opt.update([p])
        // g' = 0.2 + 0.005 = 0.205; m = 0.0205, v = 0.001*0.042025; mhat = 0.205, vhat = 0.042025
        // step = 0.01 * 0.205 / (0.205 + 1e-8) = 0.00999999951; w = 0.49000000049
        #expect(abs(Double(p.value[0]) - 0.49) < 1e-6)
        p.gradient = [-0.1]
        opt.update([p])
        // g' = -0.1 + 0.0049 = -0.0951; m = 0.9*0.0205 - 0.00951 = 0.00894; mhat = 0.00894/0.19 = 0.0470526
        // v = 0.999*4.2025e-5 + 0.001*0.00904401 = 5.1027e-5; vhat = 5.1027e-5/0.001999 = 0.0255263
        // step = 0.01 * 0.0470526 / 0.159769 = 0.0029450; w = 0.4870550
        #expect(abs(Double(p.value[0]) - 0.4870550) < 2e-6)
    }
}
