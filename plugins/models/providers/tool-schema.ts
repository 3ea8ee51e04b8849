// A tool's input schema as the providers take it. An object schema without `properties` is valid JSON
// Schema (and the platform's default, {"type": "object"}), but OpenAI refuses it with 400
// invalid_function_parameters ("object schema missing properties"); an empty `properties` means the same.
export function withProperties(schema: Record<string, unknown>): Record<string, unknown> {
  return schema.type === 'object' && !('properties' in schema) ? { ...schema, properties: {} } : schema
}
