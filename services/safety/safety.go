// Package safety checks a message and its translation against word lists,
// so that moderators see flagged content with the original and the
// translation side by side, and so that a translation that adds profanity
// the source did not have can be noticed.
//
// The check is a lexicon match, deliberately simple and explainable: every
// flag is a span of the text and the list entry it matched. Texts and
// entries are compared in NFKC (fullwidth and other compatibility forms
// become plain letters), case-folded, with invisible format characters
// removed. In space-separated scripts an entry must match whole words (the
// Scunthorpe problem: "Scunthorpe", "assassin", "therapist" are not flagged);
// in scripts written without spaces (Chinese, Japanese, Thai, ...) it
// matches as a substring, since there are no word boundaries to honour.
package safety

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/language"

	"github.com/parley-chat/parley/services/safety/lexicon"
	"github.com/parley-chat/parley/shared/api"
)

// CategoryProfanity is the only category the word lists provide.
const CategoryProfanity = "profanity"

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

// Checker holds the compiled lexicons. It is immutable after NewChecker and
// safe for concurrent use.
type Checker struct {
	byLang   map[string]*compiled
	fallback *compiled
}

type compiled struct {
	name    string
	idx     *index
	entries []string
}

func compile(name string, entries []string) *compiled {
	c := &compiled{name: name, idx: newIndex(), entries: entries}
	for i, e := range entries {
		c.idx.add(key(e), i)
	}
	c.idx.freeze()
	return c
}

// NewChecker compiles lists. The fallback lexicon is English plus every
// entry, from any list, that contains a letter of a non-Latin script:
// such entries can only match text in their own script, so applying them
// to a message of unknown language costs little precision, whereas the
// Latin-script lists collide with each other (an insult in one language is
// an everyday word in another) and are applied only when the language is
// known.
func NewChecker(lists []lexicon.List) (*Checker, error) {
	c := &Checker{byLang: map[string]*compiled{}}
	var fallback []string
	seen := map[string]bool{}
	for _, l := range lists {
		c.byLang[l.Lang] = compile(lexicon.Name+":"+l.Lang, l.Entries)
		for _, e := range l.Entries {
			if (l.Lang == "en" || nonLatin(e)) && !seen[e] {
				seen[e] = true
				fallback = append(fallback, e)
			}
		}
	}
	if c.byLang["en"] == nil {
		return nil, fmt.Errorf("lexicon has no English list, which the fallback needs")
	}
	c.fallback = compile(FallbackLexicon, fallback)
	return c, nil
}

// NewDefault compiles the embedded LDNOOBW lists.
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

// Languages lists the base languages that have a list of their own.
func (c *Checker) Languages() []string {
	out := make([]string, 0, len(c.byLang))
	for l := range c.byLang {
		out = append(out, l)
	}
	return out
}

// lexiconFor picks the list for a language: its base language's list, or
// the fallback for und and for languages without one.
func (c *Checker) lexiconFor(tag language.Tag) *compiled {
	if tag == language.Und {
		return c.fallback
	}
	base, _ := tag.Base()
	b := base.String()
	if a, ok := aliases[b]; ok {
		b = a
	}
	if l := c.byLang[b]; l != nil {
		return l
	}
	return c.fallback
}

// Check returns a verdict for the source and, when a translation is given,
// one for the translation, each with the list of its own language.
func (c *Checker) Check(req *api.SafetyRequest) (*api.SafetyResponse, error) {
	if _, err := api.ValidateText("source", req.Source, api.MaxTextRunes); err != nil {
		return nil, err
	}
	src, err := parseLanguage("source_lang", req.SourceLang)
	if err != nil {
		return nil, err
	}
	resp := &api.SafetyResponse{Source: c.Verdict(req.Source, src)}
	if req.Translation == "" {
		return resp, nil
	}
	if _, err := api.ValidateText("translation", req.Translation, translationLimit); err != nil {
		return nil, err
	}
	tgt, err := parseLanguage("target_lang", req.TargetLang)
	if err != nil {
		return nil, err
	}
	v := c.Verdict(req.Translation, tgt)
	resp.Translation = &v
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
// fallback). Spans carry byte offsets into text as given.
func (c *Checker) Verdict(text string, lang language.Tag) api.Verdict {
	lx := c.lexiconFor(lang)
	n := normalize(text)
	var hits []hit
	lx.idx.scan(n.s, func(start, end, ref int) {
		hits = append(hits, hit{span: n.orig(start, end), ref: ref, rank: ref})
	})
	hits = resolve(hits)
	v := api.Verdict{Safe: true, Severity: api.SeverityNone, Lexicon: lx.name}
	for _, h := range hits {
		v.Spans = append(v.Spans, api.Span{Start: h.start, End: h.end, Text: text[h.start:h.end], Category: CategoryProfanity})
	}
	v.Severity = Severity(len(hits))
	if len(hits) > 0 {
		v.Safe = false
		v.Categories = []string{CategoryProfanity}
	}
	return v
}

// Severity grades a side by its number of flagged spans: one is low (a
// single word in a list made for autocomplete is weak evidence), two is
// medium, three or more is high.
func Severity(hits int) string {
	switch {
	case hits <= 0:
		return api.SeverityNone
	case hits == 1:
		return api.SeverityLow
	case hits == 2:
		return api.SeverityMedium
	default:
		return api.SeverityHigh
	}
}
