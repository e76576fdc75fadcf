import Testing
@testable import FPGAModel
