import KioskCore

/// Where a value sits in a TOML file, e.g. `devices.printer` or `category[1].tier[0].amount_fen`.
public struct TOMLPath: Hashable, Sendable, CustomStringConvertible {
    private enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    private var components: [Component] = []

    public static let root = TOMLPath()

    /// A path of keys only, e.g. `["devices", "printer"]`.
    public init(keys: [String] = []) {
        components = keys.map(Component.key)
    }

    public func key(_ name: String) -> TOMLPath {
        var path = self
        path.components.append(.key(name))
        return path
    }

    public func index(_ position: Int) -> TOMLPath {
        var path = self
        path.components.append(.index(position))
        return path
    }

    public var parent: TOMLPath? {
        guard !components.isEmpty else { return nil }
        var path = self
        path.components.removeLast()
        return path
    }

    public var description: String {
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
