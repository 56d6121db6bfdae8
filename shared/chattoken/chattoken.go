// Package chattoken knows the control tokens of chat templates: the
// special tokens that open and close the turns of a conversation, such as
// ChatML's "<|im_start|>" and "<|im_end|>", Llama 3's "<|eot_id|>", Gemma's
// "<start_of_turn>", Llama 2's "[INST]" and "<<SYS>>", SentencePiece's
// "</s>". Ollama parses special tokens in the rendered prompt, user text
// included: a chat message that holds "<|im_end|>\n<|im_start|>system"
// closes its turn and opens a system turn of its own. Every text that
// goes into a prompt must therefore either keep them out of the model's
// sight (Len, for the entity scanner: the translate rungs send them as
// sentinels and restore them) or lose them (Defuse: the safety guard, the
// quality judge, a translation's context and glossary terms, whose text
// is not read back).
package chattoken

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The control tokens, by how they are written. A list of names rather
// than a pattern for bracketed tokens, so that "[note]" and "<b>" are no
// tokens: only these names are.
var (
	// bracketNames are Llama 2 and Mistral's tokens in square brackets
	// ("[INST]", "[/INST]", "[SYSTEM_PROMPT]", "[TOOL_CALLS]", ...).
	bracketNames = []string{"inst", "system_prompt", "available_tools", "tool_results", "tool_calls", "tool_content", "think"}
	// turnNames are Gemma's turn tokens in angle brackets, which a
	// defused text loses in any spacing ("< start_of_turn >").
	turnNames = []string{"start_of_turn", "end_of_turn"}
	// plainNames are the sequence tokens in angle brackets (SentencePiece's
	// "<s>" and "</s>", Gemma's "<bos>" and "<eos>"), which a defused text
	// loses only as written: "a < s > b" is prose.
	plainNames = []string{"s", "bos", "eos"}
	// angleNames are the names Len reads between angle brackets.
	angleNames = append(append([]string{}, turnNames...), plainNames...)
)

// maxSpecialName bounds the name between "<|" and "|>" ("<|im_start|>",
// "<|start_header_id|>", "<｜end▁of▁sentence｜>"): special token names
// are short.
const maxSpecialName = 64

// Len returns the length of the control token that s starts with, or 0:
// a special token between an angle bracket and a bar, whatever its name
// ("<|im_end|>", "<|eot_id|>", Phi's "<|end|>", DeepSeek's
// "<｜User｜>" with its full-width bars), "<<SYS>>" and "<</SYS>>",
// Gemma's "<start_of_turn>" and "<end_of_turn>", "<s>", "</s>", "<bos>"
// and "<eos>", and the bracketed tokens ("[INST]", "[/INST]",
// "[SYSTEM_PROMPT]"), in any case. Only exact tokens: a tokenizer parses
// nothing else ("< |im_end| >" is text), so a message keeps the rest as
// prose.
func Len(s string) int {
	if len(s) < 3 {
		return 0
	}
	switch s[0] {
	case '<':
		return angleLen(s)
	case '[':
		if n := nameLen(s[1:], bracketNames, ']'); n > 0 {
			return 1 + n
		}
	}
	return 0
}

// angleLen is Len for s starting with '<'.
func angleLen(s string) int {
	rest := s[1:]
	if bar := barLen(rest); bar > 0 {
		for i, r := range rest[bar:] {
			if i > maxSpecialName || unicode.IsSpace(r) || r == '<' || r == '>' {
				return 0
			}
			if n := barLen(rest[bar+i:]); n > 0 {
				if i > 0 && strings.HasPrefix(rest[bar+i+n:], ">") {
					return 1 + bar + i + n + 1
				}
				return 0
			}
		}
		return 0
	}
	if rest[0] == '<' {
		// "<<SYS>>" and "<</SYS>>".
		slash := 0
		if strings.HasPrefix(rest[1:], "/") {
			slash = 1
		}
		if body := rest[1+slash:]; len(body) >= len("sys>>") && strings.EqualFold(body[:len("sys>>")], "sys>>") {
			return 2 + slash + len("sys>>")
		}
		return 0
	}
	if n := nameLen(rest, angleNames, '>'); n > 0 {
		return 1 + n
	}
	return 0
}

// barLen is the length of the bar s starts with ('|' or DeepSeek's
// '｜'), or 0.
func barLen(s string) int {
	switch {
	case strings.HasPrefix(s, "|"):
		return 1
	case strings.HasPrefix(s, "｜"):
		return len("｜")
	}
	return 0
}

// nameLen is the length of "/name" or "name" followed by closer at the
// start of s, for one of names (in any case), or 0.
func nameLen(s string, names []string, closer byte) int {
	slash := 0
	if strings.HasPrefix(s, "/") {
		slash = 1
	}
	end := strings.IndexByte(s[slash:], closer)
	if end <= 0 {
		return 0
	}
	for _, name := range names {
		if end == len(name) && strings.EqualFold(s[slash:slash+end], name) {
			return slash + end + 1
		}
	}
	return 0
}

// Look-alikes of the characters that delimit control tokens. A
// tokenizer only parses the exact token, but a model that has seen the
// template reads "‹｜Assistant｜›" much as it reads the token, and a
// defused text loses nothing by losing them.
const (
	ltChars  = `<‹＜〈⟨〈﹤˂`
	gtChars  = `>›＞〉⟩〉﹥˃`
	barChars = `|｜∣￨ǀ`
)

// shorthand expands the notation of patterns: '~' is any space, '<' and
// '>' any look-alike of the angle brackets.
var shorthand = strings.NewReplacer("~", `[\s\p{Z}]`, "<", "["+ltChars+"]", ">", "["+gtChars+"]")

// tokenPattern matches the control tokens that name themselves, in the
// shorthand: Gemma's turn tokens in any case and spacing, the bracketed
// tokens, "<<SYS>>" and "<</SYS>>", and "<s>", "</s>", "<bos>", "<eos>"
// as written.
var tokenPattern = `<~*/?~*(?:` + strings.Join(turnNames, "|") + `)~*>` +
	`|[\[［]~*/?~*(?:` + strings.Join(bracketNames, "|") + `)~*[\]］]` +
	`|<~*<~*/?~*sys~*>~*>` +
	`|</?(?:` + strings.Join(plainNames, "|") + `)>`

var (
	// specialOpen and specialClose match the delimiters of the special
	// tokens written between angle brackets and bars, whatever the name
	// inside: Llama 3, ChatML, Phi and Command R's "<|eot_id|>",
	// "<|user|>", and DeepSeek's "<｜end▁of▁sentence｜>" with its
	// full-width bars, and their look-alikes. A space splits each, so
	// that the token stays text ("< |eot_id| >").
	specialOpen  = regexp.MustCompile(`([` + ltChars + `])([` + barChars + `])`)
	specialClose = regexp.MustCompile(`([` + barChars + `])([` + gtChars + `])`)
)

// Defuser takes control tokens, and markers of a prompt's own, out of
// texts.
type Defuser struct {
	// re matches a marker; endRE one at the end of a text, and allRE a
	// text that is one marker, for unnest.
	re, endRE, allRE *regexp.Regexp
	// phraseEnds are the words that end the markers that are not
	// bracketed (lower case).
	phraseEnds []string
}

// NewDefuser returns a Defuser for the control tokens and the markers
// that extra matches: a regexp alternation (or "") in the shorthand where
// '~' stands for any space and '<' and '>' for any look-alike of the
// angle brackets, matched in any case. phraseEnds are the last words of
// extra's markers that do not end in a bracket (the safety guard's
// instruction sentences), in lower case.
func NewDefuser(extra string, phraseEnds ...string) *Defuser {
	pattern := tokenPattern
	if extra != "" {
		pattern = extra + "|" + pattern
	}
	src := `(?i)` + shorthand.Replace(pattern)
	return &Defuser{
		re:         regexp.MustCompile(src),
		endRE:      regexp.MustCompile(`(?:` + src + `)$`),
		allRE:      regexp.MustCompile(`^(?:` + src + `)$`),
		phraseEnds: phraseEnds,
	}
}

// tokens defuses the control tokens alone (Defuse).
var tokens = NewDefuser("")

// Defuse returns text without control tokens, for a prompt that quotes
// it and does not read it back: the tokens that name themselves (and
// their look-alikes and spaced forms) are taken out, and the delimiters
// of the special tokens between angle brackets and bars split by a space
// ("< |im_end| >"), so that none is left for a tokenizer to parse or a
// model to take for one. Everything else is kept as is.
func Defuse(text string) string { return tokens.Defuse(text) }

// Defuse returns text without its markers (see the package's Defuse).
// Markers are taken out until none is left, because taking one out of a
// nested marker ("<<<s>s>s>", "<END <END CONVERSATION>CONVERSATION>")
// closes the one around it.
func (d *Defuser) Defuse(text string) string {
	text = d.unnest(text)
	// After unnest, the rounds split the delimiters and find a marker
	// only where one was longer than unnestWindow.
	for {
		next := d.re.ReplaceAllString(text, "")
		next = specialClose.ReplaceAllString(specialOpen.ReplaceAllString(next, "$1 $2"), "$1 $2")
		if next == text {
			return text
		}
		// Each round takes a marker out (there are fewer characters
		// other than spaces) or only splits delimiters (as many such
		// characters, one fewer "<|" or "|>"), so this ends.
		text = next
	}
}

// unnestWindow is how far back from a character that may end a marker
// unnest looks for its start: markers are shorter, unless padded with
// spaces.
const unnestWindow = 128

// unnest takes markers out in one pass, each as soon as its last
// character is read, so that one nested in another is gone before the
// outer one ends. Taking them out in rounds over the whole text, as
// Defuse then does, needs one round per level of nesting: a 10,000-byte
// message nested 3,000 levels deep ("<<<s>s>s>...") took seconds.
func (d *Defuser) unnest(text string) string {
	out := make([]byte, 0, len(text))
	for len(text) > 0 {
		r, size := utf8.DecodeRuneInString(text)
		out, text = append(out, text[:size]...), text[size:]
		// What is left of out after a marker is taken out is what it was
		// before the marker's first character, already unnested: no
		// marker ends there.
		if i := d.markerStart(out, r); i >= 0 {
			out = out[:i]
		}
	}
	return string(out)
}

// markerStart is where a marker ending out (whose last character is r)
// starts, or -1. A bracketed marker starts at the last opening bracket
// before it (or the one before that, for "<<SYS>>"), so one anchored
// match or two tell; a phrase ends in one of phraseEnds, which ordinary
// text rarely does.
func (d *Defuser) markerStart(out []byte, r rune) int {
	var opens string
	switch {
	case r == ']' || r == '］':
		opens = "[［"
	case strings.ContainsRune(gtChars, r):
		opens = ltChars
	default:
		for _, end := range d.phraseEnds {
			if last, _ := utf8.DecodeLastRuneInString(end); unicode.ToLower(r) != last {
				continue
			}
			if len(out) >= len(end) && strings.EqualFold(string(out[len(out)-len(end):]), end) {
				w := out[max(0, len(out)-unnestWindow):]
				if loc := d.endRE.FindIndex(w); loc != nil {
					return len(out) - len(w) + loc[0]
				}
			}
		}
		return -1
	}
	var starts []int
	for i := len(out); i > max(0, len(out)-unnestWindow) && len(starts) < 2; {
		c, size := utf8.DecodeLastRune(out[:i])
		i -= size
		if strings.ContainsRune(opens, c) {
			starts = append(starts, i)
		}
	}
	for k := len(starts) - 1; k >= 0; k-- {
		if d.allRE.Match(out[starts[k]:]) {
			return starts[k]
		}
	}
	return -1
}
