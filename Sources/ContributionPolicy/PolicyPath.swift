/// Where a value sits in a policy file, e.g. `category[1].tier[0].amount_fen`.
struct PolicyPath: Hashable, Sendable, CustomStringConvertible {
    private enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    private var components: [Component] = []

    static let root = PolicyPath()

    func key(_ name: String) -> PolicyPath {
        var path = self
        path.components.append(.key(name))
        return path
    }

    func index(_ position: Int) -> PolicyPath {
        var path = self
        path.components.append(.index(position))
        return path
    }

    var parent: PolicyPath? {
        guard !components.isEmpty else { return nil }
        var path = self
        path.components.removeLast()
        return path
    }

    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let name): text += text.isEmpty ? name : "." + name
            case .index(let position): text += "[\(position)]"
            }
        }
        return text.isEmpty ? "(file)" : text
    }
}
