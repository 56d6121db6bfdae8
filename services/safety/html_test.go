package safety

import (
	"context"
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
)

func TestVisibleHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<b>fu</b>ck you", "fuck you"},
		{"&#102;uck you", "fuck you"},
		{"<p>you n&#105;gger</p>", " you nigger "},
		{"one<br>two<p>three</p>", "one two three "},
		{"AT&amp;T &amp x", "AT&T & x"},
		{"a < b and c > d", "a < b and c > d"},
		{`<a title="x>y">link</a><!-- fuck --><script>var fuck</script>ok`, "linkok"},
		{"&#x66;&#X75;ck", "fuck"},
	}
	for _, tt := range tests {
		v := visibleHTML(tt.in)
		if v.text != tt.want {
			t.Errorf("visibleHTML(%q) = %q, want %q", tt.in, v.text, tt.want)
		}
		if len(v.start) != len(v.text) || len(v.end) != len(v.text) {
			t.Errorf("%q: map lengths %d, %d for %d bytes", tt.in, len(v.start), len(v.end), len(v.text))
		}
	}
}

// HTML mode checks what readers see, on both sides, with spans and
// masking in the markup as sent.
func TestCheckHTML(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name, source, translation string
		flagged                   []string // visible side's span texts, in the markup
	}{
		{"tag inside a word", "<b>fu</b>ck you", "", []string{"fu</b>ck"}},
		{"character reference", "&#102;uck you", "", []string{"&#102;uck"}},
		{"reference in a slur", "<p>you n&#105;gger</p>", "", []string{"n&#105;gger"}},
		{"translation side", "<b>hello</b>", "<i>hola, hijo de pu</i>ta", []string{"hijo de pu</i>ta"}},
		{"inline tags join words", "an <b>ass</b>assin", "", nil},
		{"block tags separate words", "<p>ass</p>assin", "", []string{"ass"}},
		{"attributes are not text", `<a href="https://example.com/fuck">link</a>`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := &api.SafetyRequest{Source: tt.source, SourceLang: "en", Format: api.FormatHTML}
			if tt.translation != "" {
				req.Translation, req.TargetLang = tt.translation, "es"
			}
			resp, err := c.Check(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			v, text := resp.Source, tt.source
			if resp.Translation != nil {
				v, text = *resp.Translation, tt.translation
			}
			var got []string
			for _, s := range v.Spans {
				if text[s.Start:s.End] != s.Text {
					t.Errorf("span %+v does not point into the markup", s)
				}
				got = append(got, s.Text)
			}
			if strings.Join(got, "|") != strings.Join(tt.flagged, "|") {
				t.Errorf("flagged %q, want %q", got, tt.flagged)
			}
			if (resp.Policy.Action == api.PolicyFlag) != (len(tt.flagged) > 0) {
				t.Errorf("policy = %+v", resp.Policy)
			}
		})
	}
	// Text mode reads the markup as it is.
	resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: "<b>fu</b>ck you", SourceLang: "en"})
	if err != nil || !resp.Source.Safe {
		t.Errorf("text mode: %+v, %v", resp, err)
	}
	if _, err := c.Check(context.Background(), &api.SafetyRequest{Source: "hi", SourceLang: "en", Format: "markdown"}); err == nil {
		t.Error("format markdown accepted")
	}
}

// Masking in HTML mode replaces visible characters and keeps the tags.
func TestMaskHTML(t *testing.T) {
	configs, err := ParseTenantsJSON(strings.NewReader(`{"*": {"policy": {"action": "mask", "categories": {"hate": "mask"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	tenants, err := NewTenants(configs)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := lexicon.Lists()
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Config{Lists: lists, Tenants: tenants})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"<b>fu</b>ck you", "<b>**</b>** you"},
		{"&#102;uck you", "**** you"},
		{"<p>you n&#105;gger</p>", "<p>you ******</p>"},
	}
	for _, tt := range tests {
		resp, err := c.Check(context.Background(), &api.SafetyRequest{Source: tt.in, SourceLang: "en", Format: api.FormatHTML})
		if err != nil {
			t.Fatal(err)
		}
		if resp.Policy.Masked != tt.want {
			t.Errorf("%q masked %q, want %q (%+v)", tt.in, resp.Policy.Masked, tt.want, resp.Policy)
		}
	}
}
