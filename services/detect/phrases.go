package detect

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// phrasesText is the chat phrasebook (phrases.txt): greetings, thanks and
// short replies, with the languages that write each the same way.
//
//go:embed phrases.txt
var phrasesText string

// maxPhraseMessageWords bounds the messages the phrasebook reads: longer
// ones give lingua enough to go on, and the match stays cheap.
const maxPhraseMessageWords = 12

// phrase is one entry of phrases.txt: as written, as matched, and the
// languages that write it (BCP 47 base tags, sorted).
type phrase struct {
	text, key string
	tags      []string
}

// phraseList is phrases.txt parsed once, and allPhrases its keys. A
// malformed file is a programming error, caught by TestPhrases.
var (
	phraseList = func() []phrase {
		l, err := parsePhrases(phrasesText)
		if err != nil {
			panic(err)
		}
		return l
	}()
	allPhrases = func() map[string][]string {
		m := make(map[string][]string, len(phraseList))
		for _, p := range phraseList {
			m[p.key] = p.tags
		}
		return m
	}()
)

// parsePhrases reads the phrasebook format (see phrases.txt): lines of
// "<language> [<language> ...]: phrase; phrase", comments and blank lines.
// A phrase listed again with other languages, an unknown language or a
// phrase that normalizes to nothing is an error.
func parsePhrases(text string) ([]phrase, error) {
	var out []phrase
	seen := make(map[string][]string)
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		codes, list, ok := strings.Cut(line, ":")
		if !ok || len(strings.Fields(codes)) == 0 {
			return nil, fmt.Errorf("phrases line %d: want \"<language> [<language> ...]: phrase; phrase\"", n+1)
		}
		var tags []string
		for _, code := range strings.Fields(codes) {
			l, ok := lookup(code)
			if !ok {
				return nil, fmt.Errorf("phrases line %d: %q is not a language lingua knows", n+1, code)
			}
			if t := canonical(l); !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
		slices.Sort(tags)
		for _, p := range strings.Split(list, ";") {
			p = strings.TrimSpace(p)
			key := strings.Join(phraseWords(p), " ")
			if key == "" {
				return nil, fmt.Errorf("phrases line %d: %q has no words", n+1, p)
			}
			if prev, dup := seen[key]; dup && !slices.Equal(prev, tags) {
				return nil, fmt.Errorf("phrases line %d: %q is listed for %s and for %s", n+1, key, strings.Join(prev, " "), strings.Join(tags, " "))
			}
			seen[key] = tags
			out = append(out, phrase{text: p, key: key, tags: tags})
		}
	}
	return out, nil
}

// phrasebook is allPhrases for a Detector's languages: each phrase with
// the configured languages among those that write it.
type phrasebook struct {
	lang     map[string][]lingua.Language
	maxWords int // the longest phrase, in words
}

func newPhrasebook(configured map[string]lingua.Language) phrasebook {
	pb := phrasebook{lang: make(map[string][]lingua.Language)}
	for key, tags := range allPhrases {
		var ls []lingua.Language
		for _, t := range tags {
			if l, ok := configured[t]; ok {
				ls = append(ls, l)
			}
		}
		if len(ls) == 0 {
			continue
		}
		pb.lang[key] = ls
		pb.maxWords = max(pb.maxWords, strings.Count(key, " ")+1)
	}
	return pb
}

// match reports the language of a cleaned message made only of phrases
// that one language, and only one, writes all of: "thanks", "hi, thank you
// so much!", "hola, ¿qué tal?" (hola is Spanish or Catalan, qué tal only
// Spanish). A message whose phrases two languages could have written
// ("hola") is no match, and is left to lingua and the hints.
func (pb phrasebook) match(prose string) (lingua.Language, bool) {
	if len(pb.lang) == 0 {
		return lingua.Unknown, false
	}
	words := phraseWords(prose)
	if len(words) == 0 || len(words) > maxPhraseMessageWords {
		return lingua.Unknown, false
	}
	// The words joined as the phrasebook's keys are, with where each word
	// starts, so that any run of words is a substring to look up.
	joined := strings.Join(words, " ")
	var bounds [maxPhraseMessageWords + 1]int
	for i, w := range words {
		bounds[i+1] = bounds[i] + len(w) + 1
	}
	span := func(i, j int) string { return joined[bounds[i] : bounds[j]-1] }

	// Each language of a phrase at the start is tried in turn: can the
	// whole message be split into phrases it writes? One language per try
	// keeps the split a plain reachability pass.
	found := lingua.Unknown
	var tried []lingua.Language
	for n := 1; n <= min(pb.maxWords, len(words)); n++ {
		for _, l := range pb.lang[span(0, n)] {
			if slices.Contains(tried, l) {
				continue
			}
			tried = append(tried, l)
			if pb.covers(len(words), span, l) {
				if found != lingua.Unknown {
					return lingua.Unknown, false
				}
				found = l
			}
		}
	}
	return found, found != lingua.Unknown
}

// covers reports whether the n words that span joins split into phrases
// that language l writes.
func (pb phrasebook) covers(n int, span func(i, j int) string, l lingua.Language) bool {
	var reach [maxPhraseMessageWords + 1]bool
	reach[0] = true
	for i := range n {
		if !reach[i] {
			continue
		}
		for k := 1; k <= min(pb.maxWords, n-i); k++ {
			if slices.Contains(pb.lang[span(i, i+k)], l) {
				reach[i+k] = true
			}
		}
	}
	return reach[n]
}

// phraseWords splits text into lower-case words for the phrasebook: a word
// is a run of letters and marks, apostrophes inside it are dropped ("i'm"
// is "im", so typing one or not is the same), anything else separates
// words ("bem-vindo" is "bem vindo"), and a letter repeated three or more
// times counts once ("thankssss", "holaaa").
func phraseWords(text string) []string {
	var words []string
	var b strings.Builder
	var last rune
	run := 0
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
		last, run = 0, 0
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.M, r):
			r = unicode.ToLower(r)
			if r == last {
				run++
			} else {
				last, run = r, 1
			}
			if run < 3 {
				b.WriteRune(r)
			} else if run == 3 {
				// The third in a row: the run is an elongation, so keep one.
				s := b.String()
				_, l := utf8.DecodeLastRuneInString(s)
				b.Reset()
				b.WriteString(s[:len(s)-l])
			}
		case r == '\'' || r == '\u2019' || r == '\u02bc':
			// Inside a word it joins ("don't"); elsewhere it is quoting.
		default:
			flush()
		}
	}
	flush()
	return words
}
