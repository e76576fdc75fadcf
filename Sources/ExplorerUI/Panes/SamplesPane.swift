import SearchEngine

/// Pane 1: sampled architectures, newest first, with latency, verdict, accuracy and reward.
enum SamplesPane {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        guard rect.height >= 2 else { return }
        // Narrow panes drop the reward and re-judge columns before squeezing the layers.
        let showReward = rect.width >= 52, showNow = rect.width >= 62
        let fixed = 2 + 6 + 10 + 1 + 7 + (showReward ? 8 : 0) + (showNow ? 7 : 0)
        // Wide panes size the layers column to the longest architecture instead of padding it.
        let longest = max(ctx.snapshot.current?.architecture.compactLayers.count ?? 6,
                          TrialsMemo.shared.longestLayers(ctx.snapshot.trials))
        let layersWidth = max(6, min(rect.width - fixed, longest + 2))
        let header = "  " + Format.right("ep", 5) + " " + Format.left("layers", layersWidth) + Format.right("latency", 9)
            + "  " + Format.right("acc", 7) + (showReward ? Format.right("reward", 8) : "") + (showNow ? "  now" : "")
        buffer.write(header, x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
        // Wide panes also show each design's resources and slowest layer.
        let designX = rect.x + fixed + layersWidth
        let showDesign = showNow && rect.maxX - designX >= 34
        if showDesign { buffer.write("  DSP  BRAM  slowest layer", x: designX, y: rect.y, role: .dim, maxWidth: rect.maxX - designX) }
        var rowsTop = rect.y + 1
        if let current = ctx.snapshot.current, rect.height >= 4 {
            // The child in training is not a trial yet; show it above the table, unselectable.
            let text = "  " + Format.right("#\(current.episode)", 5) + " "
                + Format.left(current.architecture.compactLayers, layersWidth, ellipsis: g.ellipsis)
                + " training epoch \(current.displayEpoch)/\(current.epochs)"
            buffer.write(text, x: rect.x, y: rowsTop, role: .info, maxWidth: rect.width)
            rowsTop += 1
        }
        let visible = rect.maxY - rowsTop
        guard visible > 0 else { return }
        if ctx.trials.isEmpty {
            buffer.write("  waiting for the first sample" + String(g.ellipsis), x: rect.x, y: rowsTop, role: .dim, maxWidth: rect.width)
            return
        }
        let list = Rect(x: rect.x, y: rowsTop, width: rect.width, height: visible)
        Box.rows(count: ctx.trials.count, selected: ctx.selectedIndex ?? 0, in: list, into: &buffer) { i, y, isSelected, base, buffer in
            let t = ctx.trials[i]
            buffer.addTarget(Rect(x: rect.x, y: y, width: rect.width, height: 1), .trial(episode: t.episode))
            var x = rect.x
            x += buffer.write(ctx.lead(t, selected: isSelected), x: x, y: y, role: base)
            x += buffer.write(Format.right("#\(t.episode)", 5) + " ", x: x, y: y, role: base)
            x += buffer.write(Format.left(t.architecture.compactLayers, layersWidth, ellipsis: g.ellipsis), x: x, y: y, role: base)
            let lat = t.latency.feasible ? Format.ms(t.latency.latencyMicroseconds) : "n/a"
            x += buffer.write(Format.right(lat, 9) + " ", x: x, y: y, role: base)
            let verdict = ctx.verdictMark(t)
            buffer.put(verdict.mark, x: x, y: y, role: isSelected ? .selected : verdict.role)
            x += 1
            // A reused result is marked "=" (not trained again), and linked to its original where there is room.
            let acc = (t.reused ? "=" : "") + (t.accuracy.map { Format.percent($0) } ?? "-")
            x += buffer.write(Format.right(acc, 7), x: x, y: y, role: t.reused && !isSelected ? .dim : base)
            if showReward { x += buffer.write(Format.right(Format.signed(t.reward), 8), x: x, y: y, role: base) }
            if showDesign {
                let r = t.latency
                var design = Format.right("\(r.dspUsed)", 5) + Format.right("\(r.bramUsed)", 6)
                if let slow = r.slowestLayer, r.feasible { design += "  L\(slow.index + 1) \(slow.cost.bottleneck.rawValue)" }
                buffer.write(design, x: designX, y: y, role: isSelected ? .selected : .dim, maxWidth: rect.maxX - designX)
            }
            if showNow, let mark = ctx.rejudgeMark(t) {
                buffer.write("  " + mark, x: x, y: y, role: isSelected ? .selected : (t.meets(ctx.spec) ? .ok : .bad),
                             maxWidth: rect.maxX - x)
            } else if showNow, let link = ctx.reuseLink(t) {
                buffer.write("  " + link, x: x, y: y, role: isSelected ? .selected : .dim, maxWidth: rect.maxX - x)
            }
        }
    }
}
