import CBLAS

extension Conv2D {
    /// How the backward pass of a layer is computed.
    enum BackwardStrategy {
        /// 1x1 stride 1: the input is its own column matrix; two plain GEMMs.
        case pointwise
        /// Stride 1: one im2col of the output gradient (the ``ConvGeometry/inputGradient``
        /// convolution) feeds both dX = flipped W x dY and the (flipped) weight gradient
        /// x * col(dY)^T. One column build per image instead of im2col(x) plus col2im.
        case gather(ConvGeometry)
        /// Any stride: im2col(x) for dW, and dCol = W^T dY scattered back by col2im for dX.
        case scatter
    }

    /// Gather's two GEMMs use each column value N times (once per input channel), scatter's
    /// weight GEMM M times (once per filter), so a layer that widens the channels (M >= 2N)
    /// scatters. Measured (`fnas-bench trainer-profile`, backward ms per step, gather against
    /// scatter): 8 -> 16 channels 7x7, 15.0 against 12.1; 9 -> 36 14x14, 178 against 99;
    /// 36 -> 48 7x7, about equal (316 and 316, 284 and 311); 8 -> 8 3x3, 1.0 against 1.5.
    func strategy(_ g: ConvGeometry) -> BackwardStrategy {
        if g.isPointwise { return .pointwise }
        // Without an input gradient (first layer) im2col(x) is the cheaper one to build:
        // N*K*K rows against M*K*K.
        if computesInputGradient, !forcesScatter, g.M < 2 * g.N, let gg = g.inputGradient {
            return .gather(gg)
        }
        return .scatter
    }

    public func backward(_ gy: Tensor) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2D.backward before forward") }
        if let spectral { return spectralBackward(gy, spectral) }
        let x = input
        let workers = workers(for: x.batch)
        let (columns, gradColumns, weightGrads) = (self.columns, self.gradColumns, self.weightGrads)
        let (phasedInputs, phasedGradients) = (self.phasedInputs, self.phasedGradients)
        let (m, kk, rc) = (g.M, g.columnRows, g.outputPlane)
        let inSize = x.imageSize, outSize = m * rc, inPlane = g.inputPlane
        let wCount = m * kk
        let wantInput = computesInputGradient
        let strategy = strategy(g)
        let rb = g.rowsPerBlock(blockFloats: columnBlockFloats)
        var flipped: UnsafePointer<Float>?
        if case .gather = strategy {
            let p = flippedScratch.reserve(wCount)
            weight.value.withUnsafeBufferPointer { g.flippedWeights($0.baseAddress!, p) }
            flipped = UnsafePointer(p)
        }
        for worker in 0..<workers {
            weightGrads[worker].reserve(wCount).update(repeating: 0, count: wCount)
        }
        openblas_set_num_threads(1)
        var gx = Tensor(batch: 0, channels: 0, height: 0, width: 0)
        if wantInput {
            // Every value is written (GEMMs with beta 0, or unphase): no zero fill needed.
            gx = Tensor.uninitialized(batch: x.batch, channels: x.channels, height: x.height, width: x.width) { _ in }
        }
        weight.value.withUnsafeBufferPointer { w in
            x.data.withUnsafeBufferPointer { xs in
                gy.data.withUnsafeBufferPointer { gys in
                    gx.data.withUnsafeMutableBufferPointer { gxs in
                        let xBase = xs.baseAddress!, gyBase = gys.baseAddress!, wBase = w.baseAddress!
                        let gxBase = wantInput ? gxs.baseAddress : nil   // an empty array may still have an address
                        parallelWork(x.batch, threads: workers) { worker, i in
                            let gw = weightGrads[worker].pointer
                            let xi = xBase + i * inSize
                            let gyi = gyBase + i * outSize
                            let gxi = gxBase.map { $0 + i * inSize }
                            switch strategy {
                            case .pointwise:
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                            Int32(m), Int32(kk), Int32(rc), 1, gyi, Int32(rc),
                                            xi, Int32(rc), 1, gw, Int32(kk))
                                if let gxi {
                                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                                Int32(kk), Int32(rc), Int32(m), 1, wBase, Int32(kk),
                                                gyi, Int32(rc), 0, gxi, Int32(rc))
                                }
                            case .gather(let gg):
                                guard let gxi, let flipped else { return }
                                let grb = gg.rowsPerBlock(blockFloats: columnBlockFloats)
                                let col = gradColumns[worker].reserve(gg.columnRows * grb * gg.C)
                                let gkk = gg.columnRows
                                let source = ColumnSource(gg, image: gyi, scratch: phasedInputs[worker])
                                for r0 in stride(from: 0, to: gg.R, by: grb) {
                                    let rows = r0..<min(r0 + grb, gg.R)
                                    let n = rows.count * gg.C
                                    source.fill(col, rows: rows)
                                    // dX[:, block] = flipped W [N x M*K*K] * col(dY)
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                                Int32(gg.M), Int32(n), Int32(gkk), 1, flipped, Int32(gkk),
                                                col, Int32(n), 0, gxi + r0 * gg.C, Int32(inPlane))
                                    // flipped dW [N x M*K*K] += x[:, block] * col(dY)^T
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                                Int32(gg.M), Int32(gkk), Int32(n), 1, xi + r0 * gg.C, Int32(inPlane),
                                                col, Int32(n), 1, gw, Int32(gkk))
                                }
                            case .scatter:
                                let col = columns[worker].reserve(kk * rb * g.C)
                                let gcol = wantInput ? gradColumns[worker].reserve(kk * rb * g.C) : nil
                                let source = ColumnSource(g, image: xi, scratch: phasedInputs[worker])
                                let gphased = wantInput ? phasedGradients[worker].reserve(g.phasedCount) : nil
                                gphased?.update(repeating: 0, count: g.phasedCount)
                                for r0 in stride(from: 0, to: g.R, by: rb) {
                                    let rows = r0..<min(r0 + rb, g.R)
                                    let n = rows.count * g.C
                                    let gyBlock = gyi + r0 * g.C
                                    source.fill(col, rows: rows)
                                    // dW += dY[:, block] * col^T
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                                Int32(m), Int32(kk), Int32(n), 1, gyBlock, Int32(rc),
                                                col, Int32(n), 1, gw, Int32(kk))
                                    if let gcol, let gphased {
                                        // dCol = W^T * dY[:, block], scattered back onto dX's phase planes.
                                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                                    Int32(kk), Int32(n), Int32(m), 1, wBase, Int32(kk),
                                                    gyBlock, Int32(rc), 0, gcol, Int32(n))
                                        g.col2im(gcol, phased: gphased, rows: rows)
                                    }
                                }
                                if let gphased, let gxi { g.unphase(gphased, into: gxi) }
                            }
                        }
                    }
                }
            }
        }
        reduceWeightGradients(workers: workers, count: wCount, flippedLayout: flipped != nil, g)
        if let bias { accumulateBiasGradient(bias, gy) }
        return gx
    }

    /// Adds the workers' weight gradients in worker order; the gather strategy accumulates in
    /// the flipped `[N][M][K][K]` layout, turned back here.
    private func reduceWeightGradients(workers: Int, count: Int, flippedLayout: Bool, _ g: ConvGeometry) {
        let kk = g.K * g.K
        weight.gradient.withUnsafeMutableBufferPointer { gw in
            for worker in 0..<workers {
                let part = weightGrads[worker].pointer
                if !flippedLayout {
                    for j in 0..<count { gw[j] += part[j] }
                    continue
                }
                for o in 0..<g.M {
                    for n in 0..<g.N {
                        let dst = gw.baseAddress! + (o * g.N + n) * kk
                        let src = part + (n * g.M + o) * kk
                        for j in 0..<kk { dst[j] += src[kk - 1 - j] }
                    }
                }
            }
        }
    }

    func accumulateBiasGradient(_ bias: Parameter, _ gy: Tensor) {
        let (m, rc) = (gy.channels, gy.planeSize)
        gy.data.withUnsafeBufferPointer { gys in
            bias.gradient.withUnsafeMutableBufferPointer { gb in
                for i in 0..<gy.batch {
                    for o in 0..<m {
                        gb[o] += Kernels.sum(gys.baseAddress! + (i * m + o) * rc, rc)
                    }
                }
            }
        }
    }
}
