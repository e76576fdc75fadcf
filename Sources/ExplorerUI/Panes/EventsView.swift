import FNASCore
import Foundation
import SearchEngine

/// The event log (`l`): sessions, spec changes, pauses, new bests and ends, newest first,
/// with the wall-clock time each was logged (the terminal's time zone).
enum EventsView {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let events = ctx.snapshot.events
        let inner = Box.draw(rect, title: "Event log: \(counted(events.count, "event"))\(ctx.glyphs.separator)newest first",
                             focused: true, glyphs: ctx.glyphs, into: &buffer)
        guard inner.height >= 2, inner.width >= 20 else { return }
        guard !events.isEmpty else {
            buffer.write("  no events yet", x: inner.x, y: inner.y, role: .dim, maxWidth: inner.width)
            return
        }
        // The date goes first when the screen is narrow: the time of day says more.
        let withDate = inner.width >= 72
        let timeWidth = withDate ? 19 : 8
        let header = "  " + Format.left("time", timeWidth) + "  " + Format.right("ep", 6) + "  event"
        buffer.write(header, x: inner.x, y: inner.y, role: .dim, maxWidth: inner.width)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let selected = min(ctx.state.eventIndex, events.count - 1)
        Box.rows(count: events.count, selected: selected, in: list, into: &buffer) { i, y, isSelected, base, buffer in
            let event = events[events.count - 1 - i]
            buffer.addTarget(Rect(x: inner.x, y: y, width: inner.width, height: 1), .event(index: i))
            var x = inner.x
            x += buffer.write(isSelected ? String(ctx.glyphs.cursor) + " " : "  ", x: x, y: y, role: base)
            let zone = ctx.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: event.time.isFinite ? event.time : 0))
            x += buffer.write(Format.clock(event.time, secondsFromGMT: zone, withDate: withDate) + "  ",
                              x: x, y: y, role: isSelected ? base : .dim)
            x += buffer.write(Format.right("#\(event.episode)", 6) + "  ", x: x, y: y, role: base)
            let role: StyleRole = isSelected ? base : (event.isFailure ? .error : (isBest(event) ? .ok : base))
            buffer.write(event.text, x: x, y: y, role: role, maxWidth: inner.maxX - x)
        }
    }

    static func isBest(_ event: RunEvent) -> Bool {
        if case .best = event.kind { return true }
        return false
    }
}
