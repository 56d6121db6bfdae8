package apertium

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Spanish "por favor" with the imperative. eng-spa reads the verb after
// "please" as an infinitive and writes it so: "please send me the link"
// came out "por favor enviarme el enlace", "Please review my PR" "Por
// favor revisar mi PR". Spanish asks with the imperative, and sets a
// comma after "por favor" when it opens the request: "por favor,
// envíame el enlace", "Por favor, revisa mi PR". The engine writes the
// imperative of "tú" (the person the modes' verbs speak to) for the verbs
// chat asks with (tuImperatives), and the pronouns after it as Spanish
// joins them, with the accent that the stress then needs ("revísalo",
// "ábrelo", "compruébalo"). A verb it does not know stays the mode's.

// tuImperatives maps infinitives to the imperative of "tú": the regular
// ones are the present's third person ("revisa", "abre"); listed are
// those whose stem changes or that are irregular.
var tuImperatives = func() map[string]string {
	m := map[string]string{
		"hacer": "haz", "poner": "pon", "decir": "di", "ir": "ve", "venir": "ven", "salir": "sal",
		"tener": "ten", "ser": "sé", "dar": "da", "ver": "ve",
		"enviar": "envía", "confiar": "confía", "reenviar": "reenvía",
		"comprobar": "comprueba", "probar": "prueba", "cerrar": "cierra", "volver": "vuelve",
		"devolver": "devuelve", "resolver": "resuelve", "pedir": "pide", "repetir": "repite",
		"seguir": "sigue", "contar": "cuenta", "encontrar": "encuentra", "recordar": "recuerda",
		"mostrar": "muestra", "pensar": "piensa", "empezar": "empieza", "despertar": "despierta",
		"mover": "mueve", "elegir": "elige", "jugar": "juega", "dormir": "duerme", "sentar": "sienta",
		"reiniciar": "reinicia", "cambiar": "cambia", "iniciar": "inicia", "copiar": "copia",
		"actualizar": "actualiza", "leer": "lee", "traer": "trae", "oír": "oye", "corregir": "corrige",
		"servir": "sirve", "medir": "mide", "conseguir": "consigue", "sugerir": "sugiere",
		"advertir": "advierte", "colgar": "cuelga", "soltar": "suelta", "aprobar": "aprueba",
		"encender": "enciende", "desplegar": "despliega", "incluir": "incluye", "mantener": "mantén",
	}
	for _, v := range []string{
		"revisar", "lavar", "limpiar", "mandar", "pasar", "ayudar", "avisar", "enseñar", "llamar", "mirar", "echar", "esperar", "guardar",
		"borrar", "eliminar", "añadir", "abrir", "escribir", "compartir", "subir", "bajar", "descargar",
		"instalar", "ejecutar", "comprar", "buscar", "explicar", "contestar", "responder", "aprender",
		"comer", "beber", "tomar", "dejar", "usar", "utilizar", "intentar", "tratar", "olvidar", "apagar",
		"encender", "crear", "editar", "firmar", "aceptar", "confirmar", "comentar", "preguntar",
		"escuchar", "hablar", "trabajar", "terminar", "acabar", "entrar", "llegar", "quedar",
		"arreglar", "fijar", "publicar", "adjuntar", "reservar", "agregar", "marcar", "pulsar", "tocar",
		"cancelar", "enlazar", "etiquetar", "mencionar", "comprender", "unir", "recibir", "vivir",
		"correr", "vender", "meter", "imprimir", "disculpar", "perdonar", "descansar", "cuidar", "invitar",
	} {
		switch {
		case strings.HasSuffix(v, "ar"):
			m[v] = strings.TrimSuffix(v, "ar") + "a"
		default: // -er, -ir
			m[v] = v[:len(v)-2] + "e"
		}
	}
	return m
}()

// spanishClitics are the pronouns joined to an infinitive or an
// imperative, longest first.
var spanishClitics = []string{"nos", "los", "las", "les", "me", "te", "se", "lo", "la", "le", "os"}

// splitClitics splits an infinitive with up to two pronouns joined to it
// ("enviármelo") into the infinitive without the accent they needed and
// the pronouns.
func splitClitics(w string) (verb, clitics string) {
	infinitive := func(s string) bool {
		s = unaccent(s)
		return len(s) > 2 && (strings.HasSuffix(s, "ar") || strings.HasSuffix(s, "er") || strings.HasSuffix(s, "ir"))
	}
	for _, c1 := range spanishClitics {
		r1, ok := strings.CutSuffix(w, c1)
		if !ok {
			continue
		}
		if infinitive(r1) {
			return unaccentVerb(r1), c1
		}
		for _, c2 := range spanishClitics {
			if r2, ok := strings.CutSuffix(r1, c2); ok && infinitive(r2) {
				return unaccentVerb(r2), c2 + c1
			}
		}
	}
	return w, ""
}

// unaccentVerb takes off the accent an infinitive takes with two
// pronouns ("enviár-me-lo"); "oír" keeps its own.
func unaccentVerb(v string) string {
	if v == "oír" {
		return v
	}
	return unaccent(v)
}

func unaccent(s string) string {
	return unaccenter.Replace(s)
}

var unaccenter = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u")

// joinClitics joins pronouns to an imperative, with the written accent
// the stress needs when the word grows ("revisa" + "lo" → "revísalo";
// "envía", "haz" and "di" need none).
func joinClitics(imp, clitics string) string {
	if clitics == "" {
		return imp
	}
	if i := strings.IndexAny(imp, "áéíóú"); i >= 0 {
		_, size := utf8.DecodeRuneInString(imp[i:])
		if strings.Trim(imp[i+size:], "ns") != "" {
			return imp + clitics // "envíame": the accent stays where it is
		}
		// "mantén" + "lo": the stress now falls on a word that ends in a
		// vowel and needs no mark ("mantenlo").
		return unaccent(imp) + clitics
	}
	nuclei := vowelNuclei(imp)
	if len(nuclei) < 2 {
		return imp + clitics // "dime", "hazlo"
	}
	n := nuclei[len(nuclei)-2] // the stressed syllable of the bare form
	at := n[0]
	// In a diphthong the strong vowel takes the accent ("cuéntame"); of
	// two weak ones, the second.
	for i := n[0]; i < n[1]; i++ {
		if strings.IndexByte("aeo", imp[i]) >= 0 {
			at = i
			break
		}
		at = i
	}
	accented := map[byte]string{'a': "á", 'e': "é", 'i': "í", 'o': "ó", 'u': "ú"}[imp[at]]
	return imp[:at] + accented + imp[at+1:] + clitics
}

// vowelNuclei returns where the vowel groups of a lower-case Spanish word
// are, the "u" of "que", "qui", "gue" and "gui" not counted.
func vowelNuclei(w string) [][2]int {
	var out [][2]int
	for i := 0; i < len(w); {
		if !isVowel(w[i]) || w[i] == 'u' && i > 0 && (w[i-1] == 'q' || w[i-1] == 'g') && i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i') {
			_, size := utf8.DecodeRuneInString(w[i:])
			i += size
			continue
		}
		j := i
		for j < len(w) && isVowel(w[j]) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// spanishPleaseImperative writes "por favor" and an infinitive that opens
// a request in output's prose (ranges) as "por favor," and the
// imperative of "tú".
func spanishPleaseImperative(output string, ranges [][2]int) string {
	return applyEdits(output, imperativeEdits(proseWords(output, 0, len(output), ranges), joinClitics))
}

// joinCliticsForModes is joinClitics for Spanish that goes on to a
// second mode: es-fr and es-pt analyse the imperative of "mantener",
// "obtener", "suponer" with its own accent kept ("manténlo", French
// "maintiens-le") and not the spelling Spanish writes ("mantenlo", which
// they left untranslated: "keep it short" came out "mantenlo court").
func joinCliticsForModes(imp, clitics string) string {
	if i := strings.IndexAny(imp, "áéíóú"); i >= 0 && clitics != "" {
		return imp + clitics
	}
	return joinClitics(imp, clitics)
}

// imperativeEdits returns spanishPleaseImperative's edits of words, and
// those of an infinitive with a pronoun joined to it that opens a
// clause, which is a command the mode wrote as an infinitive ("call me
// when you arrive", "llamarme cuando llegas", and "when you finish, send
// me the report", "cuando acabas, enviarme el informe"): "llámame",
// "envíame". A bare infinitive ("Cerrar la puerta") is a title or a
// heading as often as a command, and stays.
func imperativeEdits(words []word, join func(imp, clitics string) string) []edit {
	var edits []edit
	for k, w := range words {
		if !w.clause || w.text == "" || k > 0 && words[k-1].lower == "favor" {
			continue
		}
		verb, clitics := splitClitics(w.lower)
		imp, ok := tuImperatives[verb]
		if !ok || clitics == "" {
			continue
		}
		switch w.text {
		case w.lower:
			edits = append(edits, edit{from: w.from, to: w.to, text: join(imp, clitics)})
		case upperFirst(w.lower):
			edits = append(edits, edit{from: w.from, to: w.to, text: upperFirst(join(imp, clitics))})
		}
	}
	for k := 0; k+2 < len(words); k++ {
		if !words[k].clause || words[k].lower != "por" || words[k+1].lower != "favor" || words[k+2].text == "" {
			continue
		}
		verb, clitics := splitClitics(words[k+2].lower)
		imp, ok := tuImperatives[verb]
		if !ok || words[k+2].text != words[k+2].lower {
			continue
		}
		edits = append(edits, edit{from: words[k+1].to, to: words[k+2].to, text: ", " + join(imp, clitics)})
	}
	return edits
}

// startsWithCommand reports whether English text opens with one of
// commandVerbs before a determiner: "check the logs", "Close your
// tickets" (commandsAtStart).
func startsWithCommand(text string) bool {
	f := strings.Fields(strings.ToLower(text))
	return len(f) > 1 && slices.Contains(commandVerbs, f[0]) && englishDeterminers[f[1]]
}

// yourCommandEdits writes as the command the infinitive eng-spa
// writes for an English request that opens with a verb before "your"
// ("bring your ID", "Traer tu ID": "Trae tu ID"; "Invitar tus colegas",
// "Invita"), whose tagger read the infinitive. Only on the Spanish the
// reader gets: a pivot keeps the infinitive, which es-fr writes as
// French's ("Écrire ton nom"), where the present would be a statement
// ("Il écrit ton nom"). Verbs tuImperatives does not know stay.
func yourCommandEdits(source string, words []word) []edit {
	if len(words) < 2 || words[0].from != 0 {
		return nil
	}
	imp, ok := tuImperatives[words[0].lower]
	if !ok {
		return nil
	}
	switch words[1].lower { // "your", as eng-spa writes it (yourEdits makes it "tu")
	case "tu", "tus", "vuestro", "vuestra", "vuestros", "vuestras", "su", "sus":
	default:
		return nil
	}
	_, rest, _ := strings.Cut(strings.TrimSpace(source), " ")
	if second, _, _ := strings.Cut(strings.TrimLeft(rest, " "), " "); !strings.EqualFold(second, "your") {
		return nil
	}
	return []edit{{from: words[0].from, to: words[0].to, text: caseLike(words[0].text, imp)}}
}

// frenchCommand drops the subject es-fr puts before a verb that opens
// its text (a Spanish clause without one: "Il ferme l'entrée") where the
// English text (source) opened with a command: its French is the
// imperative, "ferme le ticket", which for these verbs is the form
// es-fr wrote.
func frenchCommand(source, text string) string {
	if !strings.HasPrefix(text, "Il ") && !strings.HasPrefix(text, "il ") || !startsWithCommand(source) {
		return text
	}
	if text[0] == 'I' {
		return upperFirst(text[3:])
	}
	return text[3:]
}
