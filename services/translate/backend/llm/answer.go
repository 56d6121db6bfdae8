package llm

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode"

	"github.com/parley-chat/parley/services/translate/backend"
)

// StripThinking removes reasoning that a model put before its answer
// despite think=false: leading <think>...</think> blocks (an unterminated
// one is all reasoning), and everything up to a lone </think> when the
// template opened the block inside the prompt, as deepseek-r1's does. Only
// text before the answer is touched, so a translation that quotes the tags
// survives.
func StripThinking(s string) string {
	s = cutThinkBlocks(s, strings.Index)
	if strings.HasPrefix(s, "{") || strings.HasPrefix(s, "```") {
		return s
	}
	return afterThinkClose(s, strings.Index)
}

// StripAnswerThinking removes reasoning from a decoded translation, for a
// message (source, as the model saw it) that has no think tag of its own.
// A reasoning model held to a JSON schema from its first token writes its
// reasoning inside the string value ({"translation":"<think>...</think>Hola"})
// where StripThinking, which reads the raw answer, cannot see it. The same
// two shapes are cut, in any case: leading <think>...</think> blocks (an
// unterminated one leaves nothing, which the caller refuses as empty) and
// everything up to a lone </think>. A message that has either tag keeps
// its answer as it is: the tags may be its own, translated.
func StripAnswerThinking(text, source string) string {
	if HasThinkTag(source) {
		return text
	}
	return afterThinkClose(cutThinkBlocks(text, indexFold), indexFold)
}

// HasThinkTag reports whether s has an opening or closing think tag, in
// any case.
func HasThinkTag(s string) bool {
	return indexFold(s, thinkOpen) >= 0 || indexFold(s, thinkClose) >= 0
}

const (
	thinkOpen  = "<think>"
	thinkClose = "</think>"
)

// cutThinkBlocks trims s and removes the <think>...</think> blocks it
// starts with, finding the tags with index (strings.Index or indexFold).
// An unterminated block is all reasoning: "".
func cutThinkBlocks(s string, index func(s, tag string) int) string {
	s = strings.TrimSpace(s)
	for len(s) >= len(thinkOpen) && index(s[:len(thinkOpen)], thinkOpen) == 0 {
		i := index(s, thinkClose)
		if i < 0 {
			return ""
		}
		s = strings.TrimSpace(s[i+len(thinkClose):])
	}
	return s
}

// afterThinkClose is what follows the first </think> of s, trimmed (s
// when it has none): a template that opened the block inside the prompt
// leaves only its end in the answer.
func afterThinkClose(s string, index func(s, tag string) int) string {
	if i := index(s, thinkClose); i >= 0 {
		return strings.TrimSpace(s[i+len(thinkClose):])
	}
	return s
}

// indexFold is strings.Index for an ASCII needle, ignoring ASCII case.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// ParseAnswer validates a model's answer against Schema and returns the
// translation. The answer must be one JSON object with exactly the field
// "translation", a non-blank string; a Markdown code fence around it is
// tolerated because some servers ignore the format for some models.
func ParseAnswer(content string) (string, error) {
	s := StripThinking(content)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
		s = strings.TrimSpace(s)
	}
	if s == "" {
		return "", backend.Errorf(backend.ErrBadOutput, nil, "empty answer")
	}
	var out struct {
		Translation *string `json:"translation"`
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		return "", backend.Errorf(backend.ErrBadOutput, err, "answer is not the requested JSON object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return "", backend.Errorf(backend.ErrBadOutput, err, "answer has text after the JSON object")
	}
	if out.Translation == nil {
		return "", backend.Errorf(backend.ErrBadOutput, nil, "answer lacks the translation field")
	}
	t := strings.TrimSpace(*out.Translation)
	if t == "" {
		return "", backend.Errorf(backend.ErrBadOutput, nil, "translation is empty")
	}
	return t, nil
}

// KeepSpace puts the source's leading and trailing white space (spaces,
// blank lines, a Markdown code block's indentation) around a model's
// translation, which ParseAnswer trims: models drop or add it at will,
// while a rule-based engine such as Apertium keeps it, and a client lays
// out its text by it ("    npm install parley" is code only indented).
func KeepSpace(source, translation string) string {
	lead := source[:len(source)-len(strings.TrimLeftFunc(source, unicode.IsSpace))]
	if lead == source {
		return translation // all space: nothing to put around
	}
	trail := source[len(strings.TrimRightFunc(source, unicode.IsSpace)):]
	return lead + strings.TrimSpace(translation) + trail
}
