// Package guardtest lets tests drive the LLM guard through
// shared/fakellm's fake Ollama: Translator answers the way Llama Guard 3
// does, from rules the test gives, so that the real ollama client, the
// prompt and the answer parsing all run.
package guardtest

import (
	"sort"
	"strings"

	"github.com/parley-chat/parley/services/safety/guard"
	"github.com/parley-chat/parley/shared/fakellm"
)

// Message returns the message a request asks to classify, read the way
// the model reads the prompt: the last "User:" turn of the last
// conversation block, where a turn starts at a line that begins with
// "User: " or "Agent: " and runs to the next one or to the block's end
// (guard.Indent is taken off its continuation lines). A request with no
// block carries the message alone (the native prompt style): it is read
// inside the block that Ollama's llama-guard3 template puts it in, as
// "User: <message>".
func Message(r fakellm.Request) string {
	const begin, end = "<BEGIN CONVERSATION>", "<END CONVERSATION>"
	prompt := r.User
	if !strings.Contains(prompt, begin) {
		prompt = begin + "\n\nUser: " + prompt + "\n\n" + end
	}
	j := strings.LastIndex(prompt, end)
	i := strings.LastIndex(prompt[:max(j, 0)], begin)
	if i < 0 || j < i {
		return r.User
	}
	var turn []string
	for _, line := range strings.Split(prompt[i+len(begin):j], "\n") {
		switch {
		case strings.HasPrefix(line, "User: "):
			turn = []string{strings.TrimPrefix(line, "User: ")}
		case strings.HasPrefix(line, "Agent: "):
			turn = nil
		case turn != nil:
			turn = append(turn, strings.TrimPrefix(line, guard.Indent))
		}
	}
	return strings.TrimSpace(strings.Join(turn, "\n"))
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
