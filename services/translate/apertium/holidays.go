package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// Christmas and New Year, the gym and the commute (rounds chat71-chat73):
// what the modes write word by word in those messages.

// Tag fixes of eng-spa (and of en→fr and en→pt, through its Spanish).
var holidaysEnglish = slices.Concat(
	// eng-spa's "have lunch" ("have# lunch", "almorzar") is not
	// generated in the gerund ("we're having lunch", "Estamos
	// almorzar") nor after "let's" (fixes.go reads its verb): "lunch",
	// "comer".
	only(`ave<vblex><[a-z]*># lunch`, []string{
		`s%\^have<vblex><ger># lunch\$%^lunch<vblex><ger>$%g`,
		`s%(\^[Ll]et<vblex><[a-z]*>\$ +\^be<vbser><pri><p3><sg>\$ +\^)have<vblex><[a-z]*># lunch\$%\1lunch<vblex><inf>$%g`,
	}),
	goForASwim,
	// "three times a week" is "tres veces por semana" (eng-spa: "tres
	// tiempo una semana"; "twice a week", "dos veces una semana").
	only(`<num>[^$]*\$ +\^time<n><pl>`, []string{`s%(<num>[^$]*\$ +)\^time<n><pl>\$%\1` + superblank("veces") + `%g`}),
	only(`(veces\])*(\^[Tt]wice<adv>\$)* +\^a<det><ind><sg>\$ +\^(week)*(day)*(month)*(year)*<n>`, func() []string {
		var subs []string
		for _, p := range [][2]string{{"week", "por semana"}, {"day", "al día"}, {"month", "al mes"}, {"year", "al año"}} {
			for _, times := range []string{`veces\]`, `\^[Tt]wice<adv>\$`} {
				subs = append(subs, `s%(`+times+`) +\^a<det><ind><sg>\$ +\^`+p[0]+`<n><sg>\$%\1 `+superblank(p[1])+`%g`)
			}
		}
		return subs
	}()),
	// "this time" is "esta vez" ("este tiempo"); "this time of year" is a
	// season, and stays the mode's.
	only(`his<det><dem><sg>\$ +\^time<n><sg>`, slices.Concat(
		[]string{`s%(\^[Tt]his<det><dem><sg>\$ +\^time<n>)<sg>(\$ +\^of<pr>)%\1<sg_season>\2%g`},
		sayAs("T", "t", `his<det><dem><sg>\$ +\^time<n><sg>\$`, "esta vez", false),
		[]string{`s%<sg_season>%<sg>%g`},
	)),
	// "since" before a month, a feast or a year is the preposition
	// ("since January", "desde entonces enero").
	only(`\^[Ss]ince<adv>`, func() []string {
		subs := []string{`s%\^([Ss])ince<adv>(\$ +\^[0-9]+<num>)%^\1ince<pr>\2%g`}
		for _, w := range []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Christmas", "Easter"} {
			subs = append(subs, `s%\^([Ss])ince<adv>(\$ +\^`+w+`<)%^\1ince<pr>\2%g`)
		}
		return subs
	}()),
	// The verb after "want to", "have to", "need to" (the tagger's "#
	// to") is the infinitive, not a participle ("do you want to come to
	// yoga?", "¿quieres venido?").
	only(`# to\$ +\^[^<$]*<vblex><pp>`, []string{`s%(# to\$ +\^[^<$]*<vblex>)<pp>\$%\1<inf>$%g`}),
	// Getting to a place is arriving there ("how do I get to the
	// centre?", "coger al centro").
	only(`et<vblex>[^$]*\$ +\^to<pr>\$ +\^the<det>`, []string{
		`s%\^get<vblex>((<[a-z0-9]*>)*\$ +\^to<pr>\$ +\^the<det>)%^arrive<vblex>\1%g`,
		`s%\^Get<vblex>((<[a-z0-9]*>)*\$ +\^to<pr>\$ +\^the<det>)%^Arrive<vblex>\1%g`,
	}),
	// A traffic jam is "un atasco" ("una mermelada de tráfico").
	only(`\^traffic<n><sg>\$ +\^jam<n>`, []string{
		`s%\^traffic<n><sg>\$ +\^jam<n><sg>\$%` + superblank("atasco") + `%g`,
		`s%\^traffic<n><sg>\$ +\^jam<n><pl>\$%` + superblank("atascos") + `%g`,
	}),
	// A place that is packed is full, "lleno" ("the train is packed",
	// "el tren está empaquetado"); a suitcase stays packed.
	only(`<n><[sp][gl]>\$ +\^be<vbser>[^$]*\$ +\^pack<vblex><pp>`, func() []string {
		var subs []string
		for _, place := range strings.Fields("train bus metro tube underground shop store bar restaurant street beach place gym station plane flight centre center city town mall supermarket club pub road motorway office cinema pool park market airport carriage") {
			subs = append(subs, `s%(\^`+place+`<n><[sp][gl]>\$ +\^be<vbser>[^$]*\$ +\^)pack<vblex><pp>\$%\1full<adj><sint>$%g`)
		}
		return subs
	}()),
	// "at my aunt's", "at Ana's" is at her home, "en casa de mi tía"
	// (the tagger reads "'s" as "is": "en mi tía está").
	only(`t<pr>\$ +\^[^$]*\$ +\^[^<$]*<n[p]*>[^$]*\$ +\^('s)*(be)*<`, func() []string {
		var subs []string
		for _, a := range [][2]string{{"a", "en casa de"}, {"A", "En casa de"}} {
			owner := `( +(\^[^<$]*<det><pos><sp>\$ +)?\^[^<$]*<n[p]*>[^$]*\$)`
			subs = append(subs, `s%\^`+a[0]+`t<pr>\$`+owner+` +\^be<vbser><pri><p3><sg>\$%`+superblank(a[1])+`\1%g`)
			for _, next := range []string{`\^[^<$]*<sent>`, ` +\^[^<$]*<pr>`, ` +\^[^<$]*<adv>`, ` +\^[^<$]*<cnjcoo>`} {
				subs = append(subs, `s%\^`+a[0]+`t<pr>\$`+owner+` +\^'s<gen>\$(`+next+`)%`+superblank(a[1])+`\1\3%g`)
			}
		}
		return subs
	}()),
	// A present is a gift, "un regalo" ("cualesquier presentes",
	// French through it "le présent"); "at present" is another unit.
	only(`\^[Pp]resent<n>`, []string{`s%\^present<n>%^gift<n>%g`, `s%\^Present<n>%^Gift<n>%g`}),
	// "happy new year" and "merry Christmas" inside a line are "feliz
	// año nuevo", "feliz Navidad" (the mode's "año nuevo feliz", "Navidad
	// alegre"; a line that is the wish alone is phrases.txt's).
	only(`appy<adj><sint>\$ +\^new<adj><sint>\$ +\^year<n><sg>`, sayAs("H", "h", `appy<adj><sint>\$ +\^new<adj><sint>\$ +\^year<n><sg>\$`, "feliz año nuevo", false)),
	only(`erry<adj><sint>\$ +\^[Cc]hristmas<n><sg>`, sayAs("M", "m", `erry<adj><sint>\$ +\^[Cc]hristmas<n><sg>\$`, "feliz Navidad", false)),
	// Christmas Eve and New Year's Eve are "Nochebuena" and "Nochevieja"
	// ("es encima Víspera de Navidad", "Eve del nuevo año"), on them "en".
	only(`Christmas eve<n>`, slices.Concat(
		sayAs("O", "o", `n<[a-z]*>\$ +\^Christmas eve<n><sg>\$`, "en Nochebuena", false),
		fix("", `\^Christmas eve<n><sg>\$`, "", "Nochebuena", false),
	)),
	only(`\^Year<n><sg>\$ +\^'s<gen>\$ +\^Eve<`, slices.Concat(
		sayAs("O", "o", `n<[a-z]*>\$ +\^New<adj><sint>\$ +\^Year<n><sg>\$ +\^'s<gen>\$ +\^Eve<[^$]*\$`, "en Nochevieja", false),
		fix("", `\^New<adj><sint>\$ +\^Year<n><sg>\$ +\^'s<gen>\$ +\^Eve<[^$]*\$`, "", "Nochevieja", false),
	)),
)

// goForASwim writes going for a swim, a dip or a run as going to swim,
// "ir a nadar" ("I'm going for a swim", "Estoy yendo para un nadar").
var goForASwim = only(`\^for<pr>\$ +\^a<det><ind><sg>\$ +\^(swim)*(run)*(jog)*(dip)*<`, func() []string {
	var subs []string
	for _, v := range [][2]string{{"swim", "swim"}, {"run", "run"}, {"jog", "jog"}, {"dip", "swim"}} { // a dip is a swim
		subs = append(subs, `s%(\^[Gg]o<vblex>[^$]*\$ +\^)for<pr>\$ +\^a<det><ind><sg>\$ +\^`+v[0]+`<[^$]*\$%\1to<pr>$ ^`+v[1]+`<vblex><inf>$%g`)
	}
	return subs
}())

// spa-eng lacks the two Eves ("*Nochevieja"), and reads "fui a correr"
// as "ser" ("I was to run").
var holidaysSpanish = slices.Concat(
	only(`\^\*[Nn]oche(buena)*(vieja)*\$`, slices.Concat(
		sayAs("E", "e", `n<pr>\$ +\^\*[Nn]ochebuena\$`, "on Christmas Eve", false),
		sayAs("E", "e", `n<pr>\$ +\^\*[Nn]ochevieja\$`, "on New Year's Eve", false),
		fix("", `\^\*[Nn]ochebuena\$`, "", "Christmas Eve", false),
		fix("", `\^\*[Nn]ochevieja\$`, "", "New Year's Eve", false),
	)),
	only(`\^ser<vbser><ifi>[^$]*\$ +\^a<pr>\$ +\^[^<$]*<vblex><inf>`, []string{
		`s%\^ser<vbser>(<ifi><p[123]><[sp][gl]>)\$( +\^a<pr>\$ +\^[^<$]*<vblex><inf>)%^ir<vblex>\1$\2%g`,
	}),
)

// es-fr lacks "Nochebuena" and writes "Nochevieja" "Nuit du nouvel an":
// French says "le réveillon" of both, and "la veille de Noël"; its wishes
// are "bonne année" and "joyeux Noël" ("heureux nouvel an", "heureux
// Noël").
var holidaysFrench = slices.Concat(
	only(`eliz<adj><mf><sg>\$ +\^[Aa]ño nuevo<n>`, sayAs("F", "f", `eliz<adj><mf><sg>\$ +\^[Aa]ño nuevo<n><m><sg>\$`, "bonne année", false)),
	only(`eliz<adj><mf><sg>\$ +\^Navidad<n>`, sayAs("F", "f", `eliz<adj><mf><sg>\$ +\^Navidad<n><f><sg>\$`, "joyeux Noël", false)),
	only(`\^\*Nochebuena\$`, slices.Concat(
		sayAs("E", "e", `n<pr>\$ +\^\*Nochebuena\$`, "la veille de Noël", false),
		fix("", `\^\*Nochebuena\$`, "", "le réveillon de Noël", false),
	)),
	only(`\^Nochevieja<n>`, slices.Concat(
		sayAs("E", "e", `n<pr>\$ +\^Nochevieja<n><f><sg>\$`, "le soir du Nouvel An", false),
		fix("", `\^el<det><def><f><sg>\$ +\^Nochevieja<n><f><sg>\$`, "", "le réveillon du Nouvel An", false),
		fix("", `\^Nochevieja<n><f><sg>\$`, "", "le réveillon du Nouvel An", false),
	)),
)

// pt-es: "de manhã" is "por la mañana" ("fui correr de manhã", "de
// mañana", English through it "of tomorrow"), and pt-es lacks the
// superlative of a participle ("estou cansadíssimo"): "muy cansado".
var holidaysPortuguese = slices.Concat(
	only(`\^[Dd]e<pr>\$ +\^manhã<n>`, sayAs("D", "d", `e<pr>\$ +\^manhã<n><f><sg>\$`, "por la mañana", false)),
	only(`íssim`, []string{`s%\^\*([a-zç]+[ai]d)íssim([oa]s?)\$%` + superblank(`muy \1\2`) + `%g`}),
)

// es-pt lacks "gimnasio", "ginásio", and writes Spanish's "vosotros"
// as Portugal's "vós" ("¿qué vais a hacer en Navidad?", "que ides
// fazer?"), which no one speaks: a group is "vocês", its verb in the
// third person ("que vão fazer?"). Commands keep the mode's.
var spanishToPortuguese = slices.Concat(
	only(`\^\*gimnasios*\$`, slices.Concat(
		fix("", `\^\*gimnasio\$`, "", "ginásio", false),
		fix("", `\^\*gimnasios\$`, "", "ginásios", false),
	)),
	only(`<v[a-z]*><[a-z]*><p2><pl>`, []string{
		`s%<imp><p2><pl>%<imp><p2_command><pl>%g`,
		`s%(\^[^<$]*<v[a-z]*><[a-z]*>)<p2><pl>\$%\1<p3><pl>$%g`,
		`s%<p2_command>%<p2>%g`,
	}),
)

// English, from Spanish and Portuguese (and French through Spanish):
//   - "happy Christmas" is "merry Christmas";
//   - "dine" is "have dinner" ("we dine together", for "cenamos");
//   - the metro is not a metre ("in metre", "the metre");
//   - one goes "by bike", "by train" ("in bike") and "to work" ("to the
//     work", "for the work");
//   - a bus "is full" ("goes full", for "va lleno");
//   - a jam is "on the motorway";
//   - one "went for a run" ("fui a correr", "I went to run");
//   - "how much takes" ("cuánto se tarda") is "how long does it take".
var (
	englishHappyChristmas = regexp.MustCompile(`\b([Hh])appy\s+Christmas\b`)
	englishDine           = regexp.MustCompile(`\b(dine|dines|dined|dining)\b`)
	englishMetre          = regexp.MustCompile(`\b(the|by|on|from|of|take|took|get|got)\s+metre\b`)
	englishInVehicle      = regexp.MustCompile(`\bin\s+(bike|bicycle|car|train|bus|coach|metro|metre|taxi|plane|motorbike|underground|tube)\b`)
	// vehicleFollows is what may follow englishInVehicle's match: "in
	// car park" is no way to travel.
	vehicleFollows   = regexp.MustCompile(`^(?:\s+(?:to|from|and|or|every|because|today|tomorrow|again|now|with|instead)\b|\s*[.,!?;]|\s*$)`)
	englishToTheWork = regexp.MustCompile(`\b(?:to|for)\s+the\s+work\b`)
	// travelsBefore is the word before englishToTheWork's that makes it
	// one's way to work (and not "thanks to the work of").
	travelsBefore     = regexp.MustCompile(`\b(?:go|goes|going|went|come|comes|coming|came|get|gets|getting|got|drive|drives|cycle|cycles|walk|walks|bike|car|train|bus|metro|metre|taxi|tube|underground)\s+$`)
	englishGoesFull   = regexp.MustCompile(`\b(goes|go|went)\s+(full|packed|empty|crowded)\b`)
	englishInMotorway = regexp.MustCompile(`\bin\s+the\s+(motorway|highway|freeway|ring\s+road)\b`)
	englishWentToRun  = regexp.MustCompile(`\bwent\s+to\s+(run|swim|jog)\b`)
	// exerciseFollows is what may follow englishWentToRun's match: "went
	// to run errands" is no run.
	exerciseFollows     = regexp.MustCompile(`^(?:\s+(?:in|this|yesterday|today|with|and|at|before|after|on|early|again)\b|\s*[.,!?;]|\s*$)`)
	englishHowMuchTakes = regexp.MustCompile(`\b([Hh])ow\s+much\s+(?:does\s+it\s+)?takes?\b`)
)

// dineForms are englishDine's forms of "have dinner".
var dineForms = map[string]string{"dine": "have dinner", "dines": "has dinner", "dined": "had dinner", "dining": "having dinner"}

// goesForms are englishGoesFull's "go" as "be".
var goesForms = map[string]string{"goes": "is", "go": "are", "went": "was"}

// commuteRewrites are the English rewrites above (gatedRewrite).
var commuteRewrites = []gatedRewrite{
	{englishHappyChristmas, "appy Christmas", "", func(o string, m []int) (string, bool) {
		return caseLike(o[m[2]:m[3]], "merry") + " Christmas", true
	}},
	{englishDine, "din", "", func(o string, m []int) (string, bool) { return dineForms[o[m[2]:m[3]]], true }},
	{englishMetre, "metre", "the|by|on|from|of|take|took|got", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " metro", true }},
	{englishInVehicle, "in ", "", func(o string, m []int) (string, bool) {
		if !vehicleFollows.MatchString(o[m[1]:]) {
			return "", false
		}
		if way := o[m[2]:m[3]]; way != "metre" {
			return "by " + way, true
		}
		return "by metro", true
	}},
	{englishToTheWork, "the work", "", func(o string, m []int) (string, bool) { return "to work", travelsBefore.MatchString(o[:m[0]]) }},
	{englishGoesFull, "full|packed|empty|crowded", "go|went", func(o string, m []int) (string, bool) {
		return goesForms[o[m[2]:m[3]]] + " " + o[m[4]:m[5]], true
	}},
	{englishInMotorway, "in the", "way|ring", func(o string, m []int) (string, bool) { return "on the " + o[m[2]:m[3]], true }},
	{englishWentToRun, "went to", "", func(o string, m []int) (string, bool) {
		return "went for a " + o[m[2]:m[3]], exerciseFollows.MatchString(o[m[1]:])
	}},
	{englishHowMuchTakes, "much", "take", func(o string, m []int) (string, bool) {
		return o[m[2]:m[3]] + "ow long does it take", true
	}},
}

// Spanish:
//   - "are you still going?" is "¿sigues yendo?" ("¿eres todavía
//     yendo?": eng-spa's progressive lost to "still");
//   - one signs up for a race, "se apunta a" ("Firmé arriba para");
//   - a half marathon is "una media maratón" ("un maratón medio").
var (
	spanishStillDoing   = regexp.MustCompile(`\b([Ee]res|[Ee]s|[Ss]oy|[Ss]omos|[Ss]on|[Ss]ois)\s+todavía\s+(\p{L}+[ae]ndo)\b`)
	spanishSignedUp     = regexp.MustCompile(`\b((?:[Hh]e|[Hh]as|[Hh]a|[Hh]emos|[Hh]an)\s+firmado|[Ff]irmé|[Ff]irmaste|[Ff]irmó|[Ff]irmamos|[Ff]irmaron|[Ff]irmo|[Ff]irmas|[Ff]irma|[Ff]irman|[Ff]irmaré|[Ff]irmarás|[Ff]irmará)\s+arriba\s+(?:para|en|a)\b(\s+el\b)?`)
	spanishHalfMarathon = regexp.MustCompile(`\b([Uu]n|[Ee]l|[Mm]i|[Tt]u|[Ss]u)\s+maratón\s+medio\b`)
)

// stillForms are spanishStillDoing's "ser" as "seguir".
var stillForms = map[string]string{"eres": "sigues", "es": "sigue", "soy": "sigo", "somos": "seguimos", "son": "siguen", "sois": "seguís"}

// signUpForms are spanishSignedUp's "firmar" as "apuntarse".
var signUpForms = map[string]string{
	"he firmado": "me he apuntado", "has firmado": "te has apuntado", "ha firmado": "se ha apuntado",
	"hemos firmado": "nos hemos apuntado", "han firmado": "se han apuntado",
	"firmé": "me apunté", "firmaste": "te apuntaste", "firmó": "se apuntó", "firmamos": "nos apuntamos", "firmaron": "se apuntaron",
	"firmo": "me apunto", "firmas": "te apuntas", "firma": "se apunta", "firman": "se apuntan",
	"firmaré": "me apuntaré", "firmarás": "te apuntarás", "firmará": "se apuntará",
}

// halfMarathonArticle is spanishHalfMarathon's determiner in the feminine.
var halfMarathonArticle = map[string]string{"un": "una", "el": "la", "mi": "mi", "tu": "tu", "su": "su"}

// commuteRewritesByTarget are the rewrites of the other targets
// (gatedRewrite): the Spanish above, and:
//   - Portuguese says "no Natal" ("em Natal", for "en Navidad") and "à
//     meia-noite" ("sai a meia-noite");
//   - French parks "se garer" in the present too ("où je gare ?", for
//     "¿dónde aparco?"; idioms.go has the past),
//     and rides the métro, not a metre ("le mètre est arrêté").
var commuteRewritesByTarget = map[string][]gatedRewrite{
	"es": {
		{spanishStillDoing, "todavía", "ndo", func(o string, m []int) (string, bool) {
			verb := o[m[2]:m[3]]
			return caseLike(verb, stillForms[strings.ToLower(verb)]) + " " + o[m[4]:m[5]], true
		}},
		{spanishSignedUp, "arriba", "irm", func(o string, m []int) (string, bool) {
			said := o[m[2]:m[3]]
			to, ok := signUpForms[strings.ToLower(strings.Join(strings.Fields(said), " "))]
			if m[4] >= 0 {
				return caseLike(said, to) + " al", ok // "a el"
			}
			return caseLike(said, to) + " a", ok
		}},
		{spanishHalfMarathon, "maratón medio", "", func(o string, m []int) (string, bool) {
			det := o[m[2]:m[3]]
			return caseLike(det, halfMarathonArticle[strings.ToLower(det)]) + " media maratón", true
		}},
	},
	"pt": {
		{portugueseAtChristmas, "Natal", "", func(o string, m []int) (string, bool) {
			in := "no"
			if strings.EqualFold(o[m[2]:m[3]], "para") {
				in = "para o"
			}
			return caseLike(o[m[2]:m[3]], in) + " Natal", true
		}},
		{portugueseAtMidnight, "a meia-noite", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " à meia-noite", true }},
	},
	"fr": {
		{frenchParkNow, "gare", "", func(o string, m []int) (string, bool) {
			if m[6] >= 0 {
				return "", false // a car parked: "je gare la voiture"
			}
			subj := o[m[2]:m[3]]
			return subj + " " + frenchReflexive[strings.ToLower(subj)] + " " + o[m[4]:m[5]], true
		}},
		{frenchMetre, "mètre", "", func(o string, m []int) (string, bool) { return o[m[2]:m[3]] + " métro", true }},
	},
}

var (
	portugueseAtChristmas = regexp.MustCompile(`\b([Ee]m|[Pp]ara)\s+Natal\b`)
	portugueseAtMidnight  = regexp.MustCompile(`\b(sai|saem|saio|sais|chega|chegam|chego|chegas|parte|partem|começa|começam|acaba|acabam|abre|abrem|fecha|fecham|volto|voltas|volta|voltam|termina|terminam|é|foi|era)\s+a\s+meia-noite\b`)
	frenchParkNow         = regexp.MustCompile(`\b([Jj]e|[Tt]u|[Oo]n|[Nn]ous|[Vv]ous)\s+(gare|gares|garons|garez)\b(\s+(?:la|le|les|ma|ta|sa|mon|ton|son|notre|votre|nos|vos|un|une|des|l'|ça|cette|ce)\b)?`)
	frenchMetre           = regexp.MustCompile(`\b([Ll]e|[Dd]u|[Aa]u|[Ee]n)\s+mètre\b`)
)

// frenchReflexive is the reflexive pronoun of frenchPark's subject.
var frenchReflexive = map[string]string{"je": "me", "tu": "te", "on": "se", "nous": "nous", "vous": "vous"}
