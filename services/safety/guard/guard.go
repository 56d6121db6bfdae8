// Package guard classifies a message with an LLM safety model in the Llama
// Guard 3 format, through an Ollama server's native chat API
// (github.com/ollama/ollama/api).
//
// Llama Guard 3 answers "safe", or "unsafe" and on a second line the
// violated hazard categories ("unsafe\nS1,S10"), from the MLCommons hazard
// taxonomy S1-S14. With the llama-guard3 model, Ollama's model template
// builds the classification prompt from a plain user message; any other
// model gets the full Llama Guard 3 prompt (Prompt) as its user message,
// so that a general instruction model can play the classifier. Either way
// each message is classified on its own, as a user turn.
//
// The guard is an optional second opinion next to the word lists: it has a
// timeout, and a circuit breaker that stops asking a server that keeps
// failing, so a missing or overloaded model costs a check one timeout, not
// one per message. A classification never takes more than a share of the
// caller's remaining time (deadlineShare), so that the caller can still
// answer with the word lists' verdict when the model hangs, and a
// classification the guard's own deadline cut short counts against the
// server, as any other failure does.
//
// At most Concurrency classifications go to the server at once, with a
// bounded queue behind them (shared/limit): a warm Ollama answers overload
// with growing latency, so beyond the queue a classification fails at
// once (ErrOverloaded) rather than making every other one slower. A
// classification waiting for the model, or for an identical one's answer,
// hands its request's worker on (service.Detach), so that checks the guard
// is not asked about, or whose answer is remembered, are not queued behind
// the model.
package guard

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ollama/ollama/api"

	papi "github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/chattoken"
	"github.com/parley-chat/parley/shared/limit"
	"github.com/parley-chat/parley/shared/memo"
	"github.com/parley-chat/parley/shared/ollamachat"
	"github.com/parley-chat/parley/shared/service"
)

// Prompt styles.
const (
	// PromptAuto picks PromptNative for models named llama-guard*, and
	// PromptFull otherwise.
	PromptAuto = "auto"
	// PromptNative sends the message alone (defused as in PromptFull):
	// the model's template (as in Ollama's llama-guard3) wraps it in the
	// classification prompt.
	PromptNative = "native"
	// PromptFull sends the whole Llama Guard 3 prompt with the message in
	// it, for models whose template does not.
	PromptFull = "full"
)

// Defaults.
const (
	DefaultHost             = ollamachat.DefaultHost
	DefaultTimeout          = 3 * time.Second
	DefaultContext          = 8192
	DefaultFailureThreshold = 3
	DefaultCooldown         = 30 * time.Second
	DefaultMemoTTL          = memo.DefaultTTL
	// DefaultConcurrency, as translate's OLLAMA_CONCURRENCY: one
	// classification running and the next one ready, for an Ollama that
	// runs one request at a time per model (OLLAMA_NUM_PARALLEL=1).
	DefaultConcurrency = 2
	DefaultQueue       = 64
)

const (
	// deadlineShare is the part of the caller's remaining time one
	// classification may use: the rest is the caller's, to reply with the
	// word lists' verdict when the model does not answer. (The quality
	// judge leaves its callers the same share.)
	deadlineShare = 0.8
	// minSlot: when the caller's deadline leaves less than this (and less
	// than Timeout), the model is not asked.
	minSlot = 100 * time.Millisecond
)

// errSlot is the cause of a classification's context when the guard's own
// deadline (its slot) ends it, as opposed to the caller's.
var errSlot = errors.New("guard: no answer within the classification's time")

// Config configures a Guard.
type Config struct {
	// Host is the Ollama server (OLLAMA_HOST): "host", "host:port" or a URL.
	Host string
	// Model is the safety model (SAFETY_GUARD_MODEL), e.g. "llama-guard3:1b".
	Model string
	// Prompt is PromptAuto (default), PromptNative or PromptFull.
	Prompt string
	// Timeout bounds one classification (SAFETY_GUARD_TIMEOUT). With a
	// caller's deadline, a classification gets at most 80% of the time
	// left before it, so that the caller always has time to answer
	// without the guard.
	Timeout time.Duration
	// Context is the num_ctx sent with every request
	// (SAFETY_GUARD_NUM_CTX). It is fixed because Ollama reloads a model
	// whose context size changes; a message too long for it is not sent.
	Context int
	// FailureThreshold is how many failures in a row open the circuit,
	// and Cooldown how long it stays open before one request may try
	// again (SAFETY_GUARD_COOLDOWN).
	FailureThreshold int
	Cooldown         time.Duration
	// HTTPClient defaults to a client without an overall timeout (each
	// request has a context deadline instead).
	HTTPClient *http.Client
	// MemoTTL is how long a classification is remembered for the same
	// message (SAFETY_GUARD_MEMO_TTL); 0 keeps none, though identical
	// messages classified at the same moment still share one request.
	// MemoEntries bounds how many are remembered.
	MemoTTL     time.Duration
	MemoEntries int
	// KeepAlive, when positive, is how long the server keeps the model
	// loaded after a classification (SAFETY_GUARD_KEEP_ALIVE, default
	// OLLAMA_KEEP_ALIVE); otherwise the server's default applies.
	KeepAlive time.Duration
	// Concurrency bounds the classifications sent to the server at once
	// (SAFETY_GUARD_CONCURRENCY); 0 or less means no bound. Queue more
	// may wait for one of them (SAFETY_GUARD_QUEUE); beyond that a
	// classification fails with ErrOverloaded. Waiting in the queue takes
	// from the classification's time, but a classification whose time
	// ran out there does not count against the server.
	Concurrency int
	Queue       int
	// Now is the clock of the circuit breaker and the memo (time.Now by
	// default).
	Now func() time.Time
}

// Errors a classification can fail with, besides those of the transport
// and the context.
var (
	// ErrUnavailable is returned without asking the server while the
	// circuit is open.
	ErrUnavailable = errors.New("guard: skipped after repeated failures")
	// ErrBadAnswer is an answer that is not in the Llama Guard format.
	ErrBadAnswer = errors.New("guard: answer is not in the Llama Guard format")
	// ErrTooLong is a message that does not fit the configured context.
	ErrTooLong = errors.New("guard: message too long for the model's context")
	// ErrModelMissing is a model the server does not have (Probe, or a
	// classification answered 404).
	ErrModelMissing = errors.New("guard: model not pulled")
	// ErrOverloaded is returned without asking the server when
	// Concurrency classifications run and Queue more wait.
	ErrOverloaded = errors.New("guard: too many classifications waiting for the model")
)

// Result is a classification.
type Result struct {
	Safe bool
	// Codes are the hazard codes as answered, normalized to "S<n>" and
	// without duplicates, in answer order. A code outside S1-S14 (a newer
	// taxonomy's "S15", another model's "O1") is kept as answered, upper
	// case: Lookup does not know it, and its category is Unspecified.
	// Shared between the callers given the same classification: read
	// only.
	Codes []string
	// Memo is "kept" when the classification is remembered from an
	// earlier request, "joined" when it is the answer to an identical
	// request made at the same moment, and "" when this call asked.
	Memo string
}

// Guard classifies messages. It is safe for concurrent use.
type Guard struct {
	cfg    Config
	client *api.Client
	native bool
	// memo remembers classifications: a group chat's message is checked
	// once per reader, and a hedged request (shared/client) reaches the
	// service twice.
	memo *memo.Memo[Result]
	// limit bounds the requests to the server (Config.Concurrency).
	limit *limit.Limiter

	mu       sync.Mutex
	failures int       // in a row
	openTill time.Time // zero when closed
	probing  bool      // a half-open trial is in flight

	// outcomes counts classifications by outcome, for Collector.
	outcomes [numOutcomes]atomic.Uint64
	// unknownCodes counts the codes outside S1-S14 in the model's
	// answers, for Collector.
	unknownCodes atomic.Uint64
}

// New builds a guard. It does not contact the server: availability shows
// in the first classifications.
func New(cfg Config) (*Guard, error) {
	if strings.TrimSpace(cfg.Model) == "" {
		return nil, errors.New("guard: model is required")
	}
	base, err := ParseHost(cfg.Host)
	if err != nil {
		return nil, err
	}
	switch cfg.Prompt {
	case "", PromptAuto, PromptNative, PromptFull:
	default:
		return nil, fmt.Errorf("guard: prompt style %q is not auto, native or full", cfg.Prompt)
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Context <= 0 {
		cfg.Context = DefaultContext
	}
	if cfg.FailureThreshold <= 0 {
		cfg.FailureThreshold = DefaultFailureThreshold
	}
	if cfg.Cooldown <= 0 {
		cfg.Cooldown = DefaultCooldown
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	native := cfg.Prompt == PromptNative ||
		(cfg.Prompt == "" || cfg.Prompt == PromptAuto) && strings.HasPrefix(strings.ToLower(cfg.Model), "llama-guard")
	return &Guard{
		cfg: cfg, client: ollamachat.NewClient(base, cfg.HTTPClient), native: native,
		memo:  memo.New[Result](cfg.MemoEntries, cfg.MemoTTL, cfg.Now),
		limit: limit.New(cfg.Concurrency, cfg.Queue),
	}, nil
}

// ParseHost turns OLLAMA_HOST into a URL the way the ollama CLI does:
// "host", "host:port" and full URLs, with port 11434 by default.
func ParseHost(s string) (*url.URL, error) {
	u, err := ollamachat.ParseHost(s)
	if err != nil {
		return nil, fmt.Errorf("guard: %w", err)
	}
	return u, nil
}

// Model is the configured model.
func (g *Guard) Model() string { return g.cfg.Model }

// Native reports whether messages are sent alone (PromptNative).
func (g *Guard) Native() bool { return g.native }

// Classify asks the model about one message. It returns by the end of
// its slot, Timeout or 80% of the time left before ctx's deadline,
// whichever is shorter: an error wrapping context.DeadlineExceeded then
// says the guard did not answer in time.
func (g *Guard) Classify(ctx context.Context, text string) (res Result, err error) {
	defer func() { g.outcomes[outcomeOf(res, err)].Add(1) }()
	// Natively, Ollama's template puts the message into the same
	// "User: ..." turn of the same prompt as Prompt does, so it needs the
	// same defusing.
	content := defuse(text)
	if !g.native {
		content = Prompt(text)
	}
	// Llama 3 tokenizers average 3-4 bytes per token on Latin text and
	// about 3 per CJK character; bytes/3 errs on the long side.
	if len(content)/3+promptOverhead > g.cfg.Context {
		return Result{}, ErrTooLong
	}
	slot, err := g.slot(ctx)
	if err != nil {
		return Result{}, err
	}
	// The slot bounds the wait for an identical request in flight too:
	// that one may have been made with more time than this caller has.
	sctx, cancel := context.WithTimeoutCause(ctx, slot, errSlot)
	defer cancel()
	key := memo.KeyOf(g.cfg.Model, strconv.FormatBool(g.native), content)
	if _, kept := g.memo.Get(key); !kept && !g.Open() {
		// This request now waits on the model (or on an identical
		// request's call): its worker may serve the checks queued
		// behind it meanwhile. (With the circuit open it is answered
		// at once.)
		service.Detach(ctx)
	}
	res, how, err := g.memo.Do(sctx, key,
		func(ctx context.Context) (Result, bool, error) {
			res, err := g.ask(ctx, content)
			return res, err == nil, err
		})
	if how != memo.Called {
		res.Memo = how.String()
	}
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(sctx), errSlot) {
		err = fmt.Errorf("guard %s: no answer within %s: %w", g.cfg.Model, slot.Round(time.Millisecond), context.DeadlineExceeded)
	}
	return res, err
}

// slot is how long one classification may take: Timeout, cut to
// deadlineShare of the time the caller has left.
func (g *Guard) slot(ctx context.Context) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("guard %s: %w", g.cfg.Model, err)
	}
	slot := g.cfg.Timeout
	if dl, ok := ctx.Deadline(); ok {
		slot = min(slot, time.Duration(float64(time.Until(dl))*deadlineShare))
	}
	if slot < min(minSlot, g.cfg.Timeout) {
		// Not asked, so not counted against the server either.
		return 0, fmt.Errorf("guard %s: too little of the caller's time left to ask: %w", g.cfg.Model, context.DeadlineExceeded)
	}
	return slot, nil
}

// ask sends content to the model, within the circuit breaker. ctx ends
// with the classification's slot (cause errSlot) or with its caller.
func (g *Guard) ask(ctx context.Context, content string) (Result, error) {
	if err := ctx.Err(); err != nil {
		// The slot ran out while waiting for an identical request that
		// failed: there is no time left to ask, and nothing learned.
		return Result{}, fmt.Errorf("guard %s: %w", g.cfg.Model, err)
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < min(minSlot, g.cfg.Timeout)/2 {
		// Likewise when little of it is left (the caller waited most of
		// its slot for that request): a timeout then would count against
		// a server that had no fair chance. A caller that asks first has
		// all of its slot, at least twice this.
		return Result{}, fmt.Errorf("guard %s: too little of the caller's time left to ask: %w", g.cfg.Model, context.DeadlineExceeded)
	}
	if g.Open() {
		// Not queued for a slot only to be skipped.
		return Result{}, ErrUnavailable
	}
	release, err := g.limit.Acquire(ctx)
	if errors.Is(err, limit.ErrFull) {
		c, q := g.limit.Size()
		return Result{}, fmt.Errorf("%w (%d running and %d queued)", ErrOverloaded, c, q)
	}
	if err != nil {
		// The slot (or the caller) ran out in the queue: the server was
		// not asked, so the breaker learns nothing.
		return Result{}, fmt.Errorf("guard %s: waiting for the model: %w", g.cfg.Model, err)
	}
	defer release()
	if !g.allow() {
		return Result{}, ErrUnavailable
	}
	res, err := g.classify(ctx, content)
	switch {
	case err == nil:
		g.record(outcomeOK)
	case ctx.Err() != nil && !errors.Is(context.Cause(ctx), errSlot):
		// A caller that gave up says nothing about the server. The
		// guard's own deadline does: a model that hangs must open the
		// circuit as surely as one that answers 500.
		g.record(outcomeNeutral)
	default:
		g.record(outcomeFailed)
	}
	return res, err
}

// promptOverhead is the size, in tokens, of the classification prompt
// around the message (the categories and instructions).
const promptOverhead = 400

// classify asks the server, within ctx (the slot that Classify set).
func (g *Guard) classify(ctx context.Context, content string) (Result, error) {
	a, err := ollamachat.Chat(ctx, g.client, ollamachat.Request{
		Model: g.cfg.Model, User: content, Context: g.cfg.Context,
		// "unsafe\nS1,S2,...,S14" is well under 32 tokens.
		MaxTokens: 32,
		// A thinking model (a general model playing the classifier)
		// would spend the slot and the 32 tokens reasoning, as the
		// translation rungs' models would.
		NoThink:   true,
		KeepAlive: g.cfg.KeepAlive,
	})
	var se api.StatusError
	if errors.As(err, &se) && se.StatusCode == http.StatusNotFound {
		return Result{}, g.missing()
	}
	if err != nil {
		return Result{}, fmt.Errorf("guard %s: %w", g.cfg.Model, ollamachat.Cause(ctx, err))
	}
	res, err := Parse(a.Content)
	for _, code := range res.Codes {
		if _, ok := Lookup(code); !ok {
			g.unknownCodes.Add(1)
		}
	}
	return res, err
}

// missing is the error of a model the server does not have.
func (g *Guard) missing() error {
	return fmt.Errorf("%w (ollama pull %s)", ErrModelMissing, g.cfg.Model)
}

// Probe asks the server whether it has the model (/api/tags), so that a
// guard model that was never pulled shows at start instead of in every
// check's status: nil when it is listed, ErrModelMissing when not, or the
// error of a server that did not answer.
func (g *Guard) Probe(ctx context.Context) error {
	list, err := g.client.List(ctx)
	if err != nil {
		return fmt.Errorf("guard %s: list the server's models: %w", g.cfg.Model, err)
	}
	norm := func(s string) string {
		if !strings.Contains(s, ":") {
			return s + ":latest"
		}
		return s
	}
	for _, m := range list.Models {
		if norm(m.Name) == norm(g.cfg.Model) || norm(m.Model) == norm(g.cfg.Model) {
			return nil
		}
	}
	return g.missing()
}

// allow reports whether a request may go to the server: always while the
// circuit is closed; once the cooldown is over, one trial at a time.
func (g *Guard) allow() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.openTill.IsZero() {
		return true
	}
	if g.cfg.Now().Before(g.openTill) || g.probing {
		return false
	}
	g.probing = true
	return true
}

type outcome uint8

const (
	outcomeOK outcome = iota
	outcomeFailed
	outcomeNeutral
)

// record counts a success or a failure, opening the circuit after
// FailureThreshold failures in a row (or a failed trial).
func (g *Guard) record(o outcome) {
	g.mu.Lock()
	defer g.mu.Unlock()
	trial := g.probing
	g.probing = false
	switch o {
	case outcomeNeutral:
		return
	case outcomeOK:
		g.failures, g.openTill = 0, time.Time{}
		return
	}
	g.failures++
	if trial || g.failures >= g.cfg.FailureThreshold {
		g.openTill = g.cfg.Now().Add(g.cfg.Cooldown)
	}
}

// Open reports whether the circuit is open (classifications are skipped).
func (g *Guard) Open() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return !g.openTill.IsZero() && g.cfg.Now().Before(g.openTill)
}

// Hazard is one Llama Guard 3 category.
type Hazard struct {
	Code string
	// Name is the category's name in the prompt ("Violent Crimes").
	Name string
	// Category is Parley's name for it (papi.CategoryViolentCrimes).
	Category string
	// Severity is Parley's grade: high for hazards against people
	// (violent and sex crimes, child exploitation, weapons of mass harm,
	// hate, self-harm), medium for the rest.
	Severity string
}

// Hazards are the 14 categories of Llama Guard 3 8B, in order. (The 1B
// model has no S14.)
var Hazards = []Hazard{
	{"S1", "Violent Crimes", papi.CategoryViolentCrimes, papi.SeverityHigh},
	{"S2", "Non-Violent Crimes", papi.CategoryNonViolentCrimes, papi.SeverityMedium},
	{"S3", "Sex Crimes", papi.CategorySexCrimes, papi.SeverityHigh},
	{"S4", "Child Exploitation", papi.CategoryChildExploitation, papi.SeverityHigh},
	{"S5", "Defamation", papi.CategoryDefamation, papi.SeverityMedium},
	{"S6", "Specialized Advice", papi.CategorySpecializedAdvice, papi.SeverityMedium},
	{"S7", "Privacy", papi.CategoryPrivacy, papi.SeverityMedium},
	{"S8", "Intellectual Property", papi.CategoryIntellectualProperty, papi.SeverityMedium},
	{"S9", "Indiscriminate Weapons", papi.CategoryIndiscriminateWeapons, papi.SeverityHigh},
	{"S10", "Hate", papi.CategoryHate, papi.SeverityHigh},
	{"S11", "Self-Harm", papi.CategorySelfHarm, papi.SeverityHigh},
	{"S12", "Sexual Content", papi.CategorySexualContent, papi.SeverityMedium},
	{"S13", "Elections", papi.CategoryElections, papi.SeverityMedium},
	{"S14", "Code Interpreter Abuse", papi.CategoryCodeInterpreterAbuse, papi.SeverityMedium},
}

// Unspecified is the category of an "unsafe" answer that names no hazard.
const Unspecified = "unspecified"

// Lookup returns the hazard of a code ("S10").
func Lookup(code string) (Hazard, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(code, "S"))
	if err != nil || !strings.HasPrefix(code, "S") || n < 1 || n > len(Hazards) {
		return Hazard{}, false
	}
	return Hazards[n-1], true
}

// Prompt is the Llama Guard 3 classification prompt for one user message
// (the model card's template without the special tokens, which the chat
// template adds). The message is defused first (see defuse), so that it
// can neither close the conversation block early nor add a turn of its
// own.
func Prompt(message string) string {
	var b strings.Builder
	b.WriteString("Task: Check if there is unsafe content in 'User' messages in conversations according our safety policy with the below categories.\n\n")
	b.WriteString("<BEGIN UNSAFE CONTENT CATEGORIES>\n")
	for _, h := range Hazards {
		b.WriteString(h.Code + ": " + h.Name + ".\n")
	}
	b.WriteString("<END UNSAFE CONTENT CATEGORIES>\n\n<BEGIN CONVERSATION>\n\n")
	b.WriteString("User: " + defuse(message) + "\n\n")
	b.WriteString("<END CONVERSATION>\n\n")
	b.WriteString("Provide your safety assessment for ONLY THE LAST User message in the above conversation:\n")
	b.WriteString(" - First line must read 'safe' or 'unsafe'.\n")
	b.WriteString(" - If unsafe, a second line must include a comma-separated list of violated categories.")
	return b.String()
}

// Indent starts every line of a defused message but its first, which
// follows "User: ": no line of the message can then begin a turn
// ("User:", "Agent:") or stand for a line of the prompt around it.
const Indent = "  "

var (
	// markers defuses what a message could use to steer the prompt
	// around it: the control tokens of the chat templates
	// (chattoken.Defuse: Ollama parses special tokens in the rendered
	// prompt, user text included), and the block markers of Prompt in
	// any case and spacing and its two instruction sentences, which
	// end in "assessment" and "content".
	markers = chattoken.NewDefuser(
		`<~*/?~*(?:begin|end)~*(?:conversation|unsafe~*content~*categories)~*>`+
			`|provide~+your~+safety~+assessment|check~+if~+there~+is~+unsafe~+content`,
		"assessment", "content")
	// lineBreaks are the breaks a tokenizer or a reader may take for a
	// new line, all made "\n" so that Indent follows each.
	lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\v", "\n", "\f", "\n",
		"\u0085", "\n", "\u2028", "\n", "\u2029", "\n")
)

// defuse makes a message safe to put after "User: " in a guard prompt,
// ours (Prompt) or Ollama's template (the native style): its markers
// are taken out (chattoken.Defuser, which also takes out the markers
// that taking one out of a nested marker closes), and every line but the
// first is indented.
func defuse(message string) string {
	return strings.ReplaceAll(markers.Defuse(lineBreaks.Replace(message)), "\n", "\n"+Indent)
}

var (
	thinkBlock = regexp.MustCompile(`(?s)<think>.*?</think>`)
	// codeRE matches a category code: a few letters and a number ("S10",
	// "O1"), so that prose after the verdict is not taken for codes.
	codeRE = regexp.MustCompile(`(?i)\b([a-z]{1,3})(\d{1,3})\b`)
)

// Parse reads a Llama Guard answer: "safe", or "unsafe" followed (on the
// next line, or the same one) by comma-separated codes. Case, spacing and
// a leaked <think> block are tolerated. A code outside S1-S14 leaves the
// verdict unsafe (the model said so; failing the check would let the
// message through) and is kept as answered, for Unspecified. Any other
// first word is an error, and so is a "safe" followed by a line that says
// "unsafe": the model contradicts itself.
func Parse(answer string) (Result, error) {
	answer = strings.TrimSpace(thinkBlock.ReplaceAllString(answer, ""))
	first, rest, _ := strings.Cut(answer, "\n")
	first = strings.TrimSpace(first)
	verdict, inline, _ := strings.Cut(first, " ")
	switch verdictWord(verdict) {
	case "safe":
		for _, line := range strings.Split(inline+"\n"+rest, "\n") {
			if w, _, _ := strings.Cut(strings.TrimSpace(line), " "); verdictWord(w) == "unsafe" {
				return Result{}, fmt.Errorf("%w: safe and unsafe in one answer: %q", ErrBadAnswer, truncate(answer, 80))
			}
		}
		return Result{Safe: true}, nil
	case "unsafe":
	default:
		return Result{}, fmt.Errorf("%w: %q", ErrBadAnswer, truncate(answer, 80))
	}
	res := Result{}
	seen := map[string]bool{}
	for _, m := range codeRE.FindAllStringSubmatch(inline+"\n"+rest, -1) {
		code := strings.ToUpper(m[0])
		if n := strings.TrimLeft(m[2], "0"); strings.EqualFold(m[1], "S") && n != "" {
			if _, ok := Lookup("S" + n); ok {
				code = "S" + n
			}
		}
		if !seen[code] {
			seen[code] = true
			res.Codes = append(res.Codes, code)
		}
	}
	return res, nil
}

// verdictWord is a verdict as the model may write it ("Unsafe.",
// "SAFE:"), lower case and without the punctuation.
func verdictWord(w string) string {
	return strings.ToLower(strings.TrimRight(w, ".:,"))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "..."
}
