import Testing
@testable import SearchEngine
