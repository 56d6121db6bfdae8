// Package detect identifies the language of chat messages and answers
// with a BCP 47 tag, or "und" with a reason rather than a guess.
//
// A message is cleaned first (mentions, channels, hashtags, links, e-mail
// addresses, emoji, custom emoji, code and numbers do not vote). A script
// that only one configured language is written in decides at once
// (Hangul, kana, Thai, Greek, ...), and so does a message made of chat
// phrases only one configured language writes ("thanks", "merci
// beaucoup", phrases.txt). Otherwise lingua's models score the
// text (package ngram: lingua-go's models and algorithm in compact
// tables), hints such as the sender's locale act as a prior by Bayes'
// rule, and the answer must clear a confidence and a lead over the
// runner-up that grow as the text gets shorter. The answer names
// lingua's own answer for the raw text and why the two differ.
//
// A Detector is safe for concurrent use.
package detect

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/pemistahl/lingua-go"
	"golang.org/x/text/language"

	"github.com/parley-chat/parley/services/detect/ngram"
	"github.com/parley-chat/parley/shared/api"
)

// DefaultLanguages is the language set used when DETECT_LANGUAGES is unset:
// the languages most common in chat that lingua has models for. Keeping the
// set to what a deployment really sees matters twice over: every extra
// language costs model memory, and every extra look-alike makes short
// messages harder to tell apart. Malay is left out for that reason: lingua
// takes nearly half of the Malay word pairs for Indonesian (and a third of
// the Indonesian ones for Malay), and answering "id" for both costs a
// translation little (see docs/detect.md).
var DefaultLanguages = []string{
	"en", "es", "pt", "fr", "de", "it", "nl", "pl", "ru", "uk",
	"tr", "ar", "fa", "he", "hi", "bn", "ur", "id", "vi", "th",
	"zh", "ja", "ko", "sv", "da", "nb", "fi", "el", "cs", "sk",
	"ro", "hu", "bg", "hr", "sr", "ca", "tl", "sw", "ta",
}

// Default thresholds, chosen on lingua's test data (single words, word
// pairs, sentences) with the default language set so that at least 97% of
// the answers that are not "und" are right for every text length (see
// docs/detect.md). lingua spreads its confidence over every configured
// language, so the lead over the runner-up says more than the confidence
// itself, and a short text needs a much larger lead to be as reliable.
const (
	DefaultMinConfidence = 0.15
	// DefaultMinDistance is the lead a text of 20 or more letters needs.
	DefaultMinDistance = 0.02
	// DefaultMinDistanceShort is the lead a text of 10 to 19 letters
	// needs (a word pair).
	DefaultMinDistanceShort = 0.13
	// DefaultMinDistanceWord is the lead a text under 10 letters needs
	// (a single word).
	DefaultMinDistanceWord = 0.5
)

// Text lengths (letters) at which the lead thresholds change.
const (
	shortLetters = 10
	longLetters  = 20
)

// MaxAlternatives bounds the runner-up candidates in a response.
const MaxAlternatives = 3

// Preload says when a Detector loads its models.
type Preload string

// Preload modes. The zero value loads lazily.
const (
	// PreloadLazy loads a script family's models on its first message;
	// that request waits for them.
	PreloadLazy Preload = "false"
	// PreloadBlocking loads every model before New returns.
	PreloadBlocking Preload = "true"
	// PreloadBackground starts loading every model when New returns, in
	// the background; a request that needs a model still loading waits
	// for it (within its deadline), and script shortcuts answer at once.
	PreloadBackground Preload = "background"
)

// Config selects the languages, the models and the thresholds of a
// Detector.
type Config struct {
	// Languages are ISO 639-1 codes (or any BCP 47 tag whose canonical form
	// names a lingua language, e.g. "fil" for Tagalog). At least two.
	Languages []string
	// LowAccuracy scores trigrams only: a tenth of the memory and fast
	// loading, at some cost on short texts.
	LowAccuracy bool
	// Preload says when the models load (default lazily).
	Preload Preload
	// MinConfidence is the lowest confidence (0-1) at which the best
	// candidate is reported as the language.
	MinConfidence float64
	// MinDistance is the lowest lead (0-1) the best candidate must have
	// over the runner-up in a text of 20 letters or more;
	// MinDistanceShort applies from 10 to 19 letters and MinDistanceWord
	// below 10. A zero short or word threshold takes MinDistance.
	MinDistance, MinDistanceShort, MinDistanceWord float64
	// Priors weigh the request hints; the zero value ignores hints.
	Priors PriorWeights
	// Workers bounds the batch items detected at once (default
	// GOMAXPROCS).
	Workers int
	// SkipPhrases leaves out the chat phrasebook (phrases.txt), which
	// answers greetings, thanks and short replies lingua cannot place.
	SkipPhrases bool
}

// Detector identifies languages. The zero value is not usable; call New.
type Detector struct {
	model     *ngram.Model
	langs     []lingua.Language // the model's order
	pos       map[lingua.Language]int
	tags      map[lingua.Language]string
	languages []string
	cfg       Config
	priors    PriorWeights
	phrases   phrasebook
	sem       chan struct{}
}

// linguaByTag maps the canonical BCP 47 form of every lingua language (the
// form api.ParseLanguage produces, so "fil" for Tagalog) to the language.
var linguaByTag = func() map[string]lingua.Language {
	m := make(map[string]lingua.Language)
	for _, l := range lingua.AllLanguages() {
		m[canonical(l)] = l
	}
	return m
}()

// canonical is the BCP 47 tag for a lingua language, built through x/text so
// that it compares equal with tags that went through api.ParseLanguage.
func canonical(l lingua.Language) string {
	return language.Make(strings.ToLower(l.IsoCode639_1().String())).String()
}

// New builds a Detector. Configuration mistakes are reported together.
// With PreloadBlocking it returns once every model is loaded.
func New(cfg Config) (*Detector, error) {
	var errs []error
	var langs []lingua.Language
	seen := make(map[lingua.Language]bool)
	for _, code := range cfg.Languages {
		l, ok := lookup(code)
		if !ok {
			errs = append(errs, fmt.Errorf("language %q is not one lingua can detect", code))
			continue
		}
		if !seen[l] {
			seen[l] = true
			langs = append(langs, l)
		}
	}
	if len(langs) < 2 && len(errs) == 0 {
		// lingua compares candidates; with one language every text would be
		// that language.
		errs = append(errs, fmt.Errorf("at least two languages are needed, got %d", len(langs)))
	}
	if math.IsNaN(cfg.MinConfidence) || cfg.MinConfidence < 0 || cfg.MinConfidence > 1 {
		errs = append(errs, fmt.Errorf("minimum confidence %v is outside 0-1", cfg.MinConfidence))
	}
	for _, v := range []float64{cfg.MinDistance, cfg.MinDistanceShort, cfg.MinDistanceWord} {
		if math.IsNaN(v) || v < 0 || v > 1 {
			errs = append(errs, fmt.Errorf("minimum distance %v is outside 0-1", v))
		}
	}
	if err := cfg.Priors.validate(); err != nil {
		errs = append(errs, err)
	}
	switch cfg.Preload {
	case "", PreloadLazy, PreloadBlocking, PreloadBackground:
	default:
		errs = append(errs, fmt.Errorf("preload %q is not %s, %s or %s", cfg.Preload, PreloadBackground, PreloadBlocking, PreloadLazy))
	}
	if cfg.Workers < 0 {
		errs = append(errs, fmt.Errorf("workers %d is negative", cfg.Workers))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("detect config: %w", err)
	}
	if cfg.MinDistanceShort == 0 {
		cfg.MinDistanceShort = cfg.MinDistance
	}
	if cfg.MinDistanceWord == 0 {
		cfg.MinDistanceWord = cfg.MinDistanceShort
	}
	if cfg.Workers == 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}

	model, err := ngram.New(langs, cfg.LowAccuracy)
	if err != nil {
		return nil, fmt.Errorf("detect config: %w", err)
	}
	d := &Detector{
		model:  model,
		langs:  model.Languages(),
		pos:    make(map[lingua.Language]int),
		tags:   make(map[lingua.Language]string),
		cfg:    cfg,
		priors: cfg.Priors,
		sem:    make(chan struct{}, cfg.Workers),
	}
	for i, l := range d.langs {
		d.pos[l] = i
		t := canonical(l)
		d.tags[l] = t
		d.languages = append(d.languages, t)
	}
	slices.Sort(d.languages)
	if !cfg.SkipPhrases {
		byTag := make(map[string]lingua.Language, len(d.tags))
		for l, t := range d.tags {
			byTag[t] = l
		}
		d.phrases = newPhrasebook(byTag)
	}
	switch cfg.Preload {
	case PreloadBlocking:
		if err := model.Load(context.Background()); err != nil {
			return nil, err
		}
	case PreloadBackground:
		// Warm (or any request) waits for this load rather than starting
		// another.
		go func() { _ = model.Load(context.Background()) }()
	}
	return d, nil
}

// Warm loads every model, or waits for a load in progress, until done or
// ctx ends; it reports a load that failed.
func (d *Detector) Warm(ctx context.Context) error { return d.model.Load(ctx) }

// Ready reports whether every model is loaded.
func (d *Detector) Ready() bool { return d.model.Loaded() }

// ModelBytes is the memory the loaded models take.
func (d *Detector) ModelBytes() int { return d.model.Bytes() }

// lookup finds the lingua language for an ISO 639-1 code or BCP 47 tag.
func lookup(code string) (lingua.Language, bool) {
	code = strings.TrimSpace(code)
	if code == "" {
		return lingua.Unknown, false
	}
	t, err := language.Parse(strings.ReplaceAll(code, "_", "-"))
	if err != nil {
		return lingua.Unknown, false
	}
	// Only the base language counts: lingua has one model per language, so
	// "pt-BR" selects Portuguese.
	b, _ := t.Base()
	l, ok := linguaByTag[language.Make(b.String()).String()]
	return l, ok
}

// Languages returns the configured languages as sorted BCP 47 tags, the
// only base languages Detect can answer besides "und".
func (d *Detector) Languages() []string { return slices.Clone(d.languages) }

// minLead is the lead the best candidate needs in a text of n letters.
// The single-word threshold guards lingua's weakest evidence when nothing
// else is known; hints are the context a single word lacks, and with
// them a word needs only the word-pair lead (docs/detect.md has the
// figures).
func (d *Detector) minLead(n int, hinted bool) float64 {
	switch {
	case n < shortLetters && !hinted:
		return d.cfg.MinDistanceWord
	case n < longLetters:
		return d.cfg.MinDistanceShort
	}
	return d.cfg.MinDistance
}

// Detect identifies the language of req.Text. Invalid text or hints are an
// *api.Error with a 4xx code; text without language, or with no clear
// winner, is an "und" answer with a Reason.
func (d *Detector) Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	text, err := api.ValidateText("text", req.Text, api.MaxTextRunes)
	if err != nil {
		return nil, err
	}
	pr, err := d.prior(req.Hints)
	if err != nil {
		return nil, err
	}
	// Scoring cannot be interrupted, so give up before starting when the
	// caller has already gone.
	if err := ctx.Err(); err != nil {
		return nil, api.Errorf(api.CodeTimeout, "detect: %v", err)
	}
	c := clean(text)
	cen := takeCensus(c.prose)
	resp := &api.DetectResponse{Script: cen.mainScript()}

	rawWords := ngram.Words(text)
	raw, err := d.confidencesWords(ctx, rawWords)
	if err != nil {
		return nil, err
	}
	if top := raw.Top(); top.Language != lingua.Unknown {
		resp.Lingua = &api.LanguageScore{Language: d.tags[top.Language], Confidence: round(top.Value)}
	}

	// One letter says nothing, unless it is a syllable or a word of its
	// own (Korean 네, Japanese ね, Chinese 好).
	if cen.total == 0 || (cen.total == 1 && cen.counts["Hani"]+cen.counts["Hang"]+cen.counts["Hira"]+cen.counts["Kana"] == 0) {
		resp.Language = api.Undetermined
		resp.Reason = noLanguageReason(c, cen)
		switch removed := c.removedList(); {
		case resp.Lingua == nil:
		case len(removed) > 0:
			resp.Why = fmt.Sprintf("lingua read the %s as %s; they do not count", strings.Join(removed, ", "), resp.Lingua.Language)
		default:
			resp.Why = fmt.Sprintf("lingua's %s rests on a single letter", resp.Lingua.Language)
		}
		return d.finish(ctx, resp, text, req.Spans, c, cen, pr)
	}

	if l, ok := d.shortcut(cen); ok {
		resp.Language = tagFor(d.tags[l], cen)
		resp.Confidence = 1
		if resp.Lingua != nil && resp.Lingua.Language != d.tags[l] {
			resp.Why = fmt.Sprintf("%s is the only configured language written in this script", d.tags[l])
		}
		return d.finish(ctx, resp, text, req.Spans, c, cen, pr)
	}

	// A greeting or a thank-you is too short for n-grams but says its
	// language outright; the hints do not outweigh it, as only one
	// configured language writes its phrases (those several write are
	// no match, and the hints decide them below).
	if l, ok := d.phrases.match(c.prose); ok {
		resp.Language = tagFor(d.tags[l], cen)
		resp.Confidence = 1
		if resp.Lingua == nil || resp.Lingua.Language != d.tags[l] {
			resp.Why = fmt.Sprintf("the text is a chat phrase of %s (the phrasebook)", d.tags[l])
		}
		return d.finish(ctx, resp, text, req.Spans, c, cen, pr)
	}

	res := raw
	if words := ngram.Words(c.prose); !slices.Equal(words, rawWords) {
		if res, err = d.confidencesWords(ctx, words); err != nil {
			return nil, err
		}
	}
	conf := make([]float64, len(d.langs))
	for _, s := range res.Scores {
		conf[d.pos[s.Language]] = s.Value
	}
	post := conf
	if pr.p != nil {
		post = posterior(conf, pr.p)
	}
	ranked := d.rank(post)
	if len(ranked) == 0 || ranked[0].Confidence <= 0 {
		resp.Language = api.Undetermined
		resp.Reason = "the text matches none of the configured languages"
		return d.finish(ctx, resp, text, req.Spans, c, cen, pr)
	}
	top := ranked[0]
	second := 0.0
	if len(ranked) > 1 {
		second = ranked[1].Confidence
	}
	n := res.Letters
	switch {
	case top.Confidence < d.cfg.MinConfidence:
		resp.Language = api.Undetermined
		resp.Reason = fmt.Sprintf("no language is likely enough: best guess %s has confidence %.4f, below %.2f",
			top.Language, top.Confidence, d.cfg.MinConfidence)
		resp.Alternatives = limit(ranked, 0)
	case top.Confidence-second < d.minLead(n, pr.p != nil):
		resp.Language = api.Undetermined
		resp.Reason = fmt.Sprintf("too close to call between %s (%.4f) and %s (%.4f): a text of %d letters needs a lead of %.2f",
			top.Language, top.Confidence, ranked[1].Language, second, n, d.minLead(n, pr.p != nil))
		resp.Alternatives = limit(ranked, 0)
	default:
		resp.Language = tagFor(top.Language, cen)
		resp.Confidence = round(top.Confidence)
		resp.Alternatives = limit(ranked, 1)
	}
	switch {
	case resp.Lingua == nil:
	case resp.Language == api.Undetermined:
		// The reason says why there is no answer; say where lingua's
		// came from when cleaning took it away.
		if ct := res.Top(); ct.Language != lingua.Unknown && d.tags[ct.Language] != resp.Lingua.Language && len(c.removedList()) > 0 {
			resp.Why = fmt.Sprintf("lingua's %s rests on %s, which do not count", resp.Lingua.Language, strings.Join(c.removedList(), ", "))
		} else {
			resp.Why = fmt.Sprintf("lingua's %s is not clear enough for an answer (see reason)", resp.Lingua.Language)
		}
	case api.Base(resp.Language) != api.Base(resp.Lingua.Language):
		resp.Why = d.why(top.Language, resp.Lingua.Language, res, conf, post, pr, c)
	}
	return d.finish(ctx, resp, text, req.Spans, c, cen, pr)
}

// finish adds the ambiguity note and, when asked, the spans of text (the
// request's text in NFC, as api.ValidateText returns it).
func (d *Detector) finish(ctx context.Context, resp *api.DetectResponse, text string, wantSpans bool, c cleaned, cen census, pr prior) (*api.DetectResponse, error) {
	if resp.Language != api.Undetermined {
		resp.Ambiguity = d.ambiguity(resp.Language, cen, pr.hinted)
	}
	if wantSpans && resp.Language != api.Undetermined {
		spans, err := d.spans(ctx, text, c, resp.Language)
		if err != nil {
			return nil, err
		}
		resp.Spans = spans
	}
	return resp, nil
}

// confidences runs the model on text.
func (d *Detector) confidences(ctx context.Context, text string) (ngram.Result, error) {
	return d.confidencesWords(ctx, ngram.Words(text))
}

// confidencesWords runs the model, turning a load that outlasted the
// caller's deadline into a 503-style answer the caller can retry.
func (d *Detector) confidencesWords(ctx context.Context, words []string) (ngram.Result, error) {
	res, err := d.model.ConfidencesWords(ctx, words)
	if err != nil {
		if ctx.Err() != nil {
			return res, api.Errorf(api.CodeUnavailable, "detect: the language models are still loading; retry shortly")
		}
		return res, fmt.Errorf("detect: %w", err)
	}
	return res, nil
}

// why explains how the answer came to differ from lingua's.
func (d *Detector) why(final, linguaLang string, res ngram.Result, conf, post []float64, pr prior, c cleaned) string {
	cleanedTop := res.Top()
	if cleanedTop.Language != lingua.Unknown && d.tags[cleanedTop.Language] == final {
		if removed := c.removedList(); len(removed) > 0 {
			return fmt.Sprintf("lingua's %s rests on %s, which do not count; without them the text reads as %s",
				linguaLang, strings.Join(removed, ", "), final)
		}
		return fmt.Sprintf("the text reads as %s once cleaned", final)
	}
	fi := d.pos[linguaByTag[final]]
	li := -1
	if cleanedTop.Language != lingua.Unknown {
		li = d.pos[cleanedTop.Language]
	}
	if li < 0 || pr.p == nil {
		return fmt.Sprintf("lingua reads the raw text as %s", linguaLang)
	}
	return fmt.Sprintf("the hints (%s) favour %s: lingua gives %s %.2f and %s %.2f; with the hints %s has %.2f and %s %.2f",
		strings.Join(pr.sources, "; "), final,
		d.tags[d.langs[li]], conf[li], final, conf[fi], final, post[fi], d.tags[d.langs[li]], post[li])
}

// rank turns per-position values into scores, best first.
func (d *Detector) rank(v []float64) []api.LanguageScore {
	out := make([]api.LanguageScore, 0, len(v))
	for i, x := range v {
		if x > 0 {
			out = append(out, api.LanguageScore{Language: d.tags[d.langs[i]], Confidence: x})
		}
	}
	slices.SortStableFunc(out, func(a, b api.LanguageScore) int {
		switch {
		case a.Confidence > b.Confidence:
			return -1
		case a.Confidence < b.Confidence:
			return 1
		}
		return strings.Compare(a.Language, b.Language)
	})
	return out
}

// limit lists up to MaxAlternatives candidates from ranked[from:], rounded.
func limit(ranked []api.LanguageScore, from int) []api.LanguageScore {
	var out []api.LanguageScore
	for _, s := range ranked[min(from, len(ranked)):] {
		if len(out) == MaxAlternatives {
			break
		}
		out = append(out, api.LanguageScore{Language: s.Language, Confidence: round(s.Confidence)})
	}
	return out
}

// round keeps four decimals: plenty for a threshold, and readable JSON.
func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// noLanguageReason says why a text has no language left.
func noLanguageReason(c cleaned, cen census) string {
	removed := c.removedList()
	if cen.total == 1 {
		return "a single letter is not enough to tell a language"
	}
	if len(removed) == 0 {
		return "the text has no letters"
	}
	return "the text has no letters once " + strings.Join(removed, ", ") + " are set aside"
}
