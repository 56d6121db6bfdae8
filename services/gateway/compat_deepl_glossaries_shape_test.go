package gateway_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
)

// A /v1 write that would change a DeepL glossary's languages or mode is
// refused (400, the shared error shape): it used to succeed, and the
// glossary then vanished from /v2 for good.
func TestDeepLGlossaryV1WritesKeepShape(t *testing.T) {
	u := deeplGlossaryGateway(t).url
	v1 := http.Header{"Authorization": {"Bearer " + l10nKey}}
	r := send(t, "POST", u+"/v2/glossaries", formType, form("name", "pair", "source_lang", "EN", "target_lang", "DE",
		"entries", "good morning\tMoin\n"), deeplAuth(l10nKey))
	var g gateway.DeepLGlossary
	r.decode(t, &g)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	for _, tc := range []struct{ name, method, path, body, field string }{
		{"entry in a new language", "POST", "/entries", `{"terms":[{"language":"en","text":"bye"},{"language":"fr","text":"salut"}]}`, "languages"},
		{"mode multilingual", "PUT", "", `{"mode":"multilingual"}`, "mode"},
		{"another language list", "PUT", "", `{"languages":["en","de","fr"]}`, "languages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := send(t, tc.method, u+"/v1/glossaries/"+g.GlossaryID+tc.path, jsonType, tc.body, v1)
			var body api.ErrorBody
			r.decode(t, &body)
			if r.status != http.StatusBadRequest || body.Error.Field != tc.field || !strings.Contains(body.Error.Message, "DeepL") {
				t.Fatalf("%d %s", r.status, r.body)
			}
			if r := send(t, "GET", u+"/v2/glossaries/"+g.GlossaryID, "", "", deeplAuth(l10nKey)); r.status != http.StatusOK {
				t.Fatalf("the glossary is gone from /v2: %d %s", r.status, r.body)
			}
		})
	}
	r = send(t, "POST", u+"/v2/translate", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE", "glossary_id", g.GlossaryID), deeplAuth(clientKey))
	if r.status != http.StatusOK {
		t.Fatalf("translate with the glossary: %d %s", r.status, r.body)
	}
}

// Problems the glossary service finds in DeepL entries are placed by the
// line the client sent, as the gateway's own checks place theirs, not by
// a 0-based index and an id the service derived.
func TestDeepLGlossaryServiceErrorsNameLines(t *testing.T) {
	u := deeplGlossaryGateway(t).url
	// Terms match without case: "Apple" on line 3 repeats "apple" on
	// line 1 (line 2 is empty), which only the service sees.
	r := send(t, "POST", u+"/v2/glossaries", formType, form("name", "x", "source_lang", "EN", "target_lang", "DE",
		"entries", "apple\tApfel\n\nApple\tApfelbaum\n"), deeplAuth(l10nKey))
	var de gateway.DeepLError
	r.decode(t, &de)
	if r.status != http.StatusBadRequest || !strings.Contains(de.Message, "line 3") || !strings.Contains(de.Message, "line 1") {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if m := regexp.MustCompile(`entries\[|\bt[0-9a-f]{12}\b`).FindString(de.Message); m != "" {
		t.Fatalf("message %q mentions %q", de.Message, m)
	}
}
