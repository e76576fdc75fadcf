import Foundation
import FNASCore

/// Weight initialisation.
public enum Initialisation {
    /// He (Kaiming) normal initialisation: N(0, 2 / fanIn), right for layers followed by ReLU.
    /// Normals come from `generator` by the Box-Muller transform, so a seed fixes every weight.
    public static func he(count: Int, fanIn: Int, generator: inout SeededGenerator) -> [Float] {
        let std = (2.0 / Double(max(fanIn, 1))).squareRoot()
        return normal(count: count, std: std, generator: &generator)
    }

    /// `count` draws from N(0, std^2).
    public static func normal(count: Int, std: Double, generator: inout SeededGenerator) -> [Float] {
        var out = [Float]()
        out.reserveCapacity(count)
        while out.count < count {
            let u1 = max(generator.nextUnit(), 1e-300)
            let u2 = generator.nextUnit()
            let r = (-2 * log(u1)).squareRoot()
            out.append(Float(r * cos(2 * .pi * u2) * std))
            if out.count < count { out.append(Float(r * sin(2 * .pi * u2) * std)) }
        }
        return out
    }
}
