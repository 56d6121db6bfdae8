// Package llm holds what the LLM rungs (Ollama, OpenAI-compatible) share:
// the prompt that keeps a chat message in the role of data, the sentinels
// that carry protected terms through the model, the token budget, the
// validation of the structured answer, and health tracking.
package llm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/chattoken"
	"github.com/parley-chat/parley/shared/entity"
	"github.com/parley-chat/parley/shared/langname"
)

// Schema is the JSON schema of every answer: {"translation": string}. Asking
// for structured output (Ollama's format, OpenAI's response_format) makes
// the model's reply machine-checkable, and a small model is far less likely
// to add "Here is the translation:" when it must fill a JSON field.
var Schema = json.RawMessage(`{"type":"object","properties":{"translation":{"type":"string"}},"required":["translation"],"additionalProperties":false}`)

// SchemaMap is Schema decoded, for clients that want a map.
func SchemaMap() map[string]any {
	var m map[string]any
	if err := json.Unmarshal(Schema, &m); err != nil {
		panic(err) // Schema is a constant
	}
	return m
}

// Limits bound the context window a request may ask for.
type Limits struct {
	// MinContext is the smallest num_ctx sent (default 2048).
	MinContext int
	// MaxContext is the largest (default 32768); a message that needs more
	// is refused by the rung instead of being silently truncated.
	MaxContext int
}

func (l Limits) withDefaults() Limits {
	if l.MinContext <= 0 {
		l.MinContext = 2048
	}
	if l.MaxContext <= 0 {
		l.MaxContext = 32768
	}
	if l.MaxContext < l.MinContext {
		l.MaxContext = l.MinContext
	}
	return l
}

// Prompt is the chat for one request and its token budget.
type Prompt struct {
	// Template names the template (ID and version) that made the prompt.
	Template *Template
	System   string
	User     string
	// Begin and End are the marker lines around the message in User.
	Begin, End string
	// Masked carries the protected parts; Restore the answer with it.
	Masked Masked
	// NumCtx is the context window to ask for: always sent, because a
	// prompt longer than the server's default window is truncated
	// silently. It is a power of two so that nearby lengths share one
	// loaded runner (changing num_ctx reloads an Ollama model).
	NumCtx int
	// NumPredict caps the answer, so a model that runs on (or obeys an
	// injected "write a long essay") stops early.
	NumPredict int
}

// Build makes the prompt for req from the single-message template it
// names (req.Prompt; Single when empty). It fails with
// backend.ErrUnsupported when the template is not compiled in or the
// message cannot fit in limits.MaxContext.
func Build(req backend.Request, limits Limits) (*Prompt, error) {
	tmpl, ok := SingleTemplate(req.Prompt)
	if !ok {
		return nil, backend.Errorf(backend.ErrUnsupported, nil, "prompt %q is not compiled in (have %s)", req.Prompt, strings.Join(SingleRefs(), ", "))
	}
	m := MaskFormat(req.Text, req.Protect, req.Format)
	ctxLines := contextLines(req.Context)
	tag := markerTag(append([]string{m.Text}, ctxLines...)...)
	p := &Prompt{
		Template: tmpl,
		Begin:    "<<<MESSAGE " + tag + ">>>",
		End:      "<<<END MESSAGE " + tag + ">>>",
		Masked:   m,
	}
	d := promptData{
		Source: LanguageName(req.Source), Target: LanguageName(req.Target),
		Begin: p.Begin, End: p.End,
		Context: ctxLines, CtxBegin: "<<<CONTEXT " + tag + ">>>", CtxEnd: "<<<END CONTEXT " + tag + ">>>",
		Atoms: m.Len() > 0, Pairs: m.HasPairs(),
		Formality:   FormalityInstruction(req.Target, req.Formality),
		Terms:       termLines(req.Terms),
		StrictTerms: req.StrictTerms && len(req.Terms) > 0,
		Message:     m.Text,
	}
	d.TermsBegin, d.TermsEnd = termMarkers(d.Terms)
	if req.Strict && m.Len() > 0 {
		d.Required = strings.Join(m.Sentinels(), " ")
	}
	var err error
	if p.System, p.User, err = tmpl.render(d); err != nil {
		return nil, err
	}
	p.NumPredict = 2*EstimateTokens(m.Text) + 48
	if p.NumCtx, err = contextWindow(p.System, p.User, p.NumPredict, limits); err != nil {
		return nil, err
	}
	return p, nil
}

// contextWindow is the smallest power of two from limits.MinContext that
// holds the prompt and the answer.
func contextWindow(system, user string, predict int, limits Limits) (int, error) {
	limits = limits.withDefaults()
	need := EstimateTokens(system) + EstimateTokens(user) + predict + 64
	n := limits.MinContext
	for n < need {
		n *= 2
	}
	if n > limits.MaxContext {
		return 0, backend.Errorf(backend.ErrUnsupported, nil,
			"message needs a context of about %d tokens; the limit is %d", need, limits.MaxContext)
	}
	return n, nil
}

// MaxContextRunes bounds each earlier message given as context: context
// only needs to say who and what, and must not crowd out the message.
const MaxContextRunes = 500

// contextLines renders earlier messages as one JSON object per line, so
// that no context message can break the block's line structure or forge
// a marker. Each text goes through ContextText first: the message itself
// reaches the model with its entities masked, and its context must not
// send them in clear. The author and the text are then defused
// (chattoken.Defuse): JSON escapes no "<|im_end|>", which the server
// would parse as the end of the user turn, and a context message is not
// read back from the answer, so its look-alikes and spaced forms of
// control tokens go too.
func contextLines(msgs []api.ContextMessage) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		text := chattoken.Defuse(ContextText(m.Text))
		if utf8.RuneCountInString(text) > MaxContextRunes {
			text = string([]rune(text)[:MaxContextRunes]) + "…"
		}
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(struct {
			Author string `json:"author,omitempty"`
			Text   string `json:"text"`
		}{chattoken.Defuse(m.Author), text})
		out = append(out, strings.TrimSuffix(b.String(), "\n"))
	}
	return out
}

// ContextText is an earlier message as the model reads it in the context
// block: every protected entity the message itself would send as a
// sentinel (e-mail addresses, URLs, mentions, channels, code, tags,
// placeholders, chat-template control tokens) is replaced by its kind in
// brackets ("[email]", "[url]", "[mention]", "[control_token]"), and the
// delimiters of markup are dropped with their targets (a link's URL)
// while the words inside stay. A model needs the
// words to disambiguate the message, not the addresses or handles in
// them, and a hosted model must not receive in context what the message
// masks. Emoji stay: they carry tone and name no one. Kind labels rather
// than sentinels, so that the model is not asked to keep tokens that are
// not in the message.
func ContextText(text string) string {
	toks := entity.Scan(text, nil)
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.Role == entity.Text, t.Kind == entity.Emoji:
			b.WriteString(t.Text)
		case t.Role == entity.Atom:
			b.WriteString("[" + string(t.Kind) + "]")
		}
	}
	return b.String()
}

// termLines renders glossary terms as JSON strings, defused
// (chattoken.Defuse): a term is text a glossary author wrote, and JSON
// escapes no control token ("<|im_end|>"), which the server would parse
// in the system prompt.
func termLines(terms []api.TermHint) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		out = append(out, quote(chattoken.Defuse(t.Source))+" -> "+quote(chattoken.Defuse(t.Target)))
	}
	return out
}

// termMarkers are the lines around the glossary terms, tagged like the
// message's markers and for the same reason: no term contains them, so a
// term cannot end its block and speak as the prompt.
func termMarkers(terms []string) (begin, end string) {
	if len(terms) == 0 {
		return "", ""
	}
	tag := markerTag(terms...)
	return "<<<TERMS " + tag + ">>>", "<<<END TERMS " + tag + ">>>"
}

// quote renders a glossary term as a JSON string, so that a term cannot
// break the line structure of the system prompt.
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// markerTag derives the tag of the delimiter lines from the data, so the
// prompt is deterministic, and lengthens it until no part of the data
// contains it: a message cannot end its data block early.
func markerTag(data ...string) string {
	h := sha256.New()
	for _, d := range data {
		h.Write([]byte(d))
		h.Write([]byte{0})
	}
	sum := hex.EncodeToString(h.Sum(nil))
	for n := 8; n < len(sum); n += 4 {
		if !slices.ContainsFunc(data, func(d string) bool { return strings.Contains(d, sum[:n]) }) {
			return sum[:n]
		}
	}
	return sum
}

// LanguageName is the English name of a BCP 47 tag ("Brazilian Portuguese"
// for pt-BR), followed by the tag, falling back to the tag alone.
func LanguageName(tag string) string {
	if name, ok := languageNames.Load(tag); ok {
		return name.(string)
	}
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	name := languageName(t, tag)
	// Parsing and looking up the display name cost more than the rest of
	// a prompt's rendering. Real traffic has a few hundred tags; the
	// bound keeps made-up ones from growing the cache.
	if languageNamesLen.Add(1) <= maxLanguageNames {
		languageNames.Store(tag, name)
	}
	return name
}

const maxLanguageNames = 1024

var (
	languageNames    sync.Map // tag -> name
	languageNamesLen atomic.Int64
)

func languageName(t language.Tag, tag string) string {
	name := display.English.Tags().Name(t)
	if name == "" {
		return tag
	}
	// A tag that names its script is asked for because of it (zh-Hans
	// to zh-Hant, sr-Cyrl to sr-Latn): the name must say the language
	// and the script. x/text calls sr-Latn "Serbo-Croatian", which names
	// neither; "Serbian (Latin)" does, like its "Serbian (Cyrillic)" and
	// "Traditional Chinese".
	// A region written in another script than its language's usual one
	// (zh-TW and zh-HK in traditional characters) says so too: "Chinese
	// (Taiwan)" alone leaves a model free to answer in simplified ones.
	b, _ := t.Base()
	switch sc, conf := t.Script(); {
	case conf == language.Exact:
		// The rule the messages service's labels name languages by.
		name = langname.Name(language.English, t)
	case conf != language.No:
		if usual, _ := language.Make(b.String()).Script(); usual != sc {
			if script := display.English.Scripts().Name(sc); script != "" {
				name = fmt.Sprintf("%s, %s script", name, script)
			}
		}
	}
	return fmt.Sprintf("%s (%s)", name, tag)
}

// EstimateTokens over-estimates the tokens of s for budgeting: about three
// ASCII characters per token (real tokenizers manage about four) and one
// token per other character (CJK, Cyrillic, emoji, which take one or more).
func EstimateTokens(s string) int {
	ascii, other := 0, 0
	for _, r := range s {
		if r < 0x80 {
			ascii++
		} else {
			other++
		}
	}
	return (ascii+2)/3 + other
}
