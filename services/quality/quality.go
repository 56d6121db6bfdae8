// Package quality estimates the quality of one machine translation from
// cheap, explainable signals, optionally asks an LLM judge about borderline
// cases, and decides what the pipeline does with the translation.
//
// No signal needs a reference translation. Each one looks for a failure that
// machine translators are known for: answering in the wrong language or
// script, echoing the source untranslated, returning nothing, wrapping the
// answer in commentary or refusing, truncating or padding the text, losing
// links, mentions, numbers or placeholders, ignoring the glossary, leaving
// words unknown, and looping. Every signal reports a value in [0, 1] (1: no
// problem found), a weight in score points and a reason a person can read;
// the score starts at 100 and each signal takes away weight × (1 − value).
// A signal that cannot judge (text too short, detector unavailable) has
// weight 0 and says why, so the service degrades to fewer signals instead
// of failing.
//
// The score maps to a decision through three thresholds: accept, accept
// with a warning, flag for review (served, but a person should look), or
// retry (the pipeline asks the next rung of the backend chain).
package quality

import (
	"context"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/service"
)

// Signal names, as reported in api.Signal.Name.
const (
	SignalEmpty            = "empty"
	SignalTargetLanguage   = "target_language"
	SignalScript           = "script"
	SignalLengthRatio      = "length_ratio"
	SignalTruncation       = "truncation"
	SignalUntranslatedCopy = "untranslated_copy"
	SignalEntities         = "entities"
	SignalGlossary         = "glossary"
	SignalUnknownWords     = "unknown_words"
	SignalRepetition       = "repetition"
	SignalRefusal          = "refusal"
	// SignalLineBreaks, SignalNegation and SignalUntranslatedSentence
	// catch errors of meaning and layout that every other signal passes:
	// collapsed lines, a dropped "not", a sentence left in the source
	// language.
	SignalLineBreaks           = "line_breaks"
	SignalNegation             = "negation"
	SignalUntranslatedSentence = "untranslated_sentence"
	SignalJudge                = "llm_judge"
)

// Weights are the score points a signal takes away when it finds the worst
// case. Any one of the strong signals on its own brings a translation below
// the default retry threshold of 50, because each of them means the reader
// would not get a translation at all.
const (
	WeightEmpty            = 100
	WeightTargetLanguage   = 70
	WeightUntranslatedCopy = 80
	WeightRefusal          = 70
	// WeightLengthRatio is lower: only a ratio twice beyond the plausible
	// band retries on its own, a milder deviation only adds up with others.
	WeightLengthRatio = 60
)

// Default thresholds: a score below DefaultMinScore retries, below
// DefaultReviewScore is flagged for review, below DefaultAcceptScore is
// accepted with a warning.
const (
	DefaultMinScore    = 50
	DefaultReviewScore = 65
	DefaultAcceptScore = 80
)

// DefaultDetectTimeout bounds the call to the detect service.
const DefaultDetectTimeout = 3 * time.Second

// MaxTranslationRunes bounds a translation. It is larger than the source
// limit because a faithful translation from Chinese or Japanese into a
// Latin-script language can be several times longer in characters.
const MaxTranslationRunes = 4 * api.MaxTextRunes

// Limits on the glossary and protection lists of a request: generous for a
// chat message, small enough that a request cannot make scoring expensive.
const (
	maxListItems = 256
	maxItemRunes = 200
)

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
	// MinScore is the lowest score (0-100) that is served: below it the
	// decision is retry.
	MinScore float64
	// ReviewScore is the lowest score served without review: from MinScore
	// up to it the decision is flag_for_review. Below MinScore it counts
	// as MinScore.
	ReviewScore float64
	// AcceptScore is the lowest score accepted without a warning: from
	// ReviewScore up to it the decision is accept_with_warning. Below
	// ReviewScore it counts as ReviewScore, so a Config with MinScore only
	// has the two decisions accept and retry.
	AcceptScore float64
	// DetectTimeout bounds the call to the detector, within the request's
	// own deadline, so a slow detector costs a skipped signal, not the
	// caller's whole budget.
	DetectTimeout time.Duration
	// LengthBands overrides the plausible length ratio for language pairs,
	// keyed "source-target" by base language ("en-zh").
	LengthBands map[string]Band
	// Judge configures the optional LLM judge (off when Judge.LLM is nil).
	Judge JudgeConfig
}

// Scorer scores translations. It is safe for concurrent use.
type Scorer struct {
	det   Detector
	cfg   Config
	log   *slog.Logger
	judge *judge
	// detectDown is set while detection fails, so that an outage is logged
	// once when it starts and once when it ends, not on every request.
	detectDown atomic.Bool
}

// NewScorer returns a Scorer. det may be nil: the language signal is then
// skipped. A zero DetectTimeout takes the default; thresholds are used as
// given (see Config).
func NewScorer(det Detector, cfg Config, log *slog.Logger) *Scorer {
	if cfg.DetectTimeout <= 0 {
		cfg.DetectTimeout = DefaultDetectTimeout
	}
	cfg.ReviewScore = max(cfg.ReviewScore, cfg.MinScore)
	cfg.AcceptScore = max(cfg.AcceptScore, cfg.ReviewScore)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Scorer{det: det, cfg: cfg, log: log}
	if cfg.Judge.LLM != nil {
		s.judge = newJudge(cfg.Judge, log)
	}
	return s
}

// input is a validated request and what every signal needs from it,
// computed once.
type input struct {
	source, translation string
	// sourceLang is "" when the caller did not know it.
	sourceLang, targetLang string
	// sourceBase and targetBase are the ISO 639 base languages.
	sourceBase, targetBase string
	backend, model         string
	protect                []string
	terms                  []api.TermHint
	glossary               *api.GlossaryReport
	unknownWords           int
	// copied is set when the translation is the source again, up to case,
	// spacing and punctuation.
	copied bool
	// srcEnt and trEnt are the entities of each side; their rest (the
	// text without them) is split into srcWords and trWords.
	srcEnt, trEnt     extracted
	srcWords, trWords []word
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
		// Whatever the thresholds, nothing is no translation.
		sg := api.Signal{Name: SignalEmpty, Value: 0, Weight: WeightEmpty, Reason: "the translation is empty"}
		return &api.QualityResponse{Score: 0, Decision: api.DecisionRetry, Signals: []api.Signal{sg}}, nil
	}
	// Detection is a round trip to the detect service; the text is
	// analysed meanwhile, on another goroutine: the analysis is the
	// shorter of the two, so the reply wakes this goroutine directly
	// rather than a helper that would then have to wake it.
	// targetLanguage reads the fields that analyse writes only after
	// analysed is closed.
	analysed := make(chan struct{})
	gopool.Go(func() {
		in.analyse()
		close(analysed)
	})
	lang := s.targetLanguage(ctx, in, analysed)
	<-analysed
	length := lengthRatio(in, s.cfg.LengthBands)
	signals := []api.Signal{
		lang,
		scriptSignal(in),
		untranslatedCopy(in),
		length,
		droppedSentenceShare(truncation(in), length),
		entitySignal(in),
		glossarySignal(in),
		unknownWords(in),
		repetitionSignal(in),
		refusal(in),
		lineBreaks(in),
		negation(in),
		untranslatedSentence(in),
	}
	score := s.negationNoRetry(signals, signalScore(signals))
	resp := &api.QualityResponse{Signals: signals}
	if s.judge != nil {
		var sg api.Signal
		sg, resp.Judge, score = s.judge.consult(ctx, in, score)
		resp.Signals = append(resp.Signals, sg)
	}
	resp.Score = math.Round(score*10) / 10
	resp.Decision = s.decision(resp.Score)
	s.log.Debug("translation scored", "backend", in.backend, "model", in.model, "source_lang", in.sourceLang, "target_lang", in.targetLang,
		"score", resp.Score, "decision", resp.Decision, "req_id", service.RequestID(ctx))
	return resp, nil
}

// analyse extracts entities and words once for all signals.
func (in *input) analyse() {
	in.srcEnt = extractEntities(in.source, in.protect)
	in.trEnt = extractEntities(in.translation, in.protect)
	in.srcWords = splitWords(in.srcEnt.rest)
	in.trWords = splitWords(in.trEnt.rest)
}

// negationNoRetry keeps the negation signal from being what sends a
// translation to retry: a dropped negation is a reason for a person to
// look, not proof that the text is no translation, and the markers cannot
// be sure of a short idiom ("Don't mention it" → "De nada" scored 32 with
// its length). When the other signals leave the score at or above the
// minimum and negation would take it below, negation takes off only down
// to the minimum (flag_for_review), and says so. It returns the score.
func (s *Scorer) negationNoRetry(signals []api.Signal, score float64) float64 {
	i := slices.IndexFunc(signals, func(sg api.Signal) bool { return sg.Name == SignalNegation })
	if i < 0 || score >= s.cfg.MinScore {
		return score
	}
	sg := &signals[i]
	without := 100.0
	for j, o := range signals {
		if j != i {
			without -= o.Weight * (1 - o.Value)
		}
	}
	room := without - s.cfg.MinScore
	if room < 0 || sg.Weight*(1-sg.Value) <= room {
		return score // retried whatever negation says, or not by it
	}
	// Rounded up, so that the rounded score is not below the minimum.
	sg.Value = math.Ceil((1-room/sg.Weight)*100-1e-9) / 100
	sg.Reason += "; it takes off no more than keeps the score at the minimum: a negation alone is no reason to retry"
	return signalScore(signals)
}

// signalScore is 100 minus what every signal takes away, within 0-100.
func signalScore(signals []api.Signal) float64 {
	score := 100.0
	for _, sg := range signals {
		score -= sg.Weight * (1 - sg.Value)
	}
	return min(100, max(0, score))
}

// decision maps a score to a decision through the thresholds.
func (s *Scorer) decision(score float64) string {
	switch {
	case score >= s.cfg.AcceptScore:
		return api.DecisionAccept
	case score >= s.cfg.ReviewScore:
		return api.DecisionAcceptWithWarning
	case score >= s.cfg.MinScore:
		return api.DecisionFlagForReview
	}
	return api.DecisionRetry
}

// validate applies the shared input rules.
func validate(req api.QualityRequest) (*input, error) {
	in := &input{backend: req.Backend, model: req.Model, glossary: req.Glossary, unknownWords: req.UnknownWords}
	src, err := api.ValidateText("source", req.Source, api.MaxTextRunes)
	if err != nil {
		return nil, err
	}
	in.source = src
	if !utf8.ValidString(req.Translation) {
		return nil, api.FieldError(api.CodeInvalidUTF8, "translation", "text is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(req.Translation); n > MaxTranslationRunes {
		return nil, api.FieldError(api.CodeTextTooLong, "translation", "text has %d characters; the limit is %d", n, MaxTranslationRunes)
	}
	in.translation = norm.NFC.String(req.Translation)
	in.copied = fold(in.source) == fold(in.translation)
	tgt, err := api.ParseLanguage("target_lang", req.TargetLang)
	if err != nil {
		return nil, err
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
			return nil, err
		}
		in.sourceLang = t.String()
		in.sourceBase = api.Base(in.sourceLang)
	}
	if in.protect, err = validList("protect", req.Protect); err != nil {
		return nil, err
	}
	if len(req.Terms) > maxListItems {
		return nil, api.FieldError(api.CodeInvalidArgument, "terms", "%d terms; the limit is %d", len(req.Terms), maxListItems)
	}
	for _, t := range req.Terms {
		if err := validItem("terms", t.Source); err != nil {
			return nil, err
		}
		if err := validItem("terms", t.Target); err != nil {
			return nil, err
		}
		in.terms = append(in.terms, api.TermHint{Source: norm.NFC.String(t.Source), Target: norm.NFC.String(t.Target)})
	}
	if g := req.Glossary; g != nil {
		if g.Compliance < 0 || g.Compliance > 1 {
			return nil, api.FieldError(api.CodeInvalidArgument, "glossary", "compliance %.2f is not between 0 and 1", g.Compliance)
		}
		// A report lists every match verify checked, which may be more
		// than the hints a request carries (the pipeline cuts those to
		// translate's limits); counting statuses costs nothing.
		if len(g.Terms) > api.MaxGlossaryMatches {
			return nil, api.FieldError(api.CodeInvalidArgument, "glossary", "%d terms; the limit is %d", len(g.Terms), api.MaxGlossaryMatches)
		}
	}
	if req.UnknownWords < 0 {
		return nil, api.FieldError(api.CodeInvalidArgument, "unknown_words", "count %d is negative", req.UnknownWords)
	}
	return in, nil
}

// validList checks a list of strings from a request and returns it in NFC.
func validList(field string, items []string) ([]string, error) {
	if len(items) > maxListItems {
		return nil, api.FieldError(api.CodeInvalidArgument, field, "%d items; the limit is %d", len(items), maxListItems)
	}
	var out []string
	for _, it := range items {
		if err := validItem(field, it); err != nil {
			return nil, err
		}
		if strings.TrimSpace(it) != "" {
			out = append(out, norm.NFC.String(it))
		}
	}
	return out, nil
}

func validItem(field, s string) error {
	if !utf8.ValidString(s) {
		return api.FieldError(api.CodeInvalidUTF8, field, "text is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > maxItemRunes {
		return api.FieldError(api.CodeTextTooLong, field, "an item has %d characters; the limit is %d", n, maxItemRunes)
	}
	return nil
}

// isBlank reports whether s has nothing but spaces and invisible format
// characters (zero-width spaces, joiners, BOMs), which an LLM sometimes
// returns instead of an answer.
func isBlank(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !invisible(r) }) < 0
}

func invisible(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }
