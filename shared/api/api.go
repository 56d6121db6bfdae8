// Package api holds Parley's wire contracts: the versioned NATS subjects, the
// request and response types of every service, the one table of error codes,
// and the input rules that every entry point applies the same way.
//
// Subjects carry their major version (parley.<service>.v1.<verb>), so a v2
// can run beside v1 during a migration. Fields are only ever added to a v1
// type; anything else is a new version.
package api

import (
	"strconv"
	"time"
)

// Service names as registered with micro (and listed by `nats micro ls`).
const (
	ServiceDetect    = "parley-detect"
	ServiceTranslate = "parley-translate"
	ServiceGlossary  = "parley-glossary"
	ServiceQuality   = "parley-quality"
	ServiceSafety    = "parley-safety"
)

// PipelineServices lists the micro services a view passes through.
var PipelineServices = []string{ServiceDetect, ServiceTranslate, ServiceGlossary, ServiceQuality, ServiceSafety}

// Services lists the micro services the gateway depends on (/readyz pings
// each): the pipeline's, messages (ServiceMessages) and moderation
// (ServiceModeration).
var Services = []string{ServiceDetect, ServiceTranslate, ServiceGlossary, ServiceQuality, ServiceSafety, ServiceMessages, ServiceModeration}

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

// Translate cache subjects: SubjectTranslateInvalidate deletes cached
// translations (an edited message); SubjectTranslateOverride stores a
// moderator's translation.
const (
	SubjectTranslateInvalidate = "parley.translate.v1.cache.invalidate"
	SubjectTranslateOverride   = "parley.translate.v1.cache.override"
)

// SubjectTranslateBatch translates several messages into one target
// language: short ones share LLM calls.
const SubjectTranslateBatch = "parley.translate.v1.batch"

// TranslateBatchRequest asks for several messages in one target language
// (a page of a conversation for one reader). Fields outside Items apply
// to every item.
type TranslateBatchRequest struct {
	Target          string   `json:"target"`
	Formality       string   `json:"formality,omitempty"`
	Exclude         []string `json:"exclude,omitempty"`
	GlossaryID      string   `json:"glossary_id,omitempty"`
	GlossaryVersion string   `json:"glossary_version,omitempty"`
	// Tenant is the readers' tenant, as in TranslateRequest: only that
	// tenant's moderator overrides apply (none: only overrides made
	// without a tenant).
	Tenant string               `json:"tenant,omitempty"`
	Items  []TranslateBatchItem `json:"items"`
}

// TranslateBatchItem is one message of a batch.
type TranslateBatchItem struct {
	// ID is the caller's, echoed in the result.
	ID             string     `json:"id"`
	Text           string     `json:"text"`
	Source         string     `json:"source"`
	Protect        []string   `json:"protect,omitempty"`
	Terms          []TermHint `json:"terms,omitempty"`
	ConversationID string     `json:"conversation_id,omitempty"`
	MessageID      string     `json:"message_id,omitempty"`
}

// TranslateBatchResponse has one result per item, in order.
type TranslateBatchResponse struct {
	Items []TranslateBatchResult `json:"items"`
}

// TranslateBatchResult is one item's answer, or its error (bad input in
// that item only).
type TranslateBatchResult struct {
	ID string `json:"id"`
	TranslateResponse
	Error *Error `json:"error,omitempty"`
}

// SubjectTranslateCancel is published (not requested) by a caller that
// went away before its translate request was answered, with a
// TranslateCancel naming the request's Parley-Request-Id: every replica
// hears it, and the one running the request cancels it, down to the LLM
// call (micro requests carry no cancellation of their own).
const SubjectTranslateCancel = "parley.translate.v1.cancel"

// TranslateCancel names a request to cancel.
type TranslateCancel struct {
	RequestID string `json:"request_id"`
}

// Headers carried on every request so that each hop can honour the caller's
// budget and correlate logs. micro requests carry no deadline of their own.
const (
	HeaderRequestID = "Parley-Request-Id"
	// HeaderTimeout is the caller's remaining budget in milliseconds when the
	// request was sent.
	HeaderTimeout = "Parley-Timeout-Ms"
)

// MaxBudget bounds a budget read from HeaderTimeout: no request of Parley's
// runs longer, and a larger number of milliseconds would overflow a
// time.Duration into a deadline in the past.
const MaxBudget = time.Hour

// ParseBudget reads a HeaderTimeout value: a positive number of
// milliseconds, capped at MaxBudget. ok is false for anything else.
func ParseBudget(v string) (d time.Duration, ok bool) {
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil || ms <= 0 {
		return 0, false
	}
	return time.Duration(min(ms, MaxBudget.Milliseconds())) * time.Millisecond, true
}

// MaxTextRunes is the default limit on message text, in characters.
const MaxTextRunes = 10_000

// DetectRequest asks for the language of one text.
type DetectRequest struct {
	Text string `json:"text"`
	// Hints are what the caller knows besides the text (DetectHints);
	// they tip close calls, never strong evidence.
	Hints DetectHints `json:"hints,omitzero"`
	// Spans asks for the stretches of a mixed-language message.
	Spans bool `json:"spans,omitempty"`
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
	// Lingua is lingua's own answer for the raw text (before cleaning,
	// thresholds and hints), when the text has letters at all.
	Lingua *LanguageScore `json:"lingua,omitempty"`
	// Why says why Language differs from Lingua's language, if it does.
	Why string `json:"why,omitempty"`
	// Script is the ISO 15924 code of the text's main script ("Latn",
	// "Cyrl", "Hans", "Hant", "Jpan", ...).
	Script string `json:"script,omitempty"`
	// Ambiguity says what the text cannot tell, e.g. the region (pt-BR or
	// pt-PT) or, for Chinese with only shared characters, the script.
	Ambiguity string `json:"ambiguity,omitempty"`
	// Spans are the single-language stretches of the text, when asked for.
	Spans []DetectSpan `json:"spans,omitempty"`
}

// Undetermined is the BCP 47 tag for "language not known".
const Undetermined = "und"

// Limits of the glossary lists a translate request may carry (Protect,
// Terms): translate answers 400 above them, so that one request cannot
// make a prompt grow without bound. The pipeline sends at most these
// many of prepare's terms (the longest first) and verifies every match.
const (
	MaxTranslateProtect = 256
	MaxTranslateTerms   = 256
)

// MaxGlossaryMatches is how many matches glossary verify checks in one
// request (services/glossary.MaxVerifyMatches), and so how many terms a
// glossary report may list.
const MaxGlossaryMatches = 1000

// TermHint asks the translator to render Source as Target.
type TermHint struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// Match is the entry's TermMatch.Match: "" when Source is the entry's
	// term as written (a whole-word match), so that an engine may put
	// Target in place of its own rendering of Source (Apertium); "stem",
	// "prefix" or "substring" when Source may be an inflected or longer
	// form, whose rendering the base-form Target cannot replace.
	Match string `json:"match,omitempty"`
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
	// Formality asks for a register: FormalityFormal, FormalityInformal,
	// or FormalityDefault / empty for the target locale's configured
	// default. LLM backends follow it; others ignore it.
	Formality string `json:"formality,omitempty"`
	// Context holds earlier messages of the conversation, oldest first.
	// LLM backends read the last few to disambiguate the message (who
	// "he" is, what "it" refers to); they are never translated.
	Context []ContextMessage `json:"context,omitempty"`
	// ConversationID and MessageID name the message, so that an edit can
	// invalidate its cached translations (SubjectTranslateInvalidate).
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	// GlossaryID and GlossaryVersion identify the glossary that produced
	// Protect and Terms; they are part of the cache key, so that a new
	// glossary version never serves translations made with the old one.
	GlossaryID      string `json:"glossary_id,omitempty"`
	GlossaryVersion string `json:"glossary_version,omitempty"`
	// Tenant and UserID target feature flags and assign A/B experiment
	// arms (with ConversationID and Target, the reader's locale); they
	// are not part of the translation cache key. Tenant also scopes
	// moderators' overrides: a request gets only the corrections made on
	// its tenant's cases (a request without a tenant, only those made
	// without one), so that no tenant's text reaches another's readers.
	Tenant string `json:"tenant,omitempty"`
	UserID string `json:"user_id,omitempty"`
	// Format is FormatText (or empty) for chat text, FormatHTML for
	// markup the client will render (the LibreTranslate and DeepL
	// APIs' HTML mode). In HTML mode the chain sends the message with
	// its raw '<' and '&' escaped (&lt;, &amp;) and refuses an answer
	// whose markup is not exactly the message's: an added or changed tag,
	// comment or character reference, a lost tag, or any raw '<' or '&'
	// (ParseFormat). It is part of the cache key.
	Format string `json:"format,omitempty"`
	// StrictTerms asks LLM backends to treat Terms as hard requirements
	// rather than hints. The pipeline sets it on its one retry after
	// glossary verify found a term missing that repair could not fix; it
	// is part of the cache key, so the retry never gets the cached
	// translation that ignored the terms.
	StrictTerms bool `json:"strict_terms,omitempty"`
	// Prompt names a compiled single-message template, "id@version"
	// ("chat-translate@5"), for the LLM rungs that can render it, in
	// place of the registry's or their default (an evaluation run
	// measuring a prompt version before it is promoted). A request that
	// names one is kept out of experiments. It is part of the cache key.
	Prompt string `json:"prompt,omitempty"`
}

// ContextMessage is one earlier message of a conversation.
type ContextMessage struct {
	Author string `json:"author,omitempty"`
	Text   string `json:"text"`
}

// Text formats (TranslateRequest.Format).
const (
	FormatText = "text"
	FormatHTML = "html"
)

// Formality values.
const (
	FormalityDefault  = "default"
	FormalityFormal   = "formal"
	FormalityInformal = "informal"
)

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
	// Retries counts extra calls to this backend within the attempt (one
	// after an answer that lost protected parts, one after a transient
	// error).
	Retries int `json:"retries,omitempty"`
	// Joined: this request made no backend call of its own but waited
	// for an identical one already in flight (another request's, on
	// this replica or, through its claim, on another; docs/translate.md,
	// "Coalescing"), whose failure or time-out Error reports. DurationMS
	// is then this request's wait, and CallMS how long the shared call
	// had run on this replica when the wait ended (its whole time when
	// it ended first; 0 for another replica's call).
	Joined bool  `json:"joined,omitempty"`
	CallMS int64 `json:"call_ms,omitempty"`
}

// TranslateResponse is the chain's answer. Status "original" means no
// backend could serve and Text is the input unchanged; Reason says why.
type TranslateResponse struct {
	Text       string    `json:"text"`
	Status     string    `json:"status"`
	Backend    string    `json:"backend"`
	Model      string    `json:"model,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	ReasonCode string    `json:"reason_code,omitempty"` // Reason as a code of ReasonCodes
	Attempts   []Attempt `json:"attempts,omitempty"`
	DurationMS int64     `json:"duration_ms"`
	// PromptID and PromptVersion name the prompt template an LLM backend
	// used (they are part of the cache key).
	PromptID      string `json:"prompt_id,omitempty"`
	PromptVersion int    `json:"prompt_version,omitempty"`
	// Formality is the register that was asked of the backend ("formal",
	// "informal"; empty for none).
	Formality string `json:"formality,omitempty"`
	// Cache says where a translation came from when no backend was
	// called for this request: CacheMemory, CacheShared, CacheOverride,
	// or CacheCoalesced (another request's backend call, on this replica
	// or another).
	Cache string `json:"cache,omitempty"`
	// Experiment is the A/B experiment arm that chose the backend and
	// model, when one applied.
	Experiment *ExperimentAssignment `json:"experiment,omitempty"`
	// ExperimentUnit is an opaque hash of the unit (conversation or user)
	// Experiment was assigned by, for the outcome event of the view
	// (View.ExperimentUnit): the results count units, not views. It is
	// never the id itself, and views do not show it.
	ExperimentUnit string `json:"experiment_unit,omitempty"`
	// UnknownWords is how many source words the backend could not
	// translate (Apertium marks them; the marks are stripped from Text).
	// The pipeline passes it to quality (QualityRequest.UnknownWords).
	UnknownWords int `json:"unknown_words,omitempty"`
	// CacheKey is the translate cache's key of a backend's translation
	// (empty for a moderator's override, an "original" answer, or with
	// the cache off). The service caches an answer that passes its own
	// checks before quality has scored it: the pipeline names the key in
	// TranslateInvalidateRequest.Key when quality discards the
	// translation, so that the next request asks the backend again.
	CacheKey string `json:"cache_key,omitempty"`
}

// TranslateInvalidateRequest deletes cached translations: those made of
// one chat message (send it when the message is edited or deleted), those
// of every message of a conversation (ConversationID alone), those of one
// request's text by every backend of the chain, and/or the one named by
// its cache key.
type TranslateInvalidateRequest struct {
	ConversationID string `json:"conversation_id,omitempty"`
	MessageID      string `json:"message_id,omitempty"`
	// Tenant is the message's or conversation's tenant, as the translate
	// requests named it (TranslateRequest.Tenant): message ids are unique
	// per tenant only, so the translate cache indexes translations by
	// tenant, conversation and message, and only Tenant's are deleted and
	// counted. Empty names the translations of requests without a tenant
	// (and those indexed before tenants were).
	Tenant  string            `json:"tenant,omitempty"`
	Request *TranslateRequest `json:"request,omitempty"`
	// Key deletes one translation by its cache key
	// (TranslateResponse.CacheKey): the pipeline's way to drop a
	// translation that quality discarded. (One string, not a list, so
	// that the request stays comparable.)
	Key string `json:"key,omitempty"`
}

// TranslateInvalidateResponse says how many cached translations went.
type TranslateInvalidateResponse struct {
	Deleted int `json:"deleted"`
}

// TranslateOverrideRequest stores a moderator's corrected translation of
// Request's text (source, target and formality) for Request's tenant: it
// is served instead of any backend's to that tenant's requests until
// removed, whatever backend, prompt or glossary would have translated it.
// Request.Tenant must be the tenant of the case corrected ("" only for a
// case without one, whose override serves requests without a tenant). An
// empty Translation removes the override.
type TranslateOverrideRequest struct {
	Request     TranslateRequest `json:"request"`
	Translation string           `json:"translation"`
	Moderator   string           `json:"moderator"`
}

// TranslateOverrideResponse names the override's key.
type TranslateOverrideResponse struct {
	Key     string `json:"key"`
	Removed bool   `json:"removed,omitempty"`
}

// Cache sources in TranslateResponse.Cache.
const (
	CacheMemory    = "memory"
	CacheShared    = "shared"
	CacheOverride  = "override"
	CacheCoalesced = "coalesced"
)

// LanguagesRequest asks which pairs the available backends serve.
type LanguagesRequest struct{}

// BackendInfo describes one rung of the chain.
type BackendInfo struct {
	Name      string `json:"name"`
	Model     string `json:"model,omitempty"`
	Available bool   `json:"available"`
	// Reason says why a backend is not available (not configured or not
	// installed here; its server unreachable or its model missing, as its
	// health check or last call found), or why one that answers is not
	// used right now: its circuit breaker opened after repeated failures
	// (this replica skips it until the cooldown ends, then probes it with
	// one request).
	Reason string `json:"reason,omitempty"`
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
	// Via names the pivot language of a pair served in two steps
	// (source → via → target); empty for a direct pair.
	Via string `json:"via,omitempty"`
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
	// Tenant and Conversation select the scoped glossaries that apply, on
	// top of the global ones.
	Tenant       string `json:"tenant,omitempty"`
	Conversation string `json:"conversation,omitempty"`
	// Format is FormatHTML when Text is HTML (TranslateRequest.Format):
	// prepare then reads it as a browser does, so that "AT&T" matches the
	// text's "AT&amp;T" (and a raw "AT&T"), never inside a tag. Empty or
	// FormatText is chat text.
	Format string `json:"format,omitempty"`
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
	// Entry is the glossary entry's id.
	Entry string `json:"entry,omitempty"`
	// Match is how verify looks for the target: "" (whole words as
	// written), "stem", "prefix" or "substring".
	Match string `json:"match,omitempty"`
	// CaseSensitive makes verify compare the target's case too.
	CaseSensitive bool `json:"case_sensitive,omitempty"`
	// Forbidden are renderings the translation must not use.
	Forbidden []string `json:"forbidden,omitempty"`
}

// GlossaryPrepareResponse carries what the translator must protect and the
// hints it should follow.
type GlossaryPrepareResponse struct {
	Matches []TermMatch `json:"matches,omitempty"`
	Protect []string    `json:"protect,omitempty"`
	Terms   []TermHint  `json:"terms,omitempty"`
	// Version identifies the content of the glossaries consulted (a hash of
	// their ids and versions): it changes whenever one of them does, so it
	// belongs in a translation cache key.
	Version string `json:"version,omitempty"`
	// Glossaries are the glossaries consulted, at their versions.
	Glossaries []GlossaryRef `json:"glossaries,omitempty"`
}

// GlossaryVerifyRequest checks a translation against the matches that
// prepare found.
type GlossaryVerifyRequest struct {
	Source      string      `json:"source"`
	Translation string      `json:"translation"`
	Target      string      `json:"target"`
	Matches     []TermMatch `json:"matches"`
	// Format is FormatHTML when the translation is HTML, as in
	// GlossaryPrepareRequest: terms are found in "AT&amp;T" as in "AT&T",
	// repairs are listed as the text has them (From "R&amp;D") and
	// Repaired writes the target terms HTML-escaped.
	Format string `json:"format,omitempty"`
}

// Term statuses in a glossary report.
const (
	TermProtected = "protected" // do-not-translate term kept verbatim
	TermApplied   = "applied"   // target term present in the translation
	TermMissing   = "missing"   // expected term absent (the term was violated)
	TermForbidden = "forbidden" // a forbidden rendering of the term is present
	TermRepaired  = "repaired"  // a wrong rendering was replaced by the target term
)

// TermReport says what happened to one matched term.
type TermReport struct {
	Glossary string `json:"glossary"`
	Source   string `json:"source"`
	Target   string `json:"target,omitempty"`
	Status   string `json:"status"`
	Entry    string `json:"entry,omitempty"`
	// Found lists the forbidden renderings present in the translation,
	// each form once as the translation has it ("Accounts" for the
	// forbidden "account").
	Found []string `json:"found,omitempty"`
}

// GlossaryReport is the glossary part of a view.
type GlossaryReport struct {
	Terms []TermReport `json:"terms"`
	// Compliance is applied-or-protected over matched terms (1 when none).
	Compliance float64 `json:"compliance"`
	// Repaired is the translation after Repairs; empty when none was made.
	Repaired string       `json:"repaired,omitempty"`
	Repairs  []TermRepair `json:"repairs,omitempty"`
	// Retried says the pipeline translated again, once, with the terms as
	// hard requirements (TranslateRequest.StrictTerms), because terms
	// were missing that repair could not fix; the report is on the
	// translation that was served.
	Retried bool `json:"retried,omitempty"`
	// Flagged says terms stayed violated after repair and retry, or that
	// repairs were served that may not fit the grammar around them (an
	// LLM's translation into an inflecting language, which the retry did
	// not better: the terms are "repaired"): the view's quality was scored
	// with this report (the glossary signal's penalty, if any) and its
	// decision raised to flag_for_review.
	Flagged bool `json:"flagged,omitempty"`
}

// GlossaryListRequest lists the loaded glossaries.
type GlossaryListRequest struct{}

// GlossaryInfo summarizes one glossary.
type GlossaryInfo struct {
	ID      string   `json:"id"`
	Source  string   `json:"source"`
	Targets []string `json:"targets"`
	Entries int      `json:"entries"`

	Name        string        `json:"name,omitempty"`
	Description string        `json:"description,omitempty"`
	Mode        string        `json:"mode,omitempty"`
	Languages   []string      `json:"languages,omitempty"`
	Scope       GlossaryScope `json:"scope"`
	Priority    int           `json:"priority,omitempty"`
	Version     int           `json:"version,omitempty"`
	// CreatedAt is when the glossary was created (zero for glossaries
	// last written before creation times were kept).
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	Deleted   bool      `json:"deleted,omitempty"`
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
	// Model is the backend's model, for LLM rungs.
	Model string `json:"model,omitempty"`
	// Protect lists substrings of Source that must appear unchanged in
	// the translation (glossary do-not-translate terms, entities).
	Protect []string `json:"protect,omitempty"`
	// Terms are glossary terms the translation is expected to use.
	Terms []TermHint `json:"terms,omitempty"`
	// Glossary is glossary verify's report on this translation, when the
	// caller has one; it takes precedence over Terms.
	Glossary *GlossaryReport `json:"glossary,omitempty"`
	// UnknownWords is how many source words the backend could not
	// translate (Apertium marks them, and the marks are stripped from the
	// text it returns).
	UnknownWords int `json:"unknown_words,omitempty"`
}

// Quality decisions.
const (
	// DecisionAccept serves the translation.
	DecisionAccept = "accept"
	// DecisionAcceptWithWarning serves the translation; the signals that
	// found a problem say what a reader should be warned about.
	DecisionAcceptWithWarning = "accept_with_warning"
	// DecisionRetry discards the translation: the pipeline asks the next
	// rung of the backend chain.
	DecisionRetry = "retry"
	// DecisionFlagForReview serves the translation and asks for a person
	// to review it.
	DecisionFlagForReview = "flag_for_review"
	// DecisionReject is what quality services before 1.1.0 answered
	// instead of DecisionRetry; callers treat both alike (Retry).
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
	// Judge is the LLM judge's verdict, present when the judge was asked
	// (or due but skipped, with the reason in Status and Error).
	Judge *QualityJudge `json:"judge,omitempty"`
}

// Retry reports whether the decision discards the translation
// (DecisionRetry, or DecisionReject from an older service).
func (r *QualityResponse) Retry() bool {
	return r.Decision == DecisionRetry || r.Decision == DecisionReject
}

// Judge statuses.
const (
	JudgeOK          = "ok"
	JudgeTimeout     = "timeout"
	JudgeError       = "error"
	JudgeBudget      = "budget"      // skipped: the calls-per-minute budget is spent
	JudgeUnavailable = "unavailable" // skipped: the judge kept failing (circuit open)
)

// QualityJudge is an LLM judge's verdict on one translation, in the
// GEMBA-MQM style: error spans with a category and a severity, and the
// MQM score -(25 critical + 5 major + 1 minor), from -25 to 0.
type QualityJudge struct {
	Method     string         `json:"method"`
	Model      string         `json:"model"`
	Status     string         `json:"status"`
	Errors     []QualityError `json:"errors,omitempty"`
	MQM        float64        `json:"mqm"`
	DurationMS int64          `json:"duration_ms"`
	// Memo says that this verdict was not asked for this request:
	// "kept", remembered from an earlier request about the same source
	// and translation, or "joined", the answer to an identical request
	// being scored at the same moment. DurationMS is 0 then.
	Memo string `json:"memo,omitempty"`
	// Error says why the judge did not answer (Status is not ok).
	Error string `json:"error,omitempty"`
}

// QualityError is one error span the judge found.
type QualityError struct {
	// Category is MQM's, e.g. "accuracy/mistranslation".
	Category string `json:"category"`
	// Severity is "critical", "major" or "minor".
	Severity string `json:"severity"`
	// Span is the erroneous part of the translation.
	Span string `json:"span,omitempty"`
}

// SafetyRequest asks for verdicts on a source and its translation.
type SafetyRequest struct {
	Source      string `json:"source"`
	Translation string `json:"translation,omitempty"`
	SourceLang  string `json:"source_lang"`
	TargetLang  string `json:"target_lang,omitempty"`
	// Tenant selects the tenant's allow and deny lists and its policy
	// ("" for the defaults).
	Tenant string `json:"tenant,omitempty"`
	// ConversationID and UserID name the conversation and the reader the
	// check is for, when known: feature flags (the no_llm_guard kill
	// switch) may be set or rolled out by either.
	ConversationID string `json:"conversation_id,omitempty"`
	UserID         string `json:"user_id,omitempty"`
	// Format is FormatHTML when both sides are HTML a client renders
	// (TranslateRequest.Format): the checks then read the visible text,
	// and spans and masking point into the markup as sent.
	Format string `json:"format,omitempty"`
}

// Severity levels, ordered.
const (
	SeverityNone   = "none"
	SeverityLow    = "low"
	SeverityMedium = "medium"
	SeverityHigh   = "high"
)

// SeverityRank orders severities: 0 for none (or unknown), 3 for high.
func SeverityRank(s string) int {
	switch s {
	case SeverityLow:
		return 1
	case SeverityMedium:
		return 2
	case SeverityHigh:
		return 3
	}
	return 0
}

// Safety categories. Lexicon findings use profanity, sexual_content, hate,
// violent_crimes, sex_crimes, child_exploitation and drugs; the LLM guard
// reports the Llama Guard 3 hazards (S1-S14) under the names below; PII
// findings are pii.
const (
	CategoryProfanity             = "profanity"
	CategoryDrugs                 = "drugs"
	CategoryPII                   = "pii"
	CategoryViolentCrimes         = "violent_crimes"         // S1
	CategoryNonViolentCrimes      = "non_violent_crimes"     // S2
	CategorySexCrimes             = "sex_crimes"             // S3
	CategoryChildExploitation     = "child_exploitation"     // S4
	CategoryDefamation            = "defamation"             // S5
	CategorySpecializedAdvice     = "specialized_advice"     // S6
	CategoryPrivacy               = "privacy"                // S7
	CategoryIntellectualProperty  = "intellectual_property"  // S8
	CategoryIndiscriminateWeapons = "indiscriminate_weapons" // S9
	CategoryHate                  = "hate"                   // S10
	CategorySelfHarm              = "self_harm"              // S11
	CategorySexualContent         = "sexual_content"         // S12
	CategoryElections             = "elections"              // S13
	CategoryCodeInterpreterAbuse  = "code_interpreter_abuse" // S14
)

// Span is a flagged stretch of text (byte offsets).
type Span struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Category string `json:"category"`
	// Severity is the span's own severity.
	Severity string `json:"severity,omitempty"`
	// Detector names what found the span: a lexicon ("ldnoobw:en"), a
	// tenant's deny list ("tenant:acme") or a PII detector ("pii:email",
	// "pii:phone", "pii:payment_card", "pii:iban").
	Detector string `json:"detector,omitempty"`
	// Match is the lexicon entry that matched, which tells a moderator
	// what an obfuscated span ("fu\u0441k" with a Cyrillic es, "sh1t")
	// was read as. Empty for PII, so that findings are not copied into
	// more fields than needed.
	Match string `json:"match,omitempty"`
}

// Checks a verdict can report as run.
const (
	CheckLexicon = "lexicon"
	CheckPII     = "pii"
	CheckGuard   = "guard"
)

// Guard statuses.
const (
	GuardOK          = "ok"
	GuardTimeout     = "timeout"
	GuardError       = "error"
	GuardUnavailable = "unavailable" // skipped: the guard kept failing (circuit open), is turned off, or has too many classifications waiting
)

// GuardVerdict is what the LLM guard said about one side.
type GuardVerdict struct {
	Model  string `json:"model"`
	Status string `json:"status"`
	Safe   bool   `json:"safe"`
	// Codes are the hazard codes as the model answered them ("S1", "S10").
	Codes []string `json:"codes,omitempty"`
	// Categories are the codes' names (CategoryViolentCrimes ...).
	Categories []string `json:"categories,omitempty"`
	DurationMS int64    `json:"duration_ms"`
	// Memo says that this verdict was not asked for this request: "kept",
	// remembered from an earlier request about the same text, or
	// "joined", the answer to an identical request made at the same
	// moment. DurationMS is 0 then.
	Memo string `json:"memo,omitempty"`
	// Error says why the guard did not answer (Status is not ok).
	Error string `json:"error,omitempty"`
}

// Verdict is the safety result for one side.
type Verdict struct {
	// Safe is true when no harmful content was found. Personal data alone
	// does not make a side unsafe: it is listed in Categories and Spans.
	Safe bool `json:"safe"`
	// Severity is that of the worst harmful finding (SeverityNone when
	// Safe); PII spans carry their own severity.
	Severity string `json:"severity"`
	// Categories are every category found, worst first.
	Categories []string `json:"categories,omitempty"`
	// Spans are sorted by start; spans of different checks may overlap
	// (an e-mail address containing a listed word).
	Spans []Span `json:"spans,omitempty"`
	// Lexicon names the word list that was applied ("" when none covers
	// the language).
	Lexicon string `json:"lexicon,omitempty"`
	// Checks lists the checks that ran and answered (CheckLexicon,
	// CheckPII, CheckGuard): when the guard is configured but failed,
	// CheckGuard is missing and Guard says why.
	Checks []string `json:"checks,omitempty"`
	// Guard is the LLM guard's answer, when a guard is configured.
	Guard *GuardVerdict `json:"guard,omitempty"`
}

// SafetyResponse has a verdict per side.
type SafetyResponse struct {
	Source      Verdict  `json:"source"`
	Translation *Verdict `json:"translation,omitempty"`
	// Delta compares the sides; present when there is a translation.
	Delta *SafetyDelta `json:"delta,omitempty"`
	// Policy is the tenant policy's decision for the view.
	Policy *PolicyDecision `json:"policy,omitempty"`
}

// SafetyDelta is how the translation changed what the source says, over
// the harm categories (PII is not compared).
type SafetyDelta struct {
	// Added: the translation is unsafe and the source is safe.
	Added bool `json:"added"`
	// Laundered: the source is unsafe and the translation is clean or of
	// lower severity.
	Laundered bool `json:"laundered"`
	// AddedCategories are in the translation and not in the source.
	AddedCategories []string `json:"added_categories,omitempty"`
	// LaunderedCategories are in the source and missing, or of lower
	// severity, in the translation.
	LaunderedCategories []string `json:"laundered_categories,omitempty"`
	// Partial says the sides were not checked alike (one side fell back to
	// the generic word list, or the guard answered for one side only), so
	// a delta may reflect coverage rather than the translation.
	Partial bool `json:"partial,omitempty"`
}

// Policy actions, in increasing strength.
const (
	PolicyAllow = "allow"
	PolicyMask  = "mask"
	PolicyFlag  = "flag"
)

// PolicyReview is the action of a category that opens a moderation case
// while the text stays visible (self_harm by default): the person who
// wrote it needs an answer, not a hidden message. It is listed in
// PolicyDecision.Review and never becomes PolicyDecision.Action, which
// says what is done to the text (allow, mask or flag).
const PolicyReview = "review"

// PolicyDecision is what the tenant's policy makes of the verdicts.
type PolicyDecision struct {
	Tenant string `json:"tenant,omitempty"`
	// Action is the strongest action called for: allow (deliver as is),
	// mask (deliver Masked) or flag (send to moderators).
	Action string `json:"action"`
	// Masked is the text readers see (the translation, or the source when
	// there is none) with the spans to mask replaced by the mask
	// character, one per grapheme; present when any span is to be masked,
	// also when Action is flag.
	Masked string `json:"masked,omitempty"`
	// Reasons explain the action, one line per finding or delta.
	Reasons []string `json:"reasons,omitempty"`
	// FlaggedBy names what called for the flag, when Action is flag: the
	// harm categories of the visible text whose action is flag, and the
	// deltas "added" and "laundered" (FlagAdded, FlagLaundered), and
	// FlagGuardUnchecked.
	FlaggedBy []string `json:"flagged_by,omitempty"`
	// Review names the harm categories whose action is PolicyReview
	// (self_harm by default), found in the visible text or in a delta:
	// the text is served as Action says, and the view goes to the
	// moderators all the same, so that someone answers and a client can
	// show support resources.
	Review []string `json:"review,omitempty"`
}

// The deltas in PolicyDecision.FlaggedBy.
const (
	FlagAdded     = "added"
	FlagLaundered = "laundered"
	// FlagGuardUnchecked: the guard did not check the visible text
	// (error, timeout, unavailable) and the safety service is set to send
	// such texts to review (SAFETY_GUARD_FAIL=review).
	FlagGuardUnchecked = "guard_unchecked"
)

// View is what a reader sees: the translation and everything known about it.
// Reason says in one line of English why Status is original, with the
// detail an API caller or operator needs (the rungs and what each
// answered); ReasonCode says it as one of the fixed codes (ReasonCodes),
// for clients to put in their reader's language.
type View struct {
	Text           string          `json:"text"`
	Status         string          `json:"status"`
	SourceLanguage string          `json:"source_language"`
	TargetLanguage string          `json:"target_language"`
	Detection      *DetectResponse `json:"detection,omitempty"`
	Backend        string          `json:"backend"`
	Model          string          `json:"model,omitempty"`
	// PromptID and PromptVersion name the prompt template an LLM used;
	// Cache says where the translation came from when it was cached.
	PromptID      string           `json:"prompt_id,omitempty"`
	PromptVersion int              `json:"prompt_version,omitempty"`
	Cache         string           `json:"cache,omitempty"`
	Reason        string           `json:"reason,omitempty"`
	ReasonCode    string           `json:"reason_code,omitempty"`
	Attempts      []Attempt        `json:"attempts,omitempty"`
	Quality       *QualityResponse `json:"quality,omitempty"`
	Safety        *SafetyResponse  `json:"safety,omitempty"`
	Glossary      *GlossaryReport  `json:"glossary,omitempty"`
	Degraded      []string         `json:"degraded,omitempty"`
	DurationMS    int64            `json:"duration_ms"`
	// Took is DurationMS to the microsecond, for measurements that must
	// tell views under a millisecond apart (experiment outcomes).
	Took      time.Duration `json:"-"`
	CreatedAt time.Time     `json:"created_at"`
	// Experiment is the A/B experiment arm that served the translation.
	Experiment *ExperimentAssignment `json:"experiment,omitempty"`
	// ExperimentUnit is TranslateResponse.ExperimentUnit, for the outcome
	// event; not shown to clients.
	ExperimentUnit string `json:"-"`
	// Glossaries are the glossaries glossary prepare consulted for the
	// view, at the versions it used (GlossaryPrepareResponse.Glossaries),
	// so that a cache of views can tell one rendered with an older
	// version than it knows of; not shown to clients.
	Glossaries []GlossaryRef `json:"-"`
}
