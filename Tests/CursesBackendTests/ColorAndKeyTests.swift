import CNcursesw
import Testing
@testable import CursesBackend
@testable import ExplorerUI

@Suite struct ColorMappingTests {
    @Test func exactCubeAndGreyColoursMapToThemselves() {
        #expect(ColorMapping.nearest(RGB(255, 0, 0), colors: 256) == 196)
        #expect(ColorMapping.nearest(RGB(0, 0, 0), colors: 256) == 16)
        #expect(ColorMapping.nearest(RGB(0x87, 0xAF, 0xD7), colors: 256) == 110)  // 16 + 2*36 + 3*6 + 4
        #expect(ColorMapping.nearest(RGB(128, 128, 128), colors: 256) == 244)     // grey 8 + 10*12
    }

    @Test func sixteenAndEightColourTerminalsGetTheNearestANSIColour() {
        // Muted theme colours keep their hue instead of collapsing into grey.
        #expect(ColorMapping.nearest(RGB(0xE0, 0x6C, 0x75), colors: 16) == 1)   // soft red -> red
        #expect(ColorMapping.nearest(RGB(0xA3, 0xBE, 0x8C), colors: 8) == 2)    // pale green -> green
        #expect(ColorMapping.nearest(RGB(0x88, 0xC0, 0xD0), colors: 16) == 6)   // frost -> cyan
        #expect(ColorMapping.nearest(RGB(0x4C, 0x56, 0x6A), colors: 16) == 8)   // slate -> grey
        #expect(ColorMapping.nearest(RGB(0x4C, 0x56, 0x6A), colors: 8) == -1)   // no grey on 8: terminal default
        #expect(ColorMapping.nearest(RGB(0xFF, 0x5F, 0x5F), colors: 16) == 9)   // bright red stays bright
        #expect(ColorMapping.nearest(RGB(0, 200, 0), colors: 8) == 2)
        for i in 0..<16 { #expect(ColorMapping.nearest(ColorMapping.rgb(of: i), colors: 16) == i) }
    }
}

@Suite struct KeyDecoderTests {
    @Test func charactersControlKeysAndFunctionKeys() {
        #expect(KeyDecoder.decode(status: OK, code: UInt32(("q" as Unicode.Scalar).value)) == .character("q"))
        #expect(KeyDecoder.decode(status: OK, code: 0x2713) == .character("✓"))
        #expect(KeyDecoder.decode(status: OK, code: 3) == .interrupt)
        #expect(KeyDecoder.decode(status: OK, code: 27) == .escape)
        #expect(KeyDecoder.decode(status: OK, code: 13) == .enter)
        #expect(KeyDecoder.decode(status: OK, code: 127) == .backspace)
        #expect(KeyDecoder.decode(status: OK, code: 9) == .tab)
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(KEY_BTAB)) == .backTab)
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(KEY_RESIZE)) == .resize)
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(fnas_key_f(1))) == .f1)
        #expect(KeyDecoder.decode(status: KEY_CODE_YES, code: UInt32(KEY_NPAGE)) == .pageDown)
        #expect(KeyDecoder.decode(status: ERR, code: 0) == nil)
    }

    @Test func mousePressesAndTheWheel() {
        #expect(KeyDecoder.decodeMouse(buttons: fnas_button1_pressed(), x: 12, y: 7) == .mouse(x: 12, y: 7))
        #expect(KeyDecoder.decodeMouse(buttons: fnas_wheel_up(), x: 0, y: 0) == .wheel(up: true))
        #expect(KeyDecoder.decodeMouse(buttons: fnas_wheel_down(), x: 0, y: 0) == .wheel(up: false))
        #expect(KeyDecoder.decodeMouse(buttons: 0, x: 1, y: 1) == nil)
    }
}
