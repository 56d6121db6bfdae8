package apertium

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// English word order for the questions the modes write as statements.
//
// Spanish and Catalan ask a yes/no question with the words of a statement
// ("¿Tienes un minuto?", "¿Puedes revisar mi PR?"), and spa-eng and
// cat-eng translate it word for word: "You have a minute?", "You can
// revise my PR?", "It works now?", and after a question word "Where you
// live?", "Why it does not work?". English asks with the auxiliary first
// ("Can you revise my PR?", "Is it ready?", "Have you seen it?") or, for
// any other verb, with "do" ("Do you have a minute?", "Does it work
// now?", "Did you finish?", "Where do you live?"). The modes also keep
// the order of an indirect question ("I do not know where is the file",
// "where it is the meeting"), which English writes as a statement: "where
// the file is".
//
// The rewrite works on the words of the text as written, since by then
// the units are gone: it knows a verb by a list of the verbs chat uses
// and their forms (a verb it does not know leaves the question as it
// was), and it only moves the first two or three words of a clause, so
// that what it cannot read stays as the mode wrote it. "I" with a verb
// other than an auxiliary is left alone: "I think it works?" is a
// statement with a question mark, not "Do I think it works?".

// englishWordOrder rewrites the questions and indirect questions of
// output's prose (ranges) in English word order. source is the text
// translated, whose "¿" tells where a Spanish question begins: "no
// puedo abrir el archivo, ¿me lo mandas otra vez?" asks only its second
// clause (questionClauses).
func englishWordOrder(output, source string, ranges [][2]int) string {
	var edits []edit
	asked := questionClauses(source)
	question := 0
	start := 0
	for i := 0; i <= len(output); i++ {
		if i == len(output) {
			// The last sentence, which may have no mark.
			words := proseWords(output, start, i, ranges)
			edits = append(edits, indirectQuestions(words)...)
			edits = append(edits, englishClauses(words, false, nil)...)
			break
		}
		c := output[i]
		if c == '\n' {
			words := proseWords(output, start, i, ranges)
			edits = append(edits, indirectQuestions(words)...)
			edits = append(edits, englishClauses(words, false, nil)...)
			start = i + 1
			continue
		}
		if (c != '.' && c != '!' && c != '?') || !inRanges(ranges, i) {
			continue
		}
		if i+1 < len(output) {
			if next, _ := utf8.DecodeRuneInString(output[i+1:]); isWordRune(next) {
				continue // "3.5", "a.m.", "?q="
			}
		}
		words := proseWords(output, start, i, ranges)
		var ask []edit
		if c == '?' {
			first := 0 // the clause the question begins at
			if question < len(asked) && asked[question] >= 0 {
				first = lastClauses(words, asked[question]+1)
			}
			question++
			ask = askEnglish(words, first)
		}
		// A clause's subject put back first: where it moves, the question
		// is asked with it ("It is ready the report?", "Is the report
		// ready?", not "Is it ready the report?").
		edits = append(edits, englishClauses(words, c == '?', ask)...)
		edits = append(edits, ask...)
		edits = append(edits, indirectQuestions(words)...)
		start = i + 1
	}
	return applyEdits(output, edits)
}

// edit replaces output[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// applyEdits applies edits to s in the order of where they begin; of two
// that overlap, the one that begins first is applied.
func applyEdits(s string, edits []edit) string {
	if len(edits) == 0 {
		return s
	}
	slices.SortStableFunc(edits, func(a, b edit) int { return a.from - b.from })
	var b strings.Builder
	last := 0
	for _, e := range edits {
		if e.from < last {
			continue
		}
		b.WriteString(s[last:e.from])
		b.WriteString(e.text)
		last = e.to
	}
	b.WriteString(s[last:])
	return b.String()
}

// word is a word of the prose: where it is, as written, and in lower
// case. clause is true for the first word after a comma, colon or
// semicolon (and the sentence's first word).
type word struct {
	from, to int
	text     string
	lower    string
	clause   bool
}

// proseWords returns the words of output[start:end], in order, that lie
// in the prose. A part that is not prose (a mention, a link, code) stands
// in the list as a word with no text, which no rule reads, so that no
// edit spans it; a word after it starts a clause only after a comma.
func proseWords(output string, start, end int, ranges [][2]int) []word {
	var words []word
	clause := true
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(output[i:])
		if !inRanges(ranges, i) {
			if n := len(words); n == 0 || words[n-1].text != "" {
				words = append(words, word{from: i, to: i})
			}
			clause = false
			i += size
			continue
		}
		if r == ',' || r == ':' || r == ';' {
			clause = true
			i += size
			continue
		}
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < end && inRanges(ranges, j) {
			r2, s2 := utf8.DecodeRuneInString(output[j:])
			if !isWordRune(r2) && r2 != '\'' && r2 != '\u2019' {
				break
			}
			j += s2
		}
		text := output[i:j]
		words = append(words, word{from: i, to: j, text: text, lower: strings.ToLower(text), clause: clause})
		clause = false
		i = j
	}
	return words
}

// askEnglish returns the edits that put the question in words (a
// sentence that ends in "?") in English order: at the first clause from
// words[first] on that starts as a statement would, a subject and its
// verb ("You can", "It works") or a question word, a subject and its
// verb ("Where you live").
func askEnglish(words []word, first int) []edit {
	for k, w := range words {
		if !w.clause || k < first {
			continue
		}
		rest := words[k:]
		if questionWords[w.lower] {
			// "how long" and "how often" ask as one word ("¿cuánto tiempo
			// lo dejo en el horno?", "how long I leave it in the oven?").
			ask, n := w.text+" ", 1
			// Only a person's verb: "how long it takes the train?" is
			// postposedSubject's, "how long you have been" no "do".
			if w.lower == "how" && len(rest) > 3 && (rest[1].lower == "long" || rest[1].lower == "often") && !rest[1].clause &&
				askedPeople[rest[2].lower] && !auxiliaries[rest[3].lower] && !beHave[rest[3].lower] {
				ask, n = w.text+" "+rest[1].text+" ", 2
			}
			if e, ok := invert(rest[n:], ask, w.from, false, false); ok {
				return []edit{e}
			}
			continue
		}
		if e, ok := invert(rest, "", w.from, true, k == 0); ok {
			return []edit{e}
		}
	}
	return nil
}

// questionClauses returns, for each "?" of source, how many clause
// breaks (",", ";", ":") its question has after the "¿" that opens it,
// or -1 where no "¿" opens it in its sentence (English, French, or
// Spanish written without one): the question is then the sentence's.
func questionClauses(source string) []int {
	var out []int
	opened, breaks := false, 0
	for _, r := range source {
		switch r {
		case '¿':
			opened, breaks = true, 0
		case ',', ';', ':':
			breaks++
		case '?':
			if opened {
				out = append(out, breaks)
			} else {
				out = append(out, -1)
			}
			opened, breaks = false, 0
		case '.', '!', '\n':
			opened, breaks = false, 0
		}
	}
	return out
}

// lastClauses returns where the last n clauses of words begin.
func lastClauses(words []word, n int) int {
	for k := len(words) - 1; k > 0; k-- {
		if words[k].clause {
			if n--; n == 0 {
				return k
			}
		}
	}
	return 0
}

// askedPeople are the subjects "how long" asks about with "do".
var askedPeople = setOf("i", "you", "we", "they")

// beHave are the forms of "be" and "have", which ask without "do".
var beHave = setOf("am", "are", "is", "was", "were", "have", "has", "had", "'m", "'re")

// questionWords start a question whose subject comes next ("Where you
// live?").
var questionWords = setOf("what", "where", "when", "why", "how", "which", "who")

// invert returns the edit that asks with the subject words[0] and its
// verb words[1]: the auxiliary before the subject ("can you"), or "do"
// in the verb's tense and person before it and the verb in the
// infinitive ("does it work"). before is written first (a question
// word); from is where the edit begins. yesNo asks without a question
// word: the first word takes the subject's capital, and "somebody" is
// "anyone"; initial says the subject starts the sentence.
func invert(words []word, before string, from int, yesNo, initial bool) (edit, bool) {
	if len(words) < 2 {
		return edit{}, false
	}
	// "already" or "still" between the subject and its verb stays after
	// the subject: "You already finished it?" asks "Did you already
	// finish it?".
	var adverb string
	capital := yesNo && startsUpper(words[0].text)
	switch {
	case len(words) > 2 && midAdverbs[words[1].lower] && words[1].text == words[1].lower:
		adverb = words[1].lower
		words = append([]word{words[0]}, words[2:]...)
	case len(words) > 2 && midAdverbs[words[0].lower]:
		// The modes' "Already you finished it?" ("¿Ya lo terminaste?").
		adverb = words[0].lower
		words = words[1:]
	}
	subj, verb := words[0], words[1]
	p, ok := englishSubjects[subj.lower]
	if !ok || subj.text != subj.lower && subj.text != upperFirst(subj.lower) {
		return edit{}, false // "IT works": an acronym, not a pronoun
	}
	var next string
	if len(words) > 2 {
		next = words[2].lower
	}
	subject := subj.lower
	if subject == "i" {
		subject, capital = "I", yesNo && initial
	}
	if yesNo && (subject == "somebody" || subject == "someone") {
		subject = "anyone"
	}
	write := func(aux, rest string, to int) (edit, bool) {
		if capital {
			aux = upperFirst(aux)
		}
		text := before + aux + " " + subject
		if adverb != "" {
			text += " " + adverb
		}
		if rest != "" {
			text += " " + rest
		}
		return edit{from: from, to: to, text: text}, true
	}
	isHave := verb.lower == "have" || verb.lower == "has"
	isDo := verb.lower == "do" || verb.lower == "does" || verb.lower == "did"
	if auxiliaries[verb.lower] || isHave || isDo {
		if !agrees(p, verb.lower) {
			return edit{}, false
		}
		switch {
		case next == "not":
			// With "not", the contraction: "Why doesn't it work?",
			// "Can't you come?".
			if len(words) < 4 || isHave && !participle(words[3].lower) {
				return edit{}, false
			}
			if f, ok := verbForms[words[3].lower]; isDo && (!ok || f.form != base) {
				return edit{}, false
			}
			return write(negative[verb.lower], "", words[2].to)
		case isDo:
			// "How you do it?": "do" the verb asks with "do"; "You do
			// it?" may be the emphatic statement, and stays.
			if before == "" {
				return edit{}, false
			}
			return write(verb.lower, "do", verb.to)
		case isHave && participle(next):
			return write(verb.lower, "", verb.to) // "Have you seen"
		case isHave && adverb == "" && midAdverbs[next] && len(words) > 3 && participle(words[3].lower):
			return write(verb.lower, next, words[2].to) // "Have you already seen"
		case isHave:
			if subject == "I" && before == "" {
				return edit{}, false // "I have a question?"
			}
			// "have" the verb asks with "do": "Do you have a minute?".
			return write(doFor(p, false), "have", verb.to)
		}
		return write(verb.lower, "", verb.to) // "Can you", "Is it"
	}
	if subject == "I" && before == "" {
		return edit{}, false // "I think it works?" is a statement
	}
	f, ok := verbForms[verb.lower]
	if !ok || f.form == base && p == third || f.form == third && p != third {
		return edit{}, false
	}
	// A request: "¿Me pasas el enlace?", "You pass me the link?", asks
	// "Can you pass me the link?", not "Do you"; so does "¿me lo
	// mandas?", "You send it to me?".
	toMe := len(words) > 4 && thingObjects[next] && words[3].lower == "to" &&
		(words[4].lower == "me" || words[4].lower == "us")
	if subject == "you" && f.form == base && yesNo && requests[f.base] && (next == "me" || next == "us" || toMe) {
		return write("can", verb.text, verb.to)
	}
	// "¿Vamos a la playa?", "We go to the beach?", suggests going:
	// "Shall we go to the beach?", not "Do we".
	if subject == "we" && f.form == base && yesNo && suggestions[f.base] {
		return write("shall", verb.text, verb.to)
	}
	return write(doFor(p, f.form == past), f.base, verb.to)
}

// suggestions are the verbs of what "we" may do that a yes-no question
// in the first person plural suggests ("¿Pedimos una pizza?", "Shall we
// order a pizza?").
var suggestions = setOf("go", "meet", "eat", "order", "watch", "leave", "try", "book", "play", "grab", "take", "stay",
	"walk", "swim", "share", "split", "dance", "celebrate", "cook", "start", "call", "ask", "stop", "sit")

// midAdverbs stand between a subject and its verb.
var midAdverbs = setOf("already", "still")

// objects are the words that start the object of "have" or "do" after
// "already" (alreadyFirst), besides articles.
var objects = setOf("it", "them", "this", "that", "these", "those", "some", "everything", "nothing", "one",
	"time", "all")

// thingObjects are the objects a request sends "to me".
var thingObjects = setOf("it", "them", "this", "that")

// requests are the verbs that, asked of "you" with "me" or "us", ask a
// favour: "Can you send me the file?".
var requests = setOf("send", "give", "pass", "tell", "call", "help", "show", "bring", "lend", "forward",
	"share", "explain", "say", "spend", "let", "approve", "review", "check", "save", "keep", "teach")

// clauses splits words at the clause starts (word.clause), leaving out
// the stand-ins for what is not prose.
func clauses(words []word) [][]word {
	var out [][]word
	for k := 0; k < len(words); {
		end := k + 1
		for end < len(words) && !words[end].clause {
			end++
		}
		out = append(out, words[k:end])
		k = end
	}
	return out
}

// englishClauses returns the edits for the order the modes keep of a
// Spanish clause (question is set for a sentence that ends in "?"):
//
//   - a subject after its verb, with the "it" the mode adds before the
//     verb: "When it is the meeting?" is "When is the meeting?", "It is
//     ready the report?" "Is the report ready?", "it does not work the
//     link" "the link does not work" (postposedSubject);
//   - "already" first: "already I fixed it" is "I already fixed it",
//     "already it is fixed" "it is already fixed";
//   - a day with "the": "see you the Monday" is "see you on Monday",
//     "until the Friday" "until Friday";
//   - a subject said again at the end, as Spanish stresses it ("lo hago
//     yo"): "I do it I" is "I do it".
//
// ask holds the edits that ask the sentence's question: a clause one of
// them begins at keeps its "already" for the question to place ("Already
// you finished it?" asks "Did you already finish it?").
func englishClauses(words []word, question bool, ask []edit) []edit {
	var edits []edit
	for _, c := range clauses(words) {
		if len(c) == 0 || c[0].text == "" {
			continue
		}
		if e, ok := postposedSubject(c, question); ok {
			edits = append(edits, e)
		} else if e, ok := alreadyFirst(c); ok && !slices.ContainsFunc(ask, func(a edit) bool { return a.from == c[0].from }) {
			edits = append(edits, e)
		}
		if n := len(c); n >= 3 && c[0].lower == c[n-1].lower && repeatedSubjects[c[0].lower] && c[n-2].text != "" {
			edits = append(edits, edit{from: c[n-2].to, to: c[n-1].to})
		}
	}
	for k, w := range words {
		if w.lower != "the" || k+1 >= len(words) || !weekdays[words[k+1].text] {
			continue
		}
		if k > 0 && dayPrepositions[words[k-1].lower] && !words[k].clause {
			edits = append(edits, edit{from: w.from, to: words[k+1].from}) // "until Friday"
			continue
		}
		on := "on"
		if startsUpper(w.text) {
			on = "On"
		}
		edits = append(edits, edit{from: w.from, to: w.to, text: on})
	}
	return edits
}

// adverbs end a clause after its noun phrase.
var adverbs = setOf("again", "now", "today", "yesterday", "tomorrow", "already", "yet", "too", "still",
	"anymore", "here", "there", "later", "soon", "well", "also")

var repeatedSubjects = setOf("i", "you", "we", "they", "he", "she")

var weekdays = setOf("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

// englishPrepositions stand between "be" and a noun phrase that is no
// subject: "it was in a meeting".
var englishPrepositions = setOf("in", "on", "at", "to", "for", "with", "from", "of", "by", "about", "into", "under",
	"over", "after", "before", "near", "behind", "inside", "outside", "without", "like", "off", "out", "up", "down")

// dayPrepositions take a day without "on": "until Friday".
var dayPrepositions = setOf("on", "until", "till", "by", "from", "since", "before", "after", "for", "of", "to")

// questionPhrases are the question words of more than one word,
// longest first.
var questionPhrases = [][]string{{"at", "what", "time"}, {"what", "time"}, {"what", "day"}, {"how", "long"}}

// intransitives are verbs that take no object, so that a noun phrase
// after them is their subject: "it does not work the link".
var intransitives = setOf("work", "works", "worked", "fail", "fails", "failed", "crash", "crashes", "crashed",
	"arrive", "arrives", "arrived", "exist", "exists", "existed", "matter", "matters", "mattered",
	"begin", "begins", "began", "start", "starts", "started", "end", "ends", "ended", "come", "comes", "came",
	"finish", "finishes", "finished", "begun", "die", "dies", "died")

// whIntransitives take no object after a question word, where a noun
// phrase after them is their subject ("what time it leaves your train?",
// from "¿a qué hora sale tu tren?", "what time does your train leave?";
// "when it opens the shop?"; spa-eng's "exit" before senses makes it
// "leave"); in a statement "it leaves the keys" has an object.
var whIntransitives = setOf("leave", "leaves", "left", "exit", "exits", "exited", "land", "lands", "landed", "depart", "departs", "departed",
	"open", "opens", "opened", "close", "closes", "closed")

// howMuch are the nouns that, after "a", say how much.
var howMuch = setOf("lot", "bit", "little", "while")

// postposedSubject returns the edit that puts a clause's subject, which
// Spanish may say after its verb and the mode leaves there with "it" or
// "they" before the verb, where English has it: "When it is the
// meeting?" is "When is the meeting?", "It is ready the report?" "Is the
// report ready?", "It works the link?" "Does the link work?", "When it
// begins the meeting?" "When does the meeting begin?", "It does not work
// the link" "The link does not work" (englishClauses). The verb is "be",
// maybe with one adjective, or one that takes no object, so that "it
// opens the door" stays.
func postposedSubject(c []word, question bool) (edit, bool) {
	for _, w := range c {
		if w.text == "" {
			return edit{}, false // a mention or a link: nothing moves across it
		}
	}
	k := 0 // the subject's index
	wh := ""
	if questionWords[c[0].lower] {
		wh, k = c[0].text+" ", 1
	}
	// A question word of two or three: "at what time it begins the
	// call?" is "at what time does the call begin?".
	for _, p := range questionPhrases {
		if len(c) > len(p) && slices.EqualFunc(c[:len(p)], p, func(w word, s string) bool { return w.lower == s }) {
			wh, k = strings.Join(wordTexts(c[:len(p)]), " ")+" ", len(p)
			break
		}
	}
	if k+3 > len(c) || c[k].lower != "it" && c[k].lower != "they" {
		return edit{}, false
	}
	// The noun phrase that ends the clause: a determiner and one or two
	// words.
	np := -1
	for i := len(c) - 2; i >= len(c)-3 && i >= k+2; i-- {
		if englishDeterminers[c[i].lower] {
			np = i
			break
		}
		if adverbs[c[i+1].lower] {
			break // "it failed the deploy again": "again" is no noun
		}
	}
	// "a lot", "a bit" are how much, no subject: "it is raining a lot"
	// (from "está lloviendo mucho") stays.
	if np < 0 || c[np].lower == "a" && howMuch[c[len(c)-1].lower] {
		return edit{}, false
	}
	subject := strings.Join(wordTexts(c[np:]), " ")
	mid := c[k+1 : np]
	asked := question || wh != ""
	var text string
	switch be := mid[0].lower; {
	case (be == "is" || be == "are" || be == "was" || be == "were") && len(mid) <= 2:
		adjective := ""
		if len(mid) == 1 && wh == "" {
			return edit{}, false // "It was a strong fall": what it was
		}
		if len(mid) == 2 {
			if _, ok := englishSubjects[mid[1].lower]; ok || mid[1].lower == "not" || englishPrepositions[mid[1].lower] {
				// "It was in a meeting" (from "estaba en una
				// reunión") says where it was: no subject after it.
				return edit{}, false
			}
			adjective = " " + mid[1].text
		}
		if asked {
			text = wh + be + " " + subject + adjective // "Is the report ready"
		} else {
			text = subject + " " + be + adjective // "The report is ready"
		}
	default:
		verb := mid[len(mid)-1]
		if !intransitives[verb.lower] && (wh == "" || !whIntransitives[verb.lower]) {
			return edit{}, false
		}
		aux := mid[:len(mid)-1]
		not, perfect := false, false
		switch {
		case len(aux) == 0:
		case len(aux) == 2 && (aux[0].lower == "does" || aux[0].lower == "did") && aux[1].lower == "not",
			len(aux) == 1 && (aux[0].lower == "doesn't" || aux[0].lower == "didn't"):
			not = true
		case (len(aux) == 1 || len(aux) == 2 && midAdverbs[aux[1].lower]) && (aux[0].lower == "has" || aux[0].lower == "have") && participle(verb.lower):
			// The perfect: "it has arrived the package" ("ha llegado el
			// paquete") is "the package has arrived".
			perfect = true
		default:
			return edit{}, false
		}
		if !asked {
			text = subject + " " + strings.Join(wordTexts(mid), " ") // "The link does not work"
			break
		}
		if perfect {
			text = wh + aux[0].lower + " " + subject + " " + strings.Join(wordTexts(mid[1:]), " ") // "Has the package arrived"
			break
		}
		f, ok := verbForms[verb.lower]
		if !ok {
			return edit{}, false
		}
		p := third
		if c[k].lower == "they" {
			p = base
		}
		do := doFor(p, f.form == past)
		if not {
			do = negative[do] // "Why doesn't the link work"
		}
		text = wh + do + " " + subject + " " + f.base // "Does the link work"
	}
	if startsUpper(c[0].text) {
		text = upperFirst(text)
	} else {
		text = lowerFirst(text)
	}
	return edit{from: c[0].from, to: c[len(c)-1].to, text: text}, true
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// alreadyFirst returns the edit that moves a clause's first word
// "already" after its subject, and after the subject's auxiliary: "I
// already fixed it", "it is already fixed" (englishClauses).
func alreadyFirst(c []word) (edit, bool) {
	if len(c) < 3 || c[0].lower != "already" {
		return edit{}, false
	}
	if _, ok := englishSubjects[c[1].lower]; !ok || c[2].text == "" {
		return edit{}, false
	}
	subject := c[1].lower
	if subject == "i" {
		subject = "I"
	}
	if startsUpper(c[0].text) {
		subject = upperFirst(subject)
	}
	verb := c[2].lower
	// "have" and "do" are the auxiliaries before a verb ("I have already
	// sent it"), the verbs before their object: "ya lo tengo", "already
	// I have it", is "I already have it".
	haveDo := verb == "have" || verb == "has" || verb == "had" || verb == "do" || verb == "does" || verb == "did"
	if haveDo && (len(c) == 3 || articles[c[3].lower] || objects[c[3].lower]) {
		return edit{from: c[0].from, to: c[2].to, text: subject + " already " + c[2].text}, true
	}
	if auxiliaries[verb] || haveDo {
		return edit{from: c[0].from, to: c[2].to, text: subject + " " + c[2].text + " already"}, true
	}
	if _, ok := verbForms[verb]; !ok && !strings.HasSuffix(verb, "ed") {
		return edit{}, false
	}
	return edit{from: c[0].from, to: c[2].to, text: subject + " already " + c[2].text}, true
}

// indirectQuestions returns the edits that write an indirect question
// as a statement: after a verb of knowing or asking, "where is the file"
// is "where the file is" (and "where it is the meeting", the modes' way
// with "dónde está la reunión", "where the meeting is"). Only a noun
// phrase that starts with a determiner and runs to the clause's end
// moves: "what is happening" and "what is in it" stay.
func indirectQuestions(words []word) []edit {
	var edits []edit
	for k := 1; k+3 < len(words); k++ {
		if !knowing[words[k-1].lower] || !questionWords[words[k].lower] || words[k].lower == "how" {
			continue
		}
		j := k + 1
		if words[j].lower == "it" && (words[j+1].lower == "is" || words[j+1].lower == "are") {
			j++
		}
		be := words[j]
		if be.lower != "is" && be.lower != "are" || j+1 >= len(words) || !englishDeterminers[words[j+1].lower] {
			continue
		}
		end := j + 1
		for end+1 < len(words) && !words[end+1].clause && end-j < 6 {
			if phraseStops[words[end+1].lower] || words[end+1].text == "" {
				break
			}
			end++
		}
		if end == j+1 || end+1 < len(words) && !words[end+1].clause {
			continue // no noun, or the phrase does not end the clause: leave it
		}
		text := words[k].text + " " + strings.Join(wordTexts(words[j+1:end+1]), " ") + " " + be.text
		edits = append(edits, edit{from: words[k].from, to: words[end].to, text: text})
		k = end
	}
	return edits
}

func wordTexts(words []word) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.text
	}
	return out
}

// person is a subject's for agreement: third for "it" and "someone",
// base for the others ("you", "we"); first for "I", which takes "am".
type person int

const (
	base person = iota
	third
	first
	past // a verb form, not a person: "worked"
)

var englishSubjects = map[string]person{
	"you": base, "we": base, "they": base, "i": first,
	"he": third, "she": third, "it": third, "this": third, "that": third,
	"somebody": third, "someone": third, "anybody": third, "anyone": third,
	"everybody": third, "everyone": third,
}

// auxiliaries go before the subject as they are: modals and "be".
var auxiliaries = setOf("can", "could", "will", "would", "should", "may", "might", "must", "shall",
	"am", "are", "is", "was", "were")

// negative gives an auxiliary before "not" the contraction a question
// asks with: "Why doesn't it work?".
var negative = map[string]string{
	"can": "can't", "could": "couldn't", "will": "won't", "would": "wouldn't", "should": "shouldn't",
	"are": "aren't", "is": "isn't", "was": "wasn't", "were": "weren't",
	"do": "don't", "does": "doesn't", "did": "didn't", "have": "haven't", "has": "hasn't",
}

// agrees reports whether an auxiliary agrees with a subject: "it are"
// is not a question to invert.
func agrees(p person, aux string) bool {
	switch aux {
	case "am":
		return p == first
	case "is", "has", "does":
		return p == third
	case "are", "have", "do":
		return p == base || p == first && aux != "are"
	case "was":
		return p == third || p == first
	case "were":
		return p == base
	}
	return true
}

// doFor returns the "do" that asks for a subject of person p.
func doFor(p person, isPast bool) string {
	switch {
	case isPast:
		return "did"
	case p == third:
		return "does"
	}
	return "do"
}

// participle reports a past participle after "have": "seen", "tried".
func participle(w string) bool {
	if f, ok := verbForms[w]; ok && f.participle {
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 3
}

// knowing are the words an indirect question follows.
var knowing = setOf("know", "knows", "knew", "wonder", "ask", "asks", "asked", "sure", "idea", "tell",
	"understand", "remember", "forget", "forgot", "see", "check", "explain", "me")

// englishDeterminers start the noun phrase an indirect question moves.
var englishDeterminers = setOf("the", "a", "an", "my", "your", "our", "his", "her", "their", "its", "this",
	"that", "these", "those")

// phraseStops end a noun phrase: a verb or a conjunction after it is
// more than the phrase.
var phraseStops = setOf("is", "are", "was", "were", "and", "or", "but", "that", "which", "who",
	"because", "if", "when", "will", "can", "has", "have", "do", "does")

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// verbForm is what a form of a listed verb is: its infinitive and
// whether it is the third person, the past, or the base form.
type verbForm struct {
	base       string
	form       person
	participle bool
}

// verbForms maps the forms of chatVerbs to what they are.
var verbForms = buildVerbForms()

// chatVerbs are the verbs chat asks with: the infinitive, and where they
// are irregular their past and past participle.
var chatVerbs = []struct{ base, past, participle string }{
	{"agree", "", ""}, {"approve", "", ""}, {"arrive", "", ""}, {"ask", "", ""}, {"believe", "", ""}, {"begin", "began", "begun"},
	{"break", "broke", "broken"}, {"bring", "brought", "brought"}, {"build", "built", "built"},
	{"buy", "bought", "bought"}, {"call", "", ""}, {"care", "", ""}, {"change", "", ""}, {"chat", "chatted", "chatted"},
	{"check", "", ""}, {"close", "", ""}, {"come", "came", "come"}, {"copy", "", ""}, {"depart", "", ""}, {"deploy", "", ""},
	{"do", "did", "done"}, {"download", "", ""}, {"drink", "drank", "drunk"}, {"drive", "drove", "driven"},
	{"eat", "ate", "eaten"}, {"enjoy", "", ""}, {"exit", "", ""}, {"expect", "", ""}, {"fail", "", ""}, {"feel", "felt", "felt"},
	{"find", "found", "found"}, {"finish", "", ""}, {"fix", "", ""}, {"forget", "forgot", "forgotten"},
	{"get", "got", "got"}, {"give", "gave", "given"}, {"go", "went", "gone"}, {"guess", "", ""},
	{"hate", "", ""}, {"have", "had", "had"}, {"hear", "heard", "heard"}, {"help", "", ""}, {"hope", "", ""}, {"install", "", ""},
	{"keep", "kept", "kept"}, {"know", "knew", "known"}, {"land", "", ""}, {"learn", "", ""}, {"leave", "left", "left"},
	{"lend", "lent", "lent"}, {"let", "let", "let"}, {"explain", "", ""}, {"forward", "", ""}, {"pass", "", ""},
	{"show", "showed", "shown"},
	{"like", "", ""}, {"listen", "", ""}, {"live", "", ""}, {"look", "", ""}, {"lose", "lost", "lost"},
	{"love", "", ""}, {"make", "made", "made"}, {"mean", "meant", "meant"}, {"meet", "met", "met"},
	{"merge", "", ""}, {"mind", "", ""}, {"park", "", ""}, {"order", "", ""}, {"book", "", ""}, {"cook", "", ""},
	{"return", "", ""}, {"shop", "shopped", "shopped"}, {"clean", "", ""}, {"miss", "", ""}, {"need", "", ""}, {"open", "", ""}, {"pay", "paid", "paid"},
	{"plan", "planned", "planned"}, {"play", "", ""}, {"prefer", "preferred", "preferred"}, {"put", "put", "put"},
	{"read", "read", "read"}, {"receive", "", ""}, {"remember", "", ""}, {"review", "", ""}, {"revise", "", ""},
	{"run", "ran", "run"}, {"save", "", ""}, {"say", "said", "said"}, {"see", "saw", "seen"}, {"sell", "sold", "sold"},
	{"send", "sent", "sent"}, {"share", "", ""}, {"sleep", "slept", "slept"}, {"speak", "spoke", "spoken"},
	{"spend", "spent", "spent"}, {"start", "", ""}, {"stay", "", ""}, {"study", "", ""}, {"take", "took", "taken"},
	{"talk", "", ""}, {"teach", "taught", "taught"}, {"tell", "told", "told"}, {"test", "", ""},
	{"think", "thought", "thought"}, {"travel", "", ""}, {"try", "", ""}, {"understand", "understood", "understood"},
	{"upload", "", ""}, {"use", "", ""}, {"wait", "", ""}, {"want", "", ""}, {"watch", "", ""},
	{"win", "won", "won"}, {"work", "", ""}, {"write", "wrote", "written"},
}

func buildVerbForms() map[string]verbForm {
	m := map[string]verbForm{}
	for _, v := range chatVerbs {
		m[v.base] = verbForm{base: v.base, form: base}
		m[thirdPerson(v.base)] = verbForm{base: v.base, form: third}
	}
	// The present is the reading of a form that is both ("put", "come",
	// "read"): "Where you put it?" asks "Where do you put it?".
	for _, v := range chatVerbs {
		pastForm, part := v.past, v.participle
		if pastForm == "" {
			pastForm = regularPast(v.base)
			part = pastForm
		}
		if f, ok := m[part]; !ok {
			m[part] = verbForm{base: v.base, form: past, participle: true}
		} else if f.base == v.base {
			// Still a participle after "have": "You have read it?"
			// asks "Have you read it?".
			f.participle = true
			m[part] = f
		}
		if _, ok := m[pastForm]; !ok {
			m[pastForm] = verbForm{base: v.base, form: past}
		}
	}
	return m
}

// thirdPerson returns the present third person singular of a verb:
// "works", "fixes", "tries", "has", "does".
func thirdPerson(v string) string {
	switch v {
	case "have":
		return "has"
	case "do", "go":
		return v + "es"
	}
	switch {
	case strings.HasSuffix(v, "s"), strings.HasSuffix(v, "sh"), strings.HasSuffix(v, "ch"),
		strings.HasSuffix(v, "x"), strings.HasSuffix(v, "z"):
		return v + "es"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// regularPast returns the past of a regular verb: "worked", "used",
// "tried".
func regularPast(v string) string {
	switch {
	case strings.HasSuffix(v, "e"):
		return v + "d"
	case strings.HasSuffix(v, "y") && len(v) > 1 && !strings.ContainsRune("aeiou", rune(v[len(v)-2])):
		return v[:len(v)-1] + "ied"
	}
	return v + "ed"
}
