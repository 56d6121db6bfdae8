// Package quality estimates the quality of one machine translation from
// cheap, explainable signals and decides whether the pipeline should keep it
// or move down the backend chain.
//
// No signal needs a reference translation. Each one looks for a failure that
// LLM translators are known for: answering in the wrong language, echoing
// the source untranslated, returning nothing, wrapping the answer in
// commentary or refusing, and truncating or padding the text. Every signal
// reports a value in [0, 1] (1: no problem found), a weight in score points
// and a reason a person can read; the score starts at 100 and each signal
// takes away weight × (1 − value). A signal that cannot judge (text too
// short, detector unavailable) has weight 0 and says why, so the service
// degrades to fewer signals instead of failing.
package quality

import (
	"context"
	"log/slog"
	"math"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/shared/api"
)

// Signal names, as reported in api.Signal.Name.
const (
	SignalEmpty            = "empty"
	SignalTargetLanguage   = "target_language"
	SignalLengthRatio      = "length_ratio"
	SignalUntranslatedCopy = "untranslated_copy"
	SignalRefusal          = "refusal"
)

// Weights are the score points a signal takes away when it finds the worst
// case. Any one of the strong signals on its own brings a translation below
// the default threshold of 50, because each of them means the reader would
// not get a translation at all.
const (
	WeightEmpty            = 100
	WeightTargetLanguage   = 70
	WeightUntranslatedCopy = 80
	WeightRefusal          = 70
	// WeightLengthRatio is lower: only a ratio twice beyond the plausible
	// band rejects on its own, a milder deviation only adds up with others.
	WeightLengthRatio = 60
)

// Defaults for Config.
const (
	DefaultMinScore      = 50
	DefaultDetectTimeout = 3 * time.Second
)

// MaxTranslationRunes bounds a translation. It is larger than the source
// limit because a faithful translation from Chinese or Japanese into a
// Latin-script language can be several times longer in characters.
const MaxTranslationRunes = 4 * api.MaxTextRunes

// Detector identifies the language of a text. natsdetect.Detector asks the
// detect service; tests may use an in-process detector.
type Detector interface {
	Detect(ctx context.Context, req api.DetectRequest) (*api.DetectResponse, error)
	// Languages lists the BCP 47 languages Detect can name. A translation
	// into any other language cannot be confirmed by detection, so a
	// mismatch then proves nothing.
	Languages(ctx context.Context) ([]string, error)
}

// Config tunes a Scorer.
type Config struct {
	// MinScore is the lowest score (0-100) that is accepted.
	MinScore float64
	// DetectTimeout bounds the call to the detector, within the request's
	// own deadline, so a slow detector costs a skipped signal, not the
	// caller's whole budget.
	DetectTimeout time.Duration
}

// Scorer scores translations. It is safe for concurrent use.
type Scorer struct {
	det Detector
	cfg Config
	log *slog.Logger
	// detectDown is set while detection fails, so that an outage is logged
	// once when it starts and once when it ends, not on every request.
	detectDown atomic.Bool
}

// NewScorer returns a Scorer. det may be nil: the language signal is then
// skipped. Zero Config fields take the defaults.
func NewScorer(det Detector, cfg Config, log *slog.Logger) *Scorer {
	if cfg.DetectTimeout <= 0 {
		cfg.DetectTimeout = DefaultDetectTimeout
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Scorer{det: det, cfg: cfg, log: log}
}

// input is a validated request.
type input struct {
	source, translation string
	// sourceLang is "" when the caller did not know it.
	sourceLang, targetLang string
	// sourceBase and targetBase are the ISO 639 base languages.
	sourceBase, targetBase string
	// copied is set when the translation is the source again, up to case,
	// spacing and punctuation.
	copied bool
}

// Score estimates the quality of req.Translation. Malformed requests are an
// *api.Error with a 4xx code; an empty translation is not an error but a
// score of 0.
func (s *Scorer) Score(ctx context.Context, req api.QualityRequest) (*api.QualityResponse, error) {
	in, err := validate(req)
	if err != nil {
		return nil, err
	}
	if isBlank(in.translation) {
		return s.decide([]api.Signal{{Name: SignalEmpty, Value: 0, Weight: WeightEmpty, Reason: "the translation is empty"}}), nil
	}
	signals := []api.Signal{
		s.targetLanguage(ctx, in),
		lengthRatio(in),
		untranslatedCopy(in),
		refusal(in),
	}
	return s.decide(signals), nil
}

// decide turns signals into a score and a decision.
func (s *Scorer) decide(signals []api.Signal) *api.QualityResponse {
	score := 100.0
	for _, sg := range signals {
		score -= sg.Weight * (1 - sg.Value)
	}
	score = math.Round(min(100, max(0, score))*10) / 10
	decision := api.DecisionReject
	if score >= s.cfg.MinScore {
		decision = api.DecisionAccept
	}
	return &api.QualityResponse{Score: score, Decision: decision, Signals: signals}
}

// validate applies the shared input rules.
func validate(req api.QualityRequest) (input, error) {
	var in input
	src, err := api.ValidateText("source", req.Source, api.MaxTextRunes)
	if err != nil {
		return in, err
	}
	in.source = src
	if !utf8.ValidString(req.Translation) {
		return in, api.FieldError(api.CodeInvalidUTF8, "translation", "text is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(req.Translation); n > MaxTranslationRunes {
		return in, api.FieldError(api.CodeTextTooLong, "translation", "text has %d characters; the limit is %d", n, MaxTranslationRunes)
	}
	in.translation = norm.NFC.String(req.Translation)
	in.copied = fold(in.source) == fold(in.translation)
	tgt, err := api.ParseLanguage("target_lang", req.TargetLang)
	if err != nil {
		return in, err
	}
	in.targetLang = tgt.String()
	in.targetBase = api.Base(in.targetLang)
	// The pipeline always knows the source language, but a direct caller
	// may not; the signals that need it then stand aside.
	switch sl := strings.TrimSpace(req.SourceLang); strings.ToLower(sl) {
	case "", api.Undetermined, "auto":
	default:
		t, err := api.ParseLanguage("source_lang", sl)
		if err != nil {
			return in, err
		}
		in.sourceLang = t.String()
		in.sourceBase = api.Base(in.sourceLang)
	}
	return in, nil
}

// isBlank reports whether s has nothing but spaces and invisible format
// characters (zero-width spaces, joiners, BOMs), which an LLM sometimes
// returns instead of an answer.
func isBlank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !invisible(r) }) < 0
}

func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
