package apertium

import (
	"regexp"
	"strings"
)

// Sport, exercise, aches and moving house, which chat talks about as
// often as work and which eng-spa (and French and Portuguese through its
// Spanish) writes word by word:
//
//   - a sport is played with "jugar a": eng-spa's lexical selection
//     picks an instrument's "tocar" for "play" ("do you play tennis?",
//     "¿Tocas tenis?"; French through it "tu touches tennis"), and
//     eng-cat's "jugar" has no "a" ("jugues tennis"): "¿juegas al
//     tenis?", "jugues a tennis";
//   - going to do an activity is "ir a" with the infinitive: "we're going
//     swimming tomorrow" came out "vamos natación mañana", "I went
//     swimming" "Fui nadar", "do you want to come running?" "¿quieres
//     venir corriendo?" (French through it "venir en courant"): "vamos a
//     nadar", "fui a nadar", "venir a correr"; "estoy yendo a correr" is
//     "voy a correr"; camping is "ir de camping";
//   - an ache is "doler" with the one it hurts as its object and the body
//     part its subject: "my legs hurt" came out "mis patas dolieron", "my
//     back hurts" "mi atrás duele": "me duelen las piernas", "me duele la
//     espalda" (the body parts only: "my code hurts" stays the mode's);
//   - "too tired to go out" is "demasiado cansado para salir" (eng-spa:
//     "de salir");
//   - people who move, with no thing moved, move house, "mudarse":
//     "we're moving next month" came out "Estamos moviendo", "I'm
//     moving to Madrid" "Estoy moviendo a Madrid": "nos mudamos", "me
//     mudo a Madrid" (movingHouse reads the English);
//   - an ache French has ("j'ai mal au ventre") is "doler" too: fr-es
//     writes "tengo mal al vientre", Spanish "me duele el vientre";
//   - "help" someone do a thing takes "a": "¿me puedes ayudar a llevar
//     las cajas?" (eng-spa: "ayudar llevar").
//
// Each is a word edit on Spanish prose (writeForChat), and on a pivot's
// Spanish before its second mode, so that French and Portuguese through
// it take them ("tu joues au tennis", "nous allons nager").

// playForms maps the forms of "tocar" eng-spa writes for "play", and
// "jugar"'s own, to "jugar"'s.
var playForms = func() map[string]string {
	m := map[string]string{}
	for _, f := range [][2]string{
		{"tocar", "jugar"}, {"toco", "juego"}, {"tocas", "juegas"}, {"toca", "juega"}, {"tocamos", "jugamos"},
		{"tocáis", "jugáis"}, {"tocan", "juegan"}, {"toqué", "jugué"}, {"tocaste", "jugaste"}, {"tocó", "jugó"},
		{"tocasteis", "jugasteis"}, {"tocaron", "jugaron"}, {"tocaba", "jugaba"}, {"tocabas", "jugabas"},
		{"tocábamos", "jugábamos"}, {"tocaban", "jugaban"}, {"tocando", "jugando"}, {"tocado", "jugado"},
		{"tocaré", "jugaré"}, {"tocarás", "jugarás"}, {"tocará", "jugará"}, {"tocaremos", "jugaremos"},
		{"tocarán", "jugarán"}, {"tocaría", "jugaría"}, {"tocarías", "jugarías"}, {"toque", "juegue"},
		{"toques", "juegues"}, {"toquemos", "juguemos"}, {"toquen", "jueguen"},
	} {
		m[f[0]] = f[1]
		m[f[1]] = f[1]
	}
	return m
}()

// sports are the Spanish names of the games "jugar al" takes.
var sports = setOf("tenis", "fútbol", "futbol", "baloncesto", "básquet", "golf", "ajedrez", "pádel", "voleibol",
	"béisbol", "rugby", "hockey", "squash", "bádminton", "billar", "ping-pong", "póquer", "balonmano")

// catalanSports are the Catalan names of the games "jugar a" takes.
var catalanSports = setOf("tennis", "futbol", "bàsquet", "golf", "escacs", "pàdel", "voleibol", "rugbi", "hoquei",
	"billar", "handbol")

// goForms are the forms of "ir" and "venir" an activity follows.
var goForms = setOf("ir", "voy", "vas", "va", "vamos", "vais", "van", "fui", "fuiste", "fue", "fuimos", "fueron",
	"iré", "irás", "irá", "iremos", "irán", "iba", "ibas", "íbamos", "iban", "yendo", "venir", "vengo", "vienes",
	"viene", "venimos", "vienen", "vine", "viniste", "vino", "vendré", "vendrás", "vendrá", "ven", "vente")

// activities maps the words eng-spa writes for an activity after "go" or
// "come" (its gerund, or a noun) to the infinitive Spanish goes to do.
var activities = map[string]string{
	"nadando": "nadar", "natación": "nadar", "corriendo": "correr", "patinando": "patinar", "esquiando": "esquiar",
	"pescando": "pescar", "bailando": "bailar", "escalando": "escalar",
}

// activityInfinitives are activities' infinitives, which eng-spa writes
// after "ir" without its "a" ("I went swimming", "Fui nadar").
var activityInfinitives = func() map[string]bool {
	m := map[string]bool{}
	for _, inf := range activities {
		m[inf] = true
	}
	return m
}()

// goingForms maps "estar" before "yendo" to the present of "ir".
var goingForms = map[string]string{"estoy": "voy", "estás": "vas", "está": "va", "estamos": "vamos", "estáis": "vais", "están": "van"}

// bodyPart is the Spanish name of a body part and its gender.
type bodyPart struct {
	noun     string
	feminine bool
}

// bodyParts maps eng-spa's words for the body parts that ache (singular
// and plural) to Spanish's: "leg" is an animal's "pata" to it, "back"
// the adverb "atrás"; fr-es's "frente" for "tête" is the head ("vientre"
// stays: spa-eng has no "barriga" for a pivot into English).
var bodyParts = func() map[string]bodyPart {
	m := map[string]bodyPart{"pata": {"pierna", true}, "patas": {"piernas", true}, "atrás": {"espalda", true},
		"vientre": {"vientre", false}, "frente": {"cabeza", true},
		"pies": {"pies", false}, "pie": {"pie", false}}
	for _, p := range []string{"pierna", "cabeza", "espalda", "rodilla", "garganta", "muela", "oreja", "mano",
		"muñeca", "barriga", "tripa", "cadera"} {
		m[p], m[p+"s"] = bodyPart{p, true}, bodyPart{p + "s", true}
	}
	for _, p := range []string{"estómago", "brazo", "cuello", "hombro", "diente", "ojo", "oído", "tobillo", "pecho",
		"músculo", "dedo", "codo", "cuerpo"} {
		m[p], m[p+"s"] = bodyPart{p, false}, bodyPart{p + "s", false}
	}
	return m
}()

// withDoler returns the article of the part and the form of "doler" it
// takes as the subject: "la espalda" "duele", "los pies" "duelen".
func (p bodyPart) withDoler() (article, verb string) {
	plural := strings.HasSuffix(p.noun, "s")
	switch {
	case plural && p.feminine:
		return "las", "duelen"
	case plural:
		return "los", "duelen"
	case p.feminine:
		return "la", "duele"
	}
	return "el", "duele"
}

// hurtForms are the forms of "doler" eng-spa writes for "hurt(s)" after
// a body part.
var hurtForms = setOf("duele", "duelen", "dolió", "dolieron", "dolido", "dolida", "dolidos", "dolidas")

// achers maps the possessive before the body part to the clitic of the
// one it hurts.
var achers = map[string]string{"mi": "me", "mis": "me", "tu": "te", "tus": "te"}

// tooMuch are the forms of "demasiado" before an adjective.
var tooMuch = setOf("demasiado", "demasiada", "demasiados", "demasiadas")

// movingHouse matches English in which people move with no thing moved:
// a person's subject, then "move" at the end of its clause or before
// where or when ("we're moving next month", "I moved to Madrid", "they
// moved out"); "move to" a place named with a capital, "a" or another.
// "we moved the meeting", "let's move to the next item" are things moved.
var movingHouse = regexp.MustCompile(`(?i)\b(?:i|we|they|i'm|we're|they're|i've|we've|they've|i'll|we'll|they'll)\s+(?:(?:am|are|will|have|just|finally|already|be|were|was|had|recently|soon|also|going|to|gonna|want|need|planning|plan)\s+)*(?:moving|move|moved)\b(?:\s*(?:$|[.,!?;])|\s+(?:house|home|out|in|abroad|away|next|this|last|tomorrow|soon|today|on|again|back|here|there)\b|\s+to\s+(?:(?-i:\p{Lu})|a\b|an\b|another\b|the\s+(?:countryside|city|coast|suburbs)\b))`)

// moveHouseForms maps the forms of "mover" eng-spa writes for people
// moving to "mudarse"'s, with the clitic; "" where the person is the
// verb before's ("vamos a mover", "vamos a mudarnos").
var moveHouseForms = map[string]string{
	"muevo": "me mudo", "mueves": "te mudas", "mueve": "se muda", "movemos": "nos mudamos", "movéis": "os mudáis",
	"mueven": "se mudan", "moví": "me mudé", "moviste": "te mudaste", "movió": "se mudó", "movimos": "nos mudamos",
	"movieron": "se mudaron", "moveré": "me mudaré", "moverás": "te mudarás", "moverá": "se mudará",
	"moveremos": "nos mudaremos", "moverán": "se mudarán",
}

// movedHaber maps "haber" before "movido" to the clitic before it ("he
// movido", "me he mudado").
var movedHaber = map[string]string{"he": "me", "has": "te", "ha": "se", "hemos": "nos", "habéis": "os", "han": "se"}

// moveInfinitive maps "ir" before "a mover" to "mudarse" with its clitic.
var moveInfinitive = map[string]string{"voy": "mudarme", "vas": "mudarte", "va": "mudarse", "vamos": "mudarnos",
	"vais": "mudaros", "van": "mudarse"}

// estarMoving maps "estar" before "moviendo" to "mudarse"'s present.
var estarMoving = map[string]string{"estoy": "me mudo", "estás": "te mudas", "está": "se muda", "estamos": "nos mudamos",
	"estáis": "os mudáis", "están": "se mudan"}

// movingEdits returns the edits that write "mover" as "mudarse" where the
// English source moves house (movingHouse).
func movingEdits(source string, words []word) []edit {
	if !movingHouse.MatchString(source) {
		return nil
	}
	var edits []edit
	for k, w := range words {
		switch {
		case w.lower == "moviendo" && k > 0 && estarMoving[words[k-1].lower] != "":
			edits = append(edits, edit{from: words[k-1].from, to: w.to, text: caseLike(words[k-1].text, estarMoving[words[k-1].lower])})
		case w.lower == "mover" && k > 1 && words[k-1].lower == "a" && moveInfinitive[words[k-2].lower] != "":
			edits = append(edits, edit{from: w.from, to: w.to, text: moveInfinitive[words[k-2].lower]})
		case w.lower == "movido" && k > 0 && movedHaber[words[k-1].lower] != "":
			have := words[k-1]
			edits = append(edits, edit{from: have.from, to: w.to, text: caseLike(have.text, movedHaber[have.lower]) + " " + have.lower + " mudado"})
		case moveHouseForms[w.lower] != "":
			edits = append(edits, edit{from: w.from, to: w.to, text: caseLike(w.text, moveHouseForms[w.lower])})
		}
	}
	return edits
}

// helpForms are the forms of "ayudar" an infinitive follows with "a".
var helpForms = setOf("ayudar", "ayudo", "ayudas", "ayudamos", "ayudan", "ayudé", "ayudaste", "ayudó", "ayudaré",
	"ayudarás", "ayudará", "ayudarme", "ayudarte", "ayudarle", "ayudarnos", "ayudarles", "ayúdame", "ayúdanos", "ayudando")

// mayHaveActivities is the cheap test before activityEdits.
func mayHaveActivities(text string) bool {
	lower := strings.ToLower(text)
	for _, w := range []string{"toc", "toq", "jug", "jueg", "ando", "endo", "natación", "duel", "dol", "demasiad", "nadar", "yud", "yúd",
		"correr", "patinar", "esquiar", "pescar", "bailar", "escalar", "mal a", "camping"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// activityEdits returns the edits of Spanish words (prose) above.
func activityEdits(words []word) []edit {
	var edits []edit
	at := func(k int) word {
		if k < 0 || k >= len(words) {
			return word{}
		}
		return words[k]
	}
	for k, w := range words {
		switch {
		case playForms[w.lower] != "" && sports[at(k+1).lower]:
			// "tocas tenis" → "juegas al tenis"; "jugar tenis" → "jugar al tenis".
			edits = append(edits, edit{from: w.from, to: at(k + 1).from, text: caseLike(w.text, playForms[w.lower]) + " al "})
		case playForms[w.lower] != "" && at(k+1).lower == "el" && sports[at(k+2).lower]:
			// "toco el ajedrez" → "juego al ajedrez".
			edits = append(edits, edit{from: w.from, to: at(k + 2).from, text: caseLike(w.text, playForms[w.lower]) + " al "})
		case goForms[w.lower] && activities[at(k+1).lower] != "":
			next := at(k + 1)
			if w.lower == "yendo" {
				if to, ok := goingForms[at(k-1).lower]; ok {
					prev := at(k - 1)
					edits = append(edits, edit{from: prev.from, to: next.to, text: caseLike(prev.text, to) + " a " + activities[next.lower]})
				}
				continue
			}
			edits = append(edits, edit{from: next.from, to: next.to, text: "a " + activities[next.lower]})
		case goForms[w.lower] && w.lower != "yendo" && at(k+1).lower == "camping":
			// "vamos camping" → "vamos de camping".
			edits = append(edits, edit{from: at(k + 1).from, to: at(k + 1).from, text: "de "})
		case goForms[w.lower] && w.lower != "yendo" && activityInfinitives[at(k+1).lower]:
			// "Fui nadar" → "Fui a nadar".
			edits = append(edits, edit{from: at(k + 1).from, to: at(k + 1).from, text: "a "})
		case hurtForms[w.lower] && k >= 2:
			if e, ok := achesEdit(words, k); ok {
				edits = append(edits, e)
			}
		case helpForms[w.lower] && isSpanishInfinitive(at(k+1).lower) && !helpForms[at(k+1).lower]:
			// "me puedes ayudar llevar" → "ayudar a llevar".
			edits = append(edits, edit{from: at(k + 1).from, to: at(k + 1).from, text: "a "})
		case achingHave[w.lower] != "" && at(k+1).lower == "mal" && (at(k+2).lower == "al" || at(k+2).lower == "a"):
			if e, ok := achesHaveEdit(words, k); ok {
				edits = append(edits, e)
			}
		case tooMuch[w.lower] && at(k+2).lower == "de" && isSpanishInfinitive(at(k+3).lower):
			// "demasiado cansado de salir" → "demasiado cansado para salir".
			de := at(k + 2)
			edits = append(edits, edit{from: de.from, to: de.to, text: "para"})
		}
	}
	return edits
}

// achesEdit returns the edit that writes "mis patas dolieron", whose verb
// is words[k], as "me duelen las piernas", with "mucho" or "bastante"
// after it ("me duele mucho la espalda").
func achesEdit(words []word, k int) (edit, bool) {
	poss, noun := words[k-2], words[k-1]
	really := noun.lower == "realmente" && k >= 3 // "my tooth really hurts", "mi diente realmente duele"
	if really {
		poss, noun = words[k-3], words[k-2]
	}
	clitic, ok := achers[poss.lower]
	part, isPart := bodyParts[noun.lower]
	if !ok || !isPart {
		return edit{}, false
	}
	article, verb := part.withDoler()
	to := words[k].to
	verb = clitic + " " + verb
	if really {
		verb += " mucho"
	} else if k+1 < len(words) && (words[k+1].lower == "mucho" || words[k+1].lower == "bastante") {
		verb += " " + words[k+1].lower
		to = words[k+1].to
	}
	return edit{from: poss.from, to: to, text: caseLike(poss.text, verb) + " " + article + " " + part.noun}, true
}

// achingHave maps "tener" before "mal al" to the clitic of the one it
// hurts: fr-es writes French "j'ai mal au ventre" "tengo mal al vientre".
var achingHave = map[string]string{"tengo": "me", "tienes": "te", "tiene": "le", "tenemos": "nos", "tenéis": "os", "tienen": "les"}

// achesHaveEdit returns the edit that writes "tengo mal al vientre",
// whose "tener" is words[k], as "me duele el vientre" ("a la", "a los",
// "a las" too); a body part's word with no article after "mal a" is left.
func achesHaveEdit(words []word, k int) (edit, bool) {
	article, last := "el", k+2
	if words[k+2].lower == "a" {
		if k+3 >= len(words) {
			return edit{}, false
		}
		switch words[k+3].lower {
		case "la", "los", "las":
			article, last = words[k+3].lower, k+3
		default:
			return edit{}, false
		}
	}
	if last+1 >= len(words) || words[last+1].text == "" {
		return edit{}, false
	}
	to, noun := words[last].to, ""
	verb := "duele"
	if article == "los" || article == "las" {
		verb = "duelen"
	}
	if part, ok := bodyParts[words[last+1].lower]; ok {
		// The part in the Spanish chat says, in its gender.
		to, noun = words[last+1].to, " "+part.noun
		article, verb = part.withDoler()
	}
	return edit{from: words[k].from, to: to, text: caseLike(words[k].text, achingHave[words[k].lower]) + " " + verb + " " + article + noun}, true
}

// isSpanishInfinitive reports whether w is a Spanish infinitive, with its
// clitics or without ("salir", "verte", "hacerlo").
func isSpanishInfinitive(w string) bool {
	for _, clitic := range []string{"", "me", "te", "se", "lo", "la", "le", "nos", "os", "los", "las", "les"} {
		base, ok := strings.CutSuffix(w, clitic)
		if !ok || len(base) < 3 {
			continue
		}
		if strings.HasSuffix(base, "ar") || strings.HasSuffix(base, "er") || strings.HasSuffix(base, "ir") ||
			strings.HasSuffix(base, "ír") {
			return true
		}
	}
	return false
}

// catalanPlayEdits returns the edits of Catalan words (prose) that put
// "a" between "jugar" and a game (eng-cat: "jugues tennis").
func catalanPlayEdits(words []word) []edit {
	var edits []edit
	for k := 0; k+1 < len(words); k++ {
		if strings.HasPrefix(words[k].lower, "jug") && catalanSports[words[k+1].lower] {
			edits = append(edits, edit{from: words[k+1].from, to: words[k+1].from, text: "a "})
		}
	}
	return edits
}

// French aches: es-fr has no "doler" and copies Spanish's through ("me
// duelen les jambes", from "me duelen las piernas" or English's "my legs
// hurt" through it), where French says "j'ai mal aux jambes" ("me duele
// mucho la espalda", "j'ai très mal au dos").
var frenchAches = regexp.MustCompile(`(?i)\b(me|te)\s+duelen?\s+(?:(mucho|bastante|beaucoup)\s+)?(le\s+|la\s+|les\s+|l'|une\s+|un\s+)`)

// frenchAchesAs holds the French for each clitic and article above.
var frenchAchesAs = map[string]string{"me": "j'ai", "te": "tu as", "le": "au ", "la": "à la ", "les": "aux ", "l'": "à l'",
	"une": "à une ", "un": "à un "}

// frenchAche writes the aches above in output's prose (ranges), keeping
// the writer's capitals.
func frenchAche(output string, ranges [][2]int) string {
	return applyEdits(output, proseEdits(frenchAches, output, ranges, func(m []int) string {
		who := output[m[2]:m[3]]
		text := caseLike(who, frenchAchesAs[strings.ToLower(who)])
		if m[4] >= 0 {
			text += " très"
		}
		return text + " mal " + frenchAchesAs[strings.ToLower(strings.TrimSpace(output[m[6]:m[7]]))]
	}))
}
