import Yams

/// Reads one `doctor-checks:` entry.
enum DoctorCheckNodeReader {
    static func check(from fields: inout YAMLFields) -> DoctorCheck? {
        guard case .mapping = fields.node else {
            fields.fail("a doctor check is a mapping")
            return nil
        }
        let id = fields.string("id")
        let title = fields.string("title")
        let severity = fields.enumValue("severity", as: DoctorSeverity.self)
        let url = fields.string("url", required: false)
        let scope = fields.enumValue("scope", as: DoctorCheck.Scope.self, default: .machine) ?? .machine
        let immediate = fields.string("immediate")
        let investigate = fields.string("investigate")
        let bearsOn = fields.strings("bears-on").compactMap { name -> FailureClass? in
            guard let found = FailureClass(rawValue: name) else {
                fields.fail("'bears-on' names unknown class '\(name)'", at: fields.value("bears-on"))
                return nil
            }
            return found
        }
        let conditions = self.conditions(from: &fields, scope: scope)
        let examples = self.examples(from: &fields)
        guard let id, let title, let severity, let immediate, let investigate else { return nil }
        return DoctorCheck(
            id: id,
            title: title,
            severity: severity,
            url: url,
            scope: scope,
            conditions: conditions,
            immediate: immediate,
            investigate: investigate,
            bearsOn: bearsOn,
            examples: examples,
            location: fields.location
        )
    }

    private static func conditions(from fields: inout YAMLFields, scope: DoctorCheck.Scope) -> [[DoctorCheck.Clause]] {
        guard let node = fields.value("when") else {
            fields.fail("missing key 'when' (a list of conditions over facts)")
            return []
        }
        guard case .sequence(let items) = node, !items.isEmpty else {
            fields.fail("'when' must be a non-empty list of conditions", at: node)
            return []
        }
        return items.compactMap { item in
            guard case .mapping(let mapping) = item, !mapping.isEmpty else {
                fields.fail("a condition is a mapping of fact keys to tests", at: item)
                return nil
            }
            return mapping.compactMap { key, test in
                guard let name = key.string else { return nil }
                if !DoctorFactKeys.isKnown(name) {
                    fields.fail("unknown fact key '\(name)'", at: key)
                } else if DoctorFactKeys.isGPUKey(name) && scope != .gpu {
                    fields.fail("fact key '\(name)' needs 'scope: gpu'", at: key)
                }
                return self.test(test, fields: &fields).map { DoctorCheck.Clause(name, $0) }
            }
        }
    }

    static func test(_ node: Node, fields: inout YAMLFields) -> FactTest? {
        if case .scalar(let scalar) = node { return .oneOf([scalar.string]) }
        guard case .mapping(let mapping) = node, mapping.count == 1, let (key, value) = mapping.first,
            let name = key.string
        else {
            fields.fail("a test is one of set, is, in, not-in, below, at-least, prefix, contains", at: node)
            return nil
        }
        let values: [String]
        switch value {
        case .scalar(let scalar): values = [scalar.string]
        case .sequence(let items): values = items.compactMap(\.string)
        default: values = []
        }
        guard !values.isEmpty else {
            fields.fail("test '\(name)' needs a value", at: value)
            return nil
        }
        return test(named: name, values: values, node: key, fields: &fields)
    }

    private static func test(named name: String, values: [String], node: Node, fields: inout YAMLFields) -> FactTest? {
        switch name {
        case "set":
            guard let flag = Bool(values[0].lowercased()) else {
                fields.fail("'set' is true or false", at: node)
                return nil
            }
            return .isSet(flag)
        case "is", "in": return .oneOf(values)
        case "not-in": return .noneOf(values)
        case "below": return .below(values[0])
        case "at-least": return .atLeast(values[0])
        case "prefix": return .prefix(values)
        case "contains": return .contains(values[0])
        default:
            fields.fail(
                "unknown test '\(name)'; expected set, is, in, not-in, below, at-least, prefix, contains",
                at: node
            )
            return nil
        }
    }

    private static func examples(from fields: inout YAMLFields) -> [DoctorCheck.Example] {
        guard let node = fields.value("examples") else { return [] }
        guard case .sequence(let items) = node else {
            fields.fail("'examples' must be a list", at: node)
            return []
        }
        return items.compactMap { item in
            var inner = YAMLFields(item, file: fields.file)
            defer { fields.append(inner.diagnostics) }
            guard case .mapping = item else {
                inner.fail("an example is a mapping with 'facts' and 'expect'")
                return nil
            }
            let facts = inner.stringMap("facts")
            let expect = inner.enumValue("expect", as: DoctorOutcome.self)
            inner.rejectUnknownKeys()
            for key in facts.keys where !DoctorFactKeys.isKnown(key) {
                inner.fail("example names unknown fact key '\(key)'")
            }
            return expect.map { DoctorCheck.Example(facts: facts, expect: $0, location: inner.location) }
        }
    }
}
