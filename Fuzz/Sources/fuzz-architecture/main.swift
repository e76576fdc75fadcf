import FNASCore
import Foundation
import FuzzSupport

/// An architecture file (`fnas latency --arch`, `fnas train --arch`): decoded, validated, and
/// when valid written back and read again unchanged.
Fuzz.run { input in
    let bytes = Data(input)
    guard let arch = Fuzz.expectInputError(source: "net.json", { try DescriptionFiles.decodeArchitecture(bytes, source: "net.json") }) else { return }
    guard Fuzz.expectInputError(source: "net.json", { try arch.validated(source: "net.json") }) != nil else { return }
    do {
        let again = try DescriptionFiles.decodeArchitecture(try DescriptionFiles.encodeArchitecture(arch), source: "again.json")
        if again != arch { Fuzz.fail("an architecture changed when written and read back: \(arch) -> \(again)") }
    } catch {
        Fuzz.fail("a valid architecture could not be written and read back: \(error)")
    }
}
