/// Whether a document is a valid draft 4 schema: validated against the draft 4 meta-schema
/// (http://json-schema.org/draft-04/schema), plus the check the meta-schema leaves to
/// `format: regex`: every `pattern` and `patternProperties` name must compile.
extension JSONSchema {
    /// The meta-schema's messages for `document` (empty when it is a valid draft 4 schema).
    public static func check(_ document: SchemaValue) -> [String] {
        switch metaSchema.validate(document) {
        case .valid: break
        case .invalid(let messages): return messages
        case .exhausted(let reason): return [reason]
        }
        var problems: [String] = []
        collectPatterns(document, depth: 0, into: &problems)
        return problems
    }

    private static func collectPatterns(_ value: SchemaValue, depth: Int, into problems: inout [String]) {
        guard depth < 256 else { return }
        switch value {
        case .object(let object):
            for (key, member) in object.members {
                if key == "pattern", case .string(let source) = member, CompiledPattern(source).pattern == nil {
                    problems.append("string \"\(source)\" is not a valid ECMA 262 regular expression")
                }
                if key == "patternProperties", case .object(let patterns) = member {
                    for source in patterns.keys where CompiledPattern(source).pattern == nil {
                        problems.append("string \"\(source)\" is not a valid ECMA 262 regular expression")
                    }
                }
                collectPatterns(member, depth: depth + 1, into: &problems)
            }
        case .array(let items):
            for item in items { collectPatterns(item, depth: depth + 1, into: &problems) }
        default: break
        }
    }

    static let metaSchema: JSONSchema = {
        guard let document = try? SchemaJSON.parse(metaSchemaText) else { fatalError("draft 4 meta-schema does not parse") }
        return JSONSchema(document)
    }()

    static let metaSchemaText = """
        {
          "id": "http://json-schema.org/draft-04/schema#",
          "$schema": "http://json-schema.org/draft-04/schema#",
          "definitions": {
            "schemaArray": {"type": "array", "minItems": 1, "items": {"$ref": "#"}},
            "positiveInteger": {"type": "integer", "minimum": 0},
            "positiveIntegerDefault0": {"allOf": [{"$ref": "#/definitions/positiveInteger"}, {"default": 0}]},
            "simpleTypes": {"enum": ["array", "boolean", "integer", "null", "number", "object", "string"]},
            "stringArray": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true}
          },
          "type": "object",
          "properties": {
            "id": {"type": "string"},
            "$schema": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "default": {},
            "multipleOf": {"type": "number", "minimum": 0, "exclusiveMinimum": true},
            "maximum": {"type": "number"},
            "exclusiveMaximum": {"type": "boolean", "default": false},
            "minimum": {"type": "number"},
            "exclusiveMinimum": {"type": "boolean", "default": false},
            "maxLength": {"$ref": "#/definitions/positiveInteger"},
            "minLength": {"$ref": "#/definitions/positiveIntegerDefault0"},
            "pattern": {"type": "string", "format": "regex"},
            "additionalItems": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}], "default": {}},
            "items": {"anyOf": [{"$ref": "#"}, {"$ref": "#/definitions/schemaArray"}], "default": {}},
            "maxItems": {"$ref": "#/definitions/positiveInteger"},
            "minItems": {"$ref": "#/definitions/positiveIntegerDefault0"},
            "uniqueItems": {"type": "boolean", "default": false},
            "maxProperties": {"$ref": "#/definitions/positiveInteger"},
            "minProperties": {"$ref": "#/definitions/positiveIntegerDefault0"},
            "required": {"$ref": "#/definitions/stringArray"},
            "additionalProperties": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}], "default": {}},
            "definitions": {"type": "object", "additionalProperties": {"$ref": "#"}, "default": {}},
            "properties": {"type": "object", "additionalProperties": {"$ref": "#"}, "default": {}},
            "patternProperties": {"type": "object", "additionalProperties": {"$ref": "#"}, "default": {}},
            "dependencies": {"type": "object", "additionalProperties": {"anyOf": [{"$ref": "#"}, {"$ref": "#/definitions/stringArray"}]}},
            "enum": {"type": "array", "minItems": 1, "uniqueItems": true},
            "type": {
              "anyOf": [
                {"$ref": "#/definitions/simpleTypes"},
                {"type": "array", "items": {"$ref": "#/definitions/simpleTypes"}, "minItems": 1, "uniqueItems": true}
              ]
            },
            "format": {"type": "string"},
            "allOf": {"$ref": "#/definitions/schemaArray"},
            "anyOf": {"$ref": "#/definitions/schemaArray"},
            "oneOf": {"$ref": "#/definitions/schemaArray"},
            "not": {"$ref": "#"}
          },
          "dependencies": {
            "exclusiveMaximum": ["maximum"],
            "exclusiveMinimum": ["minimum"]
          },
          "default": {}
        }
        """
}
