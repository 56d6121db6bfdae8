package translate

import (
	"fmt"
	"slices"
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

// contextAuthors applies mode to the authors of msgs, in place (validate
// hands it the copy it made). Pseudonyms are given per call, that is per
// request: they link nothing across prompts, and the same conversation
// read twice gets the same prompt (and cache key). A message without an
// author keeps none. It runs on every request with context, cache hits
// included (the keys hash its result): authors are matched by a scan of
// the few seen so far, with no map and no new strings.
func contextAuthors(msgs []api.ContextMessage, mode string) {
	if mode == ContextAuthorsName {
		return
	}
	var buf [8]string
	seen := buf[:0] // authors in order of appearance
	for i := range msgs {
		m := &msgs[i]
		if mode == ContextAuthorsNone || m.Author == "" {
			m.Author = ""
			continue
		}
		j := slices.Index(seen, m.Author)
		if j < 0 {
			j = len(seen)
			seen = append(seen, m.Author)
		}
		m.Author = pseudonym(j)
	}
}

// pseudonym is the i-th author's pseudonym: A ... Z, then A1 ... Z1, ...
func pseudonym(i int) string {
	const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	p := letters[i%26 : i%26+1]
	if i >= 26 {
		p += strconv.Itoa(i / 26)
	}
	return p
}
