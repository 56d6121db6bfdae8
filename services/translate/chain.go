// Package translate is Parley's translate service: a chain of translation
// backends tried in order (an LLM on Ollama, an OpenAI-compatible LLM,
// Apertium), each within its own timeout inside the caller's deadline, and
// the original text with a reason when none of them serves. A view that can
// be served never becomes an error: only bad input does.
package translate

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/entity"
	"github.com/parley-chat/parley/shared/gopool"
	"github.com/parley-chat/parley/shared/prompt"
	"github.com/parley-chat/parley/shared/service"
)

// Rung is one step of the chain.
type Rung struct {
	Name string
	// Backend is nil for a rung that is configured but cannot run on this
	// machine; Disabled says why. Such a rung is listed and skipped.
	Backend  backend.Backend
	Disabled string
	// Timeout is the rung's own budget per request (clipped to the
	// request's deadline).
	Timeout time.Duration
	// Concurrency bounds the backend calls that run at once (0: no
	// limit); Queue bounds the calls waiting for one of them, beyond
	// which a call fails at once as overloaded.
	Concurrency int
	Queue       int
	// NoContext keeps the request's earlier messages from this rung
	// (OLLAMA_SEND_CONTEXT, OPENAI_SEND_CONTEXT = false): a hosted model
	// then receives the message alone, and its translations are cached
	// without a context hash.
	NoContext bool
}

// ChainConfig tunes the chain.
type ChainConfig struct {
	// Reserve is kept back from the request's deadline so the final answer
	// (the original text, at worst) reaches the caller in time.
	Reserve time.Duration
	// FallbackReserve is what a rung leaves of the request's time to each
	// rung after it that can still serve (at most that rung's own
	// timeout), so that a hanging LLM cannot spend the time the offline
	// Apertium rung needs (a few ms a message, a few hundred when its
	// pipeline starts). Together the rungs after it are owed at most half
	// of the time left; the last rung that can serve gets all of it.
	// Default 1s; negative: none (a rung may spend everything left).
	FallbackReserve time.Duration
	// MinBudget is the least time worth giving a rung; with less left the
	// rung is skipped.
	MinBudget time.Duration
	// BreakerFailures opens a rung's circuit after that many consecutive
	// failures (0 disables the breaker); BreakerCooldown is how long it
	// stays open before one request may probe it again.
	BreakerFailures int
	BreakerCooldown time.Duration
	// MaxRunes limits the text (default api.MaxTextRunes).
	MaxRunes int
	// Formality maps a base language ("de") to the register used when a
	// request asks for none: api.FormalityFormal or api.FormalityInformal.
	Formality map[string]string
	// ContextMessages is how many earlier messages of the conversation an
	// LLM reads (default 5; negative: none).
	ContextMessages int
	// ContextAuthors is what a context message's author becomes in the
	// prompt (TRANSLATE_CONTEXT_AUTHORS): ContextAuthorsPseudonym (the
	// default: "A", "B" ... in order of appearance), ContextAuthorsName or
	// ContextAuthorsNone.
	ContextAuthors string
	// Cache keeps translations (nil: none).
	Cache *cache.Cache
	// Claims coordinate replicas so that one backend call serves
	// identical requests on all of them (nil: coalescing within this
	// process only).
	Claims cache.Claimer
	// Retries is how often a call that failed for a transient reason (the
	// backend busy or failing mid-answer) is repeated within the rung's
	// budget (default 1; negative: never), after RetryBackoff (default
	// 100ms, doubled each time, with jitter).
	Retries      int
	RetryBackoff time.Duration
	// BatchSize bounds the messages per batched LLM call (default 16;
	// below 2: no batching); BatchMaxRunes is the longest message that is
	// batched (default 280).
	BatchSize     int
	BatchMaxRunes int
	// Metrics, when set, records per-rung outcomes.
	Metrics *Metrics
	// Controls, when set, applies feature flags, the model registry and
	// A/B experiments to every request (control.go).
	Controls *Controls
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
}

// DefaultFallbackReserve is ChainConfig.FallbackReserve's default. The
// rung after an LLM is usually Apertium, whose persistent pipeline answers
// a chat message in 2-7 ms and needs a few hundred ms when it starts its
// programs or translates a long text under load: a second covers that
// with room, and takes little from an LLM, whose answers nearly all come
// well before its timeout. Short budgets are split at most in half (see
// FallbackReserve).
const DefaultFallbackReserve = time.Second

// Limits on the request's lists, so one request cannot make a prompt grow
// without bound. The glossary lists' limits are the API's, so that the
// pipeline can send no more than translate takes (it cuts prepare's
// terms to them rather than have the whole view refused).
const (
	maxProtect = api.MaxTranslateProtect
	maxTerms   = api.MaxTranslateTerms
	maxContext = 100
	maxIDBytes = 256
)

// Optional rung capabilities.
type (
	availabler interface{ Available() bool }
	modeler    interface{ Model() string }
	// entityMasker is a rung that protects entities itself (the LLM
	// rungs, with sentinels).
	entityMasker interface{ MasksEntities() bool }
	// keyRevisioner is a rung whose answer to the same request changed
	// with its code (Apertium placing markup on its own words): the
	// revision goes into the cache key, so that answers cached before
	// the change are not served after it.
	keyRevisioner interface{ KeyRevision() string }
	// deterministic is a rung that answers one request the same way
	// every time (Apertium: no sampling, and the strict retry's prompt
	// means nothing to it), so that an answer it lost protected parts
	// in, or declined for markup it could not place, is not asked for
	// again.
	deterministic interface{ Deterministic() bool }
)

// Chain runs translations down the rungs. It is safe for concurrent use.
type Chain struct {
	rungs   []*chainRung
	cfg     ChainConfig
	log     *slog.Logger
	flights flights
	running requests
	routing atomic.Pointer[Routing]
	// background tracks the work a request leaves behind after its
	// answer (storing results, releasing claims); Close waits for it.
	background gopool.Group
	// stores tracks the shared-cache writes of results already
	// answered, which Invalidate waits for.
	stores pendingStores
}

// storeDelay is how long after the answer a result is written to the
// shared cache. Requests on this replica hit the LRU meanwhile; other
// replicas' requests wait on the claim, which the result replaces.
const storeDelay = time.Millisecond

// pendingStores tracks writes that started before a point in time: wait
// returns when those are done, however many start meanwhile (a single
// WaitGroup never reaches zero under steady load).
type pendingStores struct {
	mu sync.Mutex
	wg *sync.WaitGroup
}

// add records a write; call done when it ends.
func (p *pendingStores) add() (done func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.wg == nil {
		p.wg = new(sync.WaitGroup)
	}
	p.wg.Add(1)
	return p.wg.Done
}

// wait waits for the writes added before it was called.
func (p *pendingStores) wait() {
	p.mu.Lock()
	wg := p.wg
	p.wg = nil
	p.mu.Unlock()
	if wg != nil {
		wg.Wait()
	}
}

type chainRung struct {
	Rung
	breaker breaker
	limit   *limiter
	// pause is the Retry-After its endpoint last asked for.
	pause pause
}

// detach hands the worker of ctx's request to the next request while the
// request waits on r (service.Detach). Only for a rung with a limit of
// its own (the LLMs'), which bounds the calls and queues them with an
// "overloaded" at its end: Apertium runs on this machine's cores, and the
// pool is what bounds it.
func (r *chainRung) detach(ctx context.Context) {
	if r.limit != nil {
		service.Detach(ctx)
	}
}

// pause keeps the time before which a rung's endpoint asked not to be
// called again (a 429 or 503 with Retry-After): every request skips the
// rung until then, instead of each making the call that the endpoint
// refuses (and that a hosted API may count against the quota).
type pause struct {
	mu    sync.Mutex
	until time.Time
}

// set moves the pause's end to until, if that is later.
func (p *pause) set(until time.Time) {
	p.mu.Lock()
	if until.After(p.until) {
		p.until = until
	}
	p.mu.Unlock()
}

// active reports whether the rung is paused at now, and until when.
func (p *pause) active(now time.Time) (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.until, now.Before(p.until)
}

// rateLimited is the skip text of a rung paused until until.
func rateLimited(until time.Time) string {
	return api.SkipTextRateLimited + until.UTC().Format(time.RFC3339)
}

// available reports whether the rung can be called: configured here and,
// for a backend that tracks its server's health, found by its last check
// or call (a stale state starts a background check, as for a request).
func (r *chainRung) available() bool {
	if r.Backend == nil {
		return false
	}
	a, ok := r.Backend.(availabler)
	return !ok || a.Available()
}

// NewChain builds a chain over rungs, in order.
func NewChain(rungs []Rung, cfg ChainConfig, log *slog.Logger) *Chain {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MinBudget <= 0 {
		cfg.MinBudget = 20 * time.Millisecond
	}
	if cfg.FallbackReserve == 0 {
		cfg.FallbackReserve = DefaultFallbackReserve
	}
	if cfg.MaxRunes <= 0 {
		cfg.MaxRunes = api.MaxTextRunes
	}
	if cfg.ContextMessages == 0 {
		cfg.ContextMessages = 5
	}
	if cfg.Retries == 0 {
		cfg.Retries = 1
	}
	if cfg.RetryBackoff <= 0 {
		cfg.RetryBackoff = 100 * time.Millisecond
	}
	batchDefaults(&cfg)
	c := &Chain{cfg: cfg, log: log}
	if cfg.Metrics != nil {
		c.flights.joined = func() func() { return cfg.Metrics.waitingFor(waitingRequest) }
	}
	for _, r := range rungs {
		if r.Timeout <= 0 {
			r.Timeout = 10 * time.Second
		}
		c.rungs = append(c.rungs, &chainRung{Rung: r,
			breaker: breaker{threshold: cfg.BreakerFailures, cooldown: cfg.BreakerCooldown, log: log.With("backend", r.Name)},
			limit:   newLimiter(r.Concurrency, r.Queue)})
	}
	cfg.Metrics.watchCircuits(c.rungs, cfg.Now)
	cfg.Metrics.startSkips(c.rungs)
	return c
}

// validated is a request that passed the input rules.
type validated struct {
	original       string // as sent
	text           string // NFC
	input          string // what the rungs translate: text, in HTML mode with its raw '<' and '&' escaped (scanInput)
	source, target string // canonical BCP 47
	protect        []string
	terms          []api.TermHint
	exclude        map[string]bool
	formality      string // resolved: formal, informal or ""
	context        []api.ContextMessage
	conversation   string
	message        string
	glossary       string // id and version, "id@version"
	strictTerms    bool   // terms are hard requirements (the pipeline's glossary retry)
	tenant, user   string // flag targeting and experiment assignment; tenant also scopes overrides and message indexes
	formalityAsked bool   // the request named a register (an arm's option does not override it)
	format         string // "" (chat text) or api.FormatHTML: answers must keep the message's markup exactly
	prompt         string // the template the request named ("id@version"), "" for none
}

// reader is what v's translations are indexed for: its tenant's message
// and conversation (messageKey, conversationKey).
func (v *validated) reader() cache.Reader {
	return cache.Reader{Tenant: v.tenant, Conversation: v.conversation, Message: v.message}
}

func (c *Chain) validate(req api.TranslateRequest) (validated, error) {
	var v validated
	text, err := api.ValidateText("text", req.Text, c.cfg.MaxRunes)
	if err != nil {
		return v, err
	}
	v.text, v.original = text, req.Text
	for _, f := range []struct {
		field, value string
		dst          *string
	}{{"source", req.Source, &v.source}, {"target", req.Target, &v.target}} {
		if s := strings.ToLower(strings.TrimSpace(f.value)); s == "auto" {
			return v, api.FieldError(api.CodeInvalidLanguage, f.field, "%s must be a language, not %q: detect the language first", f.field, f.value)
		}
		tag, err := api.ParseLanguage(f.field, f.value)
		if err != nil {
			return v, err
		}
		*f.dst = tag.String()
	}
	if len(req.Protect) > maxProtect {
		return v, api.FieldError(api.CodeInvalidArgument, "protect", "at most %d protected terms", maxProtect)
	}
	for _, p := range req.Protect {
		if !utf8.ValidString(p) {
			return v, api.FieldError(api.CodeInvalidUTF8, "protect", "a protected term is not valid UTF-8")
		}
		if p = norm.NFC.String(p); strings.TrimSpace(p) != "" {
			v.protect = append(v.protect, p)
		}
	}
	if len(req.Terms) > maxTerms {
		return v, api.FieldError(api.CodeInvalidArgument, "terms", "at most %d glossary terms", maxTerms)
	}
	for _, t := range req.Terms {
		if !utf8.ValidString(t.Source) || !utf8.ValidString(t.Target) {
			return v, api.FieldError(api.CodeInvalidUTF8, "terms", "a glossary term is not valid UTF-8")
		}
		if strings.TrimSpace(t.Source) == "" || strings.TrimSpace(t.Target) == "" {
			return v, api.FieldError(api.CodeInvalidArgument, "terms", "a glossary term has an empty source or target")
		}
		switch t.Match {
		case "", "stem", "prefix", "substring":
		default:
			return v, api.FieldError(api.CodeInvalidArgument, "terms", "a glossary term's match %q is not stem, prefix, substring or empty", t.Match)
		}
		v.terms = append(v.terms, api.TermHint{Source: norm.NFC.String(t.Source), Target: norm.NFC.String(t.Target), Match: t.Match})
	}
	v.exclude = map[string]bool{}
	for _, e := range req.Exclude {
		name := strings.ToLower(strings.TrimSpace(e))
		// A misspelt rung ("olama") would exclude nothing and serve
		// the request by the rung the caller meant to skip. Every rung
		// this service knows is accepted, configured here or not, so
		// that replicas with other chains agree.
		if !c.knownRung(name) {
			return v, api.FieldError(api.CodeInvalidArgument, "exclude", "exclude names no translation backend %q (known: %s)", e, strings.Join(c.knownRungs(), ", "))
		}
		v.exclude[name] = true
	}
	if v.formality, err = c.formality(req.Formality, v.target); err != nil {
		return v, err
	}
	if v.format, err = api.ParseFormat("format", req.Format); err != nil {
		return v, err
	}
	v.input = v.text
	if v.format == api.FormatHTML {
		v.input = entity.EscapeStray(v.text)
	}
	if len(req.Context) > maxContext {
		return v, api.FieldError(api.CodeInvalidArgument, "context", "at most %d context messages", maxContext)
	}
	for _, m := range req.Context {
		if !utf8.ValidString(m.Text) || !utf8.ValidString(m.Author) {
			return v, api.FieldError(api.CodeInvalidUTF8, "context", "a context message is not valid UTF-8")
		}
	}
	if n := c.cfg.ContextMessages; n > 0 {
		for _, m := range req.Context[max(0, len(req.Context)-n):] {
			if strings.TrimSpace(m.Text) != "" {
				v.context = append(v.context, api.ContextMessage{Author: norm.NFC.String(m.Author), Text: norm.NFC.String(m.Text)})
			}
		}
		// Here, before any key is made, so that the cache keys hash the
		// authors the prompt carries.
		contextAuthors(v.context, c.cfg.ContextAuthors)
	}
	for _, f := range []struct{ field, value string }{
		{"conversation_id", req.ConversationID}, {"message_id", req.MessageID},
		{"glossary_id", req.GlossaryID}, {"glossary_version", req.GlossaryVersion},
		{"tenant", req.Tenant}, {"user_id", req.UserID},
	} {
		if len(f.value) > maxIDBytes || !utf8.ValidString(f.value) {
			return v, api.FieldError(api.CodeInvalidArgument, f.field, "%s must be valid UTF-8 of at most %d bytes", f.field, maxIDBytes)
		}
	}
	v.conversation, v.message = req.ConversationID, req.MessageID
	v.strictTerms = req.StrictTerms && len(v.terms) > 0
	v.tenant, v.user = req.Tenant, req.UserID
	v.formalityAsked = v.formality != "" && req.Formality != "" && req.Formality != api.FormalityDefault
	if req.GlossaryID != "" || req.GlossaryVersion != "" {
		v.glossary = req.GlossaryID + "@" + req.GlossaryVersion
	}
	if p := strings.TrimSpace(req.Prompt); p != "" {
		// Refused rather than served with the default: a run that
		// asked for a template must not be measured with another.
		if !prompt.IsSingle(p) {
			return v, api.FieldError(api.CodeInvalidArgument, "prompt", "prompt %q is not a compiled single-message template (have %s)", req.Prompt, strings.Join(prompt.Single, ", "))
		}
		v.prompt = p
	}
	return v, nil
}

// formality resolves a request's formality: an explicit register wins,
// otherwise the target language's configured default. DeepL's values are
// accepted too ("more", "prefer_less" ...).
func (c *Chain) formality(f, target string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(f)) {
	case "", api.FormalityDefault:
		switch d := c.cfg.Formality[api.Base(target)]; d {
		case api.FormalityFormal, api.FormalityInformal:
			return d, nil
		}
		return "", nil
	case api.FormalityFormal, "more", "prefer_more":
		return api.FormalityFormal, nil
	case api.FormalityInformal, "less", "prefer_less":
		return api.FormalityInformal, nil
	}
	return "", api.FieldError(api.CodeInvalidArgument, "formality", "formality must be %q, %q or %q", api.FormalityFormal, api.FormalityInformal, api.FormalityDefault)
}

// Translate validates req and walks the rungs until one translates. It
// returns an error only for bad input (*api.Error, 4xx) or when every
// rung is at its concurrency limit (503); when no rung serves, the answer
// is the original text with status "original", a reason, and the attempts.
func (c *Chain) Translate(ctx context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	start := c.cfg.Now()
	ctx, done := c.running.track(ctx)
	defer done()
	v, err := c.validate(req)
	if err != nil {
		return nil, err
	}
	resp, err := c.translate(ctx, v)
	if resp != nil {
		resp.DurationMS = c.cfg.Now().Sub(start).Milliseconds()
	}
	return resp, err
}

// settle answers a request that needs no backend: the same language, a
// message with nothing to translate, a moderator's override. toks is the
// scanned message, for the rungs.
func (c *Chain) settle(v validated) (resp *api.TranslateResponse, toks []entity.Token, ok bool) {
	resp = &api.TranslateResponse{Text: v.original, Status: api.StatusOriginal, Backend: "none"}
	if sameLanguage(v.source, v.target) {
		resp.Reason, resp.ReasonCode = "same language", api.ReasonSameLanguage
		return resp, nil, true
	}
	toks = scanInput(v)
	if !entity.HasProse(toks) {
		// Mentions, links, emoji and code alone read the same in every
		// language: no backend call, and nothing for a model to mangle.
		resp.Reason, resp.ReasonCode = "nothing to translate", api.ReasonNothingToTranslate
		return resp, toks, true
	}
	// The override is looked up under the request's tenant only
	// (overrideKey). Like any rung, it is skipped when the request
	// excludes it: a caller that was given it and asks again without it
	// must get the next rung's translation, not the same answer again.
	if v.exclude[OverrideBackend] {
		return resp, toks, false
	}
	if e, ok := c.cfg.Cache.Override(overrideKey(v)); ok {
		c.cfg.Metrics.cache(api.CacheOverride)
		resp.Text, resp.Status, resp.Backend, resp.Model, resp.Cache = e.Text, api.StatusTranslated, e.Backend, e.Model, api.CacheOverride
		resp.Formality = e.Formality
		return resp, toks, true
	}
	return resp, toks, false
}

// scanInput scans what the rungs translate for v. In HTML mode that is
// the text with its raw '<' and '&' escaped (entity.EscapeStray: "I <3
// you" is sent as "I &lt;3 you", which a browser shows the same), read
// as a browser reads it (entity.ScanHTML): every tag, attributes and
// all, every comment and escape is protected, so that a translation
// never needs a '<' or a '&' of its own and checkMarkup can refuse every
// one it has. The keys keep the text as sent: an override stored for it
// applies in both formats.
func scanInput(v validated) []entity.Token {
	if v.format == api.FormatHTML {
		return entity.ScanHTML(v.input, v.protect)
	}
	return entity.Scan(v.input, v.protect)
}

// rungRequest is what rung r is asked for v.
func rungRequest(r routedRung, v validated, toks []entity.Token) backend.Request {
	req := backend.Request{Text: v.input, Source: v.source, Target: v.target, Protect: v.protect, Terms: v.terms,
		Formality: v.formality, Context: v.context, Model: r.model, Prompt: r.prompt, StrictTerms: v.strictTerms,
		Format: v.format}
	if r.NoContext {
		req.Context = nil
	}
	if m, ok := r.Backend.(entityMasker); !ok || !m.MasksEntities() {
		// Engines without sentinels (Apertium) protect literal strings:
		// hand them every entity and markup delimiter, and the scan,
		// which pairs the delimiters around their words.
		req.Protect = append(slices.Clip(v.protect), entity.Protected(toks)...)
		req.Tokens = toks
	}
	return req
}

// translate walks the rungs for a validated request.
func (c *Chain) translate(ctx context.Context, v validated) (*api.TranslateResponse, error) {
	resp, toks, ok := c.settle(v)
	if ok {
		return resp, nil
	}
	start := c.cfg.Now()
	rungs, arm := c.experimentFor(&v, c.routed(v))
	tried := 0
	for i, r := range rungs {
		if v.exclude[r.Name] {
			continue
		}
		tried++
		if r.off != "" {
			// Turned off by a kill switch: listed like any skip, so that
			// the view says why its LLM rungs did not answer.
			resp.Attempts = append(resp.Attempts, c.skipped(r.Name, r.off))
			continue
		}
		s, att, ok := c.try(ctx, r.chainRung, v, rungRequest(r, v, toks), toks, rungs[i+1:])
		if ok {
			fill(resp, r.Name, s, v.formality)
			c.cfg.Metrics.cache(cacheResult(s.cache))
			c.expose(ctx, v, arm, resp, s.res.Usage, tried-1, c.cfg.Now().Sub(start))
			return resp, nil
		}
		resp.Attempts = append(resp.Attempts, att)
	}
	c.cfg.Metrics.cache(cacheMiss)
	c.expose(ctx, v, arm, resp, backend.Usage{}, tried, c.cfg.Now().Sub(start))
	if overloaded(resp.Attempts) {
		return nil, api.Errorf(api.CodeOverloaded, "every translation backend is at its limit; retry later")
	}
	resp.Reason = reason(tried, resp.Attempts, v.source, v.target)
	resp.ReasonCode = api.SkipReasonCode(resp.Attempts)
	return resp, nil
}

// fill puts a rung's translation into resp.
func fill(resp *api.TranslateResponse, rung string, s served, formality string) {
	resp.Text, resp.Status, resp.Backend, resp.Model = s.res.Text, api.StatusTranslated, rung, s.res.Model
	resp.PromptID, resp.PromptVersion, resp.Cache = s.res.PromptID, s.res.PromptVersion, s.cache
	resp.UnknownWords = s.res.UnknownWords
	resp.CacheKey = s.key
	if s.res.PromptID != "" {
		resp.Formality = formality
	}
}

// overloaded reports whether the chain failed only because this replica
// is at its limits: every rung that was tried found its queue full, and
// every other rung was skipped. The caller is better served by a 503 and
// a retry than by the original text.
func overloaded(attempts []api.Attempt) bool {
	found := false
	for _, a := range attempts {
		switch {
		case strings.HasPrefix(a.Error, backend.ErrOverloaded.Error()):
			found = true
		case !strings.HasPrefix(a.Error, "skipped: "):
			return false
		}
	}
	return found
}

// served is a rung's translation and where it came from: "" for this
// request's own backend call, or an api.Cache* source. key is its cache
// key ("" with the cache off): api.TranslateResponse.CacheKey, which the
// pipeline deletes when quality discards the translation.
type served struct {
	res   backend.Result
	cache string
	key   string
}

// rungModel is the model a rung would use for req.
func rungModel(r *chainRung, req backend.Request) string {
	if req.Model != "" {
		return req.Model
	}
	if m, ok := r.Backend.(modeler); ok {
		return m.Model()
	}
	return ""
}

// key is the cache key of v's translation by rung r.
func (c *Chain) key(v validated, r *chainRung, req backend.Request) string {
	prompt := ""
	if p, ok := r.Backend.(backend.Prompted); ok {
		prompt = p.PromptRef()
		if req.Prompt != "" {
			// An arm's or the registry's template: translations made
			// with it are never served for another.
			prompt = req.Prompt
		}
	}
	if r.NoContext {
		// The rung's prompt carries no context (rungRequest): its
		// translations do not depend on it.
		v.context = nil
	}
	model := rungModel(r, req)
	if kr, ok := r.Backend.(keyRevisioner); ok && kr.KeyRevision() != "" {
		model += "\x00" + kr.KeyRevision()
	}
	return cacheKey(v, r.Name, model, prompt)
}

// cachedKey is key as answers report it (api.TranslateResponse.CacheKey):
// "" when the chain has no cache, so that no caller deletes what was
// never stored.
func (c *Chain) cachedKey(key string) string {
	if c.cfg.Cache == nil {
		return ""
	}
	return key
}

// errCircuitOpen is a flight's answer when the rung's circuit is open.
var errCircuitOpen = errors.New(api.SkipTextCircuitOpen)

// skipped is the attempt of rung name skipped for why (the text after
// "skipped: ", which api.SkipReason reads back), counted as a skip with
// its reason.
func (c *Chain) skipped(name, why string) api.Attempt {
	att := api.Attempt{Backend: name, Error: api.AttemptSkipped + why}
	c.cfg.Metrics.skip(name, api.SkipReason(att.Error))
	return att
}

// cacheMiss is the cache result of a request that no cache answered.
const cacheMiss = "miss"

// cacheResult is the parley_translate_cache_total result of a request a
// rung served from src (served.cache): the cache tier that answered, or
// a miss for the request's own backend call.
func cacheResult(src string) string {
	if src == "" {
		return cacheMiss
	}
	return src
}

// logAttrs logs a line of the chain with the request's id, so that a
// failure can be tied to the request (and, through the process's log
// handler, telemetry.LogHandler, to its trace when tracing is on). A
// flight's context carries its leader's values: the line of a call that
// several requests share names the request that made it.
func (c *Chain) logAttrs(ctx context.Context, level slog.Level, msg string, attrs ...slog.Attr) {
	if !c.log.Enabled(ctx, level) {
		return
	}
	if id := service.RequestID(ctx); id != "" {
		attrs = append(attrs, slog.String("req_id", id))
	}
	c.log.LogAttrs(ctx, level, msg, attrs...)
}

// try runs one rung: its cached translation if there is one, else the
// backend, through a flight shared by every concurrent request for the
// same key (on this replica and, through claims, on the others), within
// a budget that leaves their share of the time to the later rungs. ok
// reports a translation; otherwise the attempt says why the rung did not
// serve (skipped or failed).
func (c *Chain) try(ctx context.Context, r *chainRung, v validated, req backend.Request, toks []entity.Token, later []routedRung) (served, api.Attempt, bool) {
	att := api.Attempt{Backend: r.Name}
	skip := func(why string) (served, api.Attempt, bool) {
		s := c.skipped(r.Name, why)
		att.Error = s.Error
		return served{}, att, false
	}
	switch {
	case r.Backend == nil:
		return skip(r.Disabled)
	case !r.Backend.Supports(req.Source, req.Target):
		return skip(fmt.Sprintf(api.SkipTextUnsupported+"%s to %s", req.Source, req.Target))
	}
	att.Model = rungModel(r, req)
	key := c.key(v, r, req)
	cached := c.cachedKey(key)
	// With claims, the flight's leader learns from its claim whether the
	// shared cache has the key (lead): one JetStream round trip on a
	// miss. Without, the shared cache is read here.
	lookup := c.cfg.Cache.Get
	if c.cfg.Claims != nil {
		lookup = c.cfg.Cache.Local
	}
	if e, src, ok := lookup(ctx, key); ok {
		c.indexRead(ctx, key, v)
		return served{res: entryResult(e), cache: src, key: cached}, att, true
	}
	// A cached translation serves even while the backend is down. The
	// cache's result is counted once per request, by translate: a rung
	// skipped here is no lookup of its own.
	skipUnlessCached := func(why string) (served, api.Attempt, bool) {
		if c.cfg.Claims != nil {
			if e, src, ok := c.cfg.Cache.Get(ctx, key); ok {
				c.indexRead(ctx, key, v)
				return served{res: entryResult(e), cache: src, key: cached}, att, true
			}
		}
		return skip(why)
	}
	if c.cfg.Claims == nil {
		skipUnlessCached = skip
	}
	if a, ok := r.Backend.(availabler); ok && !a.Available() {
		return skipUnlessCached(api.SkipTextUnavailable)
	}
	if ctx.Err() != nil {
		return skip(api.SkipTextCanceled)
	}
	now := c.cfg.Now()
	if r.breaker.blocked(now) {
		return skipUnlessCached(errCircuitOpen.Error())
	}
	if until, paused := r.pause.active(now); paused {
		return skipUnlessCached(rateLimited(until))
	}
	budget, why := c.budget(ctx, r, v, later, now)
	if why != "" {
		return skipUnlessCached(why)
	}

	// From here the request waits: on a claim's round trip, the model, or
	// another request's call.
	r.detach(ctx)
	rctx, cancel := context.WithTimeout(ctx, budget)
	out, joined, ran := c.flights.do(rctx, key, budget, func(fctx context.Context) flightResult {
		return c.lead(fctx, r, v, req, toks, key, budget)
	})
	cancel()
	att.Retries = out.retries
	att.DurationMS = c.cfg.Now().Sub(now).Milliseconds()
	if out.res.Model != "" {
		att.Model = out.res.Model
	}
	err := out.err
	switch {
	case err == nil:
		src := out.cache
		if joined || out.remote {
			src = api.CacheCoalesced
		}
		if src != "" {
			// Another request's call (here or on another replica) or
			// the shared cache answered: store indexed the entry
			// under that request's message, not this one's.
			c.indexRead(ctx, key, v)
		}
		return served{res: out.res, cache: src, key: cached}, att, true
	case errors.Is(err, errCircuitOpen):
		return skip(errCircuitOpen.Error())
	case ctx.Err() != nil:
		err = backend.Errorf(backend.ErrTimeout, err, "the request was canceled or ran out of time")
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		// This request's budget for the rung ended while it waited.
		err = backend.Errorf(backend.ErrTimeout, err, "no answer within %s", budget.Round(time.Millisecond))
	}
	att.Error = safeError(err)
	// DurationMS is this request's wait. A request that joined another's
	// call (a hedge, a second reader) may have waited far less than the
	// call ran: a view's attempts must still show where its time went.
	if joined || out.remote {
		att.Joined = true
	}
	if joined {
		att.CallMS = ran.Milliseconds()
	}
	return served{}, att, false
}

// budget is rung r's time for a call made at now: its own timeout,
// clipped to the request's deadline less the reply's Reserve and less
// what the rungs after it that can still serve are owed (holdback).
// Without such rungs the rung gets all that is left. why, when not
// empty, is the reason to skip the rung: no time left at all, or too
// little once the later rungs' share is kept.
func (c *Chain) budget(ctx context.Context, r *chainRung, v validated, later []routedRung, now time.Time) (budget time.Duration, why string) {
	const exhausted = api.SkipTextNoTime
	budget = r.Timeout
	dl, ok := ctx.Deadline()
	if !ok {
		if budget < c.cfg.MinBudget {
			return 0, exhausted
		}
		return budget, ""
	}
	left := dl.Add(-c.cfg.Reserve).Sub(now)
	if left < c.cfg.MinBudget {
		return 0, exhausted
	}
	hold, owed := c.holdback(later, v, left, now)
	if budget = min(budget, left-hold); budget < c.cfg.MinBudget {
		return 0, fmt.Sprintf(api.SkipTextTooLittle+": %s of %s is kept for %s",
			hold.Round(time.Millisecond), left.Round(time.Millisecond), strings.Join(owed, ", "))
	}
	return budget, ""
}

// holdback is the time a rung leaves, of left, to the rungs in later
// that can still serve v (owed names them): FallbackReserve for each, at
// most its own timeout, and together at most half of left, so that a
// short budget still gives the earlier (better) rung a fair try. A rung
// that will be skipped anyway is owed nothing, so the time is not kept
// for a rung that is down or does not translate the pair.
func (c *Chain) holdback(later []routedRung, v validated, left time.Duration, now time.Time) (hold time.Duration, owed []string) {
	if c.cfg.FallbackReserve <= 0 {
		return 0, nil
	}
	for _, r := range later {
		if !c.canServe(r, v, now) {
			continue
		}
		hold += min(r.Timeout, c.cfg.FallbackReserve)
		owed = append(owed, r.Name)
	}
	return min(hold, left/2), owed
}

// canServe reports whether rung r would be called for v: not excluded,
// not turned off by a kill switch, set up, translating the pair,
// available, circuit not open. A rung that has a cached translation may
// serve even when it cannot; that is not known without a lookup, and
// needs no time anyway.
func (c *Chain) canServe(r routedRung, v validated, now time.Time) bool {
	if v.exclude[r.Name] || r.off != "" || r.Backend == nil || !r.Backend.Supports(v.source, v.target) {
		return false
	}
	if a, ok := r.Backend.(availabler); ok && !a.Available() {
		return false
	}
	if _, paused := r.pause.active(now); paused {
		return false
	}
	return !r.breaker.blocked(now)
}

// lead makes the backend call of a flight. With claims it first makes
// sure that no other replica is making the same call: it claims the key
// (which also says whether the shared cache has it), or waits for the
// replica that holds the claim and shares its result (or its failure). A
// failed claim or await only costs the coalescing, never the translation.
// On a miss the claim is the only JetStream round trip before the call.
func (c *Chain) lead(ctx context.Context, r *chainRung, v validated, req backend.Request, toks []entity.Token, key string, budget time.Duration) flightResult {
	cl := c.cfg.Claims
	if cl == nil {
		return c.callBackend(ctx, r, v, req, toks, key, budget, nil)
	}
	for range 3 {
		e, found, claim, err := cl.Acquire(ctx, key)
		switch {
		case err == nil && found:
			c.cfg.Cache.Fill(key, e)
			return flightResult{res: entryResult(e), cache: cache.FromShared}
		case err == nil:
			out := c.callBackend(ctx, r, v, req, toks, key, budget, claim)
			if out.err != nil {
				var failure *cache.Failure
				if ctx.Err() == nil && !errors.Is(out.err, errCircuitOpen) {
					failure = &cache.Failure{Kind: kindName(out.err), Detail: safeError(out.err)}
				}
				// Waiting replicas must hear of the failure before
				// this request moves down the chain.
				rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
				claim.Release(rctx, failure)
				cancel()
			}
			return out
		case errors.Is(err, cache.ErrClaimed):
			done := c.cfg.Metrics.waitingFor(waitingReplica)
			e, failure, werr := cl.Await(ctx, key)
			done()
			switch {
			case werr == nil && failure == nil:
				c.cfg.Cache.Fill(key, e)
				return flightResult{res: entryResult(e), remote: true}
			case werr == nil:
				return flightResult{err: failureError(failure), remote: true}
			case errors.Is(werr, cache.ErrReleased):
				// The holder gave up or died: claim again.
				continue
			case ctx.Err() != nil:
				return flightResult{err: ctx.Err()}
			}
			c.logAttrs(ctx, slog.LevelWarn, "waiting for another replica failed; calling the backend",
				slog.String("backend", r.Name), slog.Any("err", werr))
		default:
			if ctx.Err() != nil {
				return flightResult{err: ctx.Err()}
			}
			c.logAttrs(ctx, slog.LevelWarn, "claim failed; calling the backend without coalescing across replicas",
				slog.String("backend", r.Name), slog.Any("err", err))
		}
		break
	}
	return c.callBackend(ctx, r, v, req, toks, key, budget, nil)
}

// callBackend calls the rung's backend for a flight (the one call the
// flight's requests share), keeps the circuit breaker and metrics, and
// caches a good answer. On success the result ends claim (nil: none);
// on failure the caller releases it.
func (c *Chain) callBackend(ctx context.Context, r *chainRung, v validated, req backend.Request, toks []entity.Token, key string, budget time.Duration, claim cache.Claim) flightResult {
	release, err := r.limit.acquire(ctx)
	if err != nil {
		// A full queue is this replica's load, not the backend's health:
		// the breaker does not hear of it.
		if errors.Is(err, backend.ErrOverloaded) {
			c.cfg.Metrics.rung(r.Name, "overloaded", 0)
		}
		return flightResult{err: err}
	}
	defer release()
	now := c.cfg.Now()
	if !r.breaker.allow(now) {
		return flightResult{err: errCircuitOpen}
	}
	res, retries, err := c.run(ctx, r, req, toks)
	d := c.cfg.Now().Sub(now)
	if err == nil {
		r.breaker.record(true, c.cfg.Now())
		c.cfg.Metrics.rung(r.Name, "ok", d)
		c.store(ctx, key, resultEntry(r.Name, res, v.formality, c.cfg.Now()), v, claim)
		return flightResult{res: res, retries: retries}
	}
	switch {
	case errors.Is(context.Cause(ctx), context.Canceled):
		// Every request waiting for this call went away: that says
		// nothing about the backend.
		r.breaker.cancelProbe()
		return flightResult{err: err, retries: retries}
	case errors.Is(context.Cause(ctx), context.DeadlineExceeded):
		// The rung's deadline passed, here or at the last waiter (the
		// two timers race).
		// The rung's own deadline is the chain's finding, whatever
		// shape the backend gave the error.
		err = backend.Errorf(backend.ErrTimeout, err, "no answer within %s", budget.Round(time.Millisecond))
	}
	if backend.IsRequestFault(err) {
		// A model this request's route or arm names that the server
		// lacks fails its own pairs only: the rung stays available
		// for the others (and a probe it took decides nothing).
		r.breaker.cancelProbe()
	} else {
		r.breaker.record(backend.IsOutputFault(err), c.cfg.Now())
	}
	c.cfg.Metrics.rung(r.Name, outcome(err), d)
	c.logAttrs(ctx, slog.LevelWarn, "rung failed",
		slog.String("backend", r.Name), slog.String("error", safeError(err)),
		slog.Any("cause", cause(err)), slog.Duration("took", d))
	return flightResult{res: backend.Result{Model: res.Model}, retries: retries, err: err}
}

// store caches a new translation: in this replica's LRU before the
// answer, so that the next request here hits; in the shared cache, where
// it replaces the claim that replicas waiting for it watch, and in the
// message's indexes, after it. The
// JetStream writes are off the request's path (Invalidate waits for the
// ones this replica started, so that an edit right after a view finds
// its translation indexed); the answer is stored even if the flight's
// time is up, since waiting replicas read it from there.
func (c *Chain) store(ctx context.Context, key string, e cache.Entry, v validated, claim cache.Claim) {
	c.cfg.Cache.Fill(key, e)
	// Before the answer: the requests of the same message that share
	// this call (indexRead) need not index the entry again.
	reader := v.reader()
	if v.message != "" || v.conversation != "" {
		c.cfg.Cache.MarkIndexed(key, reader)
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	stored := c.stores.add()
	c.background.Go(func() {
		defer cancel()
		defer stored()
		// Let the answer leave first: started at once, these writes
		// (and JetStream storing them) compete with the reply for the
		// CPU and delayed its arrival at the caller by ~0.12 ms on two
		// cores (BenchmarkPipelineSteps/translate).
		time.Sleep(storeDelay)
		indexes := []string{messageKey(v.tenant, v.conversation, v.message), conversationKey(v.tenant, v.conversation)}
		if claim == nil {
			c.cfg.Cache.PutShared(pctx, key, e, indexes...)
			return
		}
		if err := claim.Fulfil(pctx, e); err != nil {
			// Deleted meanwhile (an edit's invalidation): the
			// translation stays out of the shared cache.
			c.logAttrs(pctx, slog.LevelDebug, "result not stored", slog.Any("err", err))
			c.cfg.Cache.UnmarkIndexed(key, reader)
			return
		}
		if err := c.cfg.Cache.Index(pctx, key, indexes...); err != nil {
			c.cfg.Cache.UnmarkIndexed(key, reader)
		}
	})
}

// indexRead records a translation the request read from a cache, or
// shared with another request's call, under the request's tenant's
// message and conversation, as store does for a new one: invalidating the message
// deletes every translation it was read in. The cache remembers what
// this replica indexed, so that the readers of one message cost one write
// per translation, and the write is off the request's path (Invalidate
// waits for it, as for store's).
func (c *Chain) indexRead(ctx context.Context, key string, v validated) {
	reader := v.reader()
	if reader.Message == "" && reader.Conversation == "" || c.cfg.Cache.MarkIndexed(key, reader) {
		return
	}
	// Only strings go to the goroutine: capturing v would move it to
	// the heap on every hit.
	mk, ck := messageKey(reader.Tenant, reader.Conversation, reader.Message), conversationKey(reader.Tenant, reader.Conversation)
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	stored := c.stores.add()
	c.background.Go(func() {
		defer cancel()
		defer stored()
		if err := c.cfg.Cache.Index(pctx, key, mk, ck); err != nil {
			c.cfg.Cache.UnmarkIndexed(key, reader)
		}
	})
}

// kinds are the backend error kinds by name, for failures shared across
// replicas.
var kinds = []error{
	backend.ErrUnavailable, backend.ErrModelNotFound, backend.ErrBusy, backend.ErrTimeout, backend.ErrFailed,
	backend.ErrBadOutput, backend.ErrProtected, backend.ErrUnsupported, backend.ErrNotTranslation, backend.ErrOverloaded,
}

func kindName(err error) string {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return k.Error()
		}
	}
	return backend.ErrFailed.Error()
}

// failureError turns another replica's failure back into a backend error
// with the same kind and text.
func failureError(f *cache.Failure) error {
	kind := backend.ErrFailed
	for _, k := range kinds {
		if k.Error() == f.Kind {
			kind = k
		}
	}
	detail := strings.TrimPrefix(f.Detail, kind.Error()+": ")
	if detail == f.Detail && detail == kind.Error() {
		detail = ""
	}
	return &backend.Error{Kind: kind, Detail: detail}
}

// run calls the backend, repeating the call once after an answer that
// lost protected parts (models lose or duplicate a sentinel now and then;
// a retry that lists the sentinels usually brings them all back, at less
// cost than the next rung), unless the rung is deterministic, and up to
// cfg.Retries times after a transient failure (the backend busy, or
// failing mid-answer), while the budget allows. Nothing else is retried:
// a timeout has spent the budget, and a missing model, a refused key or
// an unusable answer would fail the same way again.
func (c *Chain) run(ctx context.Context, r *chainRung, req backend.Request, toks []entity.Token) (backend.Result, int, error) {
	retries, transient := 0, 0
	// strict says that the retry after lost protected parts is spent,
	// or, for a deterministic rung, would only repeat the answer.
	d, ok := r.Backend.(deterministic)
	strict := ok && d.Deterministic()
	for {
		res, err := c.call(ctx, r, req, toks)
		if ra := backend.RetryAfter(err); ra > 0 {
			// The other requests skip the rung until then; this one
			// waits for it below when its budget allows.
			r.pause.set(c.cfg.Now().Add(ra))
		}
		switch {
		case err == nil || ctx.Err() != nil:
			return res, retries, err
		case errors.Is(err, backend.ErrProtected) && !strict:
			strict = true
			req.Strict = true
			c.logAttrs(ctx, slog.LevelDebug, "retrying after lost protected parts", slog.String("backend", r.Name), slog.Any("cause", cause(err)))
		case transientError(err) && transient < c.cfg.Retries:
			// A backend that said when to come back (Retry-After) is not
			// asked sooner; when that is past the budget, the next rung
			// serves instead.
			wait := max(c.backoff(transient), backend.RetryAfter(err))
			if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait+c.cfg.MinBudget {
				return res, retries, err
			}
			transient++
			c.logAttrs(ctx, slog.LevelDebug, "retrying after a transient failure", slog.String("backend", r.Name),
				slog.Any("cause", cause(err)), slog.Duration("after", wait))
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return res, retries, err
			case <-t.C:
			}
		default:
			return res, retries, err
		}
		retries++
	}
}

// transientError reports failures that a moment later may not recur: the
// backend refusing for load (503, 429) or failing while answering (a 500,
// an error in the stream, a dropped connection).
func transientError(err error) bool {
	return errors.Is(err, backend.ErrBusy) || errors.Is(err, backend.ErrFailed)
}

// backoff is the wait before transient retry n (0-based): RetryBackoff
// doubled each time, between half and all of it, so that replicas that
// failed together do not retry together.
func (c *Chain) backoff(n int) time.Duration {
	d := c.cfg.RetryBackoff << n
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func entryResult(e cache.Entry) backend.Result {
	return backend.Result{Text: e.Text, Model: e.Model, PromptID: e.PromptID, PromptVersion: e.PromptVersion, UnknownWords: e.UnknownWords}
}

func resultEntry(backendName string, res backend.Result, formality string, now time.Time) cache.Entry {
	e := cache.Entry{Text: res.Text, Backend: backendName, Model: res.Model, PromptID: res.PromptID, PromptVersion: res.PromptVersion,
		UnknownWords: res.UnknownWords, Created: now.UTC()}
	if res.PromptID != "" {
		e.Formality = formality
	}
	return e
}

// call runs the backend once and checks the answer.
func (c *Chain) call(ctx context.Context, r *chainRung, req backend.Request, toks []entity.Token) (backend.Result, error) {
	t0 := c.cfg.Now()
	res, err := r.Backend.Translate(ctx, req)
	result := "ok"
	if err != nil {
		result = outcome(err)
	}
	c.cfg.Metrics.call(r.Name, cmp.Or(res.Model, req.Model), result, c.cfg.Now().Sub(t0), res.Usage)
	if err != nil {
		return res, err
	}
	if strings.TrimSpace(res.Text) == "" {
		return res, backend.Errorf(backend.ErrBadOutput, nil, "empty translation")
	}
	if err := checkAnswer(toks, req, res.Text); err != nil {
		return res, err
	}
	return res, nil
}

// lostEntity checks, whatever the rung, that every protected atom of the
// message is still in the translation as often as in the message. The LLM
// rungs check their sentinels exactly; this catches any other engine.
func lostEntity(toks []entity.Token, out string) (entity.Kind, bool) {
	want := map[string]int{}
	kinds := map[string]entity.Kind{}
	for _, t := range toks {
		if t.Role == entity.Atom {
			want[t.Text]++
			kinds[t.Text] = t.Kind
		}
	}
	for text, n := range want {
		if strings.Count(out, text) < n {
			return kinds[text], false
		}
	}
	return "", true
}

// safeError is the attempt text: a backend.Error's safe message, or the
// error text of rungs that do not use backend.Error.
func safeError(err error) string {
	var be *backend.Error
	if errors.As(err, &be) {
		return be.Error()
	}
	return err.Error()
}

func cause(err error) error {
	var be *backend.Error
	if errors.As(err, &be) && be.Err != nil {
		return be.Err
	}
	return err
}

// outcome is the bounded metric label for a failure.
func outcome(err error) string {
	for _, k := range []struct {
		kind  error
		label string
	}{
		{backend.ErrTimeout, "timeout"}, {backend.ErrUnavailable, "unavailable"},
		{backend.ErrModelNotFound, "model_not_found"}, {backend.ErrBusy, "busy"},
		{backend.ErrProtected, "protected"}, {backend.ErrBadOutput, "bad_output"},
		{backend.ErrNotTranslation, "not_translation"}, {backend.ErrOverloaded, "overloaded"},
		{backend.ErrUnsupported, "unsupported"},
	} {
		if errors.Is(err, k.kind) {
			return k.label
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "failed"
}

// sameLanguage reports whether a reader of target can read source as is:
// the same base language in the same script. Regions do not matter (en-GB
// and en-US), scripts do (zh-Hans and zh-Hant, sr-Latn and sr-Cyrl). The
// pipeline decides the same way (api.SameWriting), so that what it sends
// here is translated.
func sameLanguage(source, target string) bool {
	return api.SameWriting(source, target)
}

// reason explains an "original" answer in one line, for the caller and
// the operator: it names every rung and what it answered. Chat readers
// get the answer's ReasonCode (api.SkipReasonCode) instead, and its
// generic text (api.ReasonText).
func reason(tried int, attempts []api.Attempt, source, target string) string {
	if tried == 0 {
		return "every backend was excluded"
	}
	parts := make([]string, 0, len(attempts))
	for _, a := range attempts {
		parts = append(parts, a.Backend+": "+a.Error)
	}
	return fmt.Sprintf("no backend translated %s to %s (%s)", source, target, strings.Join(parts, "; "))
}

// Languages lists the rungs in order with what each serves.
func (c *Chain) Languages(ctx context.Context) *api.LanguagesResponse {
	out := &api.LanguagesResponse{Backends: make([]api.BackendInfo, 0, len(c.rungs))}
	for _, r := range c.rungs {
		if r.Backend == nil {
			out.Backends = append(out.Backends, api.BackendInfo{Name: r.Name, Available: false, Reason: r.Disabled})
			continue
		}
		info := r.Backend.Info(ctx)
		if info.Name == "" {
			info.Name = r.Name
		}
		if !info.Available && info.Reason == "" {
			info.Reason = api.SkipTextUnavailable
		}
		// The backend's own view is whether its server answers; the
		// breaker's is whether this replica sends it requests. A caller
		// asking what is available needs the second. A backend that is
		// down keeps its own reason: the chain skips it as unavailable
		// before it asks the breaker.
		if tripped, until := r.breaker.tripped(); tripped && info.Available {
			if now := c.cfg.Now(); now.Before(until) {
				info.Available = false
				info.Reason = fmt.Sprintf("circuit open after repeated failures; probed again from %s", until.UTC().Format(time.RFC3339))
			} else {
				info.Reason = "circuit half-open after repeated failures: the next request probes it"
			}
		}
		if until, paused := r.pause.active(c.cfg.Now()); paused && info.Available {
			info.Available = false
			info.Reason = rateLimited(until)
		}
		out.Backends = append(out.Backends, info)
	}
	return out
}

// Close closes every backend.
func (c *Chain) Close() error {
	c.background.Wait()
	var errs []error
	for _, r := range c.rungs {
		if r.Backend != nil {
			if err := r.Backend.Close(); err != nil {
				errs = append(errs, fmt.Errorf("close %s: %w", r.Name, err))
			}
		}
	}
	return errors.Join(errs...)
}

// breaker skips a rung that keeps failing, so that a dead server costs one
// timeout per cooldown instead of one per request. After the cooldown one
// request probes the rung (half-open); its outcome closes or reopens it.
type breaker struct {
	threshold int
	cooldown  time.Duration
	// log (with the rung's name) hears of every change of state: the
	// circuit opening (warn), a probe once the cooldown ended (half-open,
	// info) and the circuit closing (info). nil: not logged.
	log *slog.Logger

	mu        sync.Mutex
	failures  int
	openUntil time.Time
	probing   bool
}

// blocked reports whether the circuit is open (or half-open with its
// probe taken) without taking the probe: the request that leads the call
// takes it in allow.
func (b *breaker) blocked(now time.Time) bool {
	if b.threshold <= 0 {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.failures >= b.threshold && (now.Before(b.openUntil) || b.probing)
}

func (b *breaker) allow(now time.Time) bool {
	if b.threshold <= 0 {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failures < b.threshold {
		return true
	}
	if now.Before(b.openUntil) || b.probing {
		return false
	}
	b.probing = true
	if b.log != nil {
		b.log.Info("circuit half-open: probing the rung with one request", "failures", b.failures)
	}
	return true
}

// circuitState is a circuit's state, as breaker.state reports it.
type circuitState int

const (
	circuitClosed circuitState = iota
	// circuitOpen: every request skips the rung until the cooldown ends.
	circuitOpen
	// circuitHalfOpen: the cooldown ended; the next request that reaches
	// the rung probes it (or a probe is running).
	circuitHalfOpen
)

// state is the circuit's state at now.
func (b *breaker) state(now time.Time) circuitState {
	tripped, until := b.tripped()
	switch {
	case !tripped:
		return circuitClosed
	case now.Before(until):
		return circuitOpen
	default:
		return circuitHalfOpen
	}
}

// tripped reports whether repeated failures opened the circuit (open or
// half-open) and until when it stays open.
func (b *breaker) tripped() (bool, time.Time) {
	if b.threshold <= 0 {
		return false, time.Time{}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.failures >= b.threshold, b.openUntil
}

// cancelProbe releases a probe slot that was granted but not used.
func (b *breaker) cancelProbe() {
	b.mu.Lock()
	b.probing = false
	b.mu.Unlock()
}

// record counts an outcome; healthy means the backend answered (a bad
// answer is not a sick backend).
func (b *breaker) record(healthy bool, now time.Time) {
	if b.threshold <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	probe := b.probing
	b.probing = false
	if healthy {
		if b.failures >= b.threshold && b.log != nil {
			b.log.Info("circuit closed: the rung answered again")
		}
		b.failures = 0
		return
	}
	b.failures++
	if b.failures >= b.threshold {
		b.openUntil = now.Add(b.cooldown)
		// Logged when it opens and when a probe reopens it; calls that
		// were already running when it opened and fail later extend
		// the cooldown without a line each.
		switch {
		case b.log == nil:
		case b.failures == b.threshold:
			b.log.Warn("circuit open after repeated failures: the rung is skipped until the cooldown ends",
				"failures", b.failures, "cooldown", b.cooldown, "until", b.openUntil)
		case probe:
			b.log.Warn("circuit open again: the probe failed", "failures", b.failures, "cooldown", b.cooldown, "until", b.openUntil)
		}
	}
}
