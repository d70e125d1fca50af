import Yams

/// Reads one rule mapping.
enum RuleNodeReader {
    static func rule(from fields: inout YAMLFields) -> Rule? {
        guard case .mapping = fields.node else {
            fields.fail("a rule is a mapping")
            return nil
        }
        let id = fields.string("id")
        let description = fields.string("description")
        let kind = fields.enumValue("kind", as: EvidenceKind.self)
        let failureClass = fields.enumValue("class", as: FailureClass.self)
        let origin = fields.enumValue("origin", as: RuleOrigin.self, default: .any)
        let literals = fields.strings("literals")
        let pattern = fields.string("pattern")
        let continues = fields.string("continues", required: false)
        let within = fields.int("within") ?? 12
        let needsHeader = fields.bool("needs-header") ?? false
        let demotes = fields.strings("demotes")
        let demotesWithin = fields.int("demotes-within")
        let ends = fields.strings("ends")
        let progress = fields.value("progress") == nil ? nil : fields.enumValue("progress", as: ProgressMark.self)
        let gpuVendor =
            fields.value("gpu-vendor") == nil ? nil : fields.enumValue("gpu-vendor", as: RuleGPUVendor.self)
        let catalog = CatalogEntryReader.entry(from: &fields, kind: kind)
        let (matches, noMatches) = examples(from: &fields)
        if literals.isEmpty { fields.fail("'literals' must list at least one literal") }
        guard let id, let description, let kind, let failureClass, let origin, let pattern else { return nil }
        return Rule(
            id: id,
            description: description,
            kind: kind,
            failureClass: failureClass,
            origin: origin,
            literals: literals,
            pattern: pattern,
            continues: continues,
            within: within,
            needsHeader: needsHeader,
            demotes: demotes,
            demotesWithin: demotesWithin,
            ends: ends,
            progress: progress,
            catalog: catalog,
            gpuVendor: gpuVendor,
            matchExamples: matches,
            noMatchExamples: noMatches,
            location: fields.location
        )
    }

    private static func examples(from fields: inout YAMLFields) -> ([RuleExample], [RuleExample]) {
        guard let node = fields.value("examples") else { return ([], []) }
        var inner = YAMLFields(node, file: fields.file)
        let matches = list(inner.value("match"), fields: &inner)
        let noMatches = list(inner.value("no-match"), fields: &inner)
        inner.rejectUnknownKeys()
        fields.append(inner.diagnostics)
        return (matches, noMatches)
    }

    private static func list(_ node: Node?, fields: inout YAMLFields) -> [RuleExample] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            fields.fail("examples must be a list", at: node)
            return []
        }
        return items.compactMap { example(from: $0, fields: &fields) }
    }

    private static func example(from node: Node, fields: inout YAMLFields) -> RuleExample? {
        let location = YAMLFields.location(of: node, file: fields.file)
        switch node {
        case .scalar(let scalar):
            return RuleExample(text: scalar.string, location: location)
        case .mapping:
            var inner = YAMLFields(node, file: fields.file)
            let text = inner.string("text")
            let captures = inner.stringMap("captures")
            inner.rejectUnknownKeys()
            fields.append(inner.diagnostics)
            return text.map { RuleExample(text: $0, captures: captures, location: location) }
        default:
            fields.fail("an example is a string or a mapping with 'text' and 'captures'", at: node)
            return nil
        }
    }
}
