import Testing
@testable import ExplorerUI

@Suite struct BrailleCanvasTests {
    @Test func dotsMapToBrailleBits() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        c.set(0, 0, role: .graph1)   // dot 1 -> U+2801
        c.set(3, 3, role: .graph2)   // second cell, dot 8 -> U+2880
        #expect(c.character(column: 0, row: 0, unicode: true)?.0 == "⠁")
        #expect(c.character(column: 1, row: 0, unicode: true)?.0 == "⢀")
        #expect(c.character(column: 1, row: 0, unicode: true)?.1 == .graph2)
        c.set(0, 3, role: .graph1)   // dot 7 joins dot 1 -> U+2841
        #expect(c.character(column: 0, row: 0, unicode: true)?.0 == "⡁")
    }

    @Test func asciiFallbackShowsWhichHalfHasDots() {
        var c = BrailleCanvas(columns: 3, rows: 1)
        c.set(0, 0, role: .normal)
        c.set(2, 3, role: .normal)
        c.set(4, 1, role: .normal); c.set(5, 2, role: .normal)
        #expect(c.character(column: 0, row: 0, unicode: false)?.0 == "'")
        #expect(c.character(column: 1, row: 0, unicode: false)?.0 == ".")
        #expect(c.character(column: 2, row: 0, unicode: false)?.0 == ":")
    }

    @Test func offCanvasDotsAreIgnoredAndLinesAreContinuous() {
        var c = BrailleCanvas(columns: 4, rows: 2)
        c.set(-1, 0, role: .normal); c.set(8, 0, role: .normal); c.set(0, 8, role: .normal)
        #expect((0..<4).allSatisfy { c.character(column: $0, row: 0, unicode: true) == nil })
        c.line(0, 7, 7, 0, role: .graph1)
        // A diagonal across 8 x 8 dots touches every cell on the diagonal of the 4 x 2 grid's rows.
        #expect(c.character(column: 0, row: 1, unicode: true) != nil)
        #expect(c.character(column: 3, row: 0, unicode: true) != nil)
    }
}

@Suite struct GlyphAndFormatTests {
    @Test func barsUseEighthBlocksForFractions() {
        #expect(Glyphs.unicode.bar(2.5, width: 10) == "██▌")
        #expect(Glyphs.unicode.bar(0.125, width: 10) == "▏")
        #expect(Glyphs.unicode.bar(30, width: 4) == "████")
        #expect(Glyphs.unicode.bar(.infinity, width: 4) == "")
        #expect(Glyphs.ascii.bar(2.5, width: 10) == "==-")
    }

    @Test func everyVerdictHasItsOwnMarkInBothGlyphSets() {
        for glyphs in [Glyphs.unicode, Glyphs.ascii] {
            let marks = Set(Verdict.allCases.map(glyphs.mark))
            #expect(marks.count == Verdict.allCases.count)
        }
    }

    @Test func latenciesAndAlignment() {
        #expect(Format.ms(4124) == "4.12ms")
        #expect(Format.ms(15_778) == "15.8ms")
        #expect(Format.ms(.infinity) == "infeasible")
        #expect(Format.left("k5f18,k3f9", 6, ellipsis: "…") == "k5f18…")
        #expect(Format.right("7", 3) == "  7")
    }

    @Test func cellBufferClipsAndReplacesUnprintableCharacters() {
        var b = CellBuffer(width: 5, height: 2)
        #expect(b.write("abcdefgh", x: 2, y: 0) == 3)   // the columns up to the right edge
        b.write("\u{7}x漢", x: 0, y: 1)
        #expect(b.text() == "  abc\n x?")
        b.clipRect = Rect(x: 0, y: 0, width: 1, height: 1)
        b.write("zz", x: 0, y: 0)
        #expect(b.line(0) == "z abc")
    }

    /// A bar too narrow for its pieces drops the least important whole (of equals, the
    /// rightmost) and keeps the order of the rest.
    @Test func barPiecesDropByPriorityNotByPosition() {
        let pieces = [Box.Piece("episode 24/100", .header, priority: 9), Box.Piece("trained 14", .header, priority: 5),
                      Box.Piece("pruned 9", .header, priority: 5), Box.Piece("elapsed 12m03s", .header, priority: 7)]
        func texts(_ width: Int) -> [String] { Box.fitting(pieces, separator: " · ", width: width).map(\.text) }
        #expect(texts(80) == ["episode 24/100", "trained 14", "pruned 9", "elapsed 12m03s"])
        #expect(texts(45) == ["episode 24/100", "trained 14", "elapsed 12m03s"])
        #expect(texts(31) == ["episode 24/100", "elapsed 12m03s"])
        #expect(texts(5) == ["episode 24/100"])
    }

    /// A cut never passes for the whole text: the last column shows the ellipsis, whether the
    /// cut comes from maxWidth, a clip rectangle or the buffer's edge; text that fits is whole.
    @Test func cellBufferMarksTextItCutsShort() {
        var b = CellBuffer(width: 8, height: 3)
        b.ellipsis = "…"
        b.write("abcdefgh", x: 3, y: 0)
        b.write("abcdefgh", x: 0, y: 1, maxWidth: 4)
        b.write("abcd", x: 0, y: 2, clip: Rect(x: 0, y: 2, width: 4, height: 1))
        b.write("xy", x: 5, y: 2)
        #expect(b.text() == "   abcd…\nabc…\nabcd xy")
    }
}

import SearchEngine
