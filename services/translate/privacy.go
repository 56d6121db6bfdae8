package translate

import (
	"fmt"
	"strconv"

	"github.com/parley-chat/parley/shared/api"
)

// What a context message's author becomes in the prompt
// (TRANSLATE_CONTEXT_AUTHORS).
const (
	// ContextAuthorsPseudonym replaces each author by a letter, the same
	// for every message of one author within a prompt ("A", "B" ... in
	// order of appearance): the model still sees who answers whom, and a
	// hosted model receives no display name.
	ContextAuthorsPseudonym = "pseudonym"
	// ContextAuthorsName sends the authors' names as the caller gave them.
	ContextAuthorsName = "name"
	// ContextAuthorsNone sends no author.
	ContextAuthorsNone = "none"
)

// ParseContextAuthors reads TRANSLATE_CONTEXT_AUTHORS ("" is the default,
// pseudonym).
func ParseContextAuthors(s string) (string, error) {
	switch s {
	case "", ContextAuthorsPseudonym:
		return ContextAuthorsPseudonym, nil
	case ContextAuthorsName, ContextAuthorsNone:
		return s, nil
	}
	return "", fmt.Errorf("TRANSLATE_CONTEXT_AUTHORS must be %q, %q or %q, not %q",
		ContextAuthorsPseudonym, ContextAuthorsName, ContextAuthorsNone, s)
}

// contextAuthors applies mode to the authors of msgs (a new slice; msgs is
// not changed). Pseudonyms are given per call, that is per request: they
// link nothing across prompts, and the same conversation read twice gets
// the same prompt (and cache key). A message without an author keeps none.
func contextAuthors(msgs []api.ContextMessage, mode string) []api.ContextMessage {
	if mode == ContextAuthorsName || len(msgs) == 0 {
		return msgs
	}
	out := make([]api.ContextMessage, len(msgs))
	names := map[string]string{}
	for i, m := range msgs {
		switch {
		case mode == ContextAuthorsNone || m.Author == "":
			m.Author = ""
		default:
			p, ok := names[m.Author]
			if !ok {
				p = pseudonym(len(names))
				names[m.Author] = p
			}
			m.Author = p
		}
		out[i] = m
	}
	return out
}

// pseudonym is the i-th author's pseudonym: A ... Z, then A1 ... Z1, ...
func pseudonym(i int) string {
	p := string(rune('A' + i%26))
	if i >= 26 {
		p += strconv.Itoa(i / 26)
	}
	return p
}
