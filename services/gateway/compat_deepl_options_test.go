package gateway_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
)

// fakeRegisters are the fake translator's answers when a register is
// asked of it, keyed by "target|text|formality".
var fakeRegisters = map[string]string{
	"de|good morning|formal":   "Guten Morgen (Sie)",
	"de|good morning|informal": "Morgen (du)",
	// Catalan is served by the fake engine rung only, which follows no
	// register: a request must not ask it for one.
	"ca|hello|formal": "bon dia (asked formally)",
}

// fakeInContext are its answers given a context message, keyed by
// "target|text|last context message".
var fakeInContext = map[string]string{
	"de|the bank|We walked along the river.": "das Ufer",
}

func init() {
	fakeDictionary["de|the bank"] = "die Bank"
	fakeDictionary["ca|hello"] = "hola"
}

// TestDeepLFormalityAndContext: formality and context reach the
// translator; more and less are refused for a target no rung follows a
// register for (supports_formality false), prefer_* fall back there.
func TestDeepLFormalityAndContext(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	auth := deeplHeader(clientKey)
	tests := []struct {
		name, ctype, body string
		want              string
	}{
		{"more", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE", "formality", "more"),
			`{"translations":[{"detected_source_language":"EN","text":"Guten Morgen (Sie)","billed_characters":12}]}`},
		{"prefer_more", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE", "formality", "prefer_more"),
			`{"translations":[{"detected_source_language":"EN","text":"Guten Morgen (Sie)","billed_characters":12}]}`},
		{"less, json", jsonType, `{"text":["good morning"],"source_lang":"EN","target_lang":"DE","formality":"less"}`,
			`{"translations":[{"detected_source_language":"EN","text":"Morgen (du)","billed_characters":12}]}`},
		{"default", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE", "formality", "default"),
			`{"translations":[{"detected_source_language":"EN","text":"guten Morgen","billed_characters":12}]}`},
		{"prefer_more where no rung follows a register", formType, form("text", "hello", "source_lang", "EN", "target_lang", "CA", "formality", "prefer_more"),
			`{"translations":[{"detected_source_language":"EN","text":"hola","billed_characters":5}]}`},
		// The context is neither translated nor billed.
		{"context", jsonType, `{"text":["the bank"],"source_lang":"EN","target_lang":"DE","context":"We walked along the river."}`,
			`{"translations":[{"detected_source_language":"EN","text":"das Ufer","billed_characters":8}]}`},
		{"context in a batch", formType, form("text", "the bank", "text", "the bank", "source_lang", "EN", "target_lang", "DE", "context", "We walked along the river."),
			`{"translations":[{"detected_source_language":"EN","text":"das Ufer","billed_characters":8},{"detected_source_language":"EN","text":"das Ufer","billed_characters":8}]}`},
		{"no context", formType, form("text", "the bank", "source_lang", "EN", "target_lang", "DE"),
			`{"translations":[{"detected_source_language":"EN","text":"die Bank","billed_characters":8}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/v2/translate", tt.ctype, tt.body, auth)
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			assertJSON(t, r.body, tt.want)
		})
	}
	t.Run("more where no rung follows a register", func(t *testing.T) {
		for _, f := range []string{"more", "less"} {
			r := send(t, "POST", u+"/v2/translate", formType, form("text", "hello", "source_lang", "EN", "target_lang", "CA", "formality", f), auth)
			var e gateway.DeepLError
			r.decode(t, &e)
			if r.status != 400 || !strings.Contains(e.Message, "'formality' is not supported for given 'target_lang'") {
				t.Fatalf("formality %s for CA: %d %s", f, r.status, r.body)
			}
		}
	})
}

// TestDeepLOptions: DeepL's options are checked against their values (a
// 400 as DeepL answers), one-value fields take one value, and the options
// Parley cannot honour are refused rather than ignored.
func TestDeepLOptions(t *testing.T) {
	u := compatGateway(t, "app:client:"+clientKey)
	auth := deeplHeader(clientKey)
	base := []string{"text", "hello", "source_lang", "EN", "target_lang", "DE"}
	with := func(kv ...string) string { return form(append(append([]string{}, base...), kv...)...) }
	tests := []struct {
		name, ctype, body string
		status            int
		msg               string // part of the error message
	}{
		{"tag_handling", formType, with("tag_handling", "bogus"), 400, "Value for 'tag_handling' not supported."},
		{"tag_handling_version", formType, with("tag_handling_version", "v3"), 400, "Value for 'tag_handling_version' not supported."},
		{"split_sentences", formType, with("split_sentences", "7"), 400, "Value for 'split_sentences' not supported."},
		{"preserve_formatting", formType, with("preserve_formatting", "maybe"), 400, "Value for 'preserve_formatting' not supported."},
		{"outline_detection", formType, with("outline_detection", "2"), 400, "Value for 'outline_detection' not supported."},
		{"show_billed_characters", formType, with("show_billed_characters", "yes"), 400, "Value for 'show_billed_characters' not supported."},
		{"model_type", formType, with("model_type", "fast"), 400, "Value for 'model_type' not supported."},
		{"formality", formType, with("formality", "rude"), 400, "Value for 'formality' not supported."},
		{"ignore_tags", formType, with("tag_handling", "xml", "ignore_tags", "keep"), 400, "Parameter 'ignore_tags' is not supported"},
		{"ignore_tags, json", jsonType, `{"text":["hello"],"target_lang":"DE","tag_handling":"xml","ignore_tags":["keep"]}`, 400, "Parameter 'ignore_tags' is not supported"},
		{"style_id", formType, with("style_id", "7ff9bfd6-cd85-4190-8503-d6215a321519"), 400, "Parameter 'style_id' is not supported"},
		{"custom_instructions", jsonType, `{"text":["hello"],"target_lang":"DE","custom_instructions":["Use a friendly tone"]}`, 400, "Parameter 'custom_instructions' is not supported"},
		{"two glossaries", formType, with("glossary_ids", "a,b"), 400, "one glossary per request"},
		// Over the limit, context says it is the context, not the text.
		{"context over the limit", formType, with("context", strings.Repeat("a", 12001)), 413, "context has 12001 characters; the limit is 10000"},
		{"text over the limit", formType, form("text", strings.Repeat("a", 10001), "target_lang", "DE", "context", "short"), 413, "text has 10001 characters; the limit is 10000"},
		{"glossary_id and glossary_ids", formType, with("glossary_id", "a", "glossary_ids", "b"), 400, "cannot be used together"},

		// One-value fields.
		{"target_lang twice", formType, with("target_lang", "FR"), 400, `field "target_lang" takes one value; it was sent 2 times`},
		{"target_lang array", jsonType, `{"text":["hello"],"target_lang":["DE","FR"]}`, 400, `field "target_lang" takes one value, not an array`},
		{"one-element array", jsonType, `{"text":["hello"],"target_lang":"DE","formality":["more"]}`, 400, `field "formality" takes one value, not an array`},
		{"number text", jsonType, `{"text":123,"target_lang":"DE"}`, 400, `field "text" must hold only strings`},
		{"boolean in text", jsonType, `{"text":["ok",true],"target_lang":"DE"}`, 400, `field "text" must hold only strings`},
		{"number target", jsonType, `{"text":["hello"],"target_lang":7}`, 400, `field "target_lang" must be a string`},
		{"target_lang twice in JSON", jsonType, `{"text":["hello"],"target_lang":"DE","target_lang":"ES"}`, 400, `Bad request. Reason: field "target_lang" is given twice`},
		{"lone surrogate escape", jsonType, `{"text":["Hello \udc00"],"target_lang":"DE"}`, 400, `half of a UTF-16 surrogate pair`},
		{"text twice in JSON", jsonType, `{"text":["hello"],"target_lang":"DE","text":["bye"]}`, 400, `field "text" is given twice`},

		// Languages, in DeepL's words, pointing at DeepL's own list.
		{"unknown target", formType, form("text", "hello", "target_lang", "XX"), 400, "Value for 'target_lang' not supported. See GET /v2/languages?type=target."},
		{"unserved target", formType, form("text", "hello", "target_lang", "JA"), 400, "Value for 'target_lang' not supported. See GET /v2/languages?type=target."},
		{"malformed target", formType, form("text", "hello", "target_lang", "!!"), 400, "Value for 'target_lang' not supported."},
		{"unknown source", formType, form("text", "hello", "source_lang", "ZZ", "target_lang", "DE"), 400, "Value for 'source_lang' not supported. See GET /v2/languages?type=source."},

		// Accepted: valid values of the options Parley ignores.
		{"preserve_formatting 1", formType, with("preserve_formatting", "1"), 200, ""},
		{"preserve_formatting true", jsonType, `{"text":["hello"],"target_lang":"DE","preserve_formatting":true,"outline_detection":false}`, 200, ""},
		{"split_sentences nonewlines", formType, with("split_sentences", "nonewlines", "outline_detection", "0"), 200, ""},
		{"split_sentences as a number", jsonType, `{"text":["hello"],"target_lang":"DE","split_sentences":0}`, 200, ""},
		{"model_type", formType, with("model_type", "latency_optimized", "tag_handling_version", "v2", "show_billed_characters", "1"), 200, ""},
		{"splitting tags", jsonType, `{"text":["hello"],"target_lang":"DE","splitting_tags":["p","br"],"non_splitting_tags":["b"]}`, 200, ""},
		{"empty ignore_tags", formType, with("ignore_tags", ""), 200, ""},
		// Values in any case; an empty one is the option not set.
		{"tag_handling in capitals", formType, with("tag_handling", "HTML", "formality", "Default"), 200, ""},
		{"empty tag_handling", formType, with("tag_handling", "", "formality", "", "split_sentences", ""), 200, ""},
		{"empty tag_handling, json", jsonType, `{"text":["hello"],"target_lang":"DE","tag_handling":"","model_type":" "}`, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/v2/translate", tt.ctype, tt.body, auth)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			if tt.status == 200 {
				return
			}
			var e gateway.DeepLError
			r.decode(t, &e)
			if !strings.Contains(e.Message, tt.msg) {
				t.Fatalf("message %q, want it to hold %q", e.Message, tt.msg)
			}
		})
	}
	t.Run("languages type twice", func(t *testing.T) {
		r := send(t, "GET", u+"/v2/languages?type=source&type=target", "", "", auth)
		var e gateway.DeepLError
		r.decode(t, &e)
		if r.status != http.StatusBadRequest || !strings.Contains(e.Message, `field "type" takes one value`) {
			t.Fatalf("%d %s", r.status, r.body)
		}
	})
}
