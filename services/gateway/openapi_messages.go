package gateway

import (
	"net/http"

	"github.com/parley-chat/parley/shared/api"
)

// tenantShareFull is the 429 of a post or an edit past the tenant's share
// of the chat stream (messages.Log.Admit).
const tenantShareFull = "rate_limited: the caller's tenant's messages hold its share of the chat stream (MESSAGES_MAX_BYTES_PER_TENANT): nothing is stored until retention makes room (Retry-After); deletes and other tenants' writes go on"

// messagesOps documents the routes of messages.go and demo.go.
var messagesOps = []openAPIOp{
	{method: "POST", path: "/v1/messages", tag: "messages", role: "client", access: clientWriteAccess, body: "MessageRequest", response: "Message", status: 201,
		more: []openAPIResponse{
			{status: http.StatusOK, description: "the same post again (a retry after a lost answer): the stored message, nothing posted", schema: "Message",
				headers: []openAPIParam{{"Location", "the posted message: /v1/messages/{id}, as on the first answer"}}},
			{status: http.StatusConflict, description: "conflict: the caller's tenant holds a message with this id and another conversation, author, text, source, reply_to or sender_locale, or deleted it"},
			{status: http.StatusUnsupportedMediaType, description: "unsupported_media_type: a Content-Type that is not JSON, or declares a charset other than utf-8 (none is read as JSON)"},
			{status: http.StatusTooManyRequests, description: tenantShareFull}},
		respHeaders: []openAPIParam{{"Location", "the posted message: /v1/messages/{id} (on 201)"}},
		summary:     "Post a chat message (stored in the chat stream; an id is generated when none is given; ids are unique per tenant: another tenant's message of the same id is no conflict). Answers 201, with Location, once the message can be read back. Unknown fields (replyTo for reply_to) and fields given twice are 400 invalid_json. A post repeating the id of one the caller's tenant holds, with the same conversation, author, text, source, reply_to and sender_locale, is a retry: 200 with the stored message, nothing posted; another body with that id is 409. Text with no visible character is 400 empty_text, text over 10000 characters in Unicode NFC (the form it is stored in) 413 text_too_long; a malformed source or sender_locale is 400 invalid_language, a well-formed one of no known language (xx) 422 unsupported_language; a reply_to that is not a message of the same conversation the caller can read is 404 (not_found, field reply_to), and a message replying to itself 400.",
		example:     map[string]any{"conversation": "openapi-example", "author": "ana", "text": "hello", "source": "en"}},
	{method: "PATCH", path: "/v1/messages/:id", tag: "messages", role: "client", access: clientWriteAccess, body: "MessageEditRequest", response: "Message",
		more: []openAPIResponse{
			{status: http.StatusNotFound, description: "not_found: the caller's tenant holds no message of this id"},
			{status: http.StatusConflict, description: "conflict: the message is deleted, or changed concurrently more often than the edit could be rebuilt"},
			{status: http.StatusPreconditionFailed, description: "precondition_failed: If-Match (or revision) names a revision the message is no longer at; nothing was changed"},
			{status: http.StatusUnsupportedMediaType, description: "unsupported_media_type: a Content-Type that is not JSON, or declares a charset other than utf-8 (none is read as JSON)"},
			{status: http.StatusTooManyRequests, description: tenantShareFull}},
		headers: []openAPIParam{{"If-Match", "the message's revision as an entity tag (\"3\"): the edit applies only while the message is at it (412 otherwise), as the body's revision"}},
		summary: "Edit a message's text, and correct its declared language with source (as on POST; absent or empty keeps it, auto drops it so that views detect); either may come alone: its revision goes up, its cached translations are invalidated and readers get new views. Edits are applied to the state they were read from (the store checks that no other write came between): concurrent edits of text and of source both stay, and each answer is the message as its own edit left it. If-Match: \"N\" or revision N makes the edit conditional (412 when stale). Unknown fields (author, conversation) and fields given twice are 400 invalid_json. An edit that changes neither text nor source (a retry after a lost answer) is 200 with the message as it is, no new revision and no event."},
	{method: "DELETE", path: "/v1/messages/:id", tag: "messages", role: "client", access: clientWriteAccess, response: "Message",
		more: []openAPIResponse{
			{status: http.StatusNotFound, description: "not_found: the caller's tenant holds no message of this id"},
			{status: http.StatusConflict, description: "conflict: the message changed concurrently"}},
		summary: "Delete a message: views show it as deleted, without its text. Deleting a deleted message is 200 with it, as it is."},
	{method: "GET", path: "/v1/messages/:id", tag: "messages", role: "client", response: "MessageView",
		summary: "One message in the reader's locale (locale parameter or Accept-Language; the choice is reported in Content-Language and Parley-Locale-Match), with a label in the reader's language, text direction, quality and safety. A translated view counts its message's characters against the key's monthly quota; a spent quota is a 429 (rate_limited, Retry-After) before anything is translated.",
		query:   []openAPIParam{{"locale", "reader locale"}, {"original", "true to add the message as written (not for masked or hidden messages)"}, userIDParam},
		headers: []openAPIParam{acceptLanguageHeader}, respHeaders: localeHeaders},
	{method: "GET", path: "/v1/conversations/:id/messages", tag: "messages", role: "client", response: "MessagePage",
		summary: "A page of a conversation in the reader's locale, oldest first, translated in one call (concurrently, with the earlier messages as context). A query parameter the route does not take (after=: pages go back from the newest, or from before; the event stream takes after) or one sent twice is 400 invalid_argument naming it. The translated views count their messages' characters against the key's monthly quota; a page whose characters do not fit in what is left is a 429 (rate_limited, Retry-After) before anything is translated: ask for a smaller limit.",
		query: []openAPIParam{{"locale", "reader locale"}, {"before", "message id: the page before it (the response's before)"},
			{"limit", "messages per page, 1 to 200 (default 50)"}, {"original", "true to add the messages as written"}, userIDParam},
		headers: []openAPIParam{acceptLanguageHeader}, respHeaders: localeHeaders},
	{method: "GET", path: "/v1/conversations/:id/events", tag: "messages", role: "client", produces: []string{"text/event-stream"},
		headers:     []openAPIParam{acceptLanguageHeader, {"Last-Event-ID", "the id of the last event received (EventSource sends it on reconnecting): resume after it, decisions included (<seq> or <seq>.<rev>)"}},
		respHeaders: append([]openAPIParam{{"Parley-Views", "pretranslated or on-demand: who renders the views of this stream"}}, localeHeaders...),
		more: []openAPIResponse{
			{status: http.StatusBadRequest, description: "invalid_argument: after or Last-Event-ID is not an event id (a stream sequence, or <seq>.<rev>), its sequence is above the chat stream's last sequence or its revision above the decisions bucket's last, a query parameter or Last-Event-ID is given twice, or user_id is malformed; invalid_language: no locale (the locale parameter or Accept-Language) or a malformed one"},
			{status: http.StatusTooManyRequests, description: "rate_limited: the monthly quota is spent, or the key holds GATEWAY_MAX_STREAMS_PER_KEY streams (Retry-After)"},
			{status: http.StatusServiceUnavailable, description: "overloaded: the gateway holds GATEWAY_MAX_STREAMS streams (Retry-After)"}},
		summary: "Server-Sent Events (text/event-stream): `view` events with a MessageView of each new, edited or deleted message in the reader's locale; the event id is the chat stream sequence, and in a conversation with moderators' decisions <seq>.<rev>, rev being the decisions bucket's revision the stream has sent every decision up to. Open it with after=<page last_seq>; every block (the connect block, pings, the close before the deadline) carries the event id, so EventSource reconnects with Last-Event-ID and gets what was missed, messages hidden, un-hidden or corrected meanwhile included; after=0 replays the conversation from its start, no after replays nothing. Comments every 10 s keep the stream alive; a stream ends before the gateway timeout and EventSource reconnects. Translated views count against the key's monthly quota: a spent quota is a 429 before the stream opens, and a view that no longer fits ends the stream with an `error` event (the error body, code rate_limited) whose id resumes at that view. A key holding GATEWAY_MAX_STREAMS_PER_KEY (50) open streams gets a 429 (rate_limited, Retry-After), and a gateway holding GATEWAY_MAX_STREAMS a 503 (overloaded). Event ids are sequences of the one chat stream of all tenants.",
		query:   []openAPIParam{{"locale", "reader locale"}, {"after", "event id to resume after, like Last-Event-ID (a page's last_seq, or <seq>.<rev>); 0 replays from the start"}, userIDParam}},
	{method: "GET", path: "/", tag: "demo", produces: []string{"text/html"}, summary: "The demo chat page (HTML): panes reading one conversation in different locales, live."},
	{method: "GET", path: "/demo/app.js", tag: "demo", produces: []string{"text/javascript"}, summary: "The demo page's script."},
	{method: "GET", path: "/demo/app.css", tag: "demo", produces: []string{"text/css"}, summary: "The demo page's style sheet."},
}

// userIDParam is the reader's user id on the view routes.
var userIDParam = openAPIParam{"user_id", "the reader's user id in the chat product (at most 128 bytes, no spaces, '*' or '>'): flags and A/B experiments split by user assign the views by it, and the view's experiment field names the reader's arm; without it, an experiment split by user does not apply. On the event stream it makes the gateway render the reader's own views (Parley-Views: on-demand) while something splits by user"}

// experimentSchema is a view's experiment field.
var experimentSchema = obj{"type": "object", "description": "the A/B experiment arm that served the translation, when one applied; copy experiment and arm into POST /v1/feedback",
	"properties": obj{"experiment": str("experiment name"), "arm": str("arm name"), "control": obj{"type": "boolean", "description": "the arm is the experiment's control"}}}

// reasonCodeSchema is a view's reason_code field: a fixed vocabulary, so
// that a client can say it in the reader's language.
var reasonCodeSchema = obj{"type": "string", "enum": api.ReasonCodes,
	"description": "why the view is the original, as a fixed code for clients to localize (treat one not listed as translation_unavailable); absent on a translated view"}

func init() {
	openAPIOps = append(openAPIOps, messagesOps...)
	openAPISchemas["MessageRequest"] = obj{"type": "object", "required": []string{"conversation", "text"}, "additionalProperties": false, "properties": obj{
		"conversation": str("conversation id (1-64 of A-Z a-z 0-9 _ -)"), "id": str("message id (same rule, except the form s<digits>, which names posts without an id: 400); generated when empty"),
		"author":        str("who wrote it (at most 128 bytes, with a visible character and no control or format characters); the key's name when empty"),
		"text":          str("message text, with at least one visible character (white space, control and format characters such as U+200B alone are blank)"),
		"source":        str("language, when known (BCP 47); detected otherwise"),
		"reply_to":      str("id of the message this one answers: a message of the same conversation that the caller can read"),
		"sender_locale": str("the author's locale (BCP 47, pt_BR accepted), when the chat product knows it: a hint to the detection of a message without source, which decides close calls only (a single word); stored with the message")}}
	openAPISchemas["MessageEditRequest"] = obj{"type": "object", "additionalProperties": false, "properties": obj{
		"text":     str("the new text (the same rule as on POST); absent keeps it"),
		"source":   str("corrects the declared language (BCP 47, validated as on POST); absent or empty keeps it, auto drops it (views detect the language)"),
		"revision": obj{"type": "integer", "minimum": 1, "description": "the revision the edit is based on: applied only while the message is at it, else 412 (as If-Match)"}}}
	openAPISchemas["Message"] = obj{"type": "object", "required": []string{"id", "conversation", "revision", "seq"}, "properties": obj{
		"id": str(""), "conversation": str(""), "author": str(""), "text": str("empty once deleted"), "source": str("the declared language; absent: detected for every view"), "reply_to": str(""),
		"sender_locale": str("the author's locale as posted (canonical BCP 47), the sender-locale hint of the message's detection"),
		"tenant":        str("the tenant of the key that posted it"),
		"created_at":    str("RFC 3339"), "edited_at": str("RFC 3339"), "deleted": obj{"type": "boolean"},
		"revision": obj{"type": "integer"}, "seq": obj{"type": "integer", "description": "the post's stream sequence"},
		"last_seq": obj{"type": "integer", "description": "the stream sequence of the latest change"}}}
	openAPISchemas["MessageView"] = obj{"type": "object", "required": []string{"id", "conversation", "created_at", "revision", "seq", "post_seq", "status", "text", "locale", "label", "direction"}, "properties": obj{
		"id": str(""), "conversation": str(""), "author": str(""), "reply_to": str("id of the message this one answers"),
		"created_at": str("RFC 3339: when it was posted"), "edited_at": str("RFC 3339: its latest edit (absent when never edited)"),
		"revision": obj{"type": "integer", "description": "1, plus one per edit"},
		"seq":      obj{"type": "integer", "description": "stream sequence of the message's latest change: of two views of a message, keep the one with the higher seq"},
		"post_seq": obj{"type": "integer", "description": "stream sequence of the message's post, which edits do not change: its place in the conversation, to order messages by"},
		"status":   obj{"type": "string", "enum": []string{"translated", "original", "deleted", "hidden"}},
		"text":     str("what the reader sees"), "locale": str("reader locale"), "source_language": str(""),
		"label":     str("in the reader's language, e.g. \"Translated from Spanish\""),
		"direction": obj{"type": "string", "enum": []string{"ltr", "rtl"}},
		"quality":   obj{"type": "object", "properties": obj{"score": obj{"type": "number"}, "decision": str("")}},
		"safety": obj{"type": "object", "properties": obj{"action": obj{"type": "string", "enum": []string{"allow", "mask", "hide"}},
			"categories": obj{"type": "array", "items": obj{"type": "string"}}, "flagged": obj{"type": "boolean"},
			"review": obj{"type": "array", "items": obj{"type": "string"}, "description": "categories sent to the moderators with the text served (self_harm by default): a client may show support resources"}}},
		"original":    obj{"type": "object", "properties": obj{"text": str(""), "language": str(""), "direction": str("")}},
		"backend":     str("the translate chain's rung that served the translation"),
		"reason":      str("why the view is the original, in one short generic English line that names no backend (reason_code says it as a code)"),
		"reason_code": reasonCodeSchema,
		"degraded":    obj{"type": "array", "items": obj{"type": "string"}, "description": "pipeline steps skipped because a service was down"},
		"moderation": obj{"type": "string", "enum": []string{api.ModeratedHidden, api.ModeratedApproved, api.ModeratedCorrected},
			"description": "the moderator's decision that shaped this view, if any"},
		"experiment": experimentSchema}}
	openAPISchemas["MessagePage"] = obj{"type": "object", "required": []string{"conversation", "locale", "messages", "last_seq"}, "properties": obj{
		"conversation": str(""), "locale": str(""), "messages": obj{"type": "array", "items": obj{"$ref": "#/components/schemas/MessageView"}},
		"before": str("cursor of the previous page"), "last_seq": obj{"type": "integer", "description": "pass as after= to the events stream"}}}
}
