import FNASCore
import Foundation
import FuzzSupport
import SearchEngine

/// A search-space file (`--space FILE.json`, `fnas spaces FILE`): decoded and validated; a valid
/// space has at least one architecture and its listing row renders.
Fuzz.run { input in
    let bytes = Data(input)
    guard let space = Fuzz.expectInputError(source: "space.json", { try SearchSpace.decode(bytes, source: "space.json") }) else { return }
    if space.layers < 1 || space.kernels.isEmpty || space.filters.isEmpty { Fuzz.fail("an empty space passed validation: \(space)") }
    if SearchSpace.table([space]).isEmpty { Fuzz.fail("a valid space has no listing") }
}
