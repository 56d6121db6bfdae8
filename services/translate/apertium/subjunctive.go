package apertium

import (
	"slices"
	"strings"
)

// Spanish subjunctive after "cuando" in a request. English says "when
// you have time" for a time to come with the present, and eng-spa
// writes the present too: "revisa mi PR cuando tienes tiempo", "avísame
// cuando estás libre", "llámame cuando llegas". Spanish puts a time to
// come in the subjunctive: "cuando tengas tiempo", "cuando estés libre",
// "cuando llegues"; the indicative is for what happens whenever it does
// ("Cuando tienes un problema, llamas a soporte").
//
// The engine reads a time to come where the sentence asks or announces
// something: a command ("avísame", "revisa", "por favor"), a request
// with "poder" ("¿lo puedes comprobar cuando…"), or a future ("lo
// enviaré cuando…", "te llamaré"). There the verb after "cuando",
// "apenas", "en cuanto" or "hasta que" (with pronouns, "no", or a
// determiner and its noun between) goes into the subjunctive, if it is
// one of the verbs chat uses (spanishSubjunctives). "antes de que" takes
// the subjunctive in any sentence ("antes de que te vayas"). "si" keeps
// the indicative ("avísame si necesitas algo").

// spanishSubjunctives maps the present indicative of the singular
// persons and the third plural (and the first plural of the irregular
// verbs) to the present subjunctive: "tienes" "tengas", "llego"
// "llegue", "terminan" "terminen".
var spanishSubjunctives = func() map[string]string {
	m := map[string]string{}
	// The first person singular ("te llamo cuando llego") of the
	// irregular verbs; the others' is made from the third person below.
	for ind, sub := range map[string]string{"tengo": "tenga", "hago": "haga", "pongo": "ponga", "digo": "diga",
		"salgo": "salga", "vengo": "venga", "voy": "vaya", "soy": "sea", "estoy": "esté", "puedo": "pueda",
		"quiero": "quiera", "veo": "vea", "doy": "dé", "vuelvo": "vuelva", "traigo": "traiga",
		"conozco": "conozca", "he": "haya", "sigo": "siga", "elijo": "elija", "consigo": "consiga"} {
		m[ind] = sub
	}
	irregular := map[string][]string{ // indicative: tú, él, ellos, nosotros; then the subjunctive's
		"tener":   {"tienes", "tiene", "tienen", "tenemos", "tengas", "tenga", "tengan", "tengamos"},
		"hacer":   {"haces", "hace", "hacen", "hacemos", "hagas", "haga", "hagan", "hagamos"},
		"poner":   {"pones", "pone", "ponen", "ponemos", "pongas", "ponga", "pongan", "pongamos"},
		"decir":   {"dices", "dice", "dicen", "decimos", "digas", "diga", "digan", "digamos"},
		"salir":   {"sales", "sale", "salen", "salimos", "salgas", "salga", "salgan", "salgamos"},
		"venir":   {"vienes", "viene", "vienen", "venimos", "vengas", "venga", "vengan", "vengamos"},
		"ir":      {"vas", "va", "van", "", "vayas", "vaya", "vayan", ""},
		"ser":     {"eres", "es", "son", "somos", "seas", "sea", "sean", "seamos"},
		"estar":   {"estás", "está", "están", "estamos", "estés", "esté", "estén", "estemos"},
		"poder":   {"puedes", "puede", "pueden", "podemos", "puedas", "pueda", "puedan", "podamos"},
		"querer":  {"quieres", "quiere", "quieren", "queremos", "quieras", "quiera", "quieran", "queramos"},
		"saber":   {"sabes", "sabe", "saben", "sabemos", "sepas", "sepa", "sepan", "sepamos"},
		"ver":     {"ves", "ve", "ven", "vemos", "veas", "vea", "vean", "veamos"},
		"dar":     {"das", "da", "dan", "damos", "des", "dé", "den", "demos"},
		"volver":  {"vuelves", "vuelve", "vuelven", "volvemos", "vuelvas", "vuelva", "vuelvan", "volvamos"},
		"traer":   {"traes", "trae", "traen", "traemos", "traigas", "traiga", "traigan", "traigamos"},
		"conocer": {"conoces", "conoce", "conocen", "conocemos", "conozcas", "conozca", "conozcan", "conozcamos"},
		"haber":   {"has", "ha", "han", "hemos", "hayas", "haya", "hayan", "hayamos"},
	}
	for _, f := range irregular {
		for i := range 4 {
			if f[i] != "" {
				m[f[i]] = f[i+4]
			}
		}
	}
	// The others from their "tú" imperative, which is the present's third
	// person ("revisa", "comprueba", "sigue"), and the verbs chat says
	// after "cuando" that no one commands.
	present := map[string]string{
		"necesitar": "necesita", "funcionar": "funciona", "pagar": "paga", "regresar": "regresa",
		"cargar": "carga", "compilar": "compila", "pasar": "pasa", "fallar": "falla", "salir": "",
		"despertar": "despierta", "aterrizar": "aterriza", "cobrar": "cobra", "acordar": "acuerda",
		"pensar": "piensa", "conectar": "conecta", "aparecer": "",
	}
	for v, imp := range tuImperatives {
		if _, ok := irregular[v]; !ok {
			present[v] = imp
		}
	}
	for v, third := range present {
		if third == "" || strings.ContainsAny(third, "áéíóú") && v != "enviar" && v != "confiar" && v != "reenviar" {
			continue // "mantén" is not a present
		}
		sub := subjunctiveOf(v, third)
		if sub == "" {
			continue
		}
		m[third+"s"] = sub + "s"
		m[third] = sub
		m[third+"n"] = sub + "n"
		if first := third[:len(third)-1] + "o"; !strings.HasSuffix(third, "ue") && !strings.HasSuffix(third, "ge") {
			if _, ok := m[first]; !ok {
				m[first] = sub // "llego" "llegue", "envío" "envíe"
			}
		}
	}
	return m
}()

// subjunctiveOf returns the present subjunctive's third person of verb
// v from the indicative's: "revisa" "revise", "llega" "llegue", "busca"
// "busque", "empieza" "empiece", "abre" "abra", "sigue" "siga", "elige"
// "elija", "incluye" "incluya".
func subjunctiveOf(v, third string) string {
	stem := third[:len(third)-1]
	if strings.HasSuffix(v, "ar") {
		switch {
		case strings.HasSuffix(stem, "c"):
			return stem[:len(stem)-1] + "que"
		case strings.HasSuffix(stem, "g"):
			return stem + "ue"
		case strings.HasSuffix(stem, "z"):
			return stem[:len(stem)-1] + "ce"
		}
		return stem + "e"
	}
	switch {
	case strings.HasSuffix(stem, "gu"):
		return stem[:len(stem)-1] + "a" // "sigue" "siga"
	case strings.HasSuffix(stem, "g"):
		return stem[:len(stem)-1] + "ja" // "elige" "elija"
	case strings.HasSuffix(stem, "c"):
		return "" // "conoce" is "conozca", "vence" "venza": listed or left
	}
	return stem + "a"
}

// subjunctiveLinks are the words after which a time to come takes the
// subjunctive; "antes de que" takes it always.
var subjunctiveLinks = setOf("cuando", "apenas", "hasta que", "en cuanto", "antes de que")

// subjunctiveSkips are the words between a link and its verb the rule
// steps over.
var subjunctiveSkips = setOf("no", "lo", "la", "los", "las", "le", "les", "me", "te", "nos", "se", "tú", "él",
	"ella", "usted", "ustedes", "ellos", "ellas", "ya")

// subjunctiveEdits returns the edits that put the verb after "cuando"
// and its kind in the subjunctive, in the sentences of words that ask
// for something or announce it.
//
// edits are the edits already made to words (estarEdits'): a verb one of
// them rewrote goes into the subjunctive as rewritten ("eres libre",
// "estás libre", "estés libre"). subjunctiveEdits returns them with its
// own.
func subjunctiveEdits(text string, words []word, edits []edit) []edit {
	for _, s := range sentences(text, words) {
		request := -1 // not yet known: most sentences have no link
		for k := 0; k < len(s); k++ {
			link, n := linkAt(s, k)
			if n == 0 {
				continue
			}
			if request < 0 {
				request = 0
				if slices.ContainsFunc(s, requestWord) {
					request = 1
				}
			}
			if request == 0 && link != "antes de que" {
				continue
			}
			j := k + n
			for skipped := 0; j < len(s) && skipped < 3; skipped++ {
				w := s[j]
				if subjunctiveSkips[w.lower] {
					j++
					continue
				}
				if spanishDeterminers[w.lower] && j+1 < len(s) {
					j += 2 // "cuando el build termina"
					continue
				}
				break
			}
			if j >= len(s) || s[j].text == "" || s[j].clause && j != k+n {
				continue
			}
			if s[j].text != s[j].lower {
				continue
			}
			if i := slices.IndexFunc(edits, func(e edit) bool { return e.from == s[j].from && e.to == s[j].to }); i >= 0 {
				if sub, ok := spanishSubjunctives[edits[i].text]; ok {
					edits[i].text = sub
				}
			} else if sub, ok := spanishSubjunctives[s[j].lower]; ok {
				edits = append(edits, edit{from: s[j].from, to: s[j].to, text: sub})
			}
			k = j
		}
	}
	return edits
}

// linkAt returns the link that starts at s[k] and its length in words.
func linkAt(s []word, k int) (string, int) {
	switch s[k].lower {
	case "cuando", "apenas", "hasta", "en", "antes":
	default:
		return "", 0
	}
	for n := 3; n >= 1; n-- {
		if k+n > len(s) {
			continue
		}
		var b strings.Builder
		for i := k; i < k+n; i++ {
			if s[i].text == "" || i > k && s[i].clause {
				b.Reset()
				break
			}
			if i > k {
				b.WriteByte(' ')
			}
			b.WriteString(s[i].lower)
		}
		if subjunctiveLinks[b.String()] {
			return b.String(), n
		}
	}
	return "", 0
}

// requestWord reports whether w asks for something or announces it: a
// command ("avísame", "revisa", "por favor"), "poder" asked with, a
// future ("enviaré", "llamará").
func requestWord(w word) bool {
	switch w.lower {
	case "favor", "puedes", "podrías", "puede", "podría", "pueden", "podemos", "avísame", "avísanos", "dime",
		"dinos", "recuerda", "espera", "vamos":
		return true
	}
	if w.clause {
		if verb, clitics := splitClitics(w.lower); clitics != "" && tuImperatives[verb] != "" {
			return true // "enviarme", which imperativeEdits makes "envíame"
		}
	}
	if imperativeForms[w.lower] || w.clause && bareImperatives[w.lower] {
		return true // "revísalo", and "revisa mi PR" where it opens a clause
	}
	for _, end := range []string{"ré", "rás", "rá", "remos", "rán"} {
		if strings.HasSuffix(w.lower, end) && len(w.lower) > len(end)+2 {
			return true
		}
	}
	return false
}

// imperativeForms are the "tú" imperatives with the pronouns chat joins
// to them ("revísalo", "envíamelo"); bareImperatives without ("revisa"),
// which are also the present's third person ("el sistema revisa…") and
// ask only where they open a clause.
var imperativeForms = func() map[string]bool {
	m := map[string]bool{}
	for _, imp := range tuImperatives {
		for _, c := range []string{"me", "nos", "lo", "la", "los", "las", "le", "les", "melo", "mela", "noslo", "selo", "sela"} {
			m[joinClitics(imp, c)] = true
		}
	}
	return m
}()

// sentences splits words (of text) where a full stop, a question or an
// exclamation mark ends a sentence.
func sentences(text string, words []word) [][]word {
	var out [][]word
	start := 0
	for k := 1; k < len(words); k++ {
		if strings.ContainsAny(text[words[k-1].to:words[k].from], ".?!") {
			out = append(out, words[start:k])
			start = k
		}
	}
	return append(out, words[start:])
}

var bareImperatives = func() map[string]bool {
	m := map[string]bool{}
	for _, imp := range tuImperatives {
		m[imp] = true
	}
	return m
}()
