import Yams

/// Reads typed values out of a YAML mapping, turning every problem into a located diagnostic.
struct YAMLFields {
    let node: Node
    let file: String
    private(set) var diagnostics: [RuleDiagnostic] = []
    private var seenKeys: Set<String> = []

    init(_ node: Node, file: String) {
        self.node = node
        self.file = file
    }

    static func location(of node: Node?, file: String) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line ?? 1)
    }

    var location: SourceLocation { Self.location(of: node, file: file) }

    mutating func fail(_ message: String, at node: Node? = nil) {
        diagnostics.append(RuleDiagnostic(Self.location(of: node ?? self.node, file: file), message))
    }

    mutating func append(_ more: [RuleDiagnostic]) { diagnostics += more }

    mutating func value(_ key: String) -> Node? {
        seenKeys.insert(key)
        return node.mapping?[key]
    }

    mutating func string(_ key: String, required: Bool = true) -> String? {
        guard let found = value(key) else {
            if required { fail("missing key '\(key)'") }
            return nil
        }
        guard case .scalar(let scalar) = found else {
            fail("'\(key)' must be a string", at: found)
            return nil
        }
        return scalar.string
    }

    mutating func int(_ key: String) -> Int? {
        guard let found = value(key) else { return nil }
        guard let number = found.int else {
            fail("'\(key)' must be a whole number", at: found)
            return nil
        }
        return number
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let found = value(key) else { return nil }
        guard let flag = found.bool else {
            fail("'\(key)' must be true or false", at: found)
            return nil
        }
        return flag
    }

    mutating func strings(_ key: String) -> [String] {
        guard let found = value(key) else { return [] }
        guard case .sequence(let sequence) = found else {
            fail("'\(key)' must be a list of strings", at: found)
            return []
        }
        return sequence.compactMap { item in
            guard case .scalar(let scalar) = item else {
                fail("'\(key)' must hold only strings", at: item)
                return nil
            }
            return scalar.string
        }
    }

    mutating func stringMap(_ key: String) -> [String: String] {
        guard let found = value(key) else { return [:] }
        return Self.stringMap(found, key: key, into: &self)
    }

    static func stringMap(_ found: Node, key: String, into fields: inout YAMLFields) -> [String: String] {
        guard case .mapping(let mapping) = found else {
            fields.fail("'\(key)' must be a mapping of names to strings", at: found)
            return [:]
        }
        var result: [String: String] = [:]
        for (name, value) in mapping {
            guard let name = name.string, case .scalar(let scalar) = value else {
                fields.fail("'\(key)' must map names to strings", at: value)
                continue
            }
            result[name] = scalar.string
        }
        return result
    }

    mutating func enumValue<T: RawRepresentable>(_ key: String, as type: T.Type, default fallback: T? = nil) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let raw = string(key, required: fallback == nil) else { return fallback }
        guard let parsed = T(rawValue: raw) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            fail("'\(key)' is '\(raw)'; expected one of: \(allowed)", at: value(key))
            return nil
        }
        return parsed
    }

    /// Reports keys that were never asked for: they are typos or unsupported.
    mutating func rejectUnknownKeys() {
        guard case .mapping(let mapping) = node else { return }
        for key in mapping.keys {
            guard let name = key.string, !seenKeys.contains(name) else { continue }
            fail("unknown key '\(name)'", at: key)
        }
    }
}
