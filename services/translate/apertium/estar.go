package apertium

import "strings"

// Spanish "estar". English has one verb where Spanish has two: "ser" for
// what something is, "estar" for where it is and the state it is in. The
// modes write "ser" for most of English "be": "I'm in a meeting" came out
// "Soy en una reunión", "where are you?" "¿Dónde eres?", "are you
// available?" "¿Eres disponible?", "the server is down" "El servidor es
// abajo", "it's ok" "Es vale", "is it ready?" "¿Es a punto?". Chat says
// these all the time, so the engine writes "estar" where Spanish can only
// have it:
//
//   - a form of "ser" in the first or second person ("soy", "eres",
//     "somos") before a place ("en", "aquí", "con") or a state ("bien",
//     "ocupado", "libre", "disponible"): a person is never "ser" there;
//   - any form before a state only a thing is in ("caído", "roto",
//     "conectado", "disponible", "abierto"...), which with "ser" is a
//     passive no chat writes ("es abierta", "son on-line");
//   - after "dónde" ("¿dónde estás?", "¿dónde está el archivo?"), but not
//     "de dónde eres" (where from) and not an event, which Spanish places
//     with "ser" ("¿dónde es la reunión?").
//
// and words the modes chose for "be" with them: "a punto" (ready) is
// "listo", "vale" (ok) "bien", "gratis" (free, of a person) "libre",
// "atrás" (back) "de vuelta", "on-line" "en línea", "off-line"
// "desconectado", and "abajo" is
// "caído" where the source says "down" of it. "es listo" (clever) and
// the like, where the mode did not write "a punto", stay.

// serEstar maps the present, imperfect and future forms of "ser" to
// "estar"'s ("I'll be there", "Seré allí", is "Estaré allí").
var serEstar = map[string]string{
	"soy": "estoy", "eres": "estás", "es": "está", "somos": "estamos", "sois": "estáis", "son": "están",
	"era": "estaba", "eras": "estabas", "éramos": "estábamos", "erais": "estabais", "eran": "estaban",
	"seré": "estaré", "serás": "estarás", "será": "estará", "seremos": "estaremos", "seréis": "estaréis",
	"serán": "estarán",
}

// estarAdverbs may stand between a verb and its place or state ("eres
// ahora en", "soy tan cansado": "estoy tan cansado", "soy demasiado
// cansado": "estoy demasiado cansado").
var estarAdverbs = setOf("ahora", "ya", "casi", "todavía", "aún", "también", "siempre", "nunca", "hoy", "tan", "muy", "demasiado", "demasiada", "demasiados", "demasiadas", "bastante", "suficientemente", "super", "súper")

// estarForms are the present and imperfect forms of "estar", each true
// when it is plural.
var estarForms = map[string]bool{
	"estoy": false, "estás": false, "está": false, "estamos": true, "estáis": true, "están": true,
	"estaba": false, "estabas": false, "estábamos": true, "estabais": true, "estaban": true,
	"estaré": false, "estarás": false, "estará": false, "estaremos": true, "estaréis": true, "estarán": true,
}

// serPersonal are the forms of "ser" whose subject is a person ("I",
// "you", "we").
var serPersonal = setOf("soy", "eres", "somos", "sois", "eras", "éramos", "erais", "seré", "serás", "seremos",
	"seréis")

// serPlural are the plural forms, whose adjective takes the plural.
var serPlural = setOf("somos", "sois", "son", "éramos", "erais", "eran", "seremos", "seréis", "serán")

// estarPlaces begin where a person or a thing is: "estoy en", "estás
// aquí", "está junto a la estación", "está cerca de la playa".
var estarPlaces = setOf("en", "aquí", "acá", "allí", "allá", "ahí", "con", "fuera", "junto", "cerca", "lejos", "delante", "detrás", "enfrente")

// estarPeople are states a person is in ("estoy ocupado"), after a form of
// serPersonal.
var estarPeople = setOf("bien", "mal", "ocupado", "ocupada", "ocupados", "ocupadas", "libre", "libres",
	"enfermo", "enferma", "enfermos", "enfermas", "cansado", "cansada", "cansados", "cansadas",
	"despierto", "despierta", "despiertos", "despiertas", "seguro", "segura", "seguros", "seguras",
	"contento", "contenta", "contentos", "contentas", "conectado", "conectada", "conectados", "conectadas",
	"disponible", "disponibles", "listo", "lista", "listos", "listas", "vale", "gratis", "atrás",
	"on-line", "online", "off-line", "offline", "ausente", "ausentes", "presente", "presentes",
	"nervioso", "nerviosa", "nerviosos", "nerviosas", "orgulloso", "orgullosa", "orgullosos", "orgullosas",
	"estresado", "estresada", "estresados", "estresadas")

// estarThings are states that take "estar" after any form: with "ser"
// they would be a passive or make no sense.
var estarThings = setOf("nublado", "nublada", "escayolado", "escayolada", "hinchado", "hinchada", "hinchados", "hinchadas", "caído", "caída", "caídos", "caídas", "roto", "rota", "rotos", "rotas",
	"conectado", "conectada", "conectados", "conectadas", "desconectado", "desconectada",
	"desconectados", "desconectadas", "disponible", "disponibles", "ocupado", "ocupada", "ocupados",
	"ocupadas", "abierto", "abierta", "abiertos", "abiertas", "cerrado", "cerrada", "cerrados", "cerradas",
	"encendido", "encendida", "encendidos", "encendidas", "apagado", "apagada", "apagados", "apagadas",
	"lleno", "llena", "llenos", "llenas", "vacío", "vacía", "vacíos", "vacías", "vale", "on-line", "online",
	"off-line", "offline", "abajo", "dormido", "dormida", "dormidos", "dormidas", "embarazada", "embarazadas",
	// Food and drink served cold or hot ("la sopa es fría").
	"frío", "fría", "fríos", "frías", "caliente", "calientes",
	// A thing deployed, installed, fixed or done is in that state ("ya es
	// desplegado a producción").
	"desplegado", "desplegada", "desplegados", "desplegadas", "instalado", "instalada", "instalados",
	"instaladas", "arreglado", "arreglada", "arreglados", "arregladas", "terminado", "terminada",
	"terminados", "terminadas", "actualizado", "actualizada", "actualizados", "actualizadas",
	// Paint still wet, a floor dry ("la pintura es todavía mojada").
	"mojado", "mojada", "mojados", "mojadas", "húmedo", "húmeda", "húmedos", "húmedas", "seco", "seca", "secos", "secas",
	// A room clean or dirty, bread still warm ("la habitación era muy
	// limpia", "el pan es todavía tibio").
	"limpio", "limpia", "limpios", "limpias", "sucio", "sucia", "sucios", "sucias", "tibio", "tibia", "tibios", "tibias",
	// One stuck at an airport ("soy atrapado en el aeropuerto", French
	// "coincé").
	"atrapado", "atrapada", "atrapados", "atrapadas",
	// Proud of a thing one did, a state ("he's so proud", "es tan
	// orgulloso": arrogant).
	"orgulloso", "orgullosa", "orgullosos", "orgullosas")

// freeThings are the places and times that are free (not taken) with
// "estar", the word before the verb ("la sala está libre", "la sala de
// reuniones está libre").
var freeThings = setOf("sala", "salas", "reuniones", "mesa", "mesas", "sitio", "sitios", "asiento", "asientos",
	"plaza", "plazas", "hueco", "huecos", "habitación", "baño", "despacho", "línea", "agenda", "tarde", "mañana")

// estarDe are what one is "de" with "estar": on holiday, on call, on
// sick leave, travelling.
var estarDe = setOf("vacaciones", "guardia", "baja", "viaje")

// spanishEvents are placed with "ser": "¿dónde es la reunión?".
var spanishEvents = setOf("reunión", "reuniones", "fiesta", "fiestas", "evento", "eventos", "cena", "comida",
	"almuerzo", "boda", "concierto", "clase", "clases", "conferencia", "charla", "cita", "partido",
	"ceremonia", "presentación", "demo", "entrevista", "curso", "taller", "quedada", "llamada")

var spanishDeterminers = setOf("el", "la", "los", "las", "mi", "mis", "tu", "tus", "su", "sus", "este",
	"esta", "estos", "estas", "ese", "esa", "esos", "esas", "nuestro", "nuestra", "nuestros", "nuestras")

// spanishEstar writes "estar" where output, a Spanish translation of
// source, has "ser" before a place or a state (see above), in its prose
// (ranges).
func spanishEstar(source, output string, ranges [][2]int) string {
	return applyEdits(output, estarEdits(source, proseWords(output, 0, len(output), ranges)))
}

// English "was" and "were" before a participle are the passive of what
// happened or the state a thing or person was in, where eng-spa writes
// the preterite of "estar" for both ("my flight was cancelled", "Mi
// vuelo estuvo anulado"; "I was tired", "Estuve cansado"), a past Spanish
// gives a state only for a stretch of time it names ("estuvo cerrado
// todo el día"). A state (estarPeople, estarThings' first ones, or any
// participle after "ya") is the imperfect, "estaba cansado", "la puerta
// estaba cerrada"; any other participle is the passive, "ser"'s
// preterite: "mi vuelo fue cancelado", "los archivos fueron eliminados".
var (
	estarPreterite = map[string][2]string{ // the passive's form, the state's
		"estuve": {"fui", "estaba"}, "estuviste": {"fuiste", "estabas"}, "estuvo": {"fue", "estaba"},
		"estuvimos": {"fuimos", "estábamos"}, "estuvisteis": {"fuisteis", "estabais"},
		"estuvieron": {"fueron", "estaban"},
	}
	// pastStates are the states estarThings holds that a thing is in
	// rather than what was done to it: "the door was closed".
	pastStates = setOf("caído", "caída", "caídos", "caídas", "roto", "rota", "rotos", "rotas", "abierto",
		"abierta", "abiertos", "abiertas", "cerrado", "cerrada", "cerrados", "cerradas", "lleno", "llena",
		"llenos", "llenas", "vacío", "vacía", "vacíos", "vacías", "encendido", "encendida", "encendidos",
		"encendidas", "apagado", "apagada", "apagados", "apagadas", "conectado", "conectada", "conectados",
		"conectadas", "desconectado", "desconectada", "desconectados", "desconectadas", "aburrido", "aburrida",
		"aburridos", "aburridas", "preocupado", "preocupada", "preocupados", "preocupadas", "atascado",
		"atascada", "atascados", "atascadas", "bloqueado", "bloqueada", "bloqueados", "bloqueadas",
		"perdido", "perdida", "perdidos", "perdidas", "confundido", "confundida", "confundidos", "confundidas")
	// irregularParticiples are the participles that do not end in
	// -ado or -ido.
	irregularParticiples = setOf("hecho", "roto", "escrito", "puesto", "abierto", "resuelto", "vuelto", "dicho",
		"visto", "cubierto", "devuelto", "descubierto", "impreso", "muerto", "frito", "suelto", "envuelto")
)

// spanishParticiple reports whether w, lower case, is a participle in
// any gender and number.
func spanishParticiple(w string) bool {
	w = strings.TrimSuffix(w, "s")
	if len(w) > 4 && (strings.HasSuffix(w, "ado") || strings.HasSuffix(w, "ada") || strings.HasSuffix(w, "ido") ||
		strings.HasSuffix(w, "ida") || strings.HasSuffix(w, "ído") || strings.HasSuffix(w, "ída")) {
		return true
	}
	if strings.HasSuffix(w, "a") {
		w = strings.TrimSuffix(w, "a") + "o"
	}
	return irregularParticiples[w]
}

// pastPassiveEdit returns the edit of w, words[k], a preterite of
// "estar" before a participle (maybe after an adverb) where the source
// says "was" or "were" (see estarPreterite).
func pastPassiveEdit(words []word, k int) (edit, bool) {
	w := words[k]
	forms, ok := estarPreterite[w.lower]
	if !ok {
		return edit{}, false
	}
	n := k + 1
	already := false
	if n+1 < len(words) && estarAdverbs[words[n].lower] && !words[n+1].clause {
		already = words[n].lower == "ya" || words[n].lower == "todavía" || words[n].lower == "aún"
		n++
	}
	if n >= len(words) || words[n].clause || !spanishParticiple(words[n].lower) {
		return edit{}, false
	}
	state := pastStates[words[n].lower] || estarPeople[words[n].lower] || already ||
		k > 0 && (words[k-1].lower == "ya" || words[k-1].lower == "todavía") && !w.clause
	form := forms[0]
	if state {
		form = forms[1]
	}
	return edit{from: w.from, to: w.to, text: caseLike(w.text, form)}, true
}

// estarEdits returns spanishEstar's edits of words.
func estarEdits(source string, words []word) []edit {
	lowerSource := strings.ToLower(source)
	down := containsWord(lowerSource, "down")
	iWas := strings.Contains(lowerSource, "i was")
	was := containsWord(lowerSource, "was") || containsWord(lowerSource, "were")
	var edits []edit
	for k, w := range words {
		if was {
			if e, ok := pastPassiveEdit(words, k); ok {
				edits = append(edits, e)
				continue
			}
		}
		estar, ok := serEstar[w.lower]
		if !ok {
			// "están a punto" (not "a punto de"): the modes' "ready" is
			// "listos" with "estar" too.
			if plural, ok := estarForms[w.lower]; ok && k+2 < len(words) && words[k+1].lower == "a" &&
				words[k+2].lower == "punto" && (k+3 >= len(words) || words[k+3].lower != "de") {
				word, _ := estarWord("listo", plural, false)
				edits = append(edits, edit{from: words[k+1].from, to: words[k+2].to, text: word})
			}
			continue
		}
		// An adverb may stand between ("eres ahora en modo de
		// depuración"): the place or state is after it.
		n := k + 1
		if n+1 < len(words) && estarAdverbs[words[n].lower] && !words[n+1].clause {
			n++
		}
		var next, after word
		if n < len(words) {
			next = words[n]
		}
		if n+1 < len(words) {
			after = words[n+1]
		}
		// Two words: "a punto" (not "a punto de", about to) is the modes'
		// "ready"; "on-line" is one word.
		state, two := next.lower, false
		switch {
		case next.lower == "a" && after.lower == "punto" && (n+2 >= len(words) || words[n+2].lower != "de"):
			state, two = "listo", true
		case next.lower == "on" && after.lower == "line" && next.to+1 == after.from:
			state, two = "on-line", true
		case next.lower == "off" && after.lower == "line" && next.to+1 == after.from:
			state, two = "off-line", true
		}
		ready := two && state == "listo"
		// "era" is the first person's too, where the source says "I
		// was" ("I was in another call", "Era en otra llamada").
		personal := serPersonal[w.lower] || w.lower == "era" && iWas
		switch {
		case next.clause || next.text == "":
			// Nothing after it in its clause: "¿dónde eres?", "¿en
			// qué canal eres?".
			if !personal || k == 0 || (words[k-1].lower != "dónde" || k >= 2 && words[k-2].lower == "de") && !inWhich(words, k) {
				continue
			}
		case personal && (estarPlaces[state] || estarPeople[state] || ready):
		case estarThings[state] || ready:
			if state == "abajo" && !down {
				continue // downstairs may be an event's place ("la fiesta es abajo"): left alone
			}
		case k > 0 && words[k-1].lower == "dónde" && (k < 2 || words[k-2].lower != "de") &&
			spanishDeterminers[next.lower] && !spanishEvents[after.lower]:
		case (state == "bien" || state == "mal") && (after.text == "" || after.clause):
			// "bien" and "mal" that end a clause are how something is,
			// with "estar" ("the address is wrong", "la dirección es
			// mal"); before a noun "mal" is the adjective ("es mal
			// momento").
		case personal && state == "de" && after.lower == "vuelta":
		case state == "de" && estarDe[after.lower]:
			// Whoever the subject: "¿quién es de guardia?" is "¿quién
			// está de guardia?" ("who is on call?").
		case !personal && (state == "libre" || state == "libres") && k >= 1 && freeThings[words[k-1].lower]:
			// A room, a seat or a slot is free with "estar" ("the
			// meeting room is free now", "la sala de reuniones es
			// libre"); free software and a free entry stay "ser".
		case !personal && estarPlaces[state] && k >= 2 && spanishDeterminers[words[k-2].lower] &&
			!spanishEvents[words[k-1].lower] && !words[k-1].clause:
			// A thing is somewhere with "estar": "el archivo está en la
			// carpeta" (an event with "ser": "la reunión es en la sala").
		default:
			continue
		}
		if startsUpper(w.text) {
			estar = upperFirst(estar)
		}
		edits = append(edits, edit{from: w.from, to: w.to, text: estar})
		if word, ok := estarWord(state, serPlural[w.lower], down); ok && !next.clause {
			to := next.to
			if two {
				to = after.to
			}
			edits = append(edits, edit{from: next.from, to: to, text: word})
		}
	}
	return edits
}

// estarWord returns the word "estar" takes for the modes' word for a
// state of "be": "listo" for "a punto", "bien" for "vale".
func estarWord(state string, plural, down bool) (string, bool) {
	var w string
	switch state {
	case "listo":
		w = "listo"
	case "vale":
		return "bien", true
	case "gratis":
		w = "libre"
	case "atrás":
		return "de vuelta", true
	case "on-line", "online":
		return "en línea", true
	case "off-line", "offline":
		w = "desconectado"
	case "abajo":
		if !down {
			return "", false
		}
		w = "caído"
	default:
		return "", false
	}
	if plural {
		w += "s"
	}
	return w, true
}

// Catalan, like Spanish, is on call, on holiday, on sick leave or
// travelling with "estar", and sick, tired or busy: eng-cat writes "ser"
// ("who is on call?", "qui és de guàrdia?"; "Sóc malalt"), where Catalan
// says "qui està de guàrdia?", "Estic malalt".
var (
	catalanSerEstar = map[string]string{
		"sóc": "estic", "ets": "estàs", "és": "està", "som": "estem", "sou": "esteu", "són": "estan",
		"era": "estava", "eres": "estaves", "érem": "estàvem", "éreu": "estàveu", "eren": "estaven",
		"seré": "estaré", "seràs": "estaràs", "serà": "estarà", "serem": "estarem", "sereu": "estareu",
		"seran": "estaran",
	}
	catalanEstarDe = setOf("guàrdia", "vacances", "baixa", "viatge")
	// catalanFreeThings are freeThings' words in Catalan: "la sala
	// està lliure".
	catalanFreeThings = setOf("sala", "sales", "reunions", "taula", "lloc", "seient", "plaça", "forat", "habitació", "bany", "despatx", "agenda")
	// catalanEstarStates are states one is in for a while: "estic
	// malalt" ("I'm sick", "Sóc malalt").
	catalanEstarStates = setOf("malalt", "malalta", "malalts", "malaltes", "cansat", "cansada", "cansats",
		"cansades", "ocupat", "ocupada", "ocupats", "ocupades", "connectat", "connectada", "connectats",
		"connectades", "desconnectat", "desconnectada", "desconnectats", "desconnectades", "llest", "llesta",
		"llestos", "llestes", "mullat", "mullada", "mullats", "mullades", "sucat", "sucada", "sucats", "sucades")
	// catalanPersonStates are a person's states ("Sóc tan cansat", "I'm
	// so tired", Catalan "Estic tan cansat"): "estar" after the persons'
	// forms (catalanPersonForms), past intensifiers; after the third
	// person's only those of catalanThirdStates ("trist", "segur",
	// "preparat" of a thing stay "ser": sad to see, safe).
	catalanPersonStates = setOf("cansat", "cansada", "cansats", "cansades", "malalt", "malalta", "malalts", "malaltes",
		"content", "contenta", "contents", "contentes", "ocupat", "ocupada", "ocupats", "ocupades", "preparat", "preparada",
		"preparats", "preparades", "enfadat", "enfadada", "enfadats", "enfadades", "nerviós", "nerviosa", "nerviosos",
		"nervioses", "trist", "trista", "emocionat", "emocionada", "emocionats", "emocionades", "preocupat", "preocupada",
		"relaxat", "relaxada", "estressat", "estressada", "avorrit", "avorrida", "segur", "segura")
	catalanThirdStates = setOf("content", "contenta", "contents", "contentes", "ocupat", "ocupada", "ocupats", "ocupades",
		"nerviós", "nerviosa", "nerviosos", "nervioses", "emocionat", "emocionada", "emocionats", "emocionades", "preocupat",
		"preocupada", "relaxat", "relaxada", "estressat", "estressada", "avorrit", "avorrida")
	catalanPersonForms = setOf("sóc", "ets", "som", "sou", "eres", "érem")
	catalanThirdForms  = setOf("és", "són", "era", "eren")
	// catalanIntensifiers may stand between "ser" and a state.
	catalanIntensifiers = setOf("tan", "molt", "massa", "bastant", "ja", "encara")
)

// mayCatalanEstar is the cheap test before catalanEstarEdits: whether
// text may have "de" or a state after a form of "ser".
func mayCatalanEstar(text string) bool {
	for _, w := range []string{" de ", "malalt", "cansa", "ocupa", "connecta", "llest", "lliure", "content", "prepara",
		"enfada", "nervi", "trist", "emociona", "preocupa", "relaxa", "estressa", "avorri", "segur", "mulla", "suca"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// catalanEstarEdits returns the edits that write those forms of "ser"
// before "de" and one of catalanEstarDe, before one of
// catalanEstarStates, or before a person's state (catalanPersonState),
// as "estar"'s.
func catalanEstarEdits(words []word) []edit {
	var edits []edit
	for k := 0; k+1 < len(words); k++ {
		estar, ok := catalanSerEstar[words[k].lower]
		if !ok || words[k+1].clause {
			continue
		}
		de := k+2 < len(words) && words[k+1].lower == "de" && catalanEstarDe[words[k+2].lower] && !words[k+2].clause
		free := k > 0 && catalanFreeThings[words[k-1].lower] && (words[k+1].lower == "lliure" || words[k+1].lower == "lliures")
		if !de && !free && !catalanEstarStates[words[k+1].lower] && !catalanPersonState(words, k) {
			continue
		}
		if startsUpper(words[k].text) {
			estar = upperFirst(estar)
		}
		edits = append(edits, edit{from: words[k].from, to: words[k].to, text: estar})
	}
	return edits
}

// catalanPersonState reports whether the form of "ser" words[k] stands
// before one of catalanPersonStates that takes "estar" after it, past
// intensifiers ("molt", "una mica") in its clause.
func catalanPersonState(words []word, k int) bool {
	be := words[k].lower
	person := catalanPersonForms[be]
	if !person && !catalanThirdForms[be] {
		return false
	}
	j := k + 1
	for j < len(words) && !words[j].clause {
		switch {
		case catalanIntensifiers[words[j].lower]:
			j++
			continue
		case words[j].lower == "una" && j+1 < len(words) && words[j+1].lower == "mica" && !words[j+1].clause:
			j += 2
			continue
		}
		break
	}
	if j == len(words) || words[j].clause {
		return false
	}
	state := words[j].lower
	return catalanPersonStates[state] && (person || catalanThirdStates[state])
}

// inWhich reports whether "en qué" and a noun of one or two words stand
// before words[k] in its clause: where the verb places its subject ("¿en
// qué huso horario estás?").
func inWhich(words []word, k int) bool {
	for n := 2; n <= 3; n++ {
		i := k - n - 1
		if i < 0 || words[i].lower != "en" || words[i+1].lower != "qué" {
			continue
		}
		clause := false
		for _, w := range words[i+1 : k+1] {
			clause = clause || w.clause
		}
		if !clause {
			return true
		}
	}
	return false
}
