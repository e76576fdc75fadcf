import Testing
@testable import ChildTrainer
