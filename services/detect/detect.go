// Package detect identifies the language of chat messages with lingua-go,
// restricted to the languages a deployment configures, and answers with a
// BCP 47 tag, lingua's confidence and the runner-up candidates. Text that
// carries no language (emoji, numbers, links) and text lingua cannot tell
// apart with enough confidence are answered with "und" and a reason rather
// than a guess, so that callers can fall back to a language they know.
//
// A Detector is safe for concurrent use: lingua's detectors are, and its
// n-gram models live in process-wide maps, so every Detector in a process
// (and every Start of the service) shares one copy of each model.
package detect

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/pemistahl/lingua-go"
	"golang.org/x/text/language"

	"github.com/parley-chat/parley/shared/api"
)

// DefaultLanguages is the language set used when DETECT_LANGUAGES is unset:
// the languages most common in chat that lingua has models for. Keeping the
// set to what a deployment really sees matters twice over: every extra
// language costs model memory, and every extra look-alike (e.g. Bosnian
// beside Croatian and Serbian) makes short messages harder to tell apart.
var DefaultLanguages = []string{
	"en", "es", "pt", "fr", "de", "it", "nl", "pl", "ru", "uk",
	"tr", "ar", "fa", "he", "hi", "bn", "ur", "id", "ms", "vi",
	"th", "zh", "ja", "ko", "sv", "da", "nb", "fi", "el", "cs",
	"sk", "ro", "hu", "bg", "hr", "sr", "ca", "tl", "sw", "ta",
}

// Defaults for the thresholds, calibrated on short chat sentences with the
// default language set in high-accuracy mode (see docs/detect.md). lingua's
// confidences are spread over every configured language, so with forty
// languages a correct answer for "Hello, how are you?" scores only about
// 0.3; a 0.5 cut-off would turn most short messages into "und". Wrong
// answers on the calibration set all had a lead under 0.05 over the
// runner-up, which is what the distance threshold catches.
const (
	DefaultMinConfidence = 0.15
	DefaultMinDistance   = 0.05
)

// MaxAlternatives bounds the runner-up candidates in a response.
const MaxAlternatives = 3

// Config selects the languages and the thresholds of a Detector.
type Config struct {
	// Languages are ISO 639-1 codes (or any BCP 47 tag whose canonical form
	// names a lingua language, e.g. "fil" for Tagalog). At least two.
	Languages []string
	// LowAccuracy uses trigrams only: much less memory and faster model
	// loading, at some cost on short texts.
	LowAccuracy bool
	// Preload loads every model when the Detector is built instead of on
	// first use, trading start-up time for a steady first request.
	Preload bool
	// MinConfidence is the lowest confidence (0-1) at which the best
	// candidate is reported as the language.
	MinConfidence float64
	// MinDistance is the lowest lead (0-0.99) the best candidate must have
	// over the runner-up; it is lingua's minimum relative distance.
	MinDistance float64
}

// Detector identifies languages. The zero value is not usable; call New.
type Detector struct {
	lingua        lingua.LanguageDetector
	tags          map[lingua.Language]string
	languages     []string
	minConfidence float64
	minDistance   float64
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
	// lingua panics outside this range; check first so a bad setting is an
	// error at start-up, not a crash.
	if math.IsNaN(cfg.MinDistance) || cfg.MinDistance < 0 || cfg.MinDistance > 0.99 {
		errs = append(errs, fmt.Errorf("minimum distance %v is outside 0-0.99", cfg.MinDistance))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("detect config: %w", err)
	}

	b := lingua.NewLanguageDetectorBuilder().FromLanguages(langs...).WithMinimumRelativeDistance(cfg.MinDistance)
	if cfg.LowAccuracy {
		b = b.WithLowAccuracyMode()
	}
	if cfg.Preload {
		b = b.WithPreloadedLanguageModels()
	}
	d := &Detector{
		lingua:        b.Build(),
		tags:          make(map[lingua.Language]string, len(langs)),
		minConfidence: cfg.MinConfidence,
		minDistance:   cfg.MinDistance,
	}
	for _, l := range langs {
		t := canonical(l)
		d.tags[l] = t
		d.languages = append(d.languages, t)
	}
	slices.Sort(d.languages)
	return d, nil
}

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
// only tags Detect can answer besides "und".
func (d *Detector) Languages() []string { return slices.Clone(d.languages) }

// Detect identifies the language of req.Text. Invalid text is an *api.Error
// with a 4xx code; text without language, or with no clear winner, is an
// "und" answer with a Reason.
func (d *Detector) Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error) {
	text, err := api.ValidateText("text", req.Text, api.MaxTextRunes)
	if err != nil {
		return nil, err
	}
	// lingua cannot be interrupted, so give up before starting when the
	// caller has already gone.
	if err := ctx.Err(); err != nil {
		return nil, api.Errorf(api.CodeTimeout, "detect: %v", err)
	}
	prose := stripNonLanguage(text)
	if !hasLetters(prose) {
		return undetermined("the text has no letters (only numbers, symbols, emoji, links or mentions)", nil), nil
	}
	values := d.lingua.ComputeLanguageConfidenceValues(prose)
	if len(values) == 0 || values[0].Value() <= 0 {
		return undetermined("the text matches none of the configured languages", nil), nil
	}
	top := d.score(values[0])
	second := 0.0
	if len(values) > 1 {
		second = values[1].Value()
	}
	switch {
	case values[0].Value() < d.minConfidence:
		return undetermined(fmt.Sprintf("no language is likely enough: best guess %s has confidence %.2f, below %.2f",
			top.Language, values[0].Value(), d.minConfidence), d.alternatives(values, 0)), nil
	case values[0].Value()-second < d.minDistance:
		return undetermined(fmt.Sprintf("too close to call between %s (%.2f) and %s (%.2f)",
			top.Language, values[0].Value(), d.tags[values[1].Language()], second), d.alternatives(values, 0)), nil
	}
	return &api.DetectResponse{
		Language:     top.Language,
		Confidence:   top.Confidence,
		Alternatives: d.alternatives(values, 1),
	}, nil
}

// alternatives lists up to MaxAlternatives candidates from values[from:]
// that lingua gave any chance at all.
func (d *Detector) alternatives(values []lingua.ConfidenceValue, from int) []api.LanguageScore {
	var out []api.LanguageScore
	for _, v := range values[min(from, len(values)):] {
		if len(out) == MaxAlternatives || v.Value() <= 0 {
			break
		}
		out = append(out, d.score(v))
	}
	return out
}

func (d *Detector) score(v lingua.ConfidenceValue) api.LanguageScore {
	// Four decimals are plenty for a threshold and keep the JSON readable.
	return api.LanguageScore{Language: d.tags[v.Language()], Confidence: math.Round(v.Value()*1e4) / 1e4}
}

func undetermined(reason string, candidates []api.LanguageScore) *api.DetectResponse {
	return &api.DetectResponse{Language: api.Undetermined, Alternatives: candidates, Reason: reason}
}
