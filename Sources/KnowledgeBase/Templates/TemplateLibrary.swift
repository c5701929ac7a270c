/// Named templates (page templates, partials and parents) and the renderer over them.
struct TemplateLibrary: Sendable {
    private(set) var templates: [String: Template] = [:]

    mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    func has(_ name: String) -> Bool { templates[name] != nil }

    /// The library with every reference to `constants` resolved now, once: the values every
    /// page of a build shares (the UI strings `t`, `urls`, `site`, `lang`) become text, and
    /// sections over them are kept or dropped. Of about 500 lookups a page made, most were
    /// `t.ui.*`, each hashing its names while climbing the context stack. The page models never
    /// use these names (TemplateDocsTests checks), so nothing could shadow them.
    func compiled(constants: [String: TemplateValue]) -> TemplateLibrary {
        var library = TemplateLibrary()
        let folder = ConstantFolder(constants: constants)
        for (name, template) in templates { library.templates[name] = Template(nodes: folder.fold(template.nodes)) }
        return library
    }

    /// Renders `name` with a context stack (bottom first), or nil when there is no such template.
    func render(_ name: String, stack: [TemplateValue], capacity: Int = 16_384) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: templates, stack: stack)
        renderer.out.reserveCapacity(capacity)
        renderer.render(template.nodes, TemplateRenderer.Scope(indentation: nil, overrides: nil))
        return renderer.out
    }
}

private struct TemplateRenderer {
    struct Scope {
        var indentation: [UInt8]?
        var overrides: [String: [Template.Node]]?

        func indented(_ extra: [UInt8]?) -> Scope {
            guard let extra else { return self }
            var scope = self
            scope.indentation = (indentation ?? []) + extra
            return scope
        }
    }

    let library: [String: Template]
    var stack: [TemplateValue]
    var out: [UInt8] = []

    init(library: [String: Template], stack: [TemplateValue]) {
        self.library = library
        self.stack = stack
    }

    mutating func render(_ nodes: [Template.Node], _ scope: Scope) {
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            for index in nodes.indices { render(nodes[index], scope) }
            return
        }
        // Inside an indented partial every line that is not the first gets the indentation.
        let start = out.count
        for index in nodes.indices {
            let before = out.count
            render(nodes[index], scope)
            let endsLine = before > start && out[before - 1] == 10 && !(before - 1 > start && out[before - 2] == 13)
            if out.count > before && endsLine {
                out.insert(contentsOf: indentation, at: before)
            }
        }
    }

    /// `borrowing`: matching a node then reads its payload in place instead of copying
    /// (retaining) it, which was a visible part of rendering 20,000 pages.
    mutating func render(_ node: borrowing Template.Node, _ scope: Scope) {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)

        case .variable(let reference, let escaped):
            guard let value = resolve(reference) else { return }
            switch value {
            case .string(let text): escaped ? appendEscaped(text) : out.append(contentsOf: text.utf8)
            case .int(let number): out.append(contentsOf: String(number).utf8)
            case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
            case .list, .object: break
            }

        case .section(let reference, let nodes):
            guard let value = resolve(reference) else { return }
            switch value {
            case .bool(let flag):
                if flag { render(nodes, scope) }
            case .list(let items):
                for item in items {
                    stack.append(item)
                    render(nodes, scope)
                    stack.removeLast()
                }
            default:
                stack.append(value)
                render(nodes, scope)
                stack.removeLast()
            }

        case .inverted(let reference, let nodes):
            if resolve(reference)?.isFalsy ?? true { render(nodes, scope) }

        case .partial(let name, let dynamic, let indentation, let overrides):
            var templateName = name
            if dynamic {
                guard case .string(let named)? = resolve(Template.Reference(root: .climb, names: [name], transforms: [], text: name)) else { return }
                templateName = named
            }
            guard let template = library[templateName] else { return }
            var inner = scope.indented(indentation)
            if let overrides {
                // Overrides from an outer template win over those of an inner one.
                inner.overrides = (scope.overrides ?? [:]).merging(overrides) { outer, _ in outer }
            }
            render(template.nodes, inner)

        case .block(let name, let defaultNodes, let indentation):
            render(scope.overrides?[name] ?? defaultNodes, scope.indented(indentation))

        case .blockDefinition:
            break

        case .group(let nodes):
            render(nodes, scope)
        }
    }

    func resolve(_ reference: Template.Reference) -> TemplateValue? {
        var value: TemplateValue
        switch reference.root {
        case .current:
            guard let top = stack.last else { return nil }
            value = top
        case .sequence:
            return nil
        case .local:
            guard let top = stack.last, let found = lookup(reference.names[...], in: top) else { return nil }
            value = found
        case .climb:
            guard let first = reference.names.first else {
                guard let top = stack.last else { return nil }
                value = top
                break
            }
            var found: TemplateValue?
            var level = stack.count - 1
            while level >= 0 {
                if case .object(let fields) = stack[level], let child = fields[first] {
                    found = reference.names.count == 1 ? child : lookup(reference.names.dropFirst(), in: child)
                    break
                }
                level -= 1
            }
            guard let found else { return nil }
            value = found
        }
        if reference.transforms.isEmpty { return value }
        for transform in reference.transforms.reversed() {
            guard let next = value.transformed(transform) else { return nil }
            value = next
        }
        return value
    }

    func lookup(_ names: ArraySlice<String>, in start: TemplateValue) -> TemplateValue? {
        var value = start
        for name in names {
            guard let child = value[name] else { return nil }
            value = child
        }
        return value
    }

    /// HTML-escapes `< > & " '` as swift-mustache did.
    mutating func appendEscaped(_ text: String) { Text.appendEscapedHTML(text, to: &out) }
}

/// Resolves references to values known before any page renders (see `TemplateLibrary.compiled`).
private struct ConstantFolder {
    let constants: [String: TemplateValue]

    /// nil: the reference is not to a constant; .some(nil): it is, and resolves to nothing.
    func value(_ reference: Template.Reference) -> TemplateValue?? {
        guard reference.root == .climb, let first = reference.names.first, var value = constants[first] else { return nil }
        for name in reference.names.dropFirst() {
            guard let child = value[name] else { return .some(nil) }
            value = child
        }
        for transform in reference.transforms.reversed() {
            guard let next = value.transformed(transform) else { return .some(nil) }
            value = next
        }
        return .some(value)
    }

    func fold(_ nodes: [Template.Node]) -> [Template.Node] {
        nodes.compactMap(fold)
    }

    /// The node with what is constant in it resolved; nil when it renders nothing.
    func fold(_ node: Template.Node) -> Template.Node? {
        switch node {
        case .text: return node
        case .variable(let reference, let escaped):
            guard let known = value(reference) else { return node }
            switch known {
            case .string(let text)?:
                var bytes: [UInt8] = []
                if escaped { Text.appendEscapedHTML(text, to: &bytes) } else { bytes = Array(text.utf8) }
                return .text(bytes)
            case .int(let number)?: return .text(Array(String(number).utf8))
            case .bool(let flag)?: return .text(Array((flag ? "true" : "false").utf8))
            case .list?, .object?, nil: return nil
            }
        case .section(let reference, let nodes):
            guard let known = value(reference) else { return .section(reference, fold(nodes)) }
            switch known {
            case .bool(let flag)?: return flag ? .group(fold(nodes)) : nil
            case nil: return nil
            // A list repeats, an object is pushed: rendered as they are.
            default: return .section(reference, fold(nodes))
            }
        case .inverted(let reference, let nodes):
            guard let known = value(reference) else { return .inverted(reference, fold(nodes)) }
            return known?.isFalsy ?? true ? .group(fold(nodes)) : nil
        case .partial(let name, let dynamic, let indentation, let overrides):
            return .partial(name: name, dynamic: dynamic, indentation: indentation, overrides: overrides?.mapValues(fold))
        case .block(let name, let defaultNodes, let indentation):
            return .block(name: name, defaultNodes: fold(defaultNodes), indentation: indentation)
        case .blockDefinition(let name, let nodes):
            return .blockDefinition(name: name, nodes: fold(nodes))
        case .group(let nodes):
            return .group(fold(nodes))
        }
    }
}
