// Package guardtest lets tests drive the LLM guard through
// shared/fakellm's fake Ollama: Translator answers the way Llama Guard 3
// does, from rules the test gives, so that the real ollama client, the
// prompt and the answer parsing all run.
package guardtest

import (
	"sort"
	"strings"

	"github.com/parley-chat/parley/shared/fakellm"
)

// Message returns the message a request asks to classify: the user
// message itself when it was sent alone (the native prompt style), or the
// last "User:" turn of the conversation block when the request carries the
// full Llama Guard prompt.
func Message(r fakellm.Request) string {
	const begin, end = "<BEGIN CONVERSATION>", "<END CONVERSATION>"
	i := strings.Index(r.User, begin)
	j := strings.LastIndex(r.User, end)
	if i < 0 || j < i {
		return r.User
	}
	conv := r.User[i+len(begin) : j]
	if k := strings.LastIndex(conv, "User: "); k >= 0 {
		conv = conv[k+len("User: "):]
	}
	return strings.TrimSpace(conv)
}

// Translator answers "unsafe" and the codes of every rule whose key occurs
// in the classified message (codes in S-number order, joined by commas, on
// a second line), and "safe" when none does: the Llama Guard 3 answer
// format. Keys are matched case-insensitively.
func Translator(rules map[string][]string) fakellm.Translator {
	return func(r fakellm.Request) (string, error) {
		msg := strings.ToLower(Message(r))
		seen := map[string]bool{}
		var codes []string
		for key, cs := range rules {
			if !strings.Contains(msg, strings.ToLower(key)) {
				continue
			}
			for _, c := range cs {
				if !seen[c] {
					seen[c] = true
					codes = append(codes, c)
				}
			}
		}
		if len(codes) == 0 {
			return "safe", nil
		}
		sort.Slice(codes, func(i, j int) bool { return codeNumber(codes[i]) < codeNumber(codes[j]) })
		return "unsafe\n" + strings.Join(codes, ","), nil
	}
}

func codeNumber(code string) int {
	n := 0
	for _, c := range strings.TrimPrefix(code, "S") {
		if c < '0' || c > '9' {
			return 1 << 30
		}
		n = n*10 + int(c-'0')
	}
	return n
}
