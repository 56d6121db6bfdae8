// Package safety checks a message and its translation, so that moderators
// see flagged content with the original and the translation side by side,
// and so that a translation that adds what the source did not say, or
// launders what it did, is noticed.
//
// Each side gets a verdict from three checks:
//
//   - Word lists (LDNOOBW, one per language, graded by severity and
//     category), plus the tenant's own deny list minus its allow list. The
//     match is deliberately simple and explainable: every flag is a span of
//     the text and the entry it matched. Text and entries are compared
//     after normalization (NFKC, locale-aware case folding, invisible
//     characters removed, look-alike letters of other scripts read as
//     Latin), and at match time leetspeak ("sh1t") and drawn-out letters
//     ("fuuuck") are read too. In space-separated scripts an entry must
//     match whole words (the Scunthorpe problem: "Scunthorpe", "assassin",
//     "therapist" are not flagged); in scripts written without spaces
//     (Chinese, Japanese, Thai, ...) it matches as a substring.
//   - PII detectors: e-mail addresses, phone numbers, payment cards (Luhn)
//     and IBANs (mod 97).
//   - Optionally an LLM guard (Llama Guard 3 through Ollama), with a
//     timeout; when it fails the verdict says so and stands on the other
//     checks.
//
// From the two verdicts come the deltas (added, laundered) and the
// tenant's policy decision (allow, mask or flag).
package safety

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/services/safety/guard"
	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
)

// CategoryProfanity is the default category of a word-list entry.
const CategoryProfanity = api.CategoryProfanity

// FallbackLexicon names the list applied when the language is unknown or
// has no list of its own.
const FallbackLexicon = lexicon.Name + ":en+non-latin"

// aliases map languages to the list that serves them.
var aliases = map[string]string{
	"nb": "no", // Norwegian Bokmål
	"nn": "no", // Norwegian Nynorsk
}

// translationLimit is the character limit on translations: a translation
// may run longer than a source that was just under the limit.
const translationLimit = 2 * api.MaxTextRunes

// escalateAt is the number of word-list spans in one text from which its
// severity is raised one step: one vulgar word is a remark, a stream of
// them is abuse.
const escalateAt = 3

// Guard is an LLM safety classifier; *guard.Guard is the real one.
type Guard interface {
	Model() string
	Classify(ctx context.Context, text string) (guard.Result, error)
}

// Config configures a Checker.
type Config struct {
	// Lists are the word lists, with their grades.
	Lists []lexicon.List
	// Tenants holds the tenants' lists and policies; nil means no tenant
	// lists and the default policy for everyone.
	Tenants *Tenants
	// Guard, when set, classifies both sides too.
	Guard Guard
	// SkipGuard, when set, is asked before each check whether the guard
	// is turned off for this request (the no_llm_guard kill switch).
	SkipGuard func(ctx context.Context, req *api.SafetyRequest) bool
	// Log receives guard failures; nil discards them.
	Log *slog.Logger
	// GuardFail is what a text the guard did not check (error, timeout,
	// unavailable) gets: GuardFailAllow ("" too: the word lists' verdict
	// stands) or GuardFailReview (flagged for review).
	GuardFail string
	// Benign holds the benign phrases by base language (coverage.go);
	// nil means the embedded ones (lexicon.Benign).
	Benign map[string][]string
}

// Checker checks texts. It is immutable after New and safe for concurrent
// use.
type Checker struct {
	byLang   map[string]*compiled
	fallback *compiled
	tenants  *Tenants
	guard    Guard
	skip     func(ctx context.Context, req *api.SafetyRequest) bool
	log      *slog.Logger
	// benign are the benign phrases per base language, and benignAll
	// those of every language, which excuse only the milder words of a
	// text of unknown language (benignFor).
	benign    map[string]*benignSet
	benignAll *benignSet
	guardFail string
}

// What a text the guard did not check gets (SAFETY_GUARD_FAIL).
const (
	GuardFailAllow  = "allow"
	GuardFailReview = "review"
)

// entry is one thing a compiled list can match.
type entry struct {
	text     string // as written in its list
	severity string
	category string
	detector string // the list's name: "ldnoobw:en", "tenant:acme"
}

// compiled is a list ready for matching.
type compiled struct {
	name    string
	profile profile
	idx     *index
	entries []entry
}

func compile(name string, p profile, entries []entry) *compiled {
	c := &compiled{name: name, profile: p, idx: newIndex(), entries: entries}
	ks := make([]string, len(entries))
	keys := make(map[string]bool, len(entries))
	for i, e := range entries {
		ks[i] = key(e.text, p)
		keys[ks[i]] = true
	}
	for i, e := range entries {
		k := ks[i]
		c.idx.addEntry(k, i, e.detector == englishList && compoundPrefixes[k])
		if e.detector != englishList {
			continue
		}
		// English inflections (coverage.go), unless the list has the
		// form as an entry of its own, whose grade then applies.
		for _, f := range inflections(e.text) {
			if fk := key(f, p); !keys[fk] {
				keys[fk] = true
				c.idx.add(fk, i)
			}
		}
	}
	c.idx.freeze()
	return c
}

// New compiles the lists. The fallback lexicon is English plus every
// entry, from any list, that contains a letter of a non-Latin script:
// such entries can only match text in their own script, so applying them
// to a message of unknown language costs little precision, whereas the
// Latin-script lists collide with each other (an insult in one language is
// an everyday word in another) and are applied only when the language is
// known. Entries graded none are left out.
func New(cfg Config) (*Checker, error) {
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	tenants := cfg.Tenants
	if tenants == nil {
		tenants = NoTenants()
	}
	switch cfg.GuardFail {
	case "", GuardFailAllow, GuardFailReview:
	default:
		return nil, fmt.Errorf("guard failure mode %q: want %q or %q", cfg.GuardFail, GuardFailAllow, GuardFailReview)
	}
	c := &Checker{byLang: map[string]*compiled{}, tenants: tenants, guard: cfg.Guard, skip: cfg.SkipGuard, log: log, guardFail: cfg.GuardFail}
	phrases := cfg.Benign
	if phrases == nil {
		var err error
		if phrases, err = lexicon.Benign(); err != nil {
			return nil, err
		}
	}
	benign := map[string][]string{}
	var all []string
	for lang, ps := range phrases {
		benign[lang] = append(benign[lang], ps...)
		all = append(all, ps...)
	}
	slices.Sort(all)
	var fallback []entry
	seen := map[string]bool{}
	for _, l := range cfg.Lists {
		name := l.Name()
		var entries []entry
		for _, e := range l.Entries {
			g := l.Grade(e)
			if g.Severity == api.SeverityNone {
				// Graded none: an everyday word of the language, which
				// the fallback set must not flag in it either.
				benign[l.Lang] = append(benign[l.Lang], e)
				continue
			}
			en := entry{text: e, severity: g.Severity, category: g.Category, detector: name}
			entries = append(entries, en)
			if (l.Lang == "en" || nonLatin(e)) && !seen[e] {
				seen[e] = true
				fallback = append(fallback, en)
			}
		}
		c.byLang[l.Lang] = compile(name, profileFor(language.Make(l.Lang), latinList(l.Entries)), entries)
	}
	if c.byLang["en"] == nil {
		return nil, fmt.Errorf("lexicon has no English list, which the fallback needs")
	}
	c.fallback = compile(FallbackLexicon, defaultProfile, fallback)
	c.benign = make(map[string]*benignSet, len(benign))
	for lang, ps := range benign {
		if lang != "en" {
			// The English list applies to every text (benignFor).
			ps = append(slices.Clip(ps), benign["en"]...)
		}
		c.benign[lang] = compileBenign(lang, ps)
	}
	c.benignAll = compileBenign(api.Undetermined, slices.Compact(all))
	return c, nil
}

// NewChecker compiles lists with no tenants and no guard.
func NewChecker(lists []lexicon.List) (*Checker, error) {
	return New(Config{Lists: lists})
}

// NewDefault compiles the embedded LDNOOBW lists with no tenants and no
// guard.
func NewDefault() (*Checker, error) {
	lists, err := lexicon.Lists()
	if err != nil {
		return nil, err
	}
	return NewChecker(lists)
}

func nonLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

// latinList reports whether most letters of a list's entries are Latin
// (true of romanized Hindi, not of Russian, which mixes both).
func latinList(entries []string) bool {
	latin, other := 0, 0
	for _, e := range entries {
		for _, r := range e {
			switch {
			case !unicode.IsLetter(r):
			case unicode.Is(unicode.Latin, r):
				latin++
			default:
				other++
			}
		}
	}
	return latin > 2*other
}

// Languages lists the base languages that have a list of their own.
func (c *Checker) Languages() []string {
	out := make([]string, 0, len(c.byLang))
	for l := range c.byLang {
		out = append(out, l)
	}
	slices.Sort(out)
	return out
}

// lexiconFor picks the list for a language: its base language's list, or
// the fallback for und and for languages without one.
func (c *Checker) lexiconFor(tag language.Tag) (*compiled, string) {
	if tag == language.Und {
		return c.fallback, api.Undetermined
	}
	base, _ := tag.Base()
	b := base.String()
	if a, ok := aliases[b]; ok {
		b = a
	}
	if l := c.byLang[b]; l != nil {
		return l, b
	}
	return c.fallback, b
}

// Check returns a verdict for the source and, when a translation is given,
// one for the translation, each with the list of its own language, then
// the deltas between them and the tenant policy's decision.
func (c *Checker) Check(ctx context.Context, req *api.SafetyRequest) (*api.SafetyResponse, error) {
	if _, err := api.ValidateText("source", req.Source, api.MaxTextRunes); err != nil {
		return nil, err
	}
	src, err := parseLanguage("source_lang", req.SourceLang)
	if err != nil {
		return nil, err
	}
	var tgt language.Tag
	if req.Translation != "" {
		if _, err := api.ValidateText("translation", req.Translation, translationLimit); err != nil {
			return nil, err
		}
		if tgt, err = parseLanguage("target_lang", req.TargetLang); err != nil {
			return nil, err
		}
	}
	if err := ValidateTenant(req.Tenant); err != nil {
		return nil, err
	}
	format, err := api.ParseFormat("format", req.Format)
	if err != nil {
		return nil, err
	}
	t := c.tenants.lookup(req.Tenant)

	// In HTML mode every check reads the visible text (html.go); the
	// spans and the masked text are mapped back to the markup at the end.
	orig := req
	var srcHTML, trHTML *htmlView
	if format == api.FormatHTML {
		cp := *req
		srcHTML = visibleHTML(req.Source)
		cp.Source = srcHTML.text
		if req.Translation != "" {
			trHTML = visibleHTML(req.Translation)
			cp.Translation = trHTML.text
		}
		req = &cp
	}

	resp := &api.SafetyResponse{Source: c.verdict(req.Source, src, t)}
	if req.Translation != "" {
		v := c.verdict(req.Translation, tgt, t)
		resp.Translation = &v
	}
	// A view the guard failed to check goes to review when so configured;
	// not when an operator turned the guard off (the kill switch).
	reviewUnchecked := false
	switch {
	case c.guard != nil && c.skip != nil && c.skip(ctx, req):
		// Said in the verdict, so a reader of the view knows the LLM
		// check did not run.
		off := &api.GuardVerdict{Model: c.guard.Model(), Status: api.GuardUnavailable, Error: "turned off by the no_llm_guard kill switch"}
		resp.Source.Guard = off
		if resp.Translation != nil {
			cp := *off
			resp.Translation.Guard = &cp
		}
	case c.guard != nil:
		c.runGuard(ctx, req, resp)
		reviewUnchecked = c.guardFail == GuardFailReview
	}
	if resp.Translation != nil {
		resp.Delta = delta(resp.Source, *resp.Translation)
	}
	visible, text := &resp.Source, req.Source
	if resp.Translation != nil {
		visible, text = resp.Translation, req.Translation
	}
	var source *api.Verdict
	if resp.Translation != nil {
		source = &resp.Source
	}
	resp.Policy = decide(t, req.Tenant, visible, source, text, resp.Delta, reviewUnchecked)
	if srcHTML != nil {
		if resp.Policy.Masked != "" {
			view, markup := srcHTML, orig.Source
			if trHTML != nil {
				view, markup = trHTML, orig.Translation
			}
			resp.Policy.Masked = view.maskMarkup(markup, resp.Policy.Masked, t.policy.MaskChar)
		}
		srcHTML.remap(&resp.Source, orig.Source)
		if trHTML != nil {
			trHTML.remap(resp.Translation, orig.Translation)
		}
	}
	return resp, nil
}

// parseLanguage accepts a BCP 47 tag, or "", "und" or "auto" for a language
// that is not known (detection may have failed upstream).
func parseLanguage(field, s string) (language.Tag, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", api.Undetermined, "auto":
		return language.Und, nil
	}
	return api.ParseLanguage(field, s)
}

// Verdict checks one text with the list for lang (language.Und for the
// fallback), the global tenant's lists (if any) and the PII detectors,
// without the guard. Spans carry byte offsets into text as given.
func (c *Checker) Verdict(text string, lang language.Tag) api.Verdict {
	return c.verdict(text, lang, c.tenants.lookup(""))
}

func (c *Checker) verdict(text string, lang language.Tag, t *tenant) api.Verdict {
	lx, base := c.lexiconFor(lang)
	benign, weak := c.benignFor(base)
	spans := c.lexiconSpans(text, base, lx, c.tenants.lists(t, base, lx.profile), benign, weak)
	lexical := len(spans)
	spans = append(spans, findPII(text)...)
	slices.SortStableFunc(spans, func(a, b api.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	v := api.Verdict{Lexicon: lx.name, Spans: spans, Checks: []string{api.CheckLexicon, api.CheckPII}}
	summarize(&v, lexical)
	return v
}

// lexiconSpans matches the language's list, the fallback set (unless
// that is the language's list) and the tenant's deny list, drops the
// word-list matches inside the language's benign phrases, then the
// matches inside an allowed term. base is the text's base language (""
// or und when not known).
func (c *Checker) lexiconSpans(text, base string, lx *compiled, tl *tenantLists, benign, weak *benignSet) []api.Span {
	known := knownNonEnglish(base)
	// The fallback strips accents (its Latin entries are English) only
	// from a text in English or of unknown language: in a language that
	// writes accents, French "râpé" is not "rape" (profile.keepWritten).
	fp := c.fallback.profile
	if known {
		fp = fp.keepingAccents()
	}
	nf := normalize(text, fp)
	// nb is the text as the fallback normalizes it, which is how benign
	// phrases are compiled (compileBenign): nf itself unless it kept an
	// accented letter.
	nb := &nf
	if nf.keptAccents {
		nd := normalize(text, c.fallback.profile)
		nb = &nd
	}
	// n is the text as the language's list normalizes it (the tenant's
	// lists are compiled with its profile).
	n := nb
	if lx != c.fallback {
		nl := normalize(text, lx.profile)
		n = &nl
	}
	if undoubles[base] {
		for _, m := range []*normalized{n, &nf, nb} {
			m.readDoubledVowels()
		}
	}
	var hits []hit
	scan := func(n *normalized, list *compiled, rankBase int) {
		n.match(list, func(start, end, ref int) {
			hits = append(hits, hit{span: n.orig(start, end), e: &list.entries[ref], rank: rankBase + ref})
		})
	}
	// A tenant's entries win ties with the shared list's: the tenant
	// chose their grade. The language's list wins ties with the
	// fallback set.
	if tl != nil && tl.deny != nil {
		scan(n, tl.deny, 0)
	}
	if lx != c.fallback {
		scan(n, lx, 1<<20)
	}
	scan(&nf, c.fallback, 2<<20)
	hits = slices.DeleteFunc(hits, func(h hit) bool { return !englishApplies(h, text, known) })
	// Before resolve: a dropped match must not hide another one.
	hits = resolve(dropBenign(hits, nb, benign, weak))
	if tl != nil && tl.allow != nil && len(hits) > 0 {
		allowed := matchSpans(n, tl.allow)
		hits = slices.DeleteFunc(hits, func(h hit) bool { return within(h, allowed) })
	}
	spans := make([]api.Span, 0, len(hits))
	for _, h := range hits {
		spans = append(spans, api.Span{
			Start: h.start, End: h.end, Text: text[h.start:h.end],
			Category: h.e.category, Severity: h.e.severity, Detector: h.e.detector, Match: h.e.text,
		})
	}
	return spans
}

// summarize sets Safe, Severity and Categories from the spans and the
// guard's answer. Safe and Severity are about harm: personal data alone
// does not make a text unsafe (a phone number is not abuse), so PII spans
// are listed in Categories, with their own severity on the span, but do
// not count in the verdict's. lexical is the number of word-list spans
// (see escalateAt).
func summarize(v *api.Verdict, lexical int) {
	sev := 0
	cats := map[string]int{} // category -> its highest severity rank
	note := func(category, severity string) {
		r := api.SeverityRank(severity)
		cats[category] = max(cats[category], r)
		if category != api.CategoryPII {
			sev = max(sev, r)
		}
	}
	for _, s := range v.Spans {
		note(s.Category, s.Severity)
	}
	if lexical >= escalateAt {
		sev = min(sev+1, api.SeverityRank(api.SeverityHigh))
	}
	if g := v.Guard; g != nil && g.Status == api.GuardOK && !g.Safe {
		for i, cat := range g.Categories {
			note(cat, guardSeverity(g.Codes, i))
		}
	}
	v.Safe = sev == 0
	v.Severity = severityName(sev)
	v.Categories = v.Categories[:0]
	for cat := range cats {
		v.Categories = append(v.Categories, cat)
	}
	// Worst first, then by name, so the first category is the headline;
	// PII after the harm categories of the same severity.
	slices.SortFunc(v.Categories, func(a, b string) int {
		if cats[a] != cats[b] {
			return cats[b] - cats[a]
		}
		if (a == api.CategoryPII) != (b == api.CategoryPII) {
			if a == api.CategoryPII {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	if len(v.Categories) == 0 {
		v.Categories = nil
	}
}

func severityName(rank int) string {
	switch rank {
	case 1:
		return api.SeverityLow
	case 2:
		return api.SeverityMedium
	case 3:
		return api.SeverityHigh
	}
	return api.SeverityNone
}

// guardSeverity is the severity of the i-th guard category: its hazard's,
// or medium for an unspecified "unsafe".
func guardSeverity(codes []string, i int) string {
	if i < len(codes) {
		if h, ok := guard.Lookup(codes[i]); ok {
			return h.Severity
		}
	}
	return api.SeverityMedium
}

// runGuard asks the guard about both sides at once and folds its answers
// into the verdicts. A failed guard leaves the verdict to the other checks
// and says why in Verdict.Guard.
func (c *Checker) runGuard(ctx context.Context, req *api.SafetyRequest, resp *api.SafetyResponse) {
	var wg sync.WaitGroup
	ask := func(text string, v *api.Verdict) {
		defer wg.Done()
		v.Guard = c.classify(ctx, text)
		if v.Guard.Status == api.GuardOK {
			v.Checks = append(v.Checks, api.CheckGuard)
			lexical := 0
			for _, s := range v.Spans {
				if s.Category != api.CategoryPII {
					lexical++
				}
			}
			summarize(v, lexical)
		}
	}
	wg.Add(1)
	go ask(req.Source, &resp.Source)
	if resp.Translation != nil {
		wg.Add(1)
		go ask(req.Translation, resp.Translation)
	}
	wg.Wait()
}

func (c *Checker) classify(ctx context.Context, text string) *api.GuardVerdict {
	start := time.Now()
	res, err := c.classifyText(ctx, text)
	gv := &api.GuardVerdict{Model: c.guard.Model(), DurationMS: time.Since(start).Milliseconds(), Memo: res.Memo}
	if res.Memo != "" {
		gv.DurationMS = 0
	}
	if err != nil {
		gv.Status, gv.Error = guardFailure(err)
		c.log.WarnContext(ctx, "guard failed, verdict falls back to the word lists", "model", gv.Model, "status", gv.Status, "err", err)
		return gv
	}
	gv.Status, gv.Safe, gv.Codes = api.GuardOK, res.Safe, res.Codes
	if !res.Safe {
		for _, code := range res.Codes {
			// A code the taxonomy lacks ("S15", "O1") is still the
			// model's "unsafe": unspecified, at guardSeverity's medium,
			// with the code as answered in gv.Codes.
			cat := guard.Unspecified
			if h, ok := guard.Lookup(code); ok {
				cat = h.Category
			}
			gv.Categories = append(gv.Categories, cat)
		}
		if len(gv.Categories) == 0 {
			gv.Categories = []string{guard.Unspecified}
		}
	}
	return gv
}

// guardFailure turns a guard error into a status and a message fit for
// clients (the cause goes to the log).
func guardFailure(err error) (status, message string) {
	switch {
	case errors.Is(err, guard.ErrUnavailable):
		return api.GuardUnavailable, "guard skipped after repeated failures"
	case errors.Is(err, guard.ErrOverloaded):
		return api.GuardUnavailable, "guard skipped: too many classifications waiting for the model"
	case errors.Is(err, guard.ErrModelMissing):
		// The error names the model and the command that fixes it.
		return api.GuardUnavailable, strings.TrimPrefix(err.Error(), "guard: ")
	case errors.Is(err, context.DeadlineExceeded):
		return api.GuardTimeout, "guard did not answer in time"
	case errors.Is(err, context.Canceled):
		return api.GuardTimeout, "request canceled before the guard answered"
	case errors.Is(err, guard.ErrBadAnswer):
		return api.GuardError, "guard answer is not in the Llama Guard format"
	case errors.Is(err, guard.ErrTooLong):
		return api.GuardError, "text too long for the guard's context"
	}
	return api.GuardError, "guard request failed"
}
