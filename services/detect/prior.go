package detect

import (
	"fmt"
	"math"
	"strings"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// PriorWeights say how much each kind of hint moves the prior away from
// uniform. The prior over the N configured languages is
//
//	prior(l) = (1 - W)/N + Σ_k w_k · share_k(l)
//
// where share_k is how hint kind k spreads over the languages it names
// (all on the sender's locale; over recent languages, newer ones more; over
// Accept-Language entries by q-value) and W is the sum of the weights of
// the kinds present. The (1 - W)/N floor is the smoothing: it bounds the
// prior odds of any language over any other, so a wrong hint can only win
// where lingua's evidence is weaker than those odds.
type PriorWeights struct {
	// Sender weighs the sender's declared locale.
	Sender float64
	// Recent weighs the conversation's recent languages.
	Recent float64
	// Accept weighs the client's Accept-Language.
	Accept float64
}

// DefaultPriorWeights were chosen on lingua's single-word test set with
// the default 39 languages (docs/detect.md): with a sender locale that is
// right 80% of the time single-word accuracy rises from 64% to 93%, and
// the words whose hint was wrong fare no worse than without a hint. The
// sender's locale alone gives its language prior odds of about 60:1 over
// any other; all three hints on one language about 160:1. A sentence
// overcomes either; an ambiguous word pair does not, which is the point.
var DefaultPriorWeights = PriorWeights{Sender: 0.6, Recent: 0.15, Accept: 0.05}

// recentDecay weighs each older recent language less than the one before.
const recentDecay = 0.7

// maxRecent bounds the recent languages looked at; front ends check
// the same ones (api.ValidateDetectHints).
const maxRecent = api.MaxRecentLanguages

func (w PriorWeights) validate() error {
	for _, v := range []float64{w.Sender, w.Recent, w.Accept} {
		if math.IsNaN(v) || v < 0 || v >= 1 {
			return fmt.Errorf("prior weight %v is outside 0 to 1", v)
		}
	}
	if s := w.Sender + w.Recent + w.Accept; s >= 1 {
		return fmt.Errorf("prior weights add up to %v; they must leave room for the uniform floor (below 1)", s)
	}
	return nil
}

// prior is the prior over the configured languages (by position in
// d.model.Languages()), nil when no hint names a configured language.
type prior struct {
	p []float64
	// sources name the hints that contributed, for explanations.
	sources []string
	// hinted are the tags the hints named, for region notes.
	hinted []language.Tag
}

// prior builds the prior from the hints. A malformed tag is bad input; a
// well-formed tag of a language the deployment does not detect is
// ignored (its weight goes back to the uniform floor).
func (d *Detector) prior(h api.DetectHints) (prior, error) {
	var pr prior
	n := len(d.langs)
	shares := make([][]float64, 0, 3)
	weights := make([]float64, 0, 3)
	add := func(name string, w float64, share []float64) {
		total := 0.0
		for _, v := range share {
			total += v
		}
		if total == 0 || w == 0 {
			return
		}
		for i := range share {
			share[i] /= total
		}
		shares = append(shares, share)
		weights = append(weights, w)
		pr.sources = append(pr.sources, name)
	}

	if s := strings.TrimSpace(h.SenderLocale); s != "" {
		t, err := api.ParseLanguage("hints.sender_locale", s)
		if err != nil {
			return pr, err
		}
		pr.hinted = append(pr.hinted, t)
		share := make([]float64, n)
		if i, ok := d.position(t); ok {
			share[i] = 1
		}
		add("sender locale "+t.String(), d.priors.Sender, share)
	}
	if len(h.RecentLanguages) > 0 {
		share := make([]float64, n)
		var named []string
		wt := 1.0
		for k, s := range h.RecentLanguages {
			if k == maxRecent {
				break
			}
			if strings.TrimSpace(s) == api.Undetermined {
				continue
			}
			t, err := api.ParseLanguage(fmt.Sprintf("hints.recent_languages[%d]", k), s)
			if err != nil {
				return pr, err
			}
			pr.hinted = append(pr.hinted, t)
			if i, ok := d.position(t); ok {
				share[i] += wt
				named = append(named, t.String())
			}
			wt *= recentDecay
		}
		add("recent languages "+strings.Join(compact(named), ","), d.priors.Recent, share)
	}
	if s := strings.TrimSpace(h.AcceptLanguage); s != "" {
		// Read as the gateway reads the header: a client passes its
		// reader's header on as it came, and one entry it cannot read
		// ("es-ES_tradnl", "ja;q=1.5") or naming a language nobody knows
		// ("xx") must not cost the detection; only a header with no
		// readable entry is refused.
		tags, qs, usable, _ := api.ParseAcceptLanguage(s)
		if !usable {
			return pr, api.FieldError(api.CodeInvalidLanguage, "hints.accept_language", "%q is not a valid Accept-Language value", s)
		}
		share := make([]float64, n)
		for k, t := range tags {
			if i, ok := d.position(t); ok && qs[k] > 0 {
				share[i] += float64(qs[k])
			}
		}
		pr.hinted = append(pr.hinted, tags...)
		add("Accept-Language", d.priors.Accept, share)
	}
	if len(shares) == 0 {
		return pr, nil
	}
	wsum := 0.0
	for _, w := range weights {
		wsum += w
	}
	pr.p = make([]float64, n)
	for i := range pr.p {
		pr.p[i] = (1 - wsum) / float64(n)
		for k, share := range shares {
			pr.p[i] += weights[k] * share[i]
		}
	}
	return pr, nil
}

// compact drops adjacent duplicates ("pt,pt,es" -> "pt,es").
func compact(s []string) []string {
	var out []string
	for _, v := range s {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// position finds the configured language of a tag's base language.
func (d *Detector) position(t language.Tag) (int, bool) {
	l, ok := lookup(t.String())
	if !ok {
		return 0, false
	}
	i, ok := d.pos[l]
	return i, ok
}

// posterior combines lingua's confidences with the prior by Bayes' rule.
// lingua's confidences are a posterior under a uniform prior, so they are
// proportional to the likelihood of the text: posterior(l) ∝
// confidence(l) · prior(l). A language lingua ruled out (confidence 0,
// e.g. another script) stays out whatever the hints say.
func posterior(conf []float64, pr []float64) []float64 {
	out := make([]float64, len(conf))
	total := 0.0
	for i, c := range conf {
		out[i] = c * pr[i]
		total += out[i]
	}
	if total == 0 {
		return out
	}
	for i := range out {
		out[i] /= total
	}
	return out
}
