package console_test

import (
	"maps"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/parley-chat/parley/shared/api"
)

// formState reads what a browser would submit from the page's forms by
// control name: an input's value ("on" or "" for a checkbox), a select's
// selected option (its first without one). Hidden and file inputs are
// left out.
func formState(t *testing.T, body string) map[string]string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, key string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	state := map[string]string{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			name, _ := attr(n, "name")
			switch n.Data {
			case "input":
				switch typ, _ := attr(n, "type"); typ {
				case "hidden", "file":
				case "checkbox":
					state[name] = ""
					if _, ok := attr(n, "checked"); ok {
						state[name] = "on"
					}
				default:
					state[name], _ = attr(n, "value")
				}
			case "select":
				first := true
				for o := n.FirstChild; o != nil; o = o.NextSibling {
					if o.Type != html.ElementNode || o.Data != "option" {
						continue
					}
					v, _ := attr(o, "value")
					if _, sel := attr(o, "selected"); sel || first {
						state[name] = v
					}
					first = false
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return state
}

// TestImportFormKeepsOptions: after an upload the import form comes back
// with every option just used (only the file must be chosen again), so
// unticking "dry run" applies what was previewed; the report names the
// mode it previewed.
func TestImportFormKeepsOptions(t *testing.T) {
	f := newFixture(t)
	u := f.user(t)
	u.signIn(l10nKey)
	p := u.get("/console/glossaries/demo/import")
	if got, want := formState(t, p.body), map[string]string{
		"format": "", "mode": "merge", "glossary_mode": "", "source": "", "target": "", "dry_run": "on", "message": "",
	}; !maps.Equal(got, want) {
		t.Errorf("empty form %v, want %v", got, want)
	}
	if strings.Contains(p.body, "Choose the file again") {
		t.Error("the empty form asks for the file again")
	}

	for _, tc := range []struct {
		file string
		sent map[string]string
	}{
		{"message,mensaje\nreply,respuesta\n", map[string]string{
			"dry_run": "on", "mode": "replace", "message": "new terms", "format": "csv", "glossary_mode": "one-way", "source": "en", "target": "es"}},
		{"en\tes\nmessage\tmensaje\n", map[string]string{
			"dry_run": "on", "mode": "merge", "message": "more <terms>", "format": "tsv", "glossary_mode": "", "source": "", "target": ""}},
	} {
		sent := tc.sent
		t.Run(sent["mode"], func(t *testing.T) {
			p := u.upload("/console/glossaries/demo/import", "more.txt", tc.file, sent)
			if p.status != 200 || !strings.Contains(p.body, "Dry run: nothing was written") {
				t.Fatalf("dry run: %d %s", p.status, p.body)
			}
			if got := formState(t, p.body); !maps.Equal(got, sent) {
				t.Errorf("form after the dry run %v, want %v", got, sent)
			}
			if !strings.Contains(p.body, "Choose the file again") {
				t.Error("the form does not ask for the file again")
			}
			report, _, _ := strings.Cut(p.body[strings.Index(p.body, `id="import-report"`):], "</section>")
			wantMode, otherMode := "Replace all entries", "Merge (add and replace"
			if sent["mode"] == "merge" {
				wantMode, otherMode = otherMode, wantMode
			}
			if !strings.Contains(report, wantMode) || strings.Contains(report, otherMode) {
				t.Errorf("report does not name the previewed mode %q: %s", wantMode, report)
			}
		})
	}
	// The options are only kept, never applied: nothing was written.
	if info, _ := f.gl.Get(t.Context(), api.GlossaryGetRequest{ID: "demo"}); info.Version != 1 {
		t.Fatalf("dry runs wrote version %d", info.Version)
	}
}
