import FNASCore
import FuzzSupport

/// The compact forms (`--layers k3f32s2,5x16`, `--input 28x28x1`): parsed; every parsed layer
/// and shape is positive.
Fuzz.run { input in
    let text = Fuzz.text(input)
    if let layers = Fuzz.expectInputError(source: "layers", { try CompactSyntax.layers(text) }) {
        if layers.isEmpty { Fuzz.fail("\"\(text)\" parsed to no layers") }
        for l in layers where l.kernel < 1 || l.filters < 1 || l.stride < 1 {
            Fuzz.fail("\"\(text)\" parsed to a layer that is not positive: \(l)")
        }
    }
    if let shape = Fuzz.expectInputError(source: "input", { try CompactSyntax.inputShape(text) }),
       shape.height < 1 || shape.width < 1 || shape.channels < 1 {
        Fuzz.fail("\"\(text)\" parsed to a shape that is not positive: \(shape)")
    }
}
