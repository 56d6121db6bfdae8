package gateway

// keysOps documents the routes of keys, quotas and DeepL glossaries.
var keysOps = []openAPIOp{
	{method: "GET", path: "/v1/usage", tag: "keys", role: "client", response: "Usage",
		summary: "The calling key (name, roles, tenant), its rate limit and its characters this calendar month against its monthly quota. Over a limit, requests answer 429 with Retry-After."},

	{method: "POST", path: "/v2/glossaries", tag: "deepl", role: "localization", body: "DeepLGlossaryCreate", forms: true, errors: "DeepLError", response: "DeepLGlossary", status: 201,
		summary: "DeepL-compatible glossary creation (answers 201): entries in TSV (source<TAB>target per line) or CSV. The glossary is a one-way Parley glossary of the caller's tenant that applies only when a request names it by glossary_id."},
	{method: "GET", path: "/v2/glossaries", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLGlossaryList",
		summary: "DeepL-compatible list of the caller's tenant's glossaries."},
	{method: "GET", path: "/v2/glossaries/:id", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLGlossary",
		summary: "DeepL-compatible glossary info."},
	{method: "DELETE", path: "/v2/glossaries/:id", tag: "deepl", role: "localization", errors: "DeepLError", status: 204,
		summary: "DeepL-compatible glossary deletion (answers 204; a Parley glossary version, so a rollback restores it)."},
	{method: "GET", path: "/v2/glossaries/:id/entries", tag: "deepl", role: "client", errors: "DeepLError", produces: []string{mediaTSV},
		summary: "DeepL-compatible glossary entries as text/tab-separated-values (source<TAB>target per line)."},
	{method: "GET", path: "/v2/glossary-language-pairs", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLLanguagePairs",
		summary: "DeepL-compatible list of the language pairs a glossary can be created for."},
}

func init() {
	openAPIOps = append(openAPIOps, keysOps...)
	openAPISchemas["DeepLUsage"] = obj{"type": "object", "required": []string{"character_count", "character_limit"}, "properties": obj{
		"character_count": obj{"type": "integer"}, "character_limit": obj{"type": "integer"}}}
	openAPISchemas["Usage"] = obj{"type": "object", "required": []string{"month", "characters", "character_limit", "rate_limit"}, "properties": obj{
		"key_id": str("key id"), "name": str("key name"), "tenant": str("tenant the key acts for"),
		"roles":           obj{"type": "array", "items": obj{"type": "string"}},
		"month":           str("calendar month (UTC) of the count, YYYY-MM"),
		"characters":      obj{"type": "integer", "description": "characters translated this month (Unicode code points of the source texts)"},
		"character_limit": obj{"type": "integer", "description": "monthly quota; 0 means unlimited"},
		"rate_limit":      obj{"type": "number", "description": "requests per second; 0 means unlimited"},
		"burst":           obj{"type": "integer", "description": "requests allowed at once above the rate"}}}
	openAPISchemas["DeepLGlossaryCreate"] = obj{"type": "object", "required": []string{"name", "source_lang", "target_lang", "entries"}, "properties": obj{
		"name": str("glossary name"), "source_lang": str("e.g. en"), "target_lang": str("e.g. de"),
		"entries":        str("the entries in entries_format"),
		"entries_format": obj{"type": "string", "enum": []string{"tsv", "csv"}, "description": "tsv (default) or csv"}}}
	openAPISchemas["DeepLGlossary"] = obj{"type": "object", "required": []string{"glossary_id", "name", "ready", "source_lang", "target_lang", "creation_time", "entry_count"}, "properties": obj{
		"glossary_id": str("UUID"), "name": str(""), "ready": obj{"type": "boolean"}, "source_lang": str(""), "target_lang": str(""),
		"creation_time": obj{"type": "string", "format": "date-time"}, "entry_count": obj{"type": "integer"}}}
	openAPISchemas["DeepLGlossaryList"] = obj{"type": "object", "required": []string{"glossaries"}, "properties": obj{
		"glossaries": obj{"type": "array", "items": obj{"$ref": "#/components/schemas/DeepLGlossary"}}}}
	openAPISchemas["DeepLLanguagePairs"] = obj{"type": "object", "required": []string{"supported_languages"}, "properties": obj{
		"supported_languages": obj{"type": "array", "items": obj{"type": "object", "properties": obj{"source_lang": str(""), "target_lang": str("")}}}}}
}
