package glossary

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// htmlSet holds terms with the characters HTML escapes ('&', '<'), and
// one that also stands in an attribute.
func htmlSet(t testing.TB) *Set {
	t.Helper()
	return NewSet(
		mustParse(t, "g-amp", "entry_id,en,es,forbidden:es\nrnd,R&D,I+D,\natt,AT&T,AT&T,ATT\nqa,Q&A,preguntas,\nmeeting,meeting,junta,reunión\n"),
		mustParse(t, "g-heart", "entry_id,en,es,dnt\nheart,<3,<3,true\n"),
	)
}

// TestHTMLPrepareAndVerify runs prepare and verify with format html, as
// the pipeline does for the LibreTranslate and DeepL APIs' HTML mode: a
// term with '&' or '<' is found in its escaped form (and in its raw form)
// in the source, checked in the translation, which has the escapes the
// translate chain wrote, and repaired there, with the target escaped;
// nothing is found inside a tag.
func TestHTMLPrepareAndVerify(t *testing.T) {
	tests := []struct {
		name, text, translation string
		format                  string
		matches                 string // prepare's matches as source@start
		protect                 string // prepare's protect list, joined by |
		statuses                string
		repairs                 string // repairs as from>to, joined by |
		served                  string
	}{
		{name: "escaped source and translation", format: api.FormatHTML,
			text:        "<p>Ask R&amp;D about AT&amp;T</p>",
			translation: "<p>Pregunta a R&amp;D sobre AT&amp;T</p>",
			matches:     "R&amp;D@7 AT&amp;T@21", statuses: "repaired,applied", repairs: "R&amp;D>I+D",
			served: "<p>Pregunta a I+D sobre AT&amp;T</p>"},
		{name: "raw source, escaped translation", format: api.FormatHTML,
			text:        "Ask R&D about AT&T",
			translation: "Pregunta a R&amp;D sobre AT&amp;T",
			matches:     "R&D@4 AT&T@14", statuses: "repaired,applied", repairs: "R&amp;D>I+D",
			served: "Pregunta a I+D sobre AT&amp;T"},
		{name: "raw translation", format: api.FormatHTML,
			text:        "Ask AT&amp;T",
			translation: "Pregunta a AT&T",
			matches:     "AT&amp;T@4", statuses: "applied", served: "Pregunta a AT&T"},
		{name: "a numeric escape is the same character", format: api.FormatHTML,
			text:        "Ask AT&#38;T",
			translation: "Pregunta a AT&#x26;T",
			matches:     "AT&#38;T@4", statuses: "applied", served: "Pregunta a AT&#x26;T"},
		{name: "target term with '&' is written escaped", format: api.FormatHTML,
			text:        "Call AT&amp;T now",
			translation: "Llama a ATT ya",
			matches:     "AT&amp;T@5", statuses: "repaired", repairs: "ATT>AT&T",
			served: "Llama a AT&amp;T ya"},
		{name: "case is carried from the text as read", format: api.FormatHTML,
			text:        "Our Q&amp;A today",
			translation: "Nuestro Q&amp;A hoy",
			matches:     "Q&amp;A@4", statuses: "repaired", repairs: "Q&amp;A>PREGUNTAS",
			served: "Nuestro PREGUNTAS hoy"},
		{name: "do-not-translate term with '<'", format: api.FormatHTML,
			text:        "We &lt;3 the meeting",
			translation: "Nosotros &lt;3 la junta",
			matches:     "&lt;3@3 meeting@13", protect: "&lt;3", statuses: "protected,applied",
			served: "Nosotros &lt;3 la junta"},
		{name: "never inside a tag or attribute", format: api.FormatHTML,
			text:        `<span title="R&amp;D meeting">R&amp;D</span> <a href="/meeting?a=1&amp;b=2">meeting</a>`,
			translation: `<span title="R&amp;D meeting">R&amp;D</span> <a href="/meeting?a=1&amp;b=2">reunión</a>`,
			matches:     "R&amp;D@30 meeting@76", statuses: "repaired,repaired", repairs: "R&amp;D>I+D|reunión>junta",
			served: `<span title="R&amp;D meeting">I+D</span> <a href="/meeting?a=1&amp;b=2">junta</a>`},
		{name: "chat text reads the escapes as written", format: "",
			text:        "Ask R&amp;D about AT&amp;T",
			translation: "Pregunta a R&amp;D sobre AT&amp;T",
			matches:     "", statuses: "", served: "Pregunta a R&amp;D sobre AT&amp;T"},
		{name: "format is case-insensitive", format: "HTML",
			text:        "Ask AT&amp;T",
			translation: "Pregunta a AT&amp;T",
			matches:     "AT&amp;T@4", statuses: "applied", served: "Pregunta a AT&amp;T"},
	}
	set := htmlSet(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := prep(t, set, api.GlossaryPrepareRequest{Text: tt.text, Source: "en", Target: "es", Format: tt.format})
			if got := matchList(resp); got != tt.matches {
				t.Errorf("matches %q, want %q", got, tt.matches)
			}
			for _, m := range resp.Matches {
				if tt.text[m.Start:m.End] != m.Source {
					t.Errorf("match %+v does not point at its text", m)
				}
			}
			if got := strings.Join(resp.Protect, "|"); got != tt.protect {
				t.Errorf("protect %q, want %q", got, tt.protect)
			}
			rep, err := set.Verify(&api.GlossaryVerifyRequest{Source: tt.text, Translation: tt.translation, Target: "es", Matches: resp.Matches, Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			var st, rs []string
			for _, r := range rep.Terms {
				st = append(st, r.Status)
			}
			if got := strings.Join(st, ","); got != tt.statuses {
				t.Errorf("statuses = %s, want %s (%+v)", got, tt.statuses, rep.Terms)
			}
			for _, r := range rep.Repairs {
				rs = append(rs, r.From+">"+r.To)
				if tt.translation[r.Start:r.End] != r.From {
					t.Errorf("repair %+v does not point at its text", r)
				}
			}
			if got := strings.Join(rs, "|"); got != tt.repairs {
				t.Errorf("repairs %q, want %q", got, tt.repairs)
			}
			served := tt.translation
			if rep.Repaired != "" {
				served = rep.Repaired
			}
			if served != tt.served {
				t.Errorf("served %q, want %q", served, tt.served)
			}
		})
	}
}

func TestHTMLFormatRefused(t *testing.T) {
	set := htmlSet(t)
	_, err := set.Prepare(&api.GlossaryPrepareRequest{Text: "Ask AT&T", Source: "en", Target: "es", Format: "markdown"})
	if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != "format" {
		t.Errorf("prepare with format markdown: %v, want invalid_argument on format", err)
	}
	_, err = set.Verify(&api.GlossaryVerifyRequest{Translation: "Pregunta a AT&T", Target: "es", Format: "pdf"})
	if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidArgument || ae.Field != "format" {
		t.Errorf("verify with format pdf: %v, want invalid_argument on format", err)
	}
}

func TestMaskHTMLMapsBack(t *testing.T) {
	tests := []struct{ text, want string }{
		{"plain prose", "plain prose"},
		{"AT&amp;T &lt;3", "AT&T <3"},
		{"AT&T <3", "AT&T <3"},
		{`<b title="a&amp;b">R&#38;D</b> caf&eacute;`, "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00R&D\x00\x00\x00\x00 caf&eacute;"},
	}
	for _, tt := range tests {
		got, back := maskHTML(tt.text)
		if got != tt.want {
			t.Errorf("maskHTML(%q) = %q, want %q", tt.text, got, tt.want)
		}
		if back == nil {
			if len(got) != len(tt.text) {
				t.Errorf("maskHTML(%q): no map, but the length changed", tt.text)
			}
			continue
		}
		if len(back) != len(got) {
			t.Fatalf("maskHTML(%q): %d offsets for %d bytes", tt.text, len(back), len(got))
		}
		for i := range len(got) {
			if o := tt.text[back[i].Start:back[i].End]; got[i] != 0 && o != got[i:i+1] && !strings.HasPrefix(o, "&") {
				t.Errorf("maskHTML(%q): byte %d (%q) maps to %q", tt.text, i, got[i], o)
			}
		}
	}
}

// FuzzHTMLEnforce: prepare and verify of any HTML text and translation do
// not panic, and their offsets point at the text as sent.
func FuzzHTMLEnforce(f *testing.F) {
	for _, s := range [][2]string{
		{"<p>Ask R&amp;D about AT&amp;T</p>", "<p>Pregunta a R&amp;D sobre AT&T</p>"},
		{"We &lt;3 the meeting &#38; Q&A", "Nosotros &lt;3 la reunión &#x26; Q&amp;A"},
		{`<span title="R&amp;D">R&D</span> &amp`, `<a href="?a&amp;b">R&amp;D &</a> <`},
	} {
		f.Add(s[0], s[1])
	}
	set := htmlSet(f)
	f.Fuzz(func(t *testing.T, text, translation string) {
		resp, err := set.Prepare(&api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es", Format: api.FormatHTML})
		if err != nil {
			return
		}
		for _, m := range resp.Matches {
			if text[m.Start:m.End] != m.Source {
				t.Fatalf("match %+v does not point at its text %q", m, text)
			}
		}
		rep, err := set.Verify(&api.GlossaryVerifyRequest{Translation: translation, Target: "es", Matches: resp.Matches, Format: api.FormatHTML})
		if err != nil {
			return
		}
		for _, r := range rep.Repairs {
			if translation[r.Start:r.End] != r.From {
				t.Fatalf("repair %+v does not point at its text %q", r, translation)
			}
		}
	})
}
