package apertium

import (
	"regexp"
	"slices"
	"strings"
)

// A first day at a new job, glasses and the optician, karaoke and singing
// (rounds chat131-chat133): what the modes write word by word in those
// messages.

// voicesEnglish are tag fixes of eng-spa (and of en→fr and en→pt, through
// its Spanish).
var voicesEnglish = slices.Concat(
	// Glasses: reading after "can't" ("Puedo no leído": the participle
	// was read), contact lenses, "lentillas" ("contacto lenses"),
	// sunglasses, "gafas de sol" (which eng-spa lacks), short-sighted,
	// "miope" ("baix-albirat").
	only(`<vaux>[^$]*\$ +\^read<vblex><(pp)*(past)*>\$`, []string{
		`s%(<vaux>[^$]*\$ +\^read<vblex>)<(pp)*(past)*>\$%\1<inf>$%g`,
	}),
	only(`\^contact<n><sg>\$ +\^\*lenses\$`, []string{
		`s%\^contact<n><sg>\$ +\^\*lenses\$%` + superblank("lentillas") + `%g`,
	}),
	only(`\^\*sunglasses\$`, []string{
		`s%\^my<det><pos><sp>\$ +\^\*sunglasses\$%` + superblank("mis gafas de sol") + `%g`,
		`s%\^your<det><pos><sp>\$ +\^\*sunglasses\$%` + superblank("tus gafas de sol") + `%g`,
		`s%\^\*sunglasses\$%` + superblank("gafas de sol") + `%g`,
	}),
	shortSighted("miope"),
	// Singing: losing one's voice, "me quedé sin voz" ("Perdí mi voz"),
	// joining a choir or a club, "me apunté a" ("Uní un coro"), the
	// lyrics, "la letra" ("las letras").
	only(`\^[Pp]rpers<prn><subj><p1><mf><sg>\$ +\^lose<vblex><past>\$ +\^my<det><pos><sp>\$ +\^voice<n><sg>\$`,
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^lose<vblex><past>\$ +\^my<det><pos><sp>\$ +\^voice<n><sg>\$`, "me quedé sin voz", false)),
	joinedA("me apunté a", "me he apuntado a"),
	theLyrics("la letra"),
)

// joinedA writes "I joined a choir", "I've joined a gym" as the target
// says one signs up (eng-spa "Uní un coro").
func joinedA(past, perfect string) []string {
	return only(`\^[Pp]rpers<prn><subj><p1><mf><sg>(\+have<vbhaver><pres>)*\$ +\^join<vblex><(past)*(pp)*>\$ +\^a<det><ind><sg>\$`, slices.Concat(
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\$ +\^join<vblex><past>\$ +\^a<det><ind><sg>\$`, past+" un", false),
		sayAs("P", "p", `rpers<prn><subj><p1><mf><sg>\+have<vbhaver><pres>\$ +\^join<vblex><pp>\$ +\^a<det><ind><sg>\$`, perfect+" un", false),
	))
}

// shortSighted writes "short-sighted" as the target's word (eng-spa and
// eng-cat lack it: "baix-albirat").
func shortSighted(word string) []string {
	return only(`\^short<adj><sint>\$\^-<guio>\$\^(\*sighted)*(sight<vblex><pp>)*\$`, []string{
		`s%\^short<adj><sint>\$\^-<guio>\$\^(\*sighted)*(sight<vblex><pp>)*\$%` + superblank(word) + `%g`,
	})
}

// theLyrics writes a song's lyrics as the target names them, one thing
// ("la letra", Catalan "la lletra"; the modes' "las letras").
func theLyrics(text string) []string {
	return only(`\^the<det><def><sp>\$ +\^lyric<n><pl>\$`, []string{
		`s%\^the<det><def><sp>\$ +\^lyric<n><pl>\$%` + superblank(text) + `%g`,
	})
}

// voicesCatalan are tag fixes of eng-cat: short-sighted, "miop", the
// lyrics, "la lletra", joining a choir, "em vaig apuntar a".
var voicesCatalan = slices.Concat(
	shortSighted("miop"),
	theLyrics("la lletra"),
	joinedA("em vaig apuntar a", "m'he apuntat a"),
)

// voicesSpanish are tag fixes of spa-eng (and of fr→en and pt→en, through
// its Spanish).
var voicesSpanish = slices.Concat(
	// A thing done "fatal", terribly ("sings fatal"); a song that puts one
	// in a good mood ("of good humour"); knowing a thing "te la sabes"
	// ("do you know you"); "de lejos", at a distance ("of far"); getting
	// one's eyes tested, "graduarse la vista" ("graduate me the view");
	// "en periodo de prueba", on probation ("in period of test").
	only(`<vblex><[a-z]+>[^$]*\$ +\^fatal<adj><mf><sg>\$`, []string{
		// (one who "sale fatal" in a photo looks awful, a later fix's)
		`s%\^salir<vblex>%^salir<vbkeep>%g`,
		`s%(<vblex><[a-z]+>[^$]*\$) +\^fatal<adj><mf><sg>\$%\1 ` + superblank("terribly") + `%g`,
		`s%\^salir<vbkeep>%^salir<vblex>%g`,
	}),
	only(`\^de<pr>\$ +\^(buen)*(mal)*<adj><m><sg>\$ +\^humor<n><m><sg>\$`, []string{
		`s%\^de<pr>\$ +\^buen<adj><m><sg>\$ +\^humor<n><m><sg>\$%` + superblank("in a good mood") + `%g`,
		`s%\^de<pr>\$ +\^mal<adj><m><sg>\$ +\^humor<n><m><sg>\$%` + superblank("in a bad mood") + `%g`,
	}),
	only(`\^prpers<prn><pro><p[12]><mf><sg>\$ +\^saber<vblex><pri><p[12]><sg>\$ +\^el<det>`, []string{
		`s%\^prpers<prn><pro>(<p[12]>)<mf><sg>\$ +(\^saber<vblex><pri>\1<sg>\$ +\^el<det>)%\2%g`,
	}),
	only(`\^ver<vblex>[^$]*\$ +\^bien<adv>\$ +\^de<pr>\$ +\^lejos<adv>\$`, []string{
		`s%(\^ver<vblex>[^$]*\$ +\^bien<adv>\$) +\^de<pr>\$ +\^lejos<adv>\$%\1 ` + superblank("at a distance") + `%g`,
	}),
	only(`\^graduar<vblex><inf>\+prpers<prn><enc><p1><mf><sg>\$ +\^el<det><def><f><sg>\$ +\^vista<n>`, []string{
		`s%\^graduar<vblex><inf>\+prpers<prn><enc><p1><mf><sg>\$ +\^el<det><def><f><sg>\$ +\^vista<n><f><sg>\$%` + superblank("get my eyes tested") + `%g`,
	}),
	only(`\^periodo<n><m><sg>\$ +\^de<pr>\$ +\^prueba<n><f><sg>\$`, []string{
		`s%\^en<pr>\$ +\^periodo<n><m><sg>\$ +\^de<pr>\$ +\^prueba<n><f><sg>\$%` + superblank("on probation") + `%g`,
		`s%\^periodo<n><m><sg>\$ +\^de<pr>\$ +\^prueba<n><f><sg>\$%` + superblank("probation period") + `%g`,
	}),
	// Glasses: contact lenses, "lentillas", which spa-eng lacks; "al lado
	// de", next to ("at the side of").
	only(`\^\*lentillas*\$`, []string{
		`s%\^\*lentillas\$%` + superblank("contact lenses") + `%g`,
		`s%\^\*lentilla\$%` + superblank("contact lens") + `%g`,
	}),
	only(`\^al lado<adv>\$ +\^de<pr>`, []string{
		`s%\^al lado<adv>\$ +\^de<pr>\$%` + superblank("next to") + `%g`,
		`s%\^al lado<adv>\$ +\^de<pr>\+el<det><def><m><(sg)*(pl)*>\$%` + superblank("next to the") + `%g`,
	}),
)

// voicesFrenchToSpanish are tag fixes of fr-es (and of fr→en and fr→pt,
// through its Spanish): glasses, "gafas" ("lunettes", which fr-es lacks),
// "ne … personne", nobody, "a nadie" ("persona"), "vraiment", really
// ("verdad"), in the shower, "en la ducha" ("bajo la ducha").
var voicesFrenchToSpanish = slices.Concat(
	only(`\^\*lunettes\$`, []string{
		`s%\^mon<det><pos><mf><pl>\$ +\^\*lunettes\$%` + superblank("mis gafas") + `%g`,
		`s%\^ton<det><pos><mf><pl>\$ +\^\*lunettes\$%` + superblank("tus gafas") + `%g`,
		`s%\^le<det><def><mf><pl>\$ +\^\*lunettes\$%` + superblank("las gafas") + `%g`,
		`s%\^de<pr>\+le<det><def><mf><pl>\$ +\^\*lunettes\$%` + superblank("gafas") + `%g`,
		`s%\^\*lunettes\$%` + superblank("gafas") + `%g`,
	}),
	only(`\^ne<adv>\$ +\^[^<$]*<vblex>[^$]*\$ +(\^[^<$]*<adv>\$ +)*\^personne<n><f><sg>\$`, []string{
		`s%(\^ne<adv>\$ +\^[^<$]*<vblex>[^$]*\$ +(\^[^<$]*<adv>\$ +)*)\^personne<n><f><sg>\$%\1` + superblank("a nadie") + `%g`,
	}),
	only(`\^vraiment<adv>\$ +\^(bien)*(mal)*<adv>\$`, []string{
		`s%\^vraiment<adv>\$( +\^(bien)*(mal)*<adv>\$)%^très<preadv>$\1%g`,
	}),
	only(`\^sous<pr>\$ +\^le<det><def><f><sg>\$ +\^douche<n>`, []string{
		`s%\^sous<pr>\$ +\^le<det><def><f><sg>\$ +\^douche<n><f><sg>\$%` + superblank("en la ducha") + `%g`,
	}),
)

// englishStillFirst is spa-eng's "still I'm in a meeting" (Spanish
// "todavía estoy"): English puts "still" after "I'm"; englishStillNot is
// its "still I don't have…" ("todavía no tengo"), "I still don't".
var (
	englishStillFirst = regexp.MustCompile(`\b([Ss])till (I'm|I am|you're|you are|we're|we are|they're|they are|he's|she's|it's|he is|she is|it is) `)
	englishStillNot   = regexp.MustCompile(`\b([Ss])till (I|you|we|they|he|she) (don't|do not|haven't|have not|can't|cannot|doesn't|does not|hasn't|has not|didn't|did not) `)
)

// frenchItIsMy is es-fr's "il est ma chanson préférée" (Spanish "es mi
// canción favorita"): "c'est", where a clause starts.
var frenchItIsMy = regexp.MustCompile(`(^|[.!?] )([Ii])l est (mon|ma|mes|ton|ta|tes|son|sa|ses|notre|votre|leur|un|une)\b`)

// frenchLostVoice is es-fr's "je me suis resté sans voix" (Spanish "me
// quedé sin voz", voicesEnglish): "j'ai perdu la voix".
var frenchLostVoice = regexp.MustCompile(`\b([Jj])e me suis restée? sans voix\b`)

// spanishHourOfDay is "a las dos por la mañana": "de la mañana".
var spanishHourOfDay = regexp.MustCompile(`\b(las? (?:una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|\d{1,2})(?::\d\d)?) por la (mañana|tarde|noche|madrugada)\b`)

// englishWholeTeam is spa-eng's "all the team" ("todo el equipo"): "the
// whole team"; "all the time" is not in it, being English for "always"
// and the set phrase's "take all the time you need".
var englishWholeTeam = regexp.MustCompile(`\b([Aa])ll the (team|day|week|weekend|month|year|class|family|office|morning|afternoon|evening|night|trip|summer|winter)\b`)

// voiceRewritesByTarget are the rewrites of the rounds chat131-chat133.
var voiceRewritesByTarget = map[string][]gatedRewrite{
	"fr": {
		{frenchLostVoice, "sans voix", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + "'ai perdu la voix", true
		}},
		{frenchItIsMy, "il est |Il est ", "", func(o string, m []int) (string, bool) {
			// The hour and "un peu" keep "il est" ("il est une heure").
			if rest := o[m[1]:]; strings.HasPrefix(rest, " heure") || strings.HasPrefix(rest, " peu") {
				return "", false
			}
			c := "c"
			if o[m[4]:m[5]] == "I" {
				c = "C"
			}
			return o[m[2]:m[3]] + c + "'est " + o[m[6]:m[7]], true
		}},
	},
	"es": {
		{spanishHourOfDay, " por la ", "", func(o string, m []int) (string, bool) {
			return o[m[2]:m[3]] + " de la " + o[m[4]:m[5]], true
		}},
	},
	"en": {
		{englishStillFirst, "Still |still ", "", func(o string, m []int) (string, bool) {
			return stillAfter(o, m, ""), true
		}},
		{englishStillNot, "Still |still ", "", func(o string, m []int) (string, bool) {
			return stillAfter(o, m, " "+o[m[6]:m[7]]), true
		}},
		{englishWholeTeam, "ll the ", "", func(o string, m []int) (string, bool) {
			the := "the"
			if o[m[2]:m[3]] == "A" {
				the = "The"
			}
			return the + " whole " + o[m[4]:m[5]], true
		}},
	},
}

// stillAfter writes a match of englishStillFirst or englishStillNot with
// "still" after its subject (then not), the subject capitalised where
// "Still" was.
func stillAfter(o string, m []int, not string) string {
	subject := o[m[4]:m[5]]
	if o[m[2]:m[3]] == "S" {
		subject = upperFirst(subject)
	}
	return subject + " still" + not + " "
}
