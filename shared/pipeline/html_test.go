package pipeline_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/pipeline"
)

// htmlTerm is a glossary entry of htmlServices.
type htmlTerm struct{ source, target, forbidden string }

// htmlServices stand in for the services around a view in HTML mode:
// translate answers with answer (which, like a translate service of
// before the markup check, checks nothing), or with a moderator's
// correction while the request does not exclude it; the glossary has
// terms, and verify repairs like the glossary service does (every
// forbidden rendering, or the source term left untranslated, replaced
// by the target term as written, with offsets in the translation as
// sent); quality accepts; safety finds nothing.
type htmlServices struct {
	answer     string
	correction string
	terms      []htmlTerm

	mu      sync.Mutex
	checked []string // the texts safety checked
	scored  []string // the translations quality scored
}

func (f *htmlServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	if f.correction != "" && !slices.Contains(req.Exclude, "moderator") {
		return &api.TranslateResponse{Text: f.correction, Status: api.StatusTranslated, Backend: "moderator", Cache: api.CacheOverride}, nil
	}
	// An engine: no prompt, so enforcement does not retry.
	return &api.TranslateResponse{Text: f.answer, Status: api.StatusTranslated, Backend: "apertium", Model: "eng-spa"}, nil
}

func (f *htmlServices) Prepare(_ context.Context, req api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	out := &api.GlossaryPrepareResponse{Version: "v1"}
	for _, t := range f.terms {
		if i := strings.Index(req.Text, t.source); i >= 0 {
			out.Matches = append(out.Matches, api.TermMatch{Glossary: "t5", Entry: t.source, Source: t.source, Target: t.target, Start: i, End: i + len(t.source), Forbidden: []string{t.forbidden}})
			out.Terms = append(out.Terms, api.TermHint{Source: t.source, Target: t.target})
		}
	}
	return out, nil
}

func (f *htmlServices) Verify(_ context.Context, req api.GlossaryVerifyRequest) (*api.GlossaryReport, error) {
	rep := &api.GlossaryReport{}
	text, ok := req.Translation, 0
	for _, m := range req.Matches {
		tr := api.TermReport{Glossary: m.Glossary, Entry: m.Entry, Source: m.Source, Target: m.Target, Status: api.TermMissing}
		if strings.Contains(text, m.Target) {
			tr.Status = api.TermApplied
		}
		for _, wrong := range []string{m.Forbidden[0], m.Source} {
			if tr.Status != api.TermMissing {
				break
			}
			for i := 0; ; {
				k := strings.Index(text[i:], wrong)
				if k < 0 {
					break
				}
				i += k
				rep.Repairs = append(rep.Repairs, api.TermRepair{Glossary: m.Glossary, Entry: m.Entry, Source: m.Source, From: wrong, To: m.Target, Start: i, End: i + len(wrong)})
				tr.Status = api.TermRepaired
				i += len(wrong)
			}
		}
		if tr.Status != api.TermMissing {
			ok++
		}
		rep.Terms = append(rep.Terms, tr)
	}
	rep.Compliance = float64(ok) / float64(max(1, len(req.Matches)))
	if len(rep.Repairs) > 0 {
		slices.SortFunc(rep.Repairs, func(a, b api.TermRepair) int { return a.Start - b.Start })
		var b strings.Builder
		last := 0
		for _, r := range rep.Repairs {
			b.WriteString(text[last:r.Start] + r.To)
			last = r.End
		}
		rep.Repaired = b.String() + text[last:]
	}
	return rep, nil
}

func (f *htmlServices) Score(_ context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	f.mu.Lock()
	f.scored = append(f.scored, req.Translation)
	f.mu.Unlock()
	q := &api.QualityResponse{Score: 95, Decision: api.DecisionAccept}
	if req.Glossary != nil && req.Glossary.Compliance < 1 {
		q = &api.QualityResponse{Score: 75, Decision: api.DecisionAcceptWithWarning}
	}
	return q, nil
}

func (f *htmlServices) Check(_ context.Context, req api.SafetyRequest) (*api.SafetyResponse, error) {
	f.mu.Lock()
	f.checked = append(f.checked, req.Translation)
	f.mu.Unlock()
	return &api.SafetyResponse{Source: api.Verdict{Safe: true}, Policy: &api.PolicyDecision{Action: api.PolicyAllow}}, nil
}

// TestHTMLGlossaryRepairIsEscaped is the tester's report: a glossary
// entry whose target term is markup (widget → <img src=x onerror=...>,
// forbidden "artilugio") and an answer that uses the forbidden word. The
// translate chain checked the answer's markup, but the repair came after
// it: in HTML mode the term must be written escaped, so that it is shown
// as the glossary has it and runs nothing. A repair that would change
// the markup all the same (inside an attribute) is not applied.
func TestHTMLGlossaryRepairIsEscaped(t *testing.T) {
	img := htmlTerm{"widget", "<img src=x onerror=alert(1)>", "artilugio"}
	tests := []struct {
		name, format     string
		term             htmlTerm
		text, answer     string
		want             string
		wantStatus       string // of the term in the report
		degraded         []string
		decision         string
		wantFoundOnDrops []string
	}{
		{name: "markup term", format: "html", term: img,
			text: "<p>Click the widget to continue</p>", answer: "<p>Haz clic en el artilugio para continuar</p>",
			want: "<p>Haz clic en el &lt;img src=x onerror=alert(1)&gt; para continuar</p>", wantStatus: api.TermRepaired, decision: api.DecisionAccept},
		{name: "markup term, DeepL's format name in capitals", format: " HTML ", term: img,
			text: "Click the widget to continue", answer: "Haz clic en el artilugio para continuar",
			want: "Haz clic en el &lt;img src=x onerror=alert(1)&gt; para continuar", wantStatus: api.TermRepaired, decision: api.DecisionAccept},
		{name: "ampersand", format: "html", term: htmlTerm{"carrier", "AT&T", "operador"},
			text: "<p>Ask your <b>carrier</b></p>", answer: "<p>Pregunta a tu <b>operador</b></p>",
			want: "<p>Pregunta a tu <b>AT&amp;T</b></p>", wantStatus: api.TermRepaired, decision: api.DecisionAccept},
		{name: "heart", format: "html", term: htmlTerm{"love", "<3", "amor"},
			text: "Sent with love", answer: "Enviado con amor",
			want: "Enviado con &lt;3", wantStatus: api.TermRepaired, decision: api.DecisionAccept},
		{name: "quotes", format: "html", term: htmlTerm{"widget", `l'aparato "Pro"`, "artilugio"},
			text: "<p>Open the widget</p>", answer: "<p>Abre el artilugio</p>",
			want: "<p>Abre el l&#39;aparato &#34;Pro&#34;</p>", wantStatus: api.TermRepaired, decision: api.DecisionAccept},
		{name: "chat text: the client escapes the term", format: "", term: img,
			text: "Click the widget to continue", answer: "Haz clic en el artilugio para continuar",
			want: "Haz clic en el <img src=x onerror=alert(1)> para continuar", wantStatus: api.TermRepaired, decision: api.DecisionAccept},
		{name: "repair inside an attribute is not applied", format: "html", term: htmlTerm{"widget", "aparato", "artilugio"},
			text: `<p><a title="widget">Open the widget</a></p>`, answer: `<p><a title="widget">Abre el widget</a></p>`,
			want: `<p><a title="widget">Abre el widget</a></p>`, wantStatus: api.TermMissing,
			degraded: []string{pipeline.DegradedGlossary}, decision: api.DecisionFlagForReview},
		{name: "a forbidden rendering in an attribute is reported forbidden", format: "html", term: htmlTerm{"widget", "aparato", "artilugio"},
			text: `<p><a title="artilugio">Open the widget</a></p>`, answer: `<p><a title="artilugio">Abre el artilugio</a></p>`,
			want: `<p><a title="artilugio">Abre el artilugio</a></p>`, wantStatus: api.TermForbidden, wantFoundOnDrops: []string{"artilugio"},
			degraded: []string{pipeline.DegradedGlossary}, decision: api.DecisionFlagForReview},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &htmlServices{answer: tt.answer, terms: []htmlTerm{tt.term}}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: "es", Glossary: "t5", Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusTranslated || v.Text != tt.want {
				t.Fatalf("served %q (%s), want %q", v.Text, v.Status, tt.want)
			}
			if v.Glossary == nil || len(v.Glossary.Terms) != 1 || v.Glossary.Terms[0].Status != tt.wantStatus {
				t.Fatalf("glossary report %+v, want the term %s", v.Glossary, tt.wantStatus)
			}
			if tt.wantStatus == api.TermRepaired {
				if v.Glossary.Repaired != v.Text || v.Glossary.Compliance != 1 {
					t.Errorf("report repaired %q (compliance %v), serving %q", v.Glossary.Repaired, v.Glossary.Compliance, v.Text)
				}
			} else if v.Glossary.Repaired != "" || len(v.Glossary.Repairs) != 0 || v.Glossary.Compliance != 0 || !v.Glossary.Flagged ||
				!slices.Equal(v.Glossary.Terms[0].Found, tt.wantFoundOnDrops) {
				t.Errorf("report %+v keeps a repair that was not served", v.Glossary)
			}
			if !slices.Equal(v.Degraded, tt.degraded) {
				t.Errorf("degraded %v, want %v", v.Degraded, tt.degraded)
			}
			if v.Quality == nil || v.Quality.Decision != tt.decision {
				t.Errorf("quality %+v, want %s", v.Quality, tt.decision)
			}
			// What was scored and checked last is what is served.
			if f.scored[len(f.scored)-1] != v.Text || f.checked[len(f.checked)-1] != v.Text {
				t.Errorf("last scored %q and checked %q, serving %q", f.scored[len(f.scored)-1], f.checked[len(f.checked)-1], v.Text)
			}
		})
	}
}

// TestHTMLModeratorCorrection: a moderator's correction (the translate
// service's override) is served from the cache without the chain's
// markup check. In HTML mode one whose markup is the text's is served as
// written, one written as chat text has its raw '<', '>' and '&' escaped,
// and one that adds or loses markup is refused: the chain's next rung
// translates. Chat text serves the correction as it is.
func TestHTMLModeratorCorrection(t *testing.T) {
	tests := []struct {
		name, format, text, correction string
		want, backend                  string
		refusal                        string // in the attempts
	}{
		{name: "markup kept", format: "html", text: "<p>Hello <b>friend</b></p>", correction: "<p>Hola <b>amigo</b></p>",
			want: "<p>Hola <b>amigo</b></p>", backend: "moderator"},
		{name: "chat text escaped", format: "html", text: "We love AT&amp;T", correction: "Nos encanta AT&T <3",
			want: "Nos encanta AT&amp;T &lt;3", backend: "moderator"},
		{name: "raw ampersand beside the text's tags", format: "html", text: "<p>Tom &amp; Jerry are <i>here</i></p>", correction: "<p>Tom & Jerry están <i>aquí</i></p>",
			want: "<p>Tom &amp; Jerry están <i>aquí</i></p>", backend: "moderator"},
		{name: "added tag refused", format: "html", text: "<p>Hello friend</p>", correction: "<p>Hola amigo</p><img src=x onerror=alert(1)>",
			want: "<p>Hola amigo</p>", backend: "apertium", refusal: "the moderator's correction adds HTML markup that the text does not have (an <img>"},
		{name: "lost tag refused", format: "html", text: "<p>Hello <b>friend</b></p>", correction: "Hola amigo",
			want: "<p>Hola <b>amigo</b></p>", backend: "apertium", refusal: "the moderator's correction loses HTML markup of the text (a <p>"},
		{name: "chat text as written", format: "", text: "Hello friend", correction: "Hola amigo <img src=x onerror=alert(1)>",
			want: "Hola amigo <img src=x onerror=alert(1)>", backend: "moderator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			machine := map[string]string{"<p>Hello friend</p>": "<p>Hola amigo</p>", "<p>Hello <b>friend</b></p>": "<p>Hola <b>amigo</b></p>"}
			f := &htmlServices{answer: machine[tt.text], correction: tt.correction}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: "es", Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if v.Status != api.StatusTranslated || v.Text != tt.want || v.Backend != tt.backend {
				t.Fatalf("served %q from %s (%s), want %q from %s; attempts %+v", v.Text, v.Backend, v.Status, tt.want, tt.backend, v.Attempts)
			}
			var errs []string
			for _, a := range v.Attempts {
				errs = append(errs, a.Error)
			}
			// The refusal names the markup (entity.DescribeMarkup).
			if tt.refusal == "" && len(errs) > 0 || tt.refusal != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tt.refusal)) {
				t.Errorf("attempts %q, want %q", errs, tt.refusal)
			}
			if f.checked[len(f.checked)-1] != v.Text {
				t.Errorf("safety checked %q last, serving %q", f.checked[len(f.checked)-1], v.Text)
			}
		})
	}
}

// TestHTMLGuardServesOriginal: whatever produced it (here a translate
// service without the markup check), a view in HTML mode never serves
// markup the text does not have, nor loses the text's: it serves the
// text as sent, and the attempts say why. Chat text is served as
// translated.
func TestHTMLGuardServesOriginal(t *testing.T) {
	tests := []struct {
		name, format, text, answer, refusal string
	}{
		{"added script", "html", "<p>Good night, friends</p>", "<p>Buenas noches, amigos</p><script>alert(4)</script>",
			"the translation adds HTML markup that the text does not have (a <script>"},
		{"decoded escape", "html", "the cat is &lt;b&gt;big&lt;/b&gt;", "el gato es <b>grande</b>",
			"the translation adds HTML markup that the text does not have (a <b>"},
		{"lost tag", "html", "<p>Good <b>night</b></p>", "Buenas noches",
			"the translation loses HTML markup of the text (a <p>"},
		{"chat text", "", "<p>Good night, friends</p>", "<p>Buenas noches, amigos</p><script>alert(4)</script>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &htmlServices{answer: tt.answer}
			p := &pipeline.Pipeline{Detect: fakeDetect{}, Translate: f, Glossary: f, Quality: f, Safety: f}
			v, err := p.Run(t.Context(), pipeline.Request{Text: tt.text, Source: "en", Target: "es", Format: tt.format})
			if err != nil {
				t.Fatal(err)
			}
			if tt.refusal == "" {
				if v.Status != api.StatusTranslated || v.Text != tt.answer {
					t.Fatalf("served %q (%s), want the translation", v.Text, v.Status)
				}
				return
			}
			if v.Status != api.StatusOriginal || v.Text != tt.text || v.Backend != "none" || v.Quality != nil || v.Glossary != nil {
				t.Fatalf("served %+v, want the original", v)
			}
			if len(v.Attempts) != 1 || v.Attempts[0].Backend != "apertium" || !strings.HasPrefix(v.Attempts[0].Error, tt.refusal) {
				t.Errorf("attempts %+v, want the refusal %q", v.Attempts, tt.refusal)
			}
			if v.Reason == "" || v.Safety == nil || f.checked[len(f.checked)-1] != "" {
				t.Errorf("reason %q, safety %+v (last checked %q): want a reason and the original checked", v.Reason, v.Safety, f.checked[len(f.checked)-1])
			}
		})
	}
}
