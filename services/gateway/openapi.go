package gateway

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/parley-chat/parley/shared/api"
)

// openAPIOp documents one route. The document is built from this table so
// that tests can hold it against the echo router (every registered route
// must appear here, and nothing else) and against what each route answers
// (openapi_test.go calls every operation).
type openAPIOp struct {
	method, path string // path as registered with echo (":id")
	tag, summary string
	// role is the API key role the route needs ("" for open routes); see
	// openAPIAccess for what each role means and access to override it.
	role   string
	access string
	// body names a request schema in components; forms lists the other
	// media types that route accepts for the same fields; optionalBody
	// marks a body the route may go without.
	body         string
	forms        bool
	optionalBody bool
	// upload lists the media types a route takes as a raw file body; such
	// a route also takes the file as the "file" field of a multipart form.
	upload []string
	// query lists query parameters, headers request headers.
	query   []openAPIParam
	headers []openAPIParam
	// ifMatch marks a glossary write that takes If-Match (412 when it
	// names a version that is not current, 409 for a stale base_version).
	ifMatch bool
	// response names the success response schema ("" for a plain object).
	response string
	// status is the success status (0: 200). 204 has no body.
	status int
	// produces are the success body's media types ("": application/json);
	// their schema is a string.
	produces []string
	// etag marks a success answer that carries the glossary's version as
	// ETag; location one that names what it created in Location.
	etag, location bool
	// respHeaders are other headers of the success answer.
	respHeaders []openAPIParam
	// more are documented answers besides the success and the default
	// error.
	more []openAPIResponse
	// example is a request body that the handler accepts.
	example any
	// errors names the error schema the route answers with.
	errors string
}

type openAPIParam struct {
	name, description string
}

// openAPIResponse is a documented answer other than the success: an error
// in the route's error schema unless schema names another.
type openAPIResponse struct {
	status      int
	description string
	schema      string
	// headers are the headers of this answer (a retried post's Location).
	headers []openAPIParam
}

// Media types of the glossary files.
const (
	mediaCSV = "text/csv"
	mediaTSV = "text/tab-separated-values"
	mediaTBX = "application/x-tbx+xml"
)

// Request and response headers shared by several routes.
var (
	acceptLanguageHeader = openAPIParam{"Accept-Language", "the reader's languages, used when no locale (or target) is given"}
	ifMatchHeader        = openAPIParam{"If-Match", "the ETag of a read (\"N\", the glossary's version) or *: the write happens only if the glossary is still at that version (or exists), else 412 precondition_failed and nothing is written"}
	localeHeaders        = []openAPIParam{
		{"Content-Language", "the locale negotiated from locale or Accept-Language"},
		{"Parley-Locale-Match", "how well it matches what was asked: exact, high or low, and requested=\"…\""},
		{"Vary", "Accept-Language when no locale (or target) was given, since the header then chose the answer's language"}}
	safetyHeaders = []openAPIParam{{HeaderSafety, "what was done to each text, in order (allow, mask, hide); absent when every text was served as translated"}}
	// glossaryWriteQuery are the query parameters of the glossary writes
	// whose body is not the change's own document.
	glossaryWriteQuery = []openAPIParam{
		{"message", "the change's message in the glossary's history"},
		{"base_version", "the version the change is based on: 409 conflict when the glossary has moved on (If-Match does the same with 412)"}}
	versionQuery     = openAPIParam{"version", "an earlier version (default: the current one)"}
	conflictResp     = openAPIResponse{status: http.StatusConflict, description: "conflict: base_version is not the current version (or, on import with create=true, the glossary exists)"}
	preconditionResp = openAPIResponse{status: http.StatusPreconditionFailed,
		description: "precondition_failed: If-Match names a version that is not current (or is weak, or no version), or is * and the glossary does not exist; nothing was written"}
)

// openAPIOps is every route of the gateway.
var openAPIOps = []openAPIOp{
	{method: "POST", path: "/v1/translate", tag: "translate", role: "client", body: "TranslateRequest", response: "View",
		summary: "Translate one text through the pipeline (detect, glossary, translate chain, quality, safety). Without target, the locale field, the locale query parameter or Accept-Language picks it; the choice is reported in Content-Language and Parley-Locale-Match. format html translates markup a client will render: an answer that adds, drops or decodes markup is refused and the text is served as it was sent. A malformed language tag is 400 invalid_language, a well-formed one of no known language (xx) or one no rung serves 422 unsupported_language. hints go to detection when source is not given, checked as on POST /v1/detect.",
		query:   []openAPIParam{{"locale", "reader locale, used when target is omitted"}},
		headers: []openAPIParam{acceptLanguageHeader}, respHeaders: localeHeaders,
		example: map[string]any{"text": "hello", "source": "en", "target": "es"}},
	{method: "POST", path: "/v1/detect", tag: "translate", role: "client", body: "DetectRequest", response: "Detection",
		summary: "Detect the language of a text (docs/detect.md). hints (the sender's locale, the conversation's recent languages, Accept-Language) are weak priors that decide close calls only, such as a single word; spans asks for the single-language stretches of a mixed message. A hint that is no well-formed, valid BCP 47 tag (es-ES_tradnl) is 400 invalid_language, a well-formed one of no known language (xx) 422 unsupported_language, an Accept-Language with no readable entry 400 invalid_language, each on the hint's field (hints.sender_locale, hints.recent_languages[1], hints.accept_language), as the detect service answers them.",
		example: map[string]any{"text": "casa linda", "hints": map[string]any{"sender_locale": "pt-BR"}}},
	{method: "GET", path: "/v1/languages", tag: "translate", role: "client", response: "Languages",
		summary: "Backends of the translate chain with their languages and pairs."},

	{method: "GET", path: "/v1/glossaries", tag: "glossaries", role: "client", response: "GlossaryList",
		summary: "List the glossaries the key may read: every one for a key without a tenant, else the global ones and its tenant's."},
	{method: "POST", path: "/v1/glossaries", tag: "glossaries", role: "localization", body: "Glossary", status: 201, etag: true, location: true, response: "GlossaryChange",
		query: []openAPIParam{{"message", "the change's message in the glossary's history"}},
		more: []openAPIResponse{{status: http.StatusConflict, description: "conflict: a glossary with this id exists"},
			{status: http.StatusPreconditionFailed, description: "precondition_failed: the request has If-Match, which a create cannot meet (a new glossary has no version to match; * fails when nothing exists); nothing was created"}},
		summary: "Create a glossary (201, Location and ETag). A tenant's key creates its tenant's only: an omitted scope becomes its tenant, a global scope or another tenant's is 403. Unknown fields and repeated fields are refused (400 invalid_json). If-Match is never met here (412; a value that is no entity tag is 400): change an existing glossary with PUT."},
	{method: "GET", path: "/v1/glossaries/:id", tag: "glossaries", role: "client", etag: true, query: []openAPIParam{versionQuery}, response: "GlossaryInfo",
		summary: "Get a glossary, with its version as ETag (another tenant's is 404, as an unknown id; so on every /v1/glossaries/{id} route, and a tenant's key writing a global glossary gets 403)."},
	{method: "PUT", path: "/v1/glossaries/:id", tag: "glossaries", role: "localization", body: "GlossaryUpdate", ifMatch: true, etag: true, query: glossaryWriteQuery, response: "GlossaryChange",
		summary: "Update a glossary (fields left out stay as they are; entries, when given, replace them all). A body id other than the path's is 400; a scope change follows the create rule. Conditional on If-Match or base_version; message and base_version may be given in the body or the query (both: the same value, else 400)."},
	{method: "DELETE", path: "/v1/glossaries/:id", tag: "glossaries", role: "localization", ifMatch: true, query: glossaryWriteQuery, response: "GlossaryChange",
		summary: "Delete a glossary (a version of its history: a rollback restores it)."},
	{method: "GET", path: "/v1/glossaries/:id/entries", tag: "glossaries", role: "client", etag: true, response: "GlossaryEntries",
		query: []openAPIParam{{"q", "only entries whose terms, forbidden terms, note or id contain this (case-insensitive)"}, {"language", "only entries with a term in this language (BCP 47)"},
			versionQuery, {"offset", "entries to skip"}, {"limit", "page size, 1 to 1000 (default 100); a page of long entries may hold fewer: go on from next_offset"}},
		summary: "List a glossary's entries, a page at a time."},
	{method: "POST", path: "/v1/glossaries/:id/entries", tag: "glossaries", role: "localization", body: "GlossaryEntry", status: 201, ifMatch: true, etag: true, location: true, response: "GlossaryEntryResult",
		query: glossaryWriteQuery, summary: "Add an entry (201, Location and ETag; an id is generated when the body has none)."},
	{method: "GET", path: "/v1/glossaries/:id/entries/:entry", tag: "glossaries", role: "client", etag: true, query: []openAPIParam{versionQuery}, response: "GlossaryEntryResult",
		summary: "Get an entry, with its glossary's version as ETag."},
	{method: "PUT", path: "/v1/glossaries/:id/entries/:entry", tag: "glossaries", role: "localization", body: "GlossaryEntry", ifMatch: true, etag: true, response: "GlossaryEntryResult",
		query: glossaryWriteQuery, summary: "Replace an entry (a body id other than the path's is 400)."},
	{method: "DELETE", path: "/v1/glossaries/:id/entries/:entry", tag: "glossaries", role: "localization", ifMatch: true, etag: true, response: "GlossaryChange",
		query: glossaryWriteQuery, summary: "Delete an entry."},
	{method: "POST", path: "/v1/glossaries/:id/import", tag: "glossaries", role: "localization", ifMatch: true, etag: true, response: "GlossaryImportReport",
		upload: []string{mediaCSV, mediaTSV, mediaTBX, "application/tbx+xml", "application/xml", "text/xml", "application/octet-stream"},
		query: append([]openAPIParam{
			{"format", "tbx, tbx-v2, csv or tsv (default: from the Content-Type or the file name, else detected)"},
			{"dry_run", "true: validate and report, write nothing"},
			{"mode", "replace (default) or merge by entry id"},
			{"source", "the source language of a two-column file without a header"},
			{"target", "the target language of a two-column file without a header"},
			{"glossary_mode", "multilingual or one-way: the mode of a glossary the import creates"},
			{"create", "true: create the glossary, 409 if it exists"}}, glossaryWriteQuery...),
		summary: "Import entries from a TBX, CSV or TSV file, sent as the raw body (the format from ?format=, the Content-Type, else detected) or as the file field of a multipart form (the format also from the file name). The glossary is created when it does not exist. A file with problems is 400 with the report; ?dry_run=true reports without writing."},
	{method: "GET", path: "/v1/glossaries/:id/export", tag: "glossaries", role: "client", etag: true, produces: []string{mediaTBX, mediaCSV, mediaTSV},
		query:       []openAPIParam{{"format", "tbx (default, TBX-Basic v3), tbx-v2, csv or tsv"}, versionQuery},
		respHeaders: []openAPIParam{{"Content-Disposition", "attachment with the file name"}, {"X-Glossary-Version", "the exported version"}},
		summary:     "Export a glossary as a TBX (default), CSV or TSV file."},
	{method: "GET", path: "/v1/glossaries/:id/versions", tag: "glossaries", role: "client", response: "GlossaryVersions", query: []openAPIParam{{"limit", "how many of the newest versions to list, 1 to 1000 (default 100)"}},
		summary: "List a glossary's versions, newest first, with author, time, action and message."},
	{method: "GET", path: "/v1/glossaries/:id/diff", tag: "glossaries", role: "client", response: "GlossaryDiff",
		query:   []openAPIParam{{"from", "the version to compare from (required; 0 for an empty glossary)"}, {"to", "the version to compare to (default: the current one)"}},
		summary: "Diff two versions of a glossary: entries added, removed and changed, settings changed."},
	{method: "POST", path: "/v1/glossaries/:id/rollback", tag: "glossaries", role: "localization", body: "GlossaryRollback", ifMatch: true, etag: true, query: glossaryWriteQuery, response: "GlossaryChange",
		summary: "Roll a glossary back to a version (a new version with that content; a deleted glossary comes back). message and base_version may be given in the body or the query (both: the same value, else 400)."},

	{method: "POST", path: "/translate", tag: "libretranslate", role: "client", body: "LibreTranslateRequest", forms: true, errors: "LibreError", respHeaders: safetyHeaders, response: "LibreTranslateResponse",
		summary: "LibreTranslate-compatible translation (q as string or array, source \"auto\", api_key in the body or a key header). The tenant's safety policy applies: a masked text is served masked, a flagged one withheld (\"\") unless it is a moderator's correction flagged for laundering only; the Parley-Safety response header lists what was done to each text (docs/api.md).",
		example: map[string]any{"q": []string{"hello", "good morning"}, "source": "en", "target": "es", "format": "text"}},
	{method: "POST", path: "/detect", tag: "libretranslate", role: "client", body: "LibreDetectRequest", forms: true, errors: "LibreError", response: "LibreDetections",
		summary: "LibreTranslate-compatible language detection (api_key in the body or a key header): candidates in LibreTranslate's codes (zt, not zh-Hant), best first, only languages some rung translates from (as LibreTranslate lists only installed ones), so the first may be sent as source to POST /translate; [{\"confidence\": 0, \"language\": \"en\"}] when none is left.", example: map[string]any{"q": "hola amigo"}},
	{method: "GET", path: "/languages", tag: "libretranslate", errors: "LibreError", response: "LibreLanguages",
		summary: "LibreTranslate-compatible language list with targets, in LibreTranslate's codes. Open: it needs no key (a key presented must be valid)."},
	{method: "GET", path: "/health", tag: "libretranslate", errors: "LibreError", response: "Health",
		summary: "LibreTranslate-compatible liveness: {\"status\": \"ok\"} while the process serves, as GET /healthz (never shed, answered while the key store is not open yet)."},
	{method: "OPTIONS", path: "/translate", tag: "libretranslate", status: 204, errors: "LibreError", respHeaders: corsHeaders,
		summary: "CORS preflight of POST /translate: 204 with Access-Control-Allow-Methods OPTIONS, POST."},
	{method: "OPTIONS", path: "/detect", tag: "libretranslate", status: 204, errors: "LibreError", respHeaders: corsHeaders,
		summary: "CORS preflight of POST /detect: 204 with Access-Control-Allow-Methods OPTIONS, POST."},
	{method: "OPTIONS", path: "/languages", tag: "libretranslate", status: 204, errors: "LibreError", respHeaders: corsHeaders,
		summary: "CORS preflight of GET /languages: 204 with Access-Control-Allow-Methods GET, OPTIONS."},

	{method: "POST", path: "/v2/translate", tag: "deepl", role: "client", body: "DeepLTranslateRequest", forms: true, errors: "DeepLError", respHeaders: safetyHeaders, response: "DeepLTranslateResponse",
		more:    []openAPIResponse{{status: 456, description: "the key's monthly character quota is spent (DeepL's status)"}},
		summary: "DeepL API v2-compatible translation (Authorization: DeepL-Auth-Key <key>, or any key header). The tenant's safety policy applies: a masked text is served masked, a flagged one withheld (\"\") unless it is a moderator's correction flagged for laundering only; the Parley-Safety response header lists what was done to each text (docs/api.md).",
		example: map[string]any{"text": []string{"hello"}, "target_lang": "DE", "source_lang": "EN"}},
	{method: "GET", path: "/v2/languages", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLLanguages",
		query: []openAPIParam{{"type", "source (default) or target"}}, summary: deeplLanguagesSummary},
	{method: "POST", path: "/v2/languages", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLLanguages",
		body: "DeepLLanguagesRequest", forms: true, optionalBody: true,
		query: []openAPIParam{{"type", "source (default) or target, in the query string or the body"}}, summary: deeplLanguagesSummary},
	{method: "GET", path: "/v2/usage", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLUsage",
		summary: "DeepL-compatible usage: the key's characters this calendar month (every API counted) and its monthly quota (10^12 when it has none)."},
	{method: "POST", path: "/v2/usage", tag: "deepl", role: "client", errors: "DeepLError", response: "DeepLUsage",
		summary: "DeepL-compatible usage: the key's characters this calendar month (every API counted) and its monthly quota (10^12 when it has none)."},

	{method: "GET", path: "/openapi.json", tag: "ops", response: "OpenAPIDocument", summary: "This document."},
	{method: "GET", path: "/healthz", tag: "ops", response: "Health", summary: "Liveness."},
	{method: "GET", path: "/readyz", tag: "ops", response: "ReadyStatus",
		query:   []openAPIParam{{"all", "present: a service that does not answer is a 503 too (for scripts that wait for a whole deployment)"}},
		more:    []openAPIResponse{{status: http.StatusServiceUnavailable, description: "not ready: the same body, saying what is missing", schema: "ReadyStatus"}},
		summary: "Readiness: NATS connected, the key store open and the process's checks passing (503 otherwise); every service is pinged and listed, and one that does not answer makes the status degraded (still 200, unless ?all), as does chat storage that refused or did not answer the latest write (storage)."},
	{method: "GET", path: "/metrics", tag: "ops", role: "admin", produces: []string{"text/plain"},
		access:  "Open while no API key exists and GATEWAY_REQUIRE_KEYS is off; otherwise it needs an admin key (401 without a key, 403 with another), unless GATEWAY_METRICS_PUBLIC=true keeps it open. Prometheus scrapes METRICS_ADDR instead.",
		summary: "Prometheus metrics (text exposition format). Needs the admin role once keys exist, unless GATEWAY_METRICS_PUBLIC=true."},
}

// deeplLanguagesSummary describes GET and POST /v2/languages.
const deeplLanguagesSummary = "DeepL-compatible language list. Targets list English and Portuguese by variant (EN-GB, EN-US, PT-BR, PT-PT), and Chinese and Spanish also by the variants /v2/translate takes (ZH-HANS, ZH-HANT, ES-419), each with supports_formality."

// corsHeaders are the answer headers of a LibreTranslate preflight.
var corsHeaders = []openAPIParam{
	{"Allow", "the methods of the route"},
	{"Access-Control-Allow-Origin", "*"},
	{"Access-Control-Allow-Methods", "the methods of the route"},
	{"Access-Control-Allow-Headers", libreCORSHeaders},
	{"Access-Control-Max-Age", "86400"},
}

var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

type obj = map[string]any

func str(desc string) obj { return obj{"type": "string", "description": desc} }

func strOrArray(desc string) obj {
	return obj{"description": desc, "oneOf": []any{obj{"type": "string"}, obj{"type": "array", "items": obj{"type": "string"}}}}
}

func ref(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }

// anyCase lists an option's values for a schema enum as the server takes
// them: as documented (lower case), in upper case, and empty (the option
// not set). The server compares them in any case and without surrounding
// space ("Html" too), which no portable JSON Schema says (a pattern with
// (?i) is not one): anyCaseNote says it in the description.
func anyCase(values []string) []string {
	out := append([]string{""}, values...)
	for _, v := range values {
		if u := strings.ToUpper(v); u != v {
			out = append(out, u)
		}
	}
	return out
}

// anyCaseNote is the description of the values anyCase lists.
const anyCaseNote = "Any case is accepted (Html too; the enum lists the lower- and upper-case forms), surrounding space is ignored, and empty is the option not set"

// openAPISchemas are the component schemas the table refers to.
var openAPISchemas = obj{
	"Error": obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": obj{
		"type": "object", "required": []string{"code", "status", "message"},
		"properties": obj{"code": str("machine-readable code"), "status": obj{"type": "integer"}, "message": str("what went wrong"),
			"field": str("the offending field"), "request_id": str("X-Request-Id of the request")}}}},
	"LibreError": obj{"type": "object", "required": []string{"error"}, "properties": obj{"error": str("what went wrong")}},
	"DeepLError": obj{"type": "object", "required": []string{"message"}, "properties": obj{"message": str("what went wrong"), "detail": str("more detail")}},
	"TranslateRequest": obj{"type": "object", "required": []string{"text"}, "properties": obj{
		"text": str("message text"), "source": str("BCP 47 tag, or empty/auto to detect"), "target": str("BCP 47 tag; negotiated when empty"),
		"glossary": str("restrict glossary terms to this glossary id"), "locale": str("reader locale, used when target is empty"),
		"formality": obj{"type": "string", "enum": []string{"default", "formal", "informal"}},
		"format": obj{"type": "string", "enum": anyCase([]string{"text", "html"}), "default": "text",
			"description": "text: chat text, which a client escapes; html: markup the client renders, where an answer whose markup is not exactly the text's (an added <script> or <img>, a dropped tag, a decoded &lt;) is refused, as on the compatible APIs. Case is ignored (HTML is html; the enum lists the lower- and upper-case forms)"},
		"context":         obj{"type": "array", "items": obj{"type": "object", "properties": obj{"author": str(""), "text": str("")}}, "description": "up to 10 earlier messages, oldest first, never translated"},
		"conversation_id": str("the message's conversation (conversation glossaries; flags and experiments split by conversation)"),
		"message_id":      str("the message (an edit invalidates its cached translations)"),
		"user_id":         str("the chat product's id of the user the text is translated for: flags and A/B experiments split by user assign by it (without it, an experiment split by user does not apply)"),
		"hints":           obj{"$ref": "#/components/schemas/DetectHints"}}},
	"DetectRequest": obj{"type": "object", "required": []string{"text"}, "properties": obj{"text": str("text to identify"), "hints": obj{"$ref": "#/components/schemas/DetectHints"}, "spans": obj{"type": "boolean", "description": "true asks for the single-language stretches of the text (spans in the answer)"}}},
	"View":          obj{"type": "object", "required": []string{"text", "status", "source_language", "target_language"}, "properties": obj{"text": str("translated text, or the original"), "status": obj{"type": "string", "enum": []string{api.StatusTranslated, api.StatusOriginal}, "description": "translated, or original: the text as it was sent (see reason)"}, "reason": str("why the text is the original, with the detail: the rungs tried and what each answered (attempts lists them)"), "reason_code": reasonCodeSchema, "source_language": str(""), "target_language": str(""), "backend": str(""), "attempts": obj{"type": "array", "items": obj{"type": "object"}, "description": "rungs that failed and why"}, "quality": obj{"type": "object"}, "safety": obj{"type": "object"}, "glossary": obj{"type": "object"}, "degraded": obj{"type": "array", "items": obj{"type": "string"}}, "experiment": experimentSchema}},
	"Detection":     obj{"type": "object", "required": []string{"language", "confidence"}, "properties": obj{"language": str("BCP 47 tag or und"), "confidence": obj{"type": "number"}, "spans": obj{"type": "array", "items": obj{"type": "object"}, "description": "with spans: true, {start, end, language, confidence} per single-language stretch (byte offsets into the text in NFC)"}}},
	"Languages":     obj{"type": "object", "properties": obj{"backends": obj{"type": "array", "items": obj{"type": "object"}}}},
	"DetectHints": obj{"type": "object", "description": "what the caller knows besides the text: weak priors that decide close calls only, such as a single word (docs/detect.md); with a source given, checked and not used", "properties": obj{
		"sender_locale":    str("the sender's declared locale (BCP 47, pt_BR accepted)"),
		"recent_languages": obj{"type": "array", "items": obj{"type": "string"}, "description": "detected languages of the conversation's latest messages, newest first (BCP 47); und entries are ignored, at most 20 are read"},
		"accept_language":  str("the sender's client Accept-Language header, as sent; entries that cannot be read are skipped, and only a header with no readable entry is 400")}},
	"ReadyStatus": obj{"type": "object", "required": []string{"status", "nats", "keys", "services"}, "properties": obj{
		"status": obj{"type": "string", "enum": []string{"ready", "degraded", "not ready"}}, "nats": str("NATS connection status"),
		"keys":     obj{"type": "string", "enum": []string{"ok", "unavailable"}, "description": "the API key store and usage counters: unavailable until they are open (every route but the probes answers 503)"},
		"services": obj{"type": "object", "additionalProperties": obj{"type": "string"}, "description": "each service: ok or unavailable"},
		"storage": obj{"type": "string", "enum": []string{storageOK, storageFull, storageUnanswered},
			"description": "what this replica's latest chat write found of JetStream's storage: ok; full (refused for room: the chat stream's MESSAGES_MAX_BYTES or the file store's max_file_store); unanswered (no answer in time: a disk that filled up, or a leader election). Not ok makes the status degraded (still 200, unless ?all) for 5 minutes, or until a write is stored"},
		"waiting": str("a check of this process that has not passed yet")}},
	"LibreTranslateRequest": obj{"type": "object", "required": []string{"q", "source", "target"}, "properties": obj{
		"q": strOrArray("text, or an array of texts (JSON only)"), "source": str("language code or auto"), "target": str("language code"),
		"format":  obj{"type": "string", "enum": anyCase([]string{"text", "html"}), "description": "text (default) or html, in any case (HTML is html; the enum lists the lower- and upper-case forms); any other value is 400 \"<format> format is not supported\""},
		"api_key": str("API key (or a key header)")}},
	"LibreDetectRequest": obj{"type": "object", "required": []string{"q"}, "properties": obj{"q": str("text"), "api_key": str("API key (or a key header)")}},
	"DeepLTranslateRequest": obj{"type": "object", "required": []string{"text", "target_lang"}, "properties": obj{
		"text":        strOrArray("the texts: an array, or one string (repeat the field in a form)"),
		"target_lang": str("e.g. DE, EN-US, PT-BR, ZH-HANT"), "source_lang": str("e.g. EN; detected when absent"),
		"formality": obj{"type": "string", "enum": anyCase(deeplEnums["formality"]),
			"description": "passed on to the LLM rungs; more and less are 400 for a target without supports_formality (GET /v2/languages?type=target) and, with source_lang, for a pair no LLM rung serves (an engine ignores the register); prefer_* fall back to the default there. Without source_lang only the target is checked (docs/api.md). " + anyCaseNote},
		"context":                str("text that helps translate the texts (not translated, not billed)"),
		"glossary_id":            str("glossary id; needs source_lang"),
		"glossary_ids":           obj{"type": "array", "items": obj{"type": "string"}, "maxItems": 1, "description": "one glossary id, as glossary_id (Parley applies one glossary per request)"},
		"tag_handling":           obj{"type": "string", "enum": anyCase(deeplEnums["tag_handling"]), "description": "html or xml: HTML mode. " + anyCaseNote},
		"tag_handling_version":   obj{"type": "string", "enum": anyCase(deeplEnums["tag_handling_version"]), "description": "checked, ignored. " + anyCaseNote},
		"split_sentences":        obj{"type": "string", "enum": anyCase(deeplEnums["split_sentences"]), "description": "checked, ignored: each text goes to the translator whole. " + anyCaseNote},
		"preserve_formatting":    obj{"description": "0, 1 or a boolean; checked, ignored"},
		"outline_detection":      obj{"description": "0, 1 or a boolean; checked, ignored"},
		"show_billed_characters": obj{"description": "0, 1 or a boolean; billed_characters is always returned"},
		"model_type":             obj{"type": "string", "enum": anyCase(deeplEnums["model_type"]), "description": "checked, ignored. " + anyCaseNote},
		"splitting_tags":         obj{"type": "array", "items": obj{"type": "string"}, "description": "ignored"},
		"non_splitting_tags":     obj{"type": "array", "items": obj{"type": "string"}, "description": "ignored"},
		"ignore_tags":            obj{"type": "array", "items": obj{"type": "string"}, "description": "not supported: a request that sets it is 400 (as are style_id, translation_memory_id and custom_instructions)"}}},

	"DeepLTranslation": obj{"type": "object", "required": []string{"detected_source_language", "text", "billed_characters"}, "properties": obj{
		"detected_source_language": str("source_lang when given, else the detected language, in upper case (EN); UND when neither names it"),
		"text":                     str("the translation, or the text as it was"),
		"billed_characters":        obj{"type": "integer", "description": "the text's characters when it was translated, 0 when it came back as it was"}}},
	"DeepLTranslateResponse": obj{"type": "object", "required": []string{"translations"}, "properties": obj{
		"translations": obj{"type": "array", "items": ref("DeepLTranslation"), "description": "one per text, in order"}}},
	"DeepLLanguagesRequest": obj{"type": "object", "properties": obj{
		"type": obj{"type": "string", "enum": []string{"source", "target"}, "description": "source (default) or target; or in the query string"}}},
	"DeepLLanguage": obj{"type": "object", "required": []string{"language", "name"}, "properties": obj{
		"language": str("DeepL's code: DE, EN-US, PT-BR, ZH-HANT, ES-419"), "name": str("English name"),
		"supports_formality": obj{"type": "boolean", "description": "targets only: a rung that follows a register (an LLM) writes it"}}},
	"DeepLLanguages": obj{"type": "array", "items": ref("DeepLLanguage")},
	"LibreDetection": obj{"type": "object", "required": []string{"confidence", "language"}, "properties": obj{
		"confidence": obj{"type": "number", "minimum": 0, "maximum": 100},
		"language":   str("LibreTranslate's code (zt, pb; not zh-Hant); und in /translate for a text detection could not place")}},
	"LibreDetections": obj{"type": "array", "minItems": 1, "items": ref("LibreDetection"), "description": "best first"},
	"LibreLanguage": obj{"type": "object", "required": []string{"code", "name", "targets"}, "properties": obj{
		"code": str("LibreTranslate's code (pb, zh, zt, the base language otherwise)"), "name": str("English name"),
		"targets": obj{"type": "array", "items": obj{"type": "string"}}}},
	"LibreLanguages": obj{"type": "array", "items": ref("LibreLanguage")},
	"LibreTranslateResponse": obj{"type": "object", "required": []string{"translatedText"}, "properties": obj{
		"translatedText": strOrArray("the translation; an array for an array q"),
		"detectedLanguage": obj{"description": "with source auto: what was detected (an array for an array q)",
			"oneOf": []any{ref("LibreDetection"), obj{"type": "array", "items": ref("LibreDetection")}}}}},
	"Health": obj{"type": "object", "required": []string{"status"}, "properties": obj{"status": obj{"type": "string", "enum": []string{"ok"}}}},
	"OpenAPIDocument": obj{"type": "object", "required": []string{"openapi", "info", "servers", "paths", "components"}, "properties": obj{
		"openapi": str("3.1.0"),
		"info":    obj{"type": "object", "required": []string{"title", "version"}, "properties": obj{"title": str(""), "version": str(""), "description": str("")}},
		"servers": obj{"type": "array", "items": obj{"type": "object", "required": []string{"url"}, "properties": obj{"url": str("")}}},
		"paths":   obj{"type": "object", "additionalProperties": obj{"type": "object"}},
		"components": obj{"type": "object", "required": []string{"schemas", "securitySchemes"}, "properties": obj{
			"schemas": obj{"type": "object", "additionalProperties": obj{"type": "object"}}, "securitySchemes": obj{"type": "object", "additionalProperties": obj{"type": "object"}}}}}},

	"GlossaryTerm": obj{"type": "object", "required": []string{"language"}, "properties": obj{
		"language": str("BCP 47 tag"), "text": str("the preferred term (empty when the language only lists forbidden terms)"),
		"forbidden": obj{"type": "array", "items": obj{"type": "string"}, "description": "renderings that must not appear in a translation"}}},
	"GlossaryEntry": obj{"type": "object", "required": []string{"terms"}, "description": "unknown fields are refused (400 invalid_json)", "properties": obj{
		"id": str("entry id (generated when empty on POST)"), "terms": obj{"type": "array", "items": ref("GlossaryTerm")},
		"do_not_translate": obj{"type": "boolean"}, "case_sensitive": obj{"type": "boolean"},
		"whole_word": obj{"type": "boolean", "description": "default true"}, "inflection": obj{"type": "string", "enum": []string{"exact", "stem", "prefix"}},
		"part_of_speech": str(""), "note": str("")}},
	"Glossary": obj{"type": "object", "required": []string{"id"}, "description": "unknown fields are refused (400 invalid_json)", "properties": glossaryProps(obj{})},
	"GlossaryUpdate": obj{"type": "object", "description": "fields left out stay as they are; unknown fields are refused (400 invalid_json)", "properties": glossaryProps(obj{
		"message":      str("the change's message in the glossary's history"),
		"base_version": obj{"type": "integer", "description": "the version the change is based on: 409 conflict when the glossary has moved on (If-Match does the same with 412)"}})},
	"GlossaryRollback": obj{"type": "object", "required": []string{"version"}, "description": "unknown fields are refused (400 invalid_json)", "properties": obj{
		"version": obj{"type": "integer", "description": "the version whose content to restore"}, "message": str("the change's message"),
		"base_version": obj{"type": "integer", "description": "as on PUT"}}},
	"GlossaryList":    obj{"type": "object", "required": []string{"glossaries"}, "properties": obj{"glossaries": obj{"type": "array", "items": ref("GlossaryInfo")}}},
	"GlossaryEntries": obj{"type": "object", "required": []string{"glossary", "version", "total", "offset", "entries"}, "properties": obj{"glossary": str(""), "version": obj{"type": "integer"}, "entries": obj{"type": "array", "items": ref("GlossaryEntry")}, "total": obj{"type": "integer"}, "offset": obj{"type": "integer"}, "next_offset": obj{"type": "integer", "description": "set when more entries follow"}}},
	// GlossaryInfo is what the glossary routes answer: entries is a count
	// here, where the Glossary a create sends holds the entries.
	"GlossaryInfo": obj{"type": "object", "required": []string{"id", "source", "targets", "entries", "scope"},
		"description": "a glossary's settings and version; entries is how many it has (the Glossary a create sends holds them)", "properties": obj{
			"id": str(""), "source": str("its first language column"), "targets": obj{"type": "array", "items": obj{"type": "string"}, "description": "its other language columns"},
			"entries": obj{"type": "integer", "description": "how many entries it has"},
			"name":    str(""), "description": str(""), "mode": glossaryModeSchema,
			"languages": obj{"type": "array", "items": obj{"type": "string"}}, "scope": glossaryScopeSchema,
			"priority": obj{"type": "integer"}, "version": obj{"type": "integer", "description": "its current version (the ETag)"},
			"created_at": obj{"type": "string", "format": "date-time"}, "updated_at": obj{"type": "string", "format": "date-time"},
			"updated_by": str("the key that made the current version"), "deleted": obj{"type": "boolean"}}},
	"GlossaryVersion": obj{"type": "object", "required": []string{"glossary", "version", "author", "time", "action", "hash", "entries"}, "properties": obj{
		"glossary": str(""), "version": obj{"type": "integer"}, "author": str("the key that made it"),
		"time": obj{"type": "string", "format": "date-time"}, "created": obj{"type": "string", "format": "date-time", "description": "when the glossary was created"},
		"action":  obj{"type": "string", "enum": []string{"create", "update", "entry", "import", "sync", "rollback", "delete"}},
		"message": str(""), "hash": str("SHA-256 of the document"), "entries": obj{"type": "integer", "description": "how many entries the version has"},
		"deleted": obj{"type": "boolean"}, "rollback_of": obj{"type": "integer", "description": "the version a rollback restored"}}},
	"GlossaryChange": obj{"type": "object", "required": []string{"glossary"}, "description": "a write's answer: the glossary as it now is, and the version the write made (absent when it changed nothing)",
		"properties": obj{"glossary": ref("GlossaryInfo"), "change": ref("GlossaryVersion")}},
	"GlossaryEntryResult": obj{"type": "object", "required": []string{"glossary", "version", "entry"}, "properties": obj{
		"glossary": str("the glossary id"), "version": obj{"type": "integer", "description": "the glossary's version (after a write, the new one)"},
		"entry": ref("GlossaryEntry"), "change": ref("GlossaryVersion"),
		"languages_added": obj{"type": "array", "items": obj{"type": "string"}, "description": "language columns the written entry added"}}},
	"GlossaryVersions": obj{"type": "object", "required": []string{"glossary", "versions"}, "properties": obj{
		"glossary": str(""), "versions": obj{"type": "array", "items": ref("GlossaryVersion"), "description": "newest first"}}},
	"GlossaryDiff": obj{"type": "object", "required": []string{"glossary", "from", "to", "settings", "added", "removed", "changed", "added_count", "removed_count", "changed_count"}, "properties": obj{
		"glossary": str(""), "from": obj{"type": "integer"}, "to": obj{"type": "integer"},
		"settings": obj{"type": "array", "items": obj{"type": "object", "required": []string{"field", "from", "to"}, "properties": obj{"field": str(""), "from": str(""), "to": str("")}}},
		"added":    obj{"type": "array", "items": ref("GlossaryEntry")}, "removed": obj{"type": "array", "items": ref("GlossaryEntry")},
		"changed": obj{"type": "array", "items": obj{"type": "object", "required": []string{"id", "from", "to"}, "properties": obj{
			"id": str(""), "from": ref("GlossaryEntry"), "to": ref("GlossaryEntry")}}},
		"added_count": obj{"type": "integer"}, "removed_count": obj{"type": "integer"}, "changed_count": obj{"type": "integer"},
		"truncated": obj{"type": "boolean", "description": "the lists are cut (the counts are complete)"}}},
	"GlossaryImportReport": obj{"type": "object", "properties": obj{
		"format": str("the format read"), "dry_run": obj{"type": "boolean"}, "valid": obj{"type": "boolean"},
		"added": obj{"type": "integer"}, "changed": obj{"type": "integer"}, "removed": obj{"type": "integer"},
		"problems": obj{"type": "array", "items": obj{"type": "object"}}, "change": obj{"$ref": "#/components/schemas/GlossaryVersion", "description": "the version written (absent on a dry run)"},
		"changed_fields_truncated": obj{"type": "boolean", "description": "changed_fields lists only the first changed entries"}, "changed_fields": obj{"type": "array",
			"description": "per changed entry, the fields that change (terms.<language>, forbidden.<language>, do_not_translate, case_sensitive, whole_word, inflection, part_of_speech, note); a merge changes only what the file carries",
			"items":       obj{"type": "object", "properties": obj{"id": str("entry id"), "fields": obj{"type": "array", "items": obj{"type": "string"}}}}}}},
}

// A glossary's mode and scope, in its document and in what the routes
// answer.
var (
	glossaryModeSchema  = obj{"type": "string", "enum": []string{"multilingual", "one-way"}}
	glossaryScopeSchema = obj{"type": "object", "properties": obj{"kind": obj{"type": "string", "enum": []string{"global", "tenant", "conversation", ""},
		"description": "global, tenant or conversation; empty is global in a document (or, for a tenant's key, its tenant), and the scope of a deleted glossary's answer"},
		"tenant": str(""), "conversation": str("")}}
)

// glossaryProps are a glossary document's settings and entries, plus more.
func glossaryProps(more obj) obj {
	p := obj{
		"id": str("glossary id (the path's, on PUT)"), "name": str(""), "description": str(""),
		"mode":      glossaryModeSchema,
		"languages": obj{"type": "array", "items": obj{"type": "string"}, "description": "language columns in order (a one-way glossary's first is its source)"},
		"scope":     glossaryScopeSchema,
		"priority":  obj{"type": "integer", "description": "the higher wins between glossaries matching the same words"},
		"entries":   obj{"type": "array", "items": ref("GlossaryEntry")},
	}
	for k, v := range more {
		p[k] = v
	}
	return p
}

// keySchemes are the ways of presenting a key that every keyed route
// accepts (presentedKey); /v2 also takes DeepL's legacy auth_key query
// parameter, and the LibreTranslate routes api_key in the body, which
// OpenAPI has no scheme for (their request schemas have the field).
var keySchemes = []string{"bearer", "apiKeyHeader", "deeplAuthKey"}

// openAPIAccess says who may call op.
func openAPIAccess(op openAPIOp) string {
	switch {
	case op.access != "":
		return op.access
	case op.role == "":
		return ""
	case op.role == string(RoleClient):
		return "Needs an API key (any role) once keys exist; open while none is configured, unless GATEWAY_REQUIRE_KEYS=true."
	}
	return "Needs an API key with the " + op.role + " role (admin holds every role)."
}

// clientWriteAccess is who may call the chat clients' writes
// (requireClientWrite): unlike the reads, not a key of any role.
const clientWriteAccess = "Needs an API key with the client role (admin holds every role) once keys exist: a key of another role, which may read, is refused (403); open while none is configured, unless GATEWAY_REQUIRE_KEYS=true."

// OpenAPI returns the OpenAPI 3.1 document of the gateway.
func OpenAPI() map[string]any {
	paths := obj{}
	var first []openAPIOp // each path's first operation, in table order
	for _, op := range openAPIOps {
		p := echoParam.ReplaceAllString(op.path, "{$1}")
		item, _ := paths[p].(obj)
		if item == nil {
			item = obj{}
			paths[p] = item
			first = append(first, op)
		}
		item[strings.ToLower(op.method)] = openAPIOperation(op)
		if op.method == http.MethodGet {
			item["head"] = openAPIHeadOperation(op)
		}
	}
	for _, op := range first {
		item := paths[echoParam.ReplaceAllString(op.path, "{$1}")].(obj)
		if _, ok := item["options"]; !ok {
			item["options"] = openAPIOptionsOperation(op)
		}
	}
	return obj{
		"openapi": "3.1.0",
		// Relative to where the document was fetched: the gateway
		// serves it from its own root.
		"servers": []any{obj{"url": "/", "description": "the gateway that serves this document"}},
		"info": obj{"title": "Parley gateway", "version": "1",
			"description": "Chat-message translation: Parley's own API, plus LibreTranslate- and DeepL v2-compatible endpoints. " +
				"Every GET route also answers HEAD (each has its head operation): the GET's status and headers (ETag, Content-Type, Content-Language…), with the same key and limits, and no body. Every route takes X-Request-Id (echoed, and in errors) and Parley-Timeout-Ms (a shorter budget). " +
				"A key is presented as Authorization: Bearer <key>, Authorization: DeepL-Auth-Key <key> or X-API-Key: <key> on every route; a presented key that is not valid is refused (401, 403 on the compatible APIs) even on open routes."},
		"paths": paths,
		"components": obj{
			"schemas": openAPISchemas,
			"securitySchemes": obj{
				"bearer":            obj{"type": "http", "scheme": "bearer", "description": "Authorization: Bearer <key> (every route)"},
				"apiKeyHeader":      obj{"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "X-API-Key: <key> (every route)"},
				"deeplAuthKey":      obj{"type": "apiKey", "in": "header", "name": "Authorization", "description": "Authorization: DeepL-Auth-Key <key> (DeepL's scheme, every route)"},
				"deeplAuthKeyQuery": obj{"type": "apiKey", "in": "query", "name": "auth_key", "description": "DeepL's legacy auth_key query parameter (/v2 routes only)"},
			},
		},
	}
}

// openAPIOptionsOperation is the OPTIONS answer echo gives every path
// with a route and no OPTIONS route of its own (the LibreTranslate
// preflights are routes): 204 with the path's methods in Allow, no body,
// no CORS headers and no key needed. op is the path's first operation,
// whose tag and error shape it shares.
func openAPIOptionsOperation(op openAPIOp) obj {
	p := echoParam.ReplaceAllString(op.path, "{$1}")
	o := openAPIOperation(openAPIOp{method: http.MethodOptions, path: op.path, tag: op.tag, errors: op.errors, status: http.StatusNoContent,
		respHeaders: []openAPIParam{{"Allow", "the methods of the path, with HEAD beside GET (every GET route answers it) and OPTIONS"}}})
	o["summary"] = "The methods of " + p + ": 204 with Allow, no body (no CORS headers: only the LibreTranslate routes allow other origins)."
	if op.path == "/metrics" {
		// Its guard (ops.go) goes by the path, whatever the method.
		o = openAPIOperation(openAPIOp{method: http.MethodOptions, path: op.path, tag: op.tag, role: op.role, access: op.access, status: http.StatusNoContent,
			respHeaders: []openAPIParam{{"Allow", "GET, HEAD, OPTIONS"}}})
		o["summary"] = "The methods of /metrics: 204 with Allow, no body; the key GET /metrics needs."
	}
	return o
}

// openAPIHeadOperation is the HEAD of a GET route (headAsGet): the GET's
// parameters, security, statuses and headers, and no body in any answer.
func openAPIHeadOperation(get openAPIOp) obj {
	o := openAPIOperation(get)
	o["operationId"] = "head" + strings.TrimPrefix(o["operationId"].(string), "get")
	o["summary"] = "HEAD of GET " + echoParam.ReplaceAllString(get.path, "{$1}") + ": its status and headers, without the body."
	for _, r := range o["responses"].(obj) {
		delete(r.(obj), "content")
	}
	return o
}

// openAPIOperation is the document of one operation.
func openAPIOperation(op openAPIOp) obj {
	errSchema := op.errors
	if errSchema == "" {
		errSchema = "Error"
	}
	jsonOf := func(schema obj) obj { return obj{"application/json": obj{"schema": schema}} }

	status := op.status
	if status == 0 {
		status = http.StatusOK
	}
	ok := obj{"description": "success"}
	if status != http.StatusNoContent {
		okSchema := obj{"type": "object"}
		if op.response != "" {
			okSchema = ref(op.response)
		}
		content := jsonOf(okSchema)
		if len(op.produces) > 0 {
			content = obj{}
			for _, mt := range op.produces {
				content[mt] = obj{"schema": obj{"type": "string"}}
			}
		}
		ok["content"] = content
	}
	headers := obj{}
	if op.etag {
		headers["ETag"] = obj{"description": "the glossary's version, \"N\": send it back in If-Match", "schema": obj{"type": "string"}}
	}
	if op.location {
		headers["Location"] = obj{"description": "the path of what was created", "schema": obj{"type": "string"}}
	}
	for _, h := range op.respHeaders {
		headers[h.name] = obj{"description": h.description, "schema": obj{"type": "string"}}
	}
	if len(headers) > 0 {
		ok["headers"] = headers
	}
	responses := obj{
		strconv.Itoa(status): ok,
		"default":            obj{"description": "error", "content": jsonOf(ref(errSchema))},
	}
	more := op.more
	if op.ifMatch {
		more = slices.Concat(more, []openAPIResponse{conflictResp, preconditionResp})
	}
	for _, r := range more {
		schema := r.schema
		if schema == "" {
			schema = errSchema
		}
		resp := obj{"description": r.description, "content": jsonOf(ref(schema))}
		if len(r.headers) > 0 {
			hs := obj{}
			for _, h := range r.headers {
				hs[h.name] = obj{"description": h.description, "schema": obj{"type": "string"}}
			}
			resp["headers"] = hs
		}
		responses[strconv.Itoa(r.status)] = resp
	}

	o := obj{
		"operationId": strings.ToLower(op.method) + strings.NewReplacer("/", "_", ":", "", ".", "_").Replace(op.path),
		"summary":     op.summary,
		"tags":        []string{op.tag},
		"responses":   responses,
	}
	var params []any
	for _, m := range echoParam.FindAllStringSubmatch(op.path, -1) {
		params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": obj{"type": "string"}})
	}
	for _, q := range op.query {
		params = append(params, obj{"name": q.name, "in": "query", "description": q.description, "schema": obj{"type": "string"}})
	}
	hs := op.headers
	if op.ifMatch {
		hs = slices.Concat(hs, []openAPIParam{ifMatchHeader})
	}
	for _, h := range hs {
		params = append(params, obj{"name": h.name, "in": "header", "description": h.description, "schema": obj{"type": "string"}})
	}
	if params != nil {
		o["parameters"] = params
	}
	if op.role != "" {
		var sec []any
		for _, s := range keySchemes {
			sec = append(sec, obj{s: []string{}})
		}
		if strings.HasPrefix(op.path, "/v2/") {
			sec = append(sec, obj{"deeplAuthKeyQuery": []string{}})
		}
		o["security"] = sec
	} else {
		// Open: no key needed.
		o["security"] = []any{}
	}
	if a := openAPIAccess(op); a != "" {
		o["description"] = a
	}
	switch {
	case op.body != "":
		media := obj{"schema": ref(op.body)}
		if op.example != nil {
			media["example"] = op.example
		}
		content := obj{"application/json": media}
		if op.forms {
			// readCompatParams reads both kinds of form.
			content["application/x-www-form-urlencoded"] = obj{"schema": ref(op.body)}
			content["multipart/form-data"] = obj{"schema": ref(op.body)}
		}
		o["requestBody"] = obj{"required": !op.optionalBody, "content": content}
	case len(op.upload) > 0:
		content := obj{}
		for _, mt := range op.upload {
			content[mt] = obj{"schema": obj{"type": "string", "description": "the file"}}
		}
		content["multipart/form-data"] = obj{"schema": obj{"type": "object", "required": []string{"file"},
			"properties": obj{"file": obj{"type": "string", "contentMediaType": "application/octet-stream", "description": "the file (.tbx, .csv or .tsv)"}}}}
		o["requestBody"] = obj{"required": true, "content": content}
	}
	return o
}

func (s *Server) registerOpenAPI(e *echo.Echo) {
	doc := OpenAPI()
	e.GET("/openapi.json", func(c echo.Context) error { return c.JSON(http.StatusOK, doc) })
}
