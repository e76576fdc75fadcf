import Testing
@testable import CursesBackend
