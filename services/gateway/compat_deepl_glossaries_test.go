package gateway_test

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/services/glossary"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/svcmain"
)

const otherTenantKey = "globex-key-0123456789"

// withGlossary starts the real glossary service (no git sync) on a test
// gateway's NATS server, for compatGatewayWith.
func withGlossary(t *testing.T) func(nc *nats.Conn) {
	return func(nc *nats.Conn) {
		stop, err := glossary.Start(context.Background(), svcmain.Deps{
			NC:  nc,
			Env: config.NewReader(config.Map(map[string]string{"GLOSSARY_SYNC": "false"})),
			Log: slog.New(slog.DiscardHandler),
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = stop() })
	}
}

// deeplGlossaryGateway runs the compat gateway with the real glossary
// service and three keys: lena (client+localization, no tenant), app
// (client) and globex (client+localization, tenant globex).
func deeplGlossaryGateway(t *testing.T) compatEnv {
	t.Helper()
	spec := "lena:client+localization:" + l10nKey + ",app:client:" + clientKey + ",globex@globex:client+localization:" + otherTenantKey
	return compatGatewayWith(t, spec, gateway.Config{}, withGlossary(t))
}

func deeplAuth(key string) http.Header {
	return http.Header{"Authorization": {"DeepL-Auth-Key " + key}}
}

func TestDeepLGlossaries(t *testing.T) {
	u := deeplGlossaryGateway(t).url
	lena := deeplAuth(l10nKey)

	r := send(t, "POST", u+"/v2/glossaries", formType, form("name", "greetings", "source_lang", "EN", "target_lang", "DE",
		"entries_format", "tsv", "entries", "good morning\tMoin\nthank you\tdanke\n"), lena)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	var g gateway.DeepLGlossary
	r.decode(t, &g)
	if g.GlossaryID == "" || g.Name != "greetings" || g.SourceLang != "en" || g.TargetLang != "de" || g.EntryCount != 2 || !g.Ready || g.CreationTime.IsZero() {
		t.Fatalf("created %+v", g)
	}

	r = send(t, "POST", u+"/v2/glossaries", jsonType, `{"name":"csv","source_lang":"en","target_lang":"es","entries_format":"csv","entries":"hello,hola,en,es\n\"good, morning\",buenos días\n"}`, lena)
	var gc gateway.DeepLGlossary
	r.decode(t, &gc)
	if r.status != http.StatusCreated || gc.EntryCount != 2 {
		t.Fatalf("create csv: %d %s", r.status, r.body)
	}

	t.Run("list, get, entries", func(t *testing.T) {
		var list gateway.DeepLGlossaryList
		send(t, "GET", u+"/v2/glossaries", "", "", deeplAuth(clientKey)).decode(t, &list)
		if len(list.Glossaries) != 2 || list.Glossaries[0].GlossaryID != g.GlossaryID {
			t.Fatalf("list = %+v", list)
		}
		var got gateway.DeepLGlossary
		send(t, "GET", u+"/v2/glossaries/"+g.GlossaryID, "", "", deeplAuth(clientKey)).decode(t, &got)
		if got.GlossaryID != g.GlossaryID || got.EntryCount != 2 {
			t.Fatalf("get = %+v", got)
		}
		r := send(t, "GET", u+"/v2/glossaries/"+gc.GlossaryID+"/entries", "", "", http.Header{
			"Authorization": {"DeepL-Auth-Key " + clientKey}, "Accept": {"text/tab-separated-values"}})
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/tab-separated-values") {
			t.Fatalf("entries: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
		}
		lines := strings.Split(string(r.body), "\n")
		if len(lines) != 2 || !strings.Contains(string(r.body), "good, morning\tbuenos días") || !strings.Contains(string(r.body), "hello\thola") {
			t.Fatalf("entries = %q", r.body)
		}
	})

	t.Run("translate with glossary_id", func(t *testing.T) {
		r := send(t, "POST", u+"/v2/translate", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE", "glossary_id", g.GlossaryID), deeplAuth(clientKey))
		var res gateway.DeepLTranslateResponse
		r.decode(t, &res)
		if r.status != 200 || res.Translations[0].Text != "Moin" {
			t.Fatalf("translate: %d %s", r.status, r.body)
		}
		// Without the glossary the term is not applied: DeepL glossaries
		// never apply unasked.
		r = send(t, "POST", u+"/v2/translate", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE"), deeplAuth(clientKey))
		r.decode(t, &res)
		if res.Translations[0].Text != "guten Morgen" {
			t.Fatalf("without glossary: %s", r.body)
		}
		r = send(t, "POST", u+"/v2/translate", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "FR", "glossary_id", g.GlossaryID), deeplAuth(clientKey))
		if r.status != 400 {
			t.Fatalf("pair mismatch: %d %s", r.status, r.body)
		}
	})

	t.Run("pairs", func(t *testing.T) {
		var pairs gateway.DeepLLanguagePairs
		send(t, "GET", u+"/v2/glossary-language-pairs", "", "", deeplAuth(clientKey)).decode(t, &pairs)
		found := false
		for _, p := range pairs.SupportedLanguages {
			found = found || p == gateway.DeepLLanguagePair{SourceLang: "en", TargetLang: "de"}
		}
		if !found || len(pairs.SupportedLanguages) < 10 {
			t.Fatalf("pairs = %+v", pairs)
		}
	})

	t.Run("creation time survives edits through v1", func(t *testing.T) {
		time.Sleep(5 * time.Millisecond) // versions are stamped to the millisecond
		r := send(t, "POST", u+"/v1/glossaries/"+g.GlossaryID+"/entries", jsonType,
			`{"terms":[{"language":"en","text":"good night"},{"language":"de","text":"gute Nacht"}]}`, http.Header{"Authorization": {"Bearer " + l10nKey}})
		if r.status != http.StatusCreated {
			t.Fatalf("add an entry through /v1: %d %s", r.status, r.body)
		}
		var got gateway.DeepLGlossary
		send(t, "GET", u+"/v2/glossaries/"+g.GlossaryID, "", "", lena).decode(t, &got)
		if got.EntryCount != 3 || !got.CreationTime.Equal(g.CreationTime) {
			t.Fatalf("after an edit: %+v, created %v", got, g.CreationTime)
		}
		var info api.GlossaryInfo
		send(t, "GET", u+"/v1/glossaries/"+g.GlossaryID, "", "", http.Header{"Authorization": {"Bearer " + l10nKey}}).decode(t, &info)
		if !info.CreatedAt.Equal(g.CreationTime) || !info.UpdatedAt.After(info.CreatedAt) || info.Version != 2 {
			t.Fatalf("v1 info after an edit: %+v", info)
		}
	})

	t.Run("tenants see only their own", func(t *testing.T) {
		var list gateway.DeepLGlossaryList
		send(t, "GET", u+"/v2/glossaries", "", "", deeplAuth(otherTenantKey)).decode(t, &list)
		if len(list.Glossaries) != 0 {
			t.Fatalf("globex sees %+v", list)
		}
		for _, req := range []struct{ method, path string }{{"GET", "/v2/glossaries/" + g.GlossaryID}, {"DELETE", "/v2/glossaries/" + g.GlossaryID}, {"GET", "/v2/glossaries/" + g.GlossaryID + "/entries"}} {
			if r := send(t, req.method, u+req.path, "", "", deeplAuth(otherTenantKey)); r.status != 404 {
				t.Fatalf("%s %s as globex: %d", req.method, req.path, r.status)
			}
		}
		r := send(t, "POST", u+"/v2/translate", formType, form("text", "good morning", "source_lang", "EN", "target_lang", "DE", "glossary_id", g.GlossaryID), deeplAuth(otherTenantKey))
		if r.status != 404 {
			t.Fatalf("translate with another tenant's glossary: %d %s", r.status, r.body)
		}
	})

	bad := []struct {
		name string
		key  string
		body string
		want int
	}{
		{"client key cannot create", clientKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\tb"), 403},
		{"no name", l10nKey, form("source_lang", "en", "target_lang", "de", "entries", "a\tb"), 400},
		{"same languages", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "en", "entries", "a\tb"), 400},
		{"bad language", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "1234567890", "entries", "a\tb"), 400},
		{"one column", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a"), 400},
		{"trailing space", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a \tb"), 400},
		{"duplicate source", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\tb\na\tc"), 400},
		{"no entries", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", ""), 400},
		{"unknown format", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\tb", "entries_format", "xlsx"), 400},
		{"csv languages differ", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a,b,en,fr", "entries_format", "csv"), 400},
		// DeepL forbids control characters and Unicode line breaks; format
		// characters make a term that looks like another.
		{"line separator", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\u2028b\tc"), 400},
		{"paragraph separator", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\tb\u2029"), 400},
		{"C1 control", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\u0085b\tc"), 400},
		{"bidi override", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\u202eb\tc"), 400},
		{"byte order mark inside", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\tb\n\ufeffc\td"), 400},
		// No rung translates en→sw: /v2/glossary-language-pairs does not
		// list it.
		{"pair no rung serves", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "sw", "entries", "a\tb"), 400},
		{"name twice", l10nKey, form("name", "x", "name", "y", "source_lang", "en", "target_lang", "de", "entries", "a\tb"), 400},
		{"entries twice", l10nKey, form("name", "x", "source_lang", "en", "target_lang", "de", "entries", "a\tb", "entries", "c\td"), 400},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, "POST", u+"/v2/glossaries", formType, tt.body, deeplAuth(tt.key))
			var de gateway.DeepLError
			r.decode(t, &de)
			if r.status != tt.want || de.Message == "" {
				t.Fatalf("status %d, want %d: %s", r.status, tt.want, r.body)
			}
		})
	}

	t.Run("arrays where one value goes", func(t *testing.T) {
		for _, body := range []string{
			`{"name":"x","source_lang":"en","target_lang":"es","entries":["cat\tgatito","dog\tperrito"]}`,
			`{"name":["a","b"],"source_lang":"en","target_lang":"es","entries":"cat\tgatito"}`,
			`{"name":"x","source_lang":["en"],"target_lang":"es","entries":"cat\tgatito"}`,
		} {
			r := send(t, "POST", u+"/v2/glossaries", jsonType, body, lena)
			var de gateway.DeepLError
			r.decode(t, &de)
			if r.status != 400 || !strings.Contains(de.Message, "takes one value") {
				t.Fatalf("%s: %d %s", body, r.status, r.body)
			}
		}
	})

	t.Run("byte order mark and joiners", func(t *testing.T) {
		// A spreadsheet's TSV export starts with a byte order mark: it is
		// not part of the first term. Joiners are part of writing.
		r := send(t, "POST", u+"/v2/glossaries", formType, form("name", "bom", "source_lang", "en", "target_lang", "de",
			"entries", "\ufeffcat\tKatze\ndeveloper\t\U0001F469\u200d\U0001F4BB\n"), lena)
		var bg gateway.DeepLGlossary
		r.decode(t, &bg)
		if r.status != http.StatusCreated || bg.EntryCount != 2 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		r = send(t, "GET", u+"/v2/glossaries/"+bg.GlossaryID+"/entries", "", "", lena)
		if r.status != 200 || !strings.HasPrefix(string(r.body), "cat\tKatze") {
			t.Fatalf("entries: %d %q", r.status, r.body)
		}
		r = send(t, "POST", u+"/v2/translate", formType, form("text", "cat", "source_lang", "EN", "target_lang", "DE", "glossary_id", bg.GlossaryID), deeplAuth(clientKey))
		var res gateway.DeepLTranslateResponse
		r.decode(t, &res)
		if r.status != 200 || len(res.Translations) != 1 || res.Translations[0].Text != "Katze" {
			t.Fatalf("translate with the term: %d %s", r.status, r.body)
		}
		send(t, "DELETE", u+"/v2/glossaries/"+bg.GlossaryID, "", "", lena)
	})

	// A key in the query string lands in access logs: glossary writes
	// refuse ?auth_key= (valid or not, with or without the header), in
	// DeepL's shape, and change nothing; reads keep it for legacy clients.
	t.Run("auth_key in the query string", func(t *testing.T) {
		create := form("name", "leaky", "source_lang", "en", "target_lang", "de", "entries", "a	b")
		for _, tc := range []struct {
			name, method, target, body string
			header                     http.Header
		}{
			{"create", "POST", "/v2/glossaries?auth_key=" + l10nKey, create, nil},
			{"create, with the header too", "POST", "/v2/glossaries?auth_key=" + l10nKey, create, lena},
			{"create, a wrong key", "POST", "/v2/glossaries?auth_key=wrong-0123456789abcdef", create, nil},
			{"delete", "DELETE", "/v2/glossaries/" + g.GlossaryID + "?auth_key=" + l10nKey, "", nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r := send(t, tc.method, u+tc.target, formType, tc.body, tc.header)
				var de gateway.DeepLError
				r.decode(t, &de)
				if r.status != http.StatusBadRequest || !strings.Contains(de.Message, "auth_key query parameter is not accepted on glossary writes") ||
					!strings.Contains(de.Message, "DeepL-Auth-Key") || strings.Contains(string(r.body), l10nKey) {
					t.Fatalf("status %d: %s", r.status, r.body)
				}
			})
		}
		var list gateway.DeepLGlossaryList
		send(t, "GET", u+"/v2/glossaries?auth_key="+l10nKey, "", "", nil).decode(t, &list)
		if len(list.Glossaries) != 2 {
			t.Fatalf("a read with ?auth_key=, after the refused writes: %+v", list)
		}
		if r := send(t, "GET", u+"/v2/glossaries/"+g.GlossaryID+"?auth_key="+l10nKey, "", "", nil); r.status != 200 {
			t.Fatalf("the glossary after a refused delete: %d %s", r.status, r.body)
		}
	})

	t.Run("delete", func(t *testing.T) {
		if r := send(t, "DELETE", u+"/v2/glossaries/"+g.GlossaryID, "", "", deeplAuth(clientKey)); r.status != 403 {
			t.Fatalf("client delete: %d", r.status)
		}
		if r := send(t, "DELETE", u+"/v2/glossaries/"+g.GlossaryID, "", "", lena); r.status != 204 {
			t.Fatalf("delete: %d %s", r.status, r.body)
		}
		for _, path := range []string{"/v2/glossaries/" + g.GlossaryID, "/v2/glossaries/no-such-id"} {
			if r := send(t, "GET", u+path, "", "", lena); r.status != 404 {
				t.Fatalf("get %s after delete: %d", path, r.status)
			}
		}
		var list gateway.DeepLGlossaryList
		send(t, "GET", u+"/v2/glossaries", "", "", lena).decode(t, &list)
		if len(list.Glossaries) != 1 {
			t.Fatalf("list after delete = %+v", list)
		}
	})
}
