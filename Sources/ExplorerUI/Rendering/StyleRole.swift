/// What a cell means, which a theme turns into colours and a backend into attributes.
///
/// Meaning never rests on colour alone: every role that matters also comes with a symbol
/// (verdict marks, the spec marker, the Pareto front mark), so mono and NO_COLOR work.
public enum StyleRole: Int, Sendable, Hashable, CaseIterable {
    case normal
    case dim
    case title
    case border
    case borderFocused
    case header
    case headerAccent
    case hint
    case hintKey
    case selected
    case ok
    case bad
    case warn
    case info
    case graph1
    case graph2
    case graph3
    case spec
    case front
    case error
}
