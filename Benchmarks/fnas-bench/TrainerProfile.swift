import CBLAS
import ChildTrainer
import FNASCore
import Foundation

// `fnas-bench trainer-profile [CASE...]` (issue 17): where a training step's time goes, layer by
// layer, for the children of `make bench-trainer` (TrainerComparison.cases; all of them, or the
// ones named). The step is the one the trainer runs (batch copy, forward, loss, zero gradients,
// backward, Adam), timed around each part, after 3 untimed warm-up steps; each figure is the
// median over the timed steps, in ms per step, with 2 threads (FNAS_BENCH_THREADS).
//
// A convolution's GFLOP/s counts 2*M*N*K*K*R*C multiply-adds per image forward, and the same
// again for the weight gradient and for the input gradient (not computed for the first layer).
// The reference line is what OpenBLAS sgemm itself reaches on this machine: on each layer's
// own forward GEMM shape on one thread (how the layer calls it, an image per thread), and on a
// 1024 x 1024 x 1024 product on all threads. Within a convolution, the split between im2col,
// GEMM and col2im comes from `perf` (Benchmarks/trainer-profile.sh), not from here.

enum TrainerProfile {
    static let timedSteps = 20

    static func run(_ names: [String]) throws {
        let cases = try TrainerComparison.cases()
        let unknown = names.filter { name in !cases.contains { $0.name == name } }
        guard unknown.isEmpty else {
            throw InputError(source: "fnas-bench trainer-profile", "unknown child \(unknown.joined(separator: ", ")); known: \(cases.map(\.name).joined(separator: ", "))")
        }
        let data = try Dataset.fashionMNIST()
        print("OpenBLAS sgemm 1024x1024x1024 on \(TrainerBench.threads) threads: \(formatDecimal(squareGFLOPs(threads: TrainerBench.threads), places: 1)) GFLOP/s; "
              + "on 1 thread: \(formatDecimal(squareGFLOPs(threads: 1), places: 1)) GFLOP/s")
        for c in cases where names.isEmpty || names.contains(c.name) {
            try profile(c, data: data)
        }
    }

    struct Part {
        var name: String
        var shape = ""
        var forward: [Double] = []
        var backward: [Double] = []
        var flops = (forward: 0.0, backward: 0.0)
        /// Floating-point operations per second OpenBLAS reaches on this layer's forward GEMM.
        var sgemmGFLOPs: Double?
    }

    static func profile(_ c: TrainerComparison.Case, data: Dataset) throws {
        let images = try TrainerComparison.trainingImages(for: c.architecture, from: data)
        let network = try Network.child(c.architecture, seed: 1)
        TrainingMemory.keepFreedMemory()   // as train() does
        network.setThreads(TrainerBench.threads)
        let optimizer = Optimizer(.adam(learningRate: 1e-3))
        let parameters = network.parameters
        let batch = c.batch

        var parts = network.layers.map { Part(name: $0.summary) }
        var shape = network.inputShape
        for (i, layer) in network.layers.enumerated() {
            let next = try layer.outputShape(for: shape)
            parts[i].shape = "\(shape) -> \(next)"
            if let conv = layer as? Conv2D {
                let perImage = 2.0 * Double(next.channels * shape.channels * conv.layer.kernel * conv.layer.kernel * next.height * next.width)
                parts[i].flops = (perImage * Double(batch), perImage * Double(batch) * (conv.computesInputGradient ? 2 : 1))
                parts[i].sgemmGFLOPs = gemmGFLOPs(m: next.channels, n: next.height * next.width,
                                                  k: shape.channels * conv.layer.kernel * conv.layer.kernel)
            }
            shape = next
        }
        var batchCopy: [Double] = [], loss: [Double] = [], zero: [Double] = [], adam: [Double] = [], total: [Double] = []
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        func ms(_ a: UInt64, _ b: UInt64) -> Double { Double(b - a) / 1e6 }
        for step in 0..<(TrainerComparison.warmup + timedSteps) {
            let timed = step >= TrainerComparison.warmup
            let lower = (step * batch) % (images.count - batch)
            let t0 = now()
            let (x, labels) = images.batch(lower..<(lower + batch))
            let t1 = now()
            var y = x
            for (i, layer) in network.layers.enumerated() {
                let a = now()
                y = layer.forward(y, training: true)
                if timed { parts[i].forward.append(ms(a, now())) }
            }
            let t2 = now()
            let result = SoftmaxCrossEntropy.evaluate(logits: y, labels: labels)
            let t3 = now()
            network.zeroGradients()
            let t4 = now()
            var g = result.gradient
            for (i, layer) in network.layers.enumerated().reversed() {
                let a = now()
                g = layer.backward(g)
                if timed { parts[i].backward.append(ms(a, now())) }
            }
            let t5 = now()
            optimizer.update(parameters)
            let t6 = now()
            if timed {
                batchCopy.append(ms(t0, t1)); loss.append(ms(t2, t3)); zero.append(ms(t3, t4))
                adam.append(ms(t5, t6)); total.append(ms(t0, t6))
            }
        }
        func median(_ v: [Double]) -> Double { v.isEmpty ? 0 : v.sorted()[v.count / 2] }
        let step = median(total)
        print("")
        print("\(c.name): \(c.architecture.compactLayers) on \(c.architecture.input), batch \(batch): "
              + "\(formatDecimal(step, places: 2)) ms per step, \(formatDecimal(Double(batch) / step * 1000, places: 0)) images/s")
        print("")
        print("| part | shape | forward ms | backward ms | share of the step | GFLOP/s (sgemm alone on its shape, 1 thread) |")
        print("|---|---|---|---|---|---|")
        func row(_ name: String, _ shape: String, _ f: Double, _ b: Double?, _ rate: String) {
            let share = (f + (b ?? 0)) / step * 100
            print("| \(name) | \(shape) | \(formatDecimal(f, places: 3)) | \(b.map { formatDecimal($0, places: 3) } ?? "") | \(formatDecimal(share, places: 1)) % | \(rate) |")
        }
        row("batch copy", "", median(batchCopy), nil, "")
        for p in parts {
            let f = median(p.forward), b = median(p.backward)
            var rate = ""
            if p.flops.forward > 0 {
                rate = "\(formatDecimal(p.flops.forward / f / 1e6, places: 1)) fwd, \(formatDecimal(p.flops.backward / b / 1e6, places: 1)) bwd"
                if let s = p.sgemmGFLOPs { rate += " (\(formatDecimal(s, places: 1)))" }
            }
            row(p.name, p.shape, f, b, rate)
        }
        row("softmax + cross-entropy", "", median(loss), nil, "")
        row("zero gradients", "", median(zero), nil, "")
        row("Adam", "\(parameters.reduce(0) { $0 + $1.value.count }) weights", median(adam), nil, "")
        let convFlops = parts.reduce(0.0) { $0 + $1.flops.forward + $1.flops.backward }
        print("")
        print("convolutions: \(formatDecimal(convFlops / 1e9, places: 3)) GFLOP per step, \(formatDecimal(convFlops / step / 1e6, places: 1)) GFLOP/s over the whole step")
    }

    /// GFLOP/s of `C = A B` (m x k times k x n) on one thread, best of a few repetitions.
    static func gemmGFLOPs(m: Int, n: Int, k: Int) -> Double {
        openblas_set_num_threads(1)
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        let flops = 2.0 * Double(m * n * k)
        let repeats = max(3, Int(2e8 / max(flops, 1)))
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                            1, a, Int32(k), b, Int32(n), 0, &c, Int32(n))
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(repeats))
        }
        return flops / best / 1e9
    }

    static func squareGFLOPs(threads: Int) -> Double {
        let n = 1024
        openblas_set_num_threads(Int32(threads))
        defer { openblas_set_num_threads(1) }
        let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
        var c = [Float](repeating: 0, count: n * n)
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2.0 * Double(n * n * n) / best / 1e9
    }
}
