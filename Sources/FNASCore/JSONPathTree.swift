/// The values of a JSON text as a tree of field paths, for ``JSONSourceMap``: each value is a
/// node with its parent, its key or list position, and the byte offset where it starts.
///
/// Paths are not stored as strings: a value nested d deep would cost d characters, so a text of
/// many nested lists would cost quadratic memory. A path is spelled only when an error needs it.
struct JSONPathTree: Sendable {
    /// How a value hangs off its parent: an object's key or a list's position.
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    private struct Edge: Hashable, Sendable {
        var parent: Int
        var component: Component
    }

    private var parents: [Int] = []
    private var components: [Component?] = []
    private(set) var offsets: [Int] = []
    private var children: [Edge: Int] = [:]

    /// The top-level value, once it has been added.
    static let root = 0

    /// Adds the value starting at `offset`: the top-level one when `parent` is nil. A key met
    /// twice in one object keeps its first value's place.
    mutating func add(parent: Int?, _ component: Component?, offset: Int) -> Int {
        if let parent, let component, let existing = children[Edge(parent: parent, component: component)] {
            return existing
        }
        let node = offsets.count
        parents.append(parent ?? -1)
        components.append(component)
        offsets.append(offset)
        if let parent, let component { children[Edge(parent: parent, component: component)] = node }
        return node
    }

    /// The path as errors spell it: `boards[1].ports.input`; the top-level value is "".
    func path(of node: Int) -> String {
        var parts: [Component] = []
        var n = node
        while n > 0, let component = components[n] {
            parts.append(component)
            n = parents[n]
        }
        var out = ""
        for part in parts.reversed() {
            switch part {
            case .key(let key): out += (out.isEmpty ? "" : ".") + key
            case .index(let i): out += "[\(i)]"
            }
        }
        return out
    }

    /// How many containers enclose `node`.
    func depth(of node: Int) -> Int {
        var d = 0, n = node
        while n > 0 { n = parents[n]; d += 1 }
        return d
    }

    /// The deepest value along `field` (keys split at `.`, positions in brackets) that the text
    /// has: the field itself, else the nearest enclosing value; nil for an empty text.
    func deepestNode(along field: String) -> Int? {
        guard !offsets.isEmpty else { return nil }
        var node = Self.root
        for component in Self.components(of: field) {
            guard let child = children[Edge(parent: node, component: component)] else { break }
            node = child
        }
        return node
    }

    /// `a.b[2].c` -> key a, key b, index 2, key c.
    static func components(of field: String) -> [Component] {
        var out: [Component] = []
        var key = ""
        var index: String?
        for ch in field {
            if var digits = index {
                if ch == "]" {
                    out.append(Int(digits).map(Component.index) ?? .key("[\(digits)]"))
                    index = nil
                } else {
                    digits.append(ch)
                    index = digits
                }
            } else if ch == "." || ch == "[" {
                if !key.isEmpty { out.append(.key(key)); key = "" }
                if ch == "[" { index = "" }
            } else {
                key.append(ch)
            }
        }
        if !key.isEmpty { out.append(.key(key)) }
        return out
    }
}
