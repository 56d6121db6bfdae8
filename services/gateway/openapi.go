package gateway

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// openAPIOp documents one route. The document is built from this table so
// that a test can hold it against the echo router: every registered route
// must appear here.
type openAPIOp struct {
	method, path string // path as registered with echo (":id")
	tag, summary string
	// role is the API key role the route needs ("" for open routes).
	role string
	// body names a request schema in components; forms lists the other
	// media types that route accepts for the same fields.
	body  string
	forms bool
	// query lists query parameters.
	query []openAPIParam
	// response names the success response schema ("" for a plain object).
	response string
	// status is the success status (0: 200). 204 has no body.
	status int
	// produces is the success body's media type ("": application/json);
	// its schema is a string.
	produces string
	// example is a request body that the handler accepts.
	example any
	// errors names the error schema the route answers with.
	errors string
}

type openAPIParam struct {
	name, description string
}

// openAPIOps is every route of the gateway.
var openAPIOps = []openAPIOp{
	{method: "POST", path: "/v1/translate", tag: "translate", role: "client", body: "TranslateRequest", response: "View",
		summary: "Translate one text through the pipeline (detect, glossary, translate chain, quality, safety). Without target, the locale field, the locale query parameter or Accept-Language picks it; the choice is reported in Content-Language and Parley-Locale-Match.",
		query:   []openAPIParam{{"locale", "reader locale, used when target is omitted"}},
		example: map[string]any{"text": "hello", "source": "en", "target": "es"}},
	{method: "POST", path: "/v1/detect", tag: "translate", role: "client", body: "DetectRequest", response: "Detection",
		summary: "Detect the language of a text.", example: map[string]any{"text": "hola amigo"}},
	{method: "GET", path: "/v1/languages", tag: "translate", role: "client", response: "Languages",
		summary: "Backends of the translate chain with their languages and pairs."},

	{method: "GET", path: "/v1/glossaries", tag: "glossaries", role: "client", summary: "List the glossaries the key may read: every one for a key without a tenant, else the global ones and its tenant's."},
	{method: "POST", path: "/v1/glossaries", tag: "glossaries", role: "localization", body: "Object", status: 201, summary: "Create a glossary. A tenant's key creates its tenant's only: an omitted scope becomes its tenant, a global scope or another tenant's is 403."},
	{method: "GET", path: "/v1/glossaries/:id", tag: "glossaries", role: "client", summary: "Get a glossary (another tenant's is 404, as an unknown id; so on every /v1/glossaries/{id} route, and a tenant's key writing a global glossary gets 403)."},
	{method: "PUT", path: "/v1/glossaries/:id", tag: "glossaries", role: "localization", body: "Object", summary: "Update a glossary. A body id other than the path's is 400; a scope change follows the create rule."},
	{method: "DELETE", path: "/v1/glossaries/:id", tag: "glossaries", role: "localization", summary: "Delete a glossary."},
	{method: "GET", path: "/v1/glossaries/:id/entries", tag: "glossaries", role: "client", summary: "List a glossary's entries."},
	{method: "POST", path: "/v1/glossaries/:id/entries", tag: "glossaries", role: "localization", body: "Object", status: 201, summary: "Add an entry."},
	{method: "GET", path: "/v1/glossaries/:id/entries/:entry", tag: "glossaries", role: "client", summary: "Get an entry."},
	{method: "PUT", path: "/v1/glossaries/:id/entries/:entry", tag: "glossaries", role: "localization", body: "Object", summary: "Replace an entry."},
	{method: "DELETE", path: "/v1/glossaries/:id/entries/:entry", tag: "glossaries", role: "localization", summary: "Delete an entry."},
	{method: "POST", path: "/v1/glossaries/:id/import", tag: "glossaries", role: "localization", summary: "Import entries from a CSV or TSV file (multipart)."},
	{method: "GET", path: "/v1/glossaries/:id/export", tag: "glossaries", role: "client", summary: "Export entries as CSV or TSV."},
	{method: "GET", path: "/v1/glossaries/:id/versions", tag: "glossaries", role: "client", summary: "List a glossary's versions."},
	{method: "GET", path: "/v1/glossaries/:id/diff", tag: "glossaries", role: "client", summary: "Diff two versions of a glossary."},
	{method: "POST", path: "/v1/glossaries/:id/rollback", tag: "glossaries", role: "localization", body: "Object", summary: "Roll a glossary back to a version."},

	{method: "POST", path: "/translate", tag: "libretranslate", body: "LibreTranslateRequest", forms: true, errors: "LibreError",
		summary: "LibreTranslate-compatible translation (q as string or array, source \"auto\", api_key in the body). The tenant's safety policy applies: a masked text is served masked, a flagged one withheld (\"\") unless it is a moderator's correction flagged for laundering only; the Parley-Safety response header lists what was done to each text (docs/api.md).",
		example: map[string]any{"q": []string{"hello", "good morning"}, "source": "en", "target": "es", "format": "text"}},
	{method: "POST", path: "/detect", tag: "libretranslate", body: "LibreDetectRequest", forms: true, errors: "LibreError",
		summary: "LibreTranslate-compatible language detection.", example: map[string]any{"q": "hola amigo"}},
	{method: "GET", path: "/languages", tag: "libretranslate", errors: "LibreError",
		summary: "LibreTranslate-compatible language list with targets."},

	{method: "POST", path: "/v2/translate", tag: "deepl", role: "client", body: "DeepLTranslateRequest", forms: true, errors: "DeepLError",
		summary: "DeepL API v2-compatible translation (Authorization: DeepL-Auth-Key <key>). The tenant's safety policy applies: a masked text is served masked, a flagged one withheld (\"\") unless it is a moderator's correction flagged for laundering only; the Parley-Safety response header lists what was done to each text (docs/api.md).",
		example: map[string]any{"text": []string{"hello"}, "target_lang": "DE", "source_lang": "EN"}},
	{method: "GET", path: "/v2/languages", tag: "deepl", role: "client", errors: "DeepLError",
		query: []openAPIParam{{"type", "source (default) or target"}}, summary: "DeepL-compatible language list."},
	{method: "POST", path: "/v2/languages", tag: "deepl", role: "client", errors: "DeepLError",
		query: []openAPIParam{{"type", "source (default) or target"}}, summary: "DeepL-compatible language list."},
	{method: "GET", path: "/v2/usage", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLUsage",
		summary: "DeepL-compatible usage: the key's characters this calendar month (every API counted) and its monthly quota (10^12 when it has none)."},
	{method: "POST", path: "/v2/usage", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLUsage",
		summary: "DeepL-compatible usage: the key's characters this calendar month (every API counted) and its monthly quota (10^12 when it has none)."},

	{method: "GET", path: "/openapi.json", tag: "ops", summary: "This document."},
	{method: "GET", path: "/healthz", tag: "ops", summary: "Liveness."},
	{method: "GET", path: "/readyz", tag: "ops", summary: "Readiness: NATS connected and every service answering."},
	{method: "GET", path: "/metrics", tag: "ops", summary: "Prometheus metrics."},
}

var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

type obj = map[string]any

func str(desc string) obj { return obj{"type": "string", "description": desc} }

func strOrArray(desc string) obj {
	return obj{"description": desc, "oneOf": []any{obj{"type": "string"}, obj{"type": "array", "items": obj{"type": "string"}}}}
}

// openAPISchemas are the component schemas the table refers to.
var openAPISchemas = obj{
	"Object": obj{"type": "object"},
	"Error": obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": obj{
		"type": "object", "required": []string{"code", "status", "message"},
		"properties": obj{"code": str("machine-readable code"), "status": obj{"type": "integer"}, "message": str("what went wrong"),
			"field": str("the offending field"), "request_id": str("X-Request-Id of the request")}}}},
	"LibreError": obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": str("what went wrong")}},
	"DeepLError": obj{"type": "object", "required": []string{"message"}, "properties": obj{"message": str("what went wrong"), "detail": str("more detail")}},
	"TranslateRequest": obj{"type": "object", "required": []string{"text"}, "properties": obj{
		"text": str("message text"), "source": str("BCP 47 tag, or empty/auto to detect"), "target": str("BCP 47 tag; negotiated when empty"),
		"glossary": str("restrict glossary terms to this glossary id"), "locale": str("reader locale, used when target is empty"),
		"formality":       obj{"type": "string", "enum": []string{"default", "formal", "informal"}},
		"context":         obj{"type": "array", "items": obj{"type": "object", "properties": obj{"author": str(""), "text": str("")}}, "description": "up to 10 earlier messages, oldest first, never translated"},
		"conversation_id": str("the message's conversation (conversation glossaries; flags and experiments split by conversation)"),
		"message_id":      str("the message (an edit invalidates its cached translations)"),
		"user_id":         str("the chat product's id of the user the text is translated for: flags and A/B experiments split by user assign by it (without it, an experiment split by user does not apply)")}},
	"DetectRequest": obj{"type": "object", "required": []string{"text"}, "properties": obj{"text": str("text to identify")}},
	"View":          obj{"type": "object", "required": []string{"text", "status", "source_language", "target_language"}, "properties": obj{"text": str("translated text, or the original"), "status": str("translated or original"), "source_language": str(""), "target_language": str(""), "backend": str(""), "quality": obj{"type": "object"}, "safety": obj{"type": "object"}, "glossary": obj{"type": "object"}, "degraded": obj{"type": "array", "items": obj{"type": "string"}}, "experiment": experimentSchema}},
	"Detection":     obj{"type": "object", "required": []string{"language", "confidence"}, "properties": obj{"language": str("BCP 47 tag or und"), "confidence": obj{"type": "number"}}},
	"Languages":     obj{"type": "object", "properties": obj{"backends": obj{"type": "array", "items": obj{"type": "object"}}}},
	"LibreTranslateRequest": obj{"type": "object", "required": []string{"q", "source", "target"}, "properties": obj{
		"q": strOrArray("text, or an array of texts (JSON only)"), "source": str("language code or auto"), "target": str("language code"),
		"format": obj{"type": "string", "enum": []string{"text", "html"}}, "api_key": str("API key")}},
	"LibreDetectRequest": obj{"type": "object", "required": []string{"q"}, "properties": obj{"q": str("text"), "api_key": str("API key")}},
	"DeepLTranslateRequest": obj{"type": "object", "required": []string{"text", "target_lang"}, "properties": obj{
		"text":        obj{"type": "array", "items": obj{"type": "string"}, "description": "texts (repeat the field in a form)"},
		"target_lang": str("e.g. DE, EN-US, PT-BR, ZH-HANT"), "source_lang": str("e.g. EN; detected when absent"),
		"formality": obj{"type": "string", "enum": []string{"default", "more", "less", "prefer_more", "prefer_less"},
			"description": "passed on to the LLM rungs; more and less are 400 for a target without supports_formality (GET /v2/languages?type=target), prefer_* fall back to the default there"},
		"context":                str("text that helps translate the texts (not translated, not billed)"),
		"glossary_id":            str("glossary id; needs source_lang"),
		"glossary_ids":           obj{"type": "array", "items": obj{"type": "string"}, "maxItems": 1, "description": "one glossary id, as glossary_id (Parley applies one glossary per request)"},
		"tag_handling":           obj{"type": "string", "enum": []string{"xml", "html"}},
		"tag_handling_version":   obj{"type": "string", "enum": []string{"v1", "v2"}, "description": "checked, ignored"},
		"split_sentences":        obj{"type": "string", "enum": []string{"0", "1", "nonewlines"}, "description": "checked, ignored: each text goes to the translator whole"},
		"preserve_formatting":    obj{"description": "0, 1 or a boolean; checked, ignored"},
		"outline_detection":      obj{"description": "0, 1 or a boolean; checked, ignored"},
		"show_billed_characters": obj{"description": "0, 1 or a boolean; billed_characters is always returned"},
		"model_type":             obj{"type": "string", "enum": []string{"quality_optimized", "prefer_quality_optimized", "latency_optimized"}, "description": "checked, ignored"},
		"splitting_tags":         obj{"type": "array", "items": obj{"type": "string"}, "description": "ignored"},
		"non_splitting_tags":     obj{"type": "array", "items": obj{"type": "string"}, "description": "ignored"},
		"ignore_tags":            obj{"type": "array", "items": obj{"type": "string"}, "description": "not supported: a request that sets it is 400 (as are style_id, translation_memory_id and custom_instructions)"}}},
}

// OpenAPI returns the OpenAPI 3.1 document of the gateway.
func OpenAPI() map[string]any {
	paths := obj{}
	for _, op := range openAPIOps {
		p := echoParam.ReplaceAllString(op.path, "{$1}")
		item, _ := paths[p].(obj)
		if item == nil {
			item = obj{}
			paths[p] = item
		}
		errSchema := op.errors
		if errSchema == "" {
			errSchema = "Error"
		}
		errResp := obj{"description": "error", "content": obj{"application/json": obj{"schema": obj{"$ref": "#/components/schemas/" + errSchema}}}}
		okSchema := obj{"type": "object"}
		if op.response != "" {
			okSchema = obj{"$ref": "#/components/schemas/" + op.response}
		}
		okMedia := "application/json"
		if op.produces != "" {
			okMedia, okSchema = op.produces, obj{"type": "string"}
		}
		status := op.status
		if status == 0 {
			status = http.StatusOK
		}
		ok := obj{"description": "success", "content": obj{okMedia: obj{"schema": okSchema}}}
		if status == http.StatusNoContent {
			ok = obj{"description": "success, no body"}
		}
		o := obj{
			"operationId": strings.ToLower(op.method) + strings.NewReplacer("/", "_", ":", "", ".", "_").Replace(op.path),
			"summary":     op.summary,
			"tags":        []string{op.tag},
			"responses": obj{
				strconv.Itoa(status): ok,
				"default":            errResp,
			},
		}
		var params []any
		for _, m := range echoParam.FindAllStringSubmatch(op.path, -1) {
			params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": obj{"type": "string"}})
		}
		for _, q := range op.query {
			params = append(params, obj{"name": q.name, "in": "query", "description": q.description, "schema": obj{"type": "string"}})
		}
		if params != nil {
			o["parameters"] = params
		}
		if op.role != "" {
			o["security"] = []any{obj{"bearer": []string{}}, obj{"deeplAuthKey": []string{}}}
			o["description"] = "Needs a key with the " + op.role + " role (client reads are open when no keys are configured)."
		}
		if op.body != "" {
			media := obj{"schema": obj{"$ref": "#/components/schemas/" + op.body}}
			if op.example != nil {
				media["example"] = op.example
			}
			content := obj{"application/json": media}
			if op.forms {
				// readCompatParams reads both kinds of form.
				content["application/x-www-form-urlencoded"] = obj{"schema": obj{"$ref": "#/components/schemas/" + op.body}}
				content["multipart/form-data"] = obj{"schema": obj{"$ref": "#/components/schemas/" + op.body}}
			}
			o["requestBody"] = obj{"required": true, "content": content}
		}
		item[strings.ToLower(op.method)] = o
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "Parley gateway", "version": "1",
			"description": "Chat-message translation: Parley's own API, plus LibreTranslate- and DeepL v2-compatible endpoints."},
		"paths": paths,
		"components": obj{
			"schemas": openAPISchemas,
			"securitySchemes": obj{
				"bearer":       obj{"type": "http", "scheme": "bearer"},
				"deeplAuthKey": obj{"type": "apiKey", "in": "header", "name": "Authorization", "description": "DeepL-Auth-Key <key> (DeepL-compatible routes)"},
			},
		},
	}
}

func (s *Server) registerOpenAPI(e *echo.Echo) {
	doc := OpenAPI()
	e.GET("/openapi.json", func(c echo.Context) error { return c.JSON(http.StatusOK, doc) })
}
