package apertium

import (
	"slices"
	"strings"
)

// English contractions, as chat writes them.
//
// spa-eng, cat-eng and the pivots into English write every auxiliary in
// full: "I do not know why it does not work", "I can not go today", "I
// think that you are right", "I have uploaded it". Chat in English, and
// every chat reference in the test sets, says "I don't know why it
// doesn't work", "I can't go today", "I think you're right", "I've
// uploaded it". The full forms read as a formal letter, and "can not"
// is a spelling English uses only for contrast.
//
// The rewrite contracts, in a text that speaks as a person or to one
// ("I", "you", "we", "my"...), what English always may: an auxiliary
// and "not" ("doesn't", "can't", "won't"), and a subject pronoun and
// the auxiliary after it ("I'm", "you're", "it's", "we'll", "I'd"), but
// not where the auxiliary ends its clause ("I know where it is", "yes,
// I am"), and "have" only before a participle ("I've seen it", not
// "I've a question"). After "think", "hope" and their kind, a "that"
// before a subject pronoun or an article goes, as chat drops it: "I
// think you're right", "I think the problem is…". A text with no
// person in it is left in full, as programs and notices write ("%s: it
// is not a function"), but for "can not", "cannot".

// subjectContractions maps a subject pronoun and an auxiliary to their
// contraction's ending.
var subjectContractions = map[string]map[string]string{
	"i":    {"am": "'m", "will": "'ll", "would": "'d", "have": "'ve"},
	"you":  {"are": "'re", "will": "'ll", "would": "'d", "have": "'ve"},
	"we":   {"are": "'re", "will": "'ll", "would": "'d", "have": "'ve"},
	"they": {"are": "'re", "will": "'ll", "would": "'d", "have": "'ve"},
	"he":   {"is": "'s", "will": "'ll", "would": "'d", "has": "'s"},
	"she":  {"is": "'s", "will": "'ll", "would": "'d", "has": "'s"},
	"it":   {"is": "'s", "will": "'ll", "has": "'s"},
	"that": {"is": "'s"},
}

// contractedNegatives are the auxiliaries that join "not" as one word.
// "am not" has none ("I'm not" is the subject's), "have not" and "has
// not" join only before a participle.
var contractedNegatives = map[string]string{
	"can": "can't", "could": "couldn't", "will": "won't", "would": "wouldn't", "should": "shouldn't",
	"are": "aren't", "is": "isn't", "was": "wasn't", "were": "weren't",
	"do": "don't", "does": "doesn't", "did": "didn't", "have": "haven't", "has": "hasn't",
	"must": "mustn't",
}

// personal are the words of a text that speaks as a person or to one.
var personal = setOf("i", "i'm", "i've", "i'll", "i'd", "me", "my", "mine", "we", "we're", "us", "our",
	"you", "you're", "your", "yours")

// articles start the noun phrase a dropped "that" leaves first: "I
// think the problem is…" ("this" and "that" might be what is thought).
var articles = setOf("the", "a", "an", "my", "your", "our", "his", "her", "their", "its")

// thatVerbs are the verbs after which chat drops "that" before a
// subject: "I think (that) you're right".
var thatVerbs = setOf("think", "thought", "guess", "hope", "believe", "know", "knew", "said", "say", "says",
	"sure", "mean", "feel", "felt")

// englishContractions contracts the auxiliaries of output's prose
// (ranges). mayContract tells a caller whether it is worth the scan.
func englishContractions(output string, ranges [][2]int) string {
	words := proseWords(output, 0, len(output), ranges)
	// Only a text that speaks as a person, to a person, is chat's
	// register: "it can not modify the limit", a program's message, is
	// "it cannot modify", as programs write it.
	// A command with "do not" speaks to one too ("do not forget the
	// charger", from Spanish "no te olvides del cargador").
	chat := slices.ContainsFunc(words, func(w word) bool { return personal[w.lower] }) ||
		len(words) > 1 && words[0].lower == "do" && words[1].lower == "not"
	var edits []edit
	for k := 0; k < len(words); k++ {
		w := words[k]
		if w.lower == "cannot" && chat {
			edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, "can't")})
			continue
		}
		if k+1 == len(words) {
			break
		}
		next := words[k+1]
		if w.text == "" || next.text == "" || next.clause || !onlySpaces(output[w.to:next.from]) {
			continue
		}
		if !chat {
			if w.lower == "can" && next.lower == "not" {
				edits = append(edits, edit{from: w.from, to: next.to, text: w.text + strings.ToLower(next.text)})
				k++
			}
			continue
		}
		var after *word // the word after next, in its clause
		if k+2 < len(words) && words[k+2].text != "" && !words[k+2].clause && onlySpaces(output[next.to:words[k+2].from]) {
			after = &words[k+2]
		}
		// "I do not" is "I don't", "I can not" "I can't", but "it is
		// not" "it's not" (below): a subject joins its auxiliary first.
		if n, ok := contractedNegatives[w.lower]; ok && next.lower == "not" && !subjectJoins(words, k) {
			if (w.lower == "have" || w.lower == "has") && (after == nil || !haveParticiple(after.lower)) {
				continue
			}
			edits = append(edits, edit{from: w.from, to: next.to, text: caseLike(w.text, n)})
			k++
			continue
		}
		if ending, ok := subjectContractions[w.lower][next.lower]; ok && after != nil {
			if (next.lower == "have" || next.lower == "has") && !haveParticiple(after.lower) {
				continue
			}
			if after.lower == "not" && !beForms[next.lower] {
				continue // "it won't", not "it'll not"
			}
			if next.text == strings.ToUpper(next.text) {
				ending = strings.ToUpper(ending) // "YOU'RE"
			}
			edits = append(edits, edit{from: w.from, to: next.to, text: w.text + ending})
			k++
			continue
		}
		if thatVerbs[w.lower] && next.lower == "that" && after != nil {
			_, subject := englishSubjects[after.lower]
			if subject && after.lower != "that" && after.lower != "this" || articles[after.lower] {
				edits = append(edits, edit{from: w.to, to: next.to}) // "I think (that) the problem is"
				k++
			}
		}
	}
	return applyEdits(output, edits)
}

// subjectJoins reports whether words[k], an auxiliary before "not",
// joins the subject before it instead: "it is not" is "it's not".
func subjectJoins(words []word, k int) bool {
	if k == 0 || words[k].clause || words[k-1].text == "" {
		return false
	}
	_, ok := subjectContractions[words[k-1].lower][words[k].lower]
	return ok && beForms[words[k].lower]
}

var beForms = setOf("am", "is", "are")

// haveParticiple reports whether w after "have" makes a perfect, which
// contracts: "I've seen", "it's been".
func haveParticiple(w string) bool {
	return w == "been" || participle(w)
}

// mayContract reports whether output has a word the rewrite reads, so
// that a text without one costs a pass over its bytes, not a scan of
// its words.
func mayContract(output string) bool {
	lower := strings.ToLower(output)
	for _, s := range []string{" not", "cannot", " am ", " are ", " is ", " will ", " would ", " have ", " has ", " that "} {
		if strings.Contains(lower, s) {
			return true
		}
	}
	return false
}

// caseLike writes s in w's case: "Do" gives "Don't", "DO" "DON'T".
func caseLike(w, s string) string {
	switch {
	case w == strings.ToUpper(w) && len(w) > 1:
		return strings.ToUpper(s)
	case startsUpper(w):
		return upperFirst(s)
	}
	return s
}

func onlySpaces(s string) bool {
	return strings.Trim(s, " ") == ""
}
