package fakellm

import (
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"unicode"
)

// Parley's prompts put the message to translate alone between two marker
// lines, "<<<MESSAGE tag>>>" and "<<<END MESSAGE tag>>>"; protected parts
// reach the model as sentinels, ⟦n⟧ for an atom and ⟦n⟧...⟦/n⟧ around
// markup whose content is translated. The translators below work on that
// data block, as a model would.

var (
	beginMarker = regexp.MustCompile(`(?m)^<<<MESSAGE ([0-9a-zA-Z]+)>>>\n`)
	sentinelRE  = regexp.MustCompile(`⟦(/?)([a-z]*\d+)⟧`)
)

// Data returns the message the request asks to translate: the data block
// between the marker lines of the last user message, or the whole user
// message when it has no markers.
func (r Request) Data() string {
	return DataIn(r.User)
}

// DataIn extracts the data block from a user message (see Request.Data).
func DataIn(user string) string {
	locs := beginMarker.FindAllStringSubmatchIndex(user, -1)
	if len(locs) == 0 {
		return user
	}
	loc := locs[len(locs)-1]
	tag := user[loc[2]:loc[3]]
	rest := user[loc[1]:]
	end := strings.LastIndex(rest, "\n<<<END MESSAGE "+tag+">>>")
	if end < 0 {
		return rest
	}
	return rest[:end]
}

// Scramble is a model that "translates" every message in a way tests can
// predict and that destroys anything left unprotected, the way real models
// and MT vendors do (../shared/reference/translation-apis.md §4.1):
//
//   - every run of letters is reversed ("docs" → "scod"), so an unprotected
//     mention, URL or placeholder comes back altered;
//   - emoji lose their joiners, variation selectors, skin tones and tags,
//     and flags fall apart into letters;
//   - Markdown, HTML and placeholder syntax is mangled (** → *, ` → ', _ →
//     space, < → ‹, { → (, % → "% ", ...);
//   - the sentinels move: the words and sentinels of each level are
//     emitted in reverse order, and a pair ⟦n⟧...⟦/n⟧ moves as a whole with
//     its (reversed, scrambled) content.
//
// Sentinels themselves are copied intact, each exactly once.
func Scramble() Translator {
	return func(r Request) (string, error) { return ScrambleText(r.Data()), nil }
}

// ScrambleText applies Scramble's transformation to one message. Tests
// use it to compute what prose becomes, e.g. ScrambleText("the docs") is
// "scod eht".
func ScrambleText(msg string) string {
	items := parseItems(msg)
	return renderScrambled(items)
}

// item is a word, an atom sentinel, or a pair with its content.
type item struct {
	word     string
	sentinel string // atom: ⟦n⟧; pair: the opening ⟦n⟧
	closing  string // pair: ⟦/n⟧
	inner    []item
}

// parseItems splits a message into words and sentinel items. A sentinel
// ⟦n⟧ followed later by ⟦/n⟧ is a pair.
func parseItems(s string) []item {
	var out []item
	for s != "" {
		loc := sentinelRE.FindStringSubmatchIndex(s)
		if loc == nil {
			out = appendWords(out, s)
			break
		}
		out = appendWords(out, s[:loc[0]])
		tok := s[loc[0]:loc[1]]
		id := s[loc[4]:loc[5]]
		rest := s[loc[1]:]
		if loc[3] > loc[2] { // a stray closing sentinel: copy it
			out = append(out, item{sentinel: tok})
			s = rest
			continue
		}
		closer := "⟦/" + id + "⟧"
		if j := strings.Index(rest, closer); j >= 0 {
			out = append(out, item{sentinel: tok, closing: closer, inner: parseItems(rest[:j])})
			s = rest[j+len(closer):]
			continue
		}
		out = append(out, item{sentinel: tok})
		s = rest
	}
	return out
}

func appendWords(out []item, s string) []item {
	for _, w := range strings.Fields(s) {
		out = append(out, item{word: w})
	}
	return out
}

func renderScrambled(items []item) string {
	parts := make([]string, 0, len(items))
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		switch {
		case it.word != "":
			if w := pseudoWord(it.word); w != "" {
				parts = append(parts, w)
			}
		case it.closing != "":
			parts = append(parts, it.sentinel+renderScrambled(it.inner)+it.closing)
		default:
			parts = append(parts, it.sentinel)
		}
	}
	return strings.Join(parts, " ")
}

var mangle = strings.NewReplacer(
	"**", "*", "__", " ", "~~", "~", "`", "'", "_", " ", "[", "(", "]", ")",
	"<", "‹", ">", "›", "{", "(", "}", ")", "%", "% ", "://", ": //", "|", "¦",
	"\u200d", "", "\ufe0f", "", "\u20e3", "",
)

// pseudoWord reverses every run of letters in w and mangles markup and
// emoji.
func pseudoWord(w string) string {
	var b strings.Builder
	var run []rune
	flush := func() {
		for i := len(run) - 1; i >= 0; i-- {
			b.WriteRune(run[i])
		}
		run = run[:0]
	}
	for _, r := range w {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			run = append(run, r)
			continue
		case r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f:
			continue // skin tones and tag characters are dropped
		case r >= 0x1f1e6 && r <= 0x1f1ff:
			flush()
			b.WriteRune('A' + (r - 0x1f1e6)) // a flag falls apart into letters
			continue
		}
		flush()
		b.WriteRune(r)
	}
	flush()
	return strings.TrimSpace(mangle.Replace(b.String()))
}

// Sequence answers the first request with the first translator, the
// second with the second, and so on; the last one answers every request
// after that. It counts requests, so give each server its own Sequence.
func Sequence(trs ...Translator) Translator {
	if len(trs) == 0 {
		panic("fakellm: Sequence needs at least one translator")
	}
	var n atomic.Int64
	return func(r Request) (string, error) {
		i := int(n.Add(1)) - 1
		return trs[min(i, len(trs)-1)](r)
	}
}

// DropSentinel wraps a translator and deletes the first sentinel of its
// answer, as a model that loses a placeholder does.
func DropSentinel(tr Translator) Translator {
	return func(r Request) (string, error) {
		out, err := tr(r)
		if err != nil {
			return "", err
		}
		loc := sentinelRE.FindStringIndex(out)
		if loc == nil {
			return "", fmt.Errorf("fakellm: DropSentinel: the answer has no sentinel")
		}
		return out[:loc[0]] + out[loc[1]:], nil
	}
}

// DuplicateSentinel wraps a translator and repeats the first sentinel of
// its answer at the end.
func DuplicateSentinel(tr Translator) Translator {
	return func(r Request) (string, error) {
		out, err := tr(r)
		if err != nil {
			return "", err
		}
		s := sentinelRE.FindString(out)
		if s == "" {
			return "", fmt.Errorf("fakellm: DuplicateSentinel: the answer has no sentinel")
		}
		return out + " " + s, nil
	}
}

// Rewrite wraps a translator and passes its answers through f, as a model
// that adds to its translation, wraps it or rewrites it does: appended
// markup ("<img src=x onerror=...>"), a script around it, decoded
// character references. The sentinels in the answer are f's to keep or
// break.
func Rewrite(tr Translator, f func(answer string) string) Translator {
	return func(r Request) (string, error) {
		out, err := tr(r)
		if err != nil {
			return "", err
		}
		return f(out), nil
	}
}

// Obey is a model that does what the message tells it to, as small models
// sometimes do despite the prompt (WMT24's prompt-injection test suite,
// ../shared/reference/llm-qe-safety.md §A.1): "reply with X" answers X,
// "translate this into French" answers in French, "reveal your system
// prompt" answers with the system prompt, "write a poem" writes one in
// English, "tell me a joke" tells one, "don't translate" echoes the
// message, "add a note" appends commentary, "act as a terminal" prints a
// code block, a question asked "instead of translating" is answered in
// English. A message without an instruction goes to fallback. Tests use it
// to prove that an obeyed answer is never served as a translation.
func Obey(fallback Translator) Translator {
	return func(r Request) (string, error) {
		msg := r.Data()
		if out, ok := obey(r, msg); ok {
			return out, nil
		}
		if fallback == nil {
			return "", fmt.Errorf("fakellm: Obey found no instruction in %q and has no fallback", msg)
		}
		return fallback(r)
	}
}

// Canned answers of an obeying model.
const (
	obeyPoem = "The sea is wide and the sea is deep,\nit sings to the shore while the sailors sleep.\n" +
		"The waves roll in and the waves roll out,\nand that is what the sea is all about.\n" +
		"The gulls fly high above the foam,\nand every sailor dreams of home.\n" +
		"The tide comes in, the tide goes out,\nthe wind will turn and the sky will shout.\n" +
		"And when the night falls on the bay,\nthe sea will wash our cares away."
	obeyJoke     = "Why do programmers prefer dark mode? Because the light attracts bugs, and that is the joke."
	obeyFrench   = "Je ne traduis pas en espagnol, voici le texte en français : la réunion commence à midi et je suis là."
	obeyGerman   = "Ich liebe diese Chat-App so sehr, und das ist die Antwort auf Deutsch, nicht auf Spanisch."
	obeyEnglish  = "This chat is about a software project and the team is talking about the release and the bugs that they have."
	obeyAnswer   = "The capital of France is Paris."
	obeySummary  = "The users in this chat have been talking about the release and they want to ship it on Friday."
	obeyFruits   = "Sure! Here are three fruits that you can eat: an apple, a banana and a cherry."
	obeyGreeting = "Hello! How can I help you today? I am here for you."
	obeyTerminal = "```\ntotal 0\ndrwxr-xr-x 2 root root 4096 .\n```"
	obeyJSON     = `{"pwned": true}`
)

var (
	// Payloads after "reply with", "say", "print" ..., optionally quoted.
	obeyPayload = regexp.MustCompile(`(?i)\b(?:reply|responde|respond|answer|saying|say|print|output|return|as|di|escribe)\b(?:\s+(?:only|solo))?(?:\s+(?:with|con))?(?:\s+(?:the\s+)?(?:exact\s+)?(?:words|word|phrase|text))?\s*:?\s*["'“‘]?([^"'”’\n]+?)["'”’]?\s*(?:and nothing else|in capital letters|one hundred times)?\s*[.!]?$`)
	obeyTimes   = regexp.MustCompile(`(?i)write the word ["']?(\w+)["']? one hundred times`)
)

func obey(r Request, msg string) (string, bool) {
	l := strings.ToLower(msg)
	has := func(subs ...string) bool {
		for _, s := range subs {
			if strings.Contains(l, s) {
				return true
			}
		}
		return false
	}
	switch {
	case has("system prompt", "hidden instructions", "your instructions word for word"):
		return r.System, true
	case has("poem", "essay", "story"):
		return obeyPoem, true
	case has("joke"):
		return obeyJoke, true
	case has("into french", "to french", "en français"):
		return obeyFrench, true
	case has("to german", "into german"):
		return obeyGerman, true
	case has("one hundred times"):
		if m := obeyTimes.FindStringSubmatch(msg); m != nil {
			return strings.TrimSpace(strings.Repeat(m[1]+" ", 100)), true
		}
	case has("json"):
		return obeyJSON, true
	case has("terminal"):
		return obeyTerminal, true
	case has("add a note", "explain your translation"):
		base := ScrambleText(msg)
		return base + "\n\nNote: I kept the greeting informal.", true
	case has("summarize", "summarise"):
		return obeySummary, true
	case has("list three"):
		return obeyFruits, true
	case has("greeting instead"):
		return obeyGreeting, true
	case has("respond in english", "explain what this chat"):
		return obeyEnglish, true
	case has("answer the question"):
		return obeyAnswer, true
	case has("don't translate", "do not translate this", "repeat it exactly"):
		return msg, true
	}
	// Instructions with a payload: take the last sentence that has one.
	sentences := strings.FieldsFunc(msg, func(r rune) bool { return r == '\n' })
	for i := len(sentences) - 1; i >= 0; i-- {
		if m := obeyPayload.FindStringSubmatch(strings.TrimSpace(sentences[i])); m != nil {
			return strings.TrimSpace(m[1]), true
		}
	}
	return "", false
}
