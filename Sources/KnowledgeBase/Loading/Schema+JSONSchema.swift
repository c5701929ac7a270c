import Foundation

/// JSON Schema (draft 2020-12) of the front matter, derived from `FrontMatterSchema.fields` so
/// editors validate as you type exactly what `kb check` validates.
extension FrontMatterSchema {
    public static func jsonSchema(reference: ReferenceData) -> [String: Any] {
        var root = object(fields, reference: reference)
        root["additionalProperties"] = false
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        root["$id"] = "https://kb.invalid/schema/initiatief.json"
        root["title"] = "Beschrijving van een initiatief (front matter)"
        return root
    }

    public static func jsonSchemaText(reference: ReferenceData) -> String {
        let data = (try? JSONSerialization.data(
            withJSONObject: jsonSchema(reference: reference), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func object(_ fields: [SchemaField], reference: ReferenceData) -> [String: Any] {
        var properties: [String: Any] = [:]
        for field in fields {
            var schema = json(field.type, reference: reference)
            schema["description"] = field.description
            properties[field.name] = schema
        }
        var out: [String: Any] = ["type": "object", "properties": properties]
        let required = fields.filter(\.required).map(\.name)
        if !required.isEmpty { out["required"] = required }
        return out
    }

    static func json(_ type: SchemaType, reference: ReferenceData) -> [String: Any] {
        switch type {
        case .string(let maxLength, let format):
            var out: [String: Any] = ["type": "string", "minLength": 1]
            if let maxLength { out["maxLength"] = maxLength }
            switch format {
            case .yearMonth?:
                // YAML reads a bare year as a number; both mean the same to an author.
                return [
                    "anyOf": [
                        ["type": "string", "pattern": "^(19|20|21)[0-9]{2}(-(0[1-9]|1[0-2]))?$"],
                        ["type": "integer", "minimum": 1900, "maximum": 2100],
                    ]
                ]
            case .date?: out["pattern"] = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
            case .email?: out["format"] = "email"; out["pattern"] = "^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$"
            case .url?: out["format"] = "uri"; out["pattern"] = "^https?://[^\\s]+$"
            case nil: break
            }
            return out
        case .integer(let minimum, let maximum):
            var out: [String: Any] = ["type": "integer"]
            if let minimum { out["minimum"] = minimum }
            if let maximum { out["maximum"] = maximum }
            return out
        case .number(let minimum, let maximum):
            var out: [String: Any] = ["type": "number"]
            if let minimum { out["minimum"] = minimum }
            if let maximum { out["maximum"] = maximum }
            return out
        case .boolean:
            return ["type": "boolean"]
        case .enumeration(let values):
            return ["type": "string", "enum": values]
        case .reference(.region):
            return ["type": "string", "enum": reference.regions.flatMap { [$0.name, $0.code] }]
        case .reference(.type):
            return ["type": "string", "enum": reference.types.map(\.key)]
        case .list(let element, let minItems):
            var out: [String: Any] = ["type": "array", "items": json(element, reference: reference)]
            if minItems > 0 { out["minItems"] = minItems }
            return out
        case .oneOrList(let element):
            let single = json(element, reference: reference)
            return ["anyOf": [single, ["type": "array", "items": single, "minItems": 1]]]
        case .object(let fields):
            var out = object(fields, reference: reference)
            out["additionalProperties"] = false
            return out
        case .map(let keys, let value):
            var properties: [String: Any] = [:]
            for key in keys { properties[key] = json(value, reference: reference) }
            return ["type": "object", "properties": properties, "additionalProperties": false]
        }
    }
}
