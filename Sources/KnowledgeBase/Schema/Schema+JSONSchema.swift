import Foundation

/// JSON Schema (draft 2020-12) of the front matter, derived from `FrontMatterSchema.fields` so
/// editors validate as you type exactly what `kb check` validates.
extension FrontMatterSchema {
    public static func jsonSchema(reference: ReferenceData) -> JSONValue {
        var root = object(fields, reference: reference)
        root["additionalProperties"] = .bool(false)
        root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        root["$id"] = .string("https://kb.invalid/schema/initiatief.json")
        root["title"] = .string("Beschrijving van een initiatief (front matter)")
        return .object(root)
    }

    public static func jsonSchemaText(reference: ReferenceData) -> String {
        jsonSchema(reference: reference).text(.foundationPretty) + "\n"
    }

    static func object(_ fields: [SchemaField], reference: ReferenceData) -> [String: JSONValue?] {
        var properties: [String: JSONValue?] = [:]
        for field in fields {
            var schema = json(field.type, reference: reference)
            schema["description"] = .string(field.description)
            properties[field.name] = .object(schema)
        }
        var out: [String: JSONValue?] = ["type": .string("object"), "properties": .object(properties)]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { out["required"] = .array(required.map(JSONValue.string)) }
        return out
    }

    static func json(_ type: SchemaType, reference: ReferenceData) -> [String: JSONValue?] {
        switch type {
        case .string(let maxLength, let format):
            var out: [String: JSONValue?] = ["type": .string("string"), "minLength": .int(1)]
            if let maxLength { out["maxLength"] = .int(maxLength) }
            switch format {
            case .yearMonth?:
                // YAML reads a bare year as a number; both mean the same to an author.
                return [
                    "anyOf": .array([
                        .object(["type": .string("string"), "pattern": .string("^(19|20|21)[0-9]{2}(-(0[1-9]|1[0-2]))?$")]),
                        .object(["type": .string("integer"), "minimum": .int(1900), "maximum": .int(2100)]),
                    ])
                ]
            case .date?: out["pattern"] = .string("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
            case .email?: out["format"] = .string("email"); out["pattern"] = .string("^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$")
            case .url?: out["format"] = .string("uri"); out["pattern"] = .string("^https?://[^\\s]+$")
            case .slug?: out["pattern"] = .string("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")
            case nil: break
            }
            return out
        case .integer(let minimum, let maximum):
            var out: [String: JSONValue?] = ["type": .string("integer")]
            if let minimum { out["minimum"] = .int(minimum) }
            if let maximum { out["maximum"] = .int(maximum) }
            return out
        case .number(let minimum, let maximum):
            var out: [String: JSONValue?] = ["type": .string("number")]
            if let minimum { out["minimum"] = .double(minimum) }
            if let maximum { out["maximum"] = .double(maximum) }
            return out
        case .boolean:
            return ["type": .string("boolean")]
        case .enumeration(let values):
            return ["type": .string("string"), "enum": .array(values.map(JSONValue.string))]
        case .reference(.region):
            return ["type": .string("string"), "enum": .array(reference.regions.flatMap { [$0.name, $0.code] }.map(JSONValue.string))]
        case .reference(.type):
            return ["type": .string("string"), "enum": .array(reference.types.map { .string($0.key) })]
        case .list(let element, let minItems):
            var out: [String: JSONValue?] = ["type": .string("array"), "items": .object(json(element, reference: reference))]
            if minItems > 0 { out["minItems"] = .int(minItems) }
            return out
        case .oneOrList(let element):
            let single = JSONValue.object(json(element, reference: reference))
            return ["anyOf": .array([single, .object(["type": .string("array"), "items": single, "minItems": .int(1)])])]
        case .object(let fields):
            var out = object(fields, reference: reference)
            out["additionalProperties"] = .bool(false)
            return out
        case .map(let keys, let value):
            var properties: [String: JSONValue?] = [:]
            for key in keys { properties[key] = .object(json(value, reference: reference)) }
            return ["type": .string("object"), "properties": .object(properties), "additionalProperties": .bool(false)]
        }
    }
}
