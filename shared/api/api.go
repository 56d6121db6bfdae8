// Package api holds Parley's wire contracts: the versioned NATS subjects, the
// request and response types of every service, the one table of error codes,
// and the input rules that every entry point applies the same way.
//
// Subjects carry their major version (parley.<service>.v1.<verb>), so a v2
// can run beside v1 during a migration. Fields are only ever added to a v1
// type; anything else is a new version.
package api

import "time"

// Service names as registered with micro (and listed by `nats micro ls`).
const (
	ServiceDetect    = "parley-detect"
	ServiceTranslate = "parley-translate"
	ServiceGlossary  = "parley-glossary"
	ServiceQuality   = "parley-quality"
	ServiceSafety    = "parley-safety"
)

// Services lists the micro services the gateway depends on.
var Services = []string{ServiceDetect, ServiceTranslate, ServiceGlossary, ServiceQuality, ServiceSafety}

// Versioned request subjects.
const (
	SubjectDetect          = "parley.detect.v1.detect"
	SubjectTranslate       = "parley.translate.v1.translate"
	SubjectTranslateLangs  = "parley.translate.v1.languages"
	SubjectGlossaryPrepare = "parley.glossary.v1.prepare"
	SubjectGlossaryVerify  = "parley.glossary.v1.verify"
	SubjectGlossaryList    = "parley.glossary.v1.list"
	SubjectQualityScore    = "parley.quality.v1.score"
	SubjectSafetyCheck     = "parley.safety.v1.check"
)

// Headers carried on every request so that each hop can honour the caller's
// budget and correlate logs. micro requests carry no deadline of their own.
const (
	HeaderRequestID = "Parley-Request-Id"
	// HeaderTimeout is the caller's remaining budget in milliseconds when the
	// request was sent.
	HeaderTimeout = "Parley-Timeout-Ms"
)

// MaxTextRunes is the default limit on message text, in characters.
const MaxTextRunes = 10_000

// DetectRequest asks for the language of one text.
type DetectRequest struct {
	Text string `json:"text"`
}

// LanguageScore is one candidate language with lingua's confidence.
type LanguageScore struct {
	Language   string  `json:"language"`
	Confidence float64 `json:"confidence"`
}

// DetectResponse names the language as a BCP 47 tag, or "und" with a reason.
type DetectResponse struct {
	Language     string          `json:"language"`
	Confidence   float64         `json:"confidence"`
	Alternatives []LanguageScore `json:"alternatives,omitempty"`
	// Reason explains an "und" answer.
	Reason string `json:"reason,omitempty"`
}

// Undetermined is the BCP 47 tag for "language not known".
const Undetermined = "und"

// TermHint asks the translator to render Source as Target.
type TermHint struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// TranslateRequest asks the backend chain for one translation. Source is
// always resolved (never "und") by the time it reaches translate.
type TranslateRequest struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Target string `json:"target"`
	// Protect lists exact substrings of Text that must come back unchanged
	// (glossary do-not-translate terms).
	Protect []string `json:"protect,omitempty"`
	// Terms are glossary hints for backends that can follow them (LLMs).
	Terms []TermHint `json:"terms,omitempty"`
	// Exclude names backends to skip, e.g. one whose answer quality rejected.
	Exclude []string `json:"exclude,omitempty"`
}

// Translation statuses.
const (
	StatusTranslated = "translated"
	StatusOriginal   = "original"
)

// Attempt records one rung of the chain that was tried and did not serve.
type Attempt struct {
	Backend    string `json:"backend"`
	Model      string `json:"model,omitempty"`
	Error      string `json:"error"`
	DurationMS int64  `json:"duration_ms"`
}

// TranslateResponse is the chain's answer. Status "original" means no
// backend could serve and Text is the input unchanged; Reason says why.
type TranslateResponse struct {
	Text       string    `json:"text"`
	Status     string    `json:"status"`
	Backend    string    `json:"backend"`
	Model      string    `json:"model,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Attempts   []Attempt `json:"attempts,omitempty"`
	DurationMS int64     `json:"duration_ms"`
}

// LanguagesRequest asks which pairs the available backends serve.
type LanguagesRequest struct{}

// BackendInfo describes one rung of the chain.
type BackendInfo struct {
	Name      string `json:"name"`
	Model     string `json:"model,omitempty"`
	Available bool   `json:"available"`
	// Languages are the languages an LLM backend translates between (any
	// pair of them). Empty for pair-based engines.
	Languages []string `json:"languages,omitempty"`
	// Pairs are the directed pairs of a pair-based engine (Apertium).
	Pairs []LanguagePair `json:"pairs,omitempty"`
}

// LanguagePair is a directed translation pair.
type LanguagePair struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// LanguagesResponse lists the chain's rungs in order.
type LanguagesResponse struct {
	Backends []BackendInfo `json:"backends"`
}

// GlossaryPrepareRequest asks which glossary terms occur in a source text.
type GlossaryPrepareRequest struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Target string `json:"target"`
	// Glossary selects one glossary by id; empty means every glossary that
	// covers the pair.
	Glossary string `json:"glossary,omitempty"`
}

// TermMatch is a glossary entry found in the source text.
type TermMatch struct {
	Glossary       string `json:"glossary"`
	Source         string `json:"source"`
	Target         string `json:"target,omitempty"`
	DoNotTranslate bool   `json:"do_not_translate,omitempty"`
	// Start and End are byte offsets of the match in the source text.
	Start int `json:"start"`
	End   int `json:"end"`
}

// GlossaryPrepareResponse carries what the translator must protect and the
// hints it should follow.
type GlossaryPrepareResponse struct {
	Matches []TermMatch `json:"matches,omitempty"`
	Protect []string    `json:"protect,omitempty"`
	Terms   []TermHint  `json:"terms,omitempty"`
}

// GlossaryVerifyRequest checks a translation against the matches that
// prepare found.
type GlossaryVerifyRequest struct {
	Source      string      `json:"source"`
	Translation string      `json:"translation"`
	Target      string      `json:"target"`
	Matches     []TermMatch `json:"matches"`
}

// Term statuses in a glossary report.
const (
	TermProtected = "protected" // do-not-translate term kept verbatim
	TermApplied   = "applied"   // target term present in the translation
	TermMissing   = "missing"   // expected term absent
)

// TermReport says what happened to one matched term.
type TermReport struct {
	Glossary string `json:"glossary"`
	Source   string `json:"source"`
	Target   string `json:"target,omitempty"`
	Status   string `json:"status"`
}

// GlossaryReport is the glossary part of a view.
type GlossaryReport struct {
	Terms []TermReport `json:"terms"`
	// Compliance is applied-or-protected over matched terms (1 when none).
	Compliance float64 `json:"compliance"`
}

// GlossaryListRequest lists the loaded glossaries.
type GlossaryListRequest struct{}

// GlossaryInfo summarizes one glossary.
type GlossaryInfo struct {
	ID      string   `json:"id"`
	Source  string   `json:"source"`
	Targets []string `json:"targets"`
	Entries int      `json:"entries"`
}

// GlossaryListResponse lists glossaries.
type GlossaryListResponse struct {
	Glossaries []GlossaryInfo `json:"glossaries"`
}

// QualityRequest asks for a quality estimate of one translation.
type QualityRequest struct {
	Source      string `json:"source"`
	Translation string `json:"translation"`
	SourceLang  string `json:"source_lang"`
	TargetLang  string `json:"target_lang"`
	Backend     string `json:"backend,omitempty"`
}

// Quality decisions.
const (
	DecisionAccept = "accept"
	DecisionReject = "reject"
)

// Signal is one piece of quality evidence.
type Signal struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Weight float64 `json:"weight"`
	Reason string  `json:"reason"`
}

// QualityResponse is a 0-100 score, a decision and the evidence.
type QualityResponse struct {
	Score    float64  `json:"score"`
	Decision string   `json:"decision"`
	Signals  []Signal `json:"signals"`
}

// SafetyRequest asks for verdicts on a source and its translation.
type SafetyRequest struct {
	Source      string `json:"source"`
	Translation string `json:"translation,omitempty"`
	SourceLang  string `json:"source_lang"`
	TargetLang  string `json:"target_lang,omitempty"`
}

// Severity levels, ordered.
const (
	SeverityNone   = "none"
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// Span is a flagged stretch of text (byte offsets).
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Category string `json:"category"`
}

// Verdict is the safety result for one side.
type Verdict struct {
	Safe       bool     `json:"safe"`
	Severity   string   `json:"severity"`
	Categories []string `json:"categories,omitempty"`
	Spans      []Span   `json:"spans,omitempty"`
	// Lexicon names the word list that was applied ("" when none covers
	// the language).
	Lexicon string `json:"lexicon,omitempty"`
}

// SafetyResponse has a verdict per side.
type SafetyResponse struct {
	Source      Verdict  `json:"source"`
	Translation *Verdict `json:"translation,omitempty"`
}

// View is what a reader sees: the translation and everything known about it.
type View struct {
	Text           string           `json:"text"`
	Status         string           `json:"status"`
	SourceLanguage string           `json:"source_language"`
	TargetLanguage string           `json:"target_language"`
	Detection      *DetectResponse  `json:"detection,omitempty"`
	Backend        string           `json:"backend"`
	Model          string           `json:"model,omitempty"`
	Reason         string           `json:"reason,omitempty"`
	Attempts       []Attempt        `json:"attempts,omitempty"`
	Quality        *QualityResponse `json:"quality,omitempty"`
	Safety         *SafetyResponse  `json:"safety,omitempty"`
	Glossary       *GlossaryReport  `json:"glossary,omitempty"`
	Degraded       []string         `json:"degraded,omitempty"`
	DurationMS     int64            `json:"duration_ms"`
	CreatedAt      time.Time        `json:"created_at"`
}
