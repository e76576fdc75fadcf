import CBLAS

/// The spectral path of ``Conv2D`` (see ``SpectralGeometry``): stride-1 layers whose kernels
/// make im2col + GEMM cost several times the transforms and bin products.
///
/// Forward: the spectra of the batch's input channels (kept for the weight gradient) and of the
/// kernels, conjugated; per bin Y = conj(W) X (M x N times N x images); inverse transforms.
/// Backward: the spectra of dY; per bin dX = W^T dY and conj(dW) = dY X^H (summed over the
/// batch inside the product); inverse transforms, dW cut to K x K at the origin and dX read
/// from (`padTop`, `padLeft`).
extension Conv2D {
    /// How a layer computes its convolution.
    enum Method: Sendable {
        /// The spectral path where ``SpectralGeometry/costPerImage`` is under im2col + GEMM's
        /// multiply-adds, im2col + GEMM elsewhere.
        case automatic
        case columns
        case spectral
    }

    /// The spectral geometry this layer uses for `g`, or nil for im2col + GEMM.
    func spectralGeometry(for g: ConvGeometry) -> SpectralGeometry? {
        switch method {
        case .columns: return nil
        case .spectral: return SpectralGeometry(g)
        case .automatic: return Self.automaticSpectralGeometry(for: g)
        }
    }

    /// What ``Method/automatic`` chooses: FFTs where they cost less than im2col + GEMM.
    static func automaticSpectralGeometry(for g: ConvGeometry) -> SpectralGeometry? {
        guard let s = SpectralGeometry(g), s.costPerImage < s.columnCostPerImage else { return nil }
        return s
    }

    func spectralKernels(_ s: SpectralGeometry) -> SpectralKernels {
        let workers = max(1, threads), scratch = spectralScratch
        while scratch.reals.count < workers { scratch.reals.append(SpectralBuffer()) }
        while scratch.lanes.count < workers { scratch.lanes.append(SpectralBuffer()) }
        return SpectralKernels(s: s, plans: SpectralPlans.plans(size: s.size), threads: workers,
                               reals: scratch.reals, lanes: scratch.lanes)
    }

    func spectralForward(_ x: Tensor, _ s: SpectralGeometry) -> Tensor {
        let g = s.conv, kernels = spectralKernels(s)
        let (batch, n, m, k, size, bins) = (x.batch, g.N, g.M, g.K, s.size, s.bins)
        let scale = 1 / Float(size * size)
        let inputs = spectralInputs.reserve(2 * bins * n * batch)
        let weights = spectralWeights.reserve(2 * bins * m * n)
        let outputs = spectralScratch.products.reserve(2 * bins * m * batch)
        x.data.withUnsafeBufferPointer { xs in
            let xBase = xs.baseAddress!
            kernels.transform(count: n * batch, into: inputs, conjugate: false) { t, frame in
                s.place(xBase + ((t % batch) * n + t / batch) * g.inputPlane, rows: g.H, cols: g.W,
                        into: frame, top: g.padTop, left: g.padLeft)
            }
        }
        weight.value.withUnsafeBufferPointer { w in
            let wBase = w.baseAddress!
            kernels.transform(count: m * n, into: weights, conjugate: true) { t, frame in
                s.place(wBase + t * k * k, rows: k, cols: k, into: frame, top: 0, left: 0)
            }
        }
        // Y_f (M x batch) = conj(W_f) (M x N) * X_f (N x batch)
        kernels.products(CblasNoTrans, CblasNoTrans, m: m, n: batch, k: n,
                         a: weights, aStride: m * n, lda: n,
                         b: inputs, bStride: n * batch, ldb: batch,
                         c: outputs, cStride: m * batch)
        let biasValues = bias?.value ?? [Float](repeating: 0, count: m)
        return biasValues.withUnsafeBufferPointer { bs in
            Tensor.uninitialized(batch: batch, channels: m, height: g.R, width: g.C) { out in
                let oBase = out.baseAddress!, bBase = bs.baseAddress!
                kernels.inverse(count: m * batch, from: outputs, conjugate: false) { t, frame in
                    let channel = t / batch
                    let dst = oBase + ((t % batch) * m + channel) * g.outputPlane
                    let b = bBase[channel]
                    for row in 0..<g.R {
                        let d = dst + row * g.C, f = frame + row * size
                        for j in 0..<g.C { d[j] = f[j] * scale + b }
                    }
                }
            }
        }
    }

    func spectralBackward(_ gy: Tensor, _ s: SpectralGeometry) -> Tensor {
        let g = s.conv, kernels = spectralKernels(s)
        let (batch, n, m, k, size, bins) = (gy.batch, g.N, g.M, g.K, s.size, s.bins)
        let scale = 1 / Float(size * size)
        let inputs = spectralInputs.pointer, weights = spectralWeights.pointer
        let gradients = spectralScratch.products.reserve(2 * bins * m * batch)
        gy.data.withUnsafeBufferPointer { gys in
            let gyBase = gys.baseAddress!
            kernels.transform(count: m * batch, into: gradients, conjugate: false) { t, frame in
                s.place(gyBase + ((t % batch) * m + t / batch) * g.outputPlane, rows: g.R, cols: g.C,
                        into: frame, top: 0, left: 0)
            }
        }
        // conj(dW_f) (M x N) = dY_f (M x batch) * X_f^H (batch x N)
        let weightSpectra = spectralScratch.weightGradients.reserve(2 * bins * m * n)
        kernels.products(CblasNoTrans, CblasConjTrans, m: m, n: n, k: batch,
                         a: gradients, aStride: m * batch, lda: batch,
                         b: inputs, bStride: n * batch, ldb: batch,
                         c: weightSpectra, cStride: m * n)
        let kk = k * k
        let partial = spectralScratch.weightGradient.reserve(m * n * kk)
        kernels.inverse(count: m * n, from: weightSpectra, conjugate: true) { t, frame in
            let dst = partial + t * kk
            for row in 0..<k {
                for j in 0..<k { dst[row * k + j] = frame[row * size + j] * scale }
            }
        }
        weight.gradient.withUnsafeMutableBufferPointer { gw in
            for j in 0..<(m * n * kk) { gw[j] += partial[j] }
        }
        if let bias { accumulateBiasGradient(bias, gy) }
        guard computesInputGradient else { return Tensor(batch: 0, channels: 0, height: 0, width: 0) }
        // dX_f (N x batch) = W_f^T (N x M) * dY_f (M x batch), with W_f^T = conj(W_f)^H as stored
        let inputSpectra = spectralScratch.inputGradients.reserve(2 * bins * n * batch)
        kernels.products(CblasConjTrans, CblasNoTrans, m: n, n: batch, k: m,
                         a: weights, aStride: m * n, lda: n,
                         b: gradients, bStride: m * batch, ldb: batch,
                         c: inputSpectra, cStride: n * batch)
        return Tensor.uninitialized(batch: batch, channels: n, height: g.H, width: g.W) { gx in
            let gxBase = gx.baseAddress!
            kernels.inverse(count: n * batch, from: inputSpectra, conjugate: false) { t, frame in
                let dst = gxBase + ((t % batch) * n + t / batch) * g.inputPlane
                for row in 0..<g.H {
                    let d = dst + row * g.W, f = frame + (row + g.padTop) * size + g.padLeft
                    for j in 0..<g.W { d[j] = f[j] * scale }
                }
            }
        }
    }
}
