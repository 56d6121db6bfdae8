package apertium

import (
	"testing"

	"github.com/parley-chat/parley/shared/entity"
)

func TestSpanishIdioms(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"future", "Seré cinco minutos tarde", "Llegaré cinco minutos tarde"},
		{"present", "soy un poco tarde, lo siento", "llego un poco tarde, lo siento"},
		{"we", "seremos diez minutos tarde", "llegaremos diez minutos tarde"},
		{"going to", "voy a ser tarde", "voy a llegar tarde"},
		{"capitals", "SERÉ TARDE", "LLEGARÉ TARDE"},
		{"it is late stays", "es tarde, me voy", "es tarde, me voy"},
		{"an adjective between stays", "soy feliz tarde o temprano", "soy feliz tarde o temprano"},
		{"afternoon stays", "soy de la tarde", "soy de la tarde"},
		{"from home", "Trabajo de en casa hoy", "Trabajo desde casa hoy"},
		{"from home, capital", "De en casa", "Desde casa"},
		{"at home stays", "estoy en casa", "estoy en casa"},
		{"which", "¿qué es tu dirección?", "¿cuál es tu dirección?"},
		{"which, capital", "¿Qué es la contraseña?", "¿Cuál es la contraseña?"},
		{"which, plural", "¿Qué es vuestros planes?", "¿Cuáles son vuestros planes?"},
		{"which, capitals", "¿QUÉ ES TU NOMBRE?", "¿CUÁL ES TU NOMBRE?"},
		{"what a thing is stays", "¿qué es un bug?", "¿qué es un bug?"},
		{"feeling", "No estoy sintiendo bien hoy", "No me siento bien hoy"},
		{"feeling, a question", "¿Estás sintiendo mejor?", "¿Te sientes mejor?"},
		{"feeling something stays", "estoy sintiendo frío", "estoy sintiendo frío"},
		{"included", "¿es el desayuno incluido?", "¿está incluido el desayuno?"},
		{"included, plural", "¿Son las bebidas incluidas?", "¿Están incluidas las bebidas?"},
		{"a clock's morning", "sale a las 7 por la mañana", "sale a las 7 de la mañana"},
		{"a morning without a clock stays", "nos vemos por la mañana", "nos vemos por la mañana"},
		{"code", "ejecuta `seré tarde` ahora", "ejecuta `seré tarde` ahora"},
		{"a day after a verb", "¿vienes al partido sábado?", "¿vienes al partido el sábado?"},
		{"a day after a capital", "Trabajo lunes", "Trabajo el lunes"},
		{"a day after ser stays", "hoy es sábado", "hoy es sábado"},
		{"days in a range stay", "del lunes al viernes", "del lunes al viernes"},
		{"a day after cada stays", "cada martes", "cada martes"},
		{"a day after a comma stays", "vale, lunes", "vale, lunes"},
		{"a score's one", "ganamos tres a un.", "ganamos tres a uno."},
		{"a score's one, last", "perdimos 2 a un", "perdimos 2 a uno"},
		{"a un before a noun stays", "de dos a un lado", "de dos a un lado"},
		{"a day after antes", "antes viernes", "antes del viernes"},
		{"near", "un piso cerca la oficina", "un piso cerca de la oficina"},
		{"near, masculine, capital", "Cerca el parque", "Cerca del parque"},
		{"near stays", "está cerca de casa", "está cerca de casa"},
		{"last year", "me he mudado el año último", "me he mudado el año pasado"},
		{"last week", "La semana última", "La semana pasada"},
		{"the last time stays", "la última vez", "la última vez"},
		{"ask for an appointment", "Necesito hacer una cita con el dentista", "Necesito pedir cita con el dentista"},
		{"ask for an appointment, capital", "Hice una cita", "Pedí cita"},
		{"no hay", "hay no escuela el viernes", "no hay escuela el viernes"},
		{"no hay, capital", "Hay no leche.", "No hay leche."},
		{"school's article", "Les recogeré después de escuela", "Les recogeré después de la escuela"},
		{"la escuela stays", "voy a la escuela", "voy a la escuela"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			if got := spanishIdioms(tt.in, prose(scanMessage(tt.in, entity.Protected(toks), ""))); got != tt.want {
				t.Errorf("spanishIdioms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSpanishIdiomsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ text, want string }{
		{"I'll be five minutes late", "Llegaré cinco minutos tarde"},
		{"I'm working from home today", "desde casa"},
	} {
		checkFixThroughApertium(t, e, plain, "en", "es", tt.text, tt.want)
	}
}

func TestFrenchDayParts(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tomorrow morning", "nous pouvons parler demain par le matin ?", "nous pouvons parler demain matin ?"},
		{"tomorrow afternoon", "je t'appelle demain l'après-midi", "je t'appelle demain après-midi"},
		{"tomorrow night", "Demain par la nuit", "Demain soir"},
		{"a day", "le lundi par le matin", "le lundi matin"},
		{"yesterday, capitals", "HIER PAR LE SOIR", "HIER SOIR"},
		{"in the morning", "je travaille par le matin", "je travaille le matin"},
		{"at night", "il pleut par la nuit", "il pleut la nuit"},
		{"the afternoon alone stays", "l'après-midi, je travaille", "l'après-midi, je travaille"},
		{"par le stays", "il passe par le centre", "il passe par le centre"},
		{"code", "lance `demain par le matin`", "lance `demain par le matin`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := scan(tt.in, "")
			got := tt.in
			if mayHaveFrenchDayParts(tt.in) {
				got = frenchDayParts(tt.in, prose(scanMessage(tt.in, entity.Protected(toks), "")))
			}
			if got != tt.want {
				t.Errorf("frenchDayParts(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFrenchDayPartsThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "eng-spa", "es-fr")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, text, want string }{
		{"en", "can we talk tomorrow morning?", "demain matin"},
		{"es", "mañana por la noche", "demain soir"},
		{"es", "el lunes por la mañana", "lundi matin"},
	} {
		checkFixThroughApertium(t, e, plain, tt.source, "fr", tt.text, tt.want)
	}
}

func TestIdiomRewrites(t *testing.T) {
	commute := func(s string, r [][2]int) string { return applyRewrites(commuteRewrites, s, r) }
	photos := func(s string, r [][2]int) string { return applyRewrites(photoRewrites, s, r) }
	nights := func(s string, r [][2]int) string { return applyRewrites(nightRewrites, s, r) }
	tests := []struct {
		name, target, in, want string
		rewrite                func(string, [][2]int) string
	}{
		{"rien", "fr", "je n'ai pas rien que faire", "je n'ai rien que faire", frenchNegation},
		{"besoin de rien", "fr", "Je n'ai pas besoin de rien", "Je n'ai besoin de rien", frenchNegation},
		{"ne … pas personne", "fr", "je ne vois pas personne", "je ne vois personne", frenchNegation},
		{"pas alone stays", "fr", "je n'ai pas faim", "je n'ai pas faim", frenchNegation},
		{"where is", "fr", "où il est le rapport ?", "où est le rapport ?", frenchQuestions},
		{"how goes, capital", "fr", "Comment il va le projet ?", "Comment va le projet ?", frenchQuestions},
		{"are", "fr", "où ils sont les fichiers ?", "où sont les fichiers ?", frenchQuestions},
		{"a subject's own pronoun stays", "fr", "où il est allé ?", "où il est allé ?", frenchQuestions},
		{"from home", "fr", "je travaille depuis maison", "je travaille depuis la maison", nil},
		{"from home, capitals", "fr", "DEPUIS MAISON", "DEPUIS LA MAISON", nil},
		{"home into Portuguese", "pt", "Estou a trabalhar desde casa hoje", "Estou a trabalhar de casa hoje", nil},
		{"code", "fr", "`où il est le` où il est le rapport", "`où il est le` où est le rapport", frenchQuestions},
		{"at an hour", "fr", "la réunion est aux 5", "la réunion est à 5", frenchHours},
		{"at an hour, capital", "fr", "Aux 10:30", "À 10:30", frenchHours},
		{"aux before a word stays", "fr", "aux armes", "aux armes", frenchHours},
		{"an hour in words", "fr", "la réunion est aux trois, d'accord ?", "la réunion est à trois heures, d'accord ?", frenchHours},
		{"an hour in words, last", "fr", "Aux dix", "À dix heures", frenchHours},
		{"a number before a noun stays", "fr", "aux trois personnes", "aux trois personnes", frenchHours},
		{"being back", "fr", "Je serai de tour bientôt", "Je serai de retour bientôt", frenchBeBack},
		{"a tour stays", "fr", "je fais un tour", "je fais un tour", frenchBeBack},
		{"parked, asked", "fr", "où tu as garé ?", "où tu t'es garé ?", frenchPark},
		{"parked somewhere, capital", "fr", "J'ai garé devant la boutique", "Je me suis garé devant la boutique", frenchPark},
		{"parked, plural", "fr", "nous avons garés dehors.", "nous nous sommes garés dehors.", frenchPark},
		{"a car parked stays", "fr", "j'ai garé la voiture dans la rue", "j'ai garé la voiture dans la rue", frenchPark},

		// English: talking about it, not finding, "shall".
		{"talk it", "en", "ok, we'll talk it later", "ok, we'll talk about it later", englishTalkAboutFind},
		{"talked that", "en", "We talked that yesterday", "We talked about that yesterday", englishTalkAboutFind},
		{"talk to stays", "en", "talk to me", "talk to me", englishTalkAboutFind},
		{"which is your", "en", "which is your password?", "what is your password?", englishOther},
		{"which are my, second sentence", "en", "Hi. Which are my tasks?", "Hi. What are my tasks?", englishOther},
		{"which is a relative", "en", "the laptop, which is my old one, broke", "the laptop, which is my old one, broke", englishOther},
		{"which is yours stays", "en", "which is yours?", "which is yours?", englishOther},
		{"what are you doing", "en", "what do you do this weekend?", "what are you doing this weekend?", englishOther},
		{"What are you doing tonight", "en", "What do you do tonight?", "What are you doing tonight?", englishOther},
		{"a job stays", "en", "what do you do?", "what do you do?", englishOther},
		{"already is", "en", "the meeting room already is free", "the meeting room is already free", englishOther},
		{"still are", "en", "They still are here", "They are still here", englishOther},
		{"leave earlier", "en", "today I have to leave before", "today I have to leave earlier", englishOther},
		{"leave earlier today", "en", "I have to leave before today.", "I have to leave earlier today.", englishOther},
		{"before a thing stays", "en", "leave before the meeting", "leave before the meeting", englishOther},
		{"new keyboard", "fr", "j'ai besoin d'un clavier nouveau", "j'ai besoin d'un nouveau clavier", frenchAdjectivesFirst},
		{"before a vowel", "fr", "Un ordinateur nouveau", "Un nouvel ordinateur", frenchAdjectivesFirst},
		{"elided determiner", "fr", "l'écran nouveau marche", "le nouvel écran marche", frenchAdjectivesFirst},
		{"feminine after mon", "fr", "mon idée nouvelle", "ma nouvelle idée", frenchAdjectivesFirst},
		{"cet", "fr", "cet écran petit", "ce petit écran", frenchAdjectivesFirst},
		{"plural", "fr", "des questions petites", "des petites questions", frenchAdjectivesFirst},
		{"no noun between", "fr", "le plus petit", "le plus petit", frenchAdjectivesFirst},
		{"other adjectives stay", "fr", "un clavier rouge", "un clavier rouge", frenchAdjectivesFirst},
		{"a determiner inside a word", "fr", "mandat mauvais", "mandat mauvais", frenchAdjectivesFirst},
		{"after lunch", "en", "I'll look at it after the lunch", "I'll look at it after lunch", englishMeals},
		{"before dinner, with a comma", "en", "Before the dinner, call me", "Before dinner, call me", englishMeals},
		{"the other", "en", "from the another office", "from the other office", englishOther},
		{"the other, capitals", "en", "THE ANOTHER ONE", "THE OTHER ONE", englishOther},
		{"how long", "en", "how much takes the shipping?", "how long does the shipping take?", englishOther},
		{"how long, plural", "en", "How much take the packages?", "How long do the packages take?", englishOther},
		{"how long, Portuguese", "en", "how long it takes the sending?", "how long does the sending take?", englishOther},
		{"how much it costs stays", "en", "how much costs the shipping?", "how much costs the shipping?", englishOther},
		{"placed an order", "en", "I did an order yesterday", "I placed an order yesterday", englishOther},
		{"what time", "en", "at what time you land?", "what time do you land?", englishOther},
		{"what time, capital", "en", "At what time we arrive?", "What time do we arrive?", englishOther},
		{"what time, auxiliary stays", "en", "at what time you are free?", "at what time you are free?", englishOther},
		{"what time, statement stays", "en", "I know at what time you land.", "I know at what time you land.", englishOther},
		{"comment a été", "fr", "comment il a été ton week-end ?", "comment a été ton week-end ?", frenchQuestions},
		{"not yet", "fr", "il n'est pas arrivé encore", "il n'est pas encore arrivé", frenchNotYet},
		{"dans", "fr", "j'arrive en dix minutes", "j'arrive dans dix minutes", frenchWhenIn},
		{"dans, clitic", "fr", "Je t'appellerai en 5 minutes", "Je t'appellerai dans 5 minutes", frenchWhenIn},
		{"dans, capital", "fr", "EN CINQ MINUTES", "DANS CINQ MINUTES", frenchWhenIn},
		{"how long it took stays", "fr", "je l'ai fini en dix minutes", "je l'ai fini en dix minutes", frenchWhenIn},
		{"en alone stays", "fr", "en cinq étapes", "en cinq étapes", frenchWhenIn},
		{"not yet, before", "fr", "Le paquet encore n'est pas arrivé", "Le paquet n'est pas encore arrivé", frenchNotYet},
		{"not yet, start", "fr", "Encore n'est pas là.", "N'est pas encore là.", frenchNotYet},
		{"encore alone stays", "fr", "je n'ai pas fini encore une fois", "je n'ai pas fini encore une fois", frenchNotYet},
		{"one lunch", "en", "after the lunch with the client", "after the lunch with the client", englishMeals},
		{"after work", "en", "I go to the gym after the work", "I go to the gym after work", englishMeals},
		{"at work, capital", "en", "At the work, call me", "At work, call me", englishMeals},
		{"the work done stays", "en", "thanks for the work.", "thanks for the work.", englishMeals},
		{"the work of stays", "en", "after the work of the team", "after the work of the team", englishMeals},
		{"signed up for", "en", "I've aimed me to yoga", "I've signed up for yoga", englishOther},
		{"sign up", "en", "I aim me", "I sign up", englishOther},
		{"aim at stays", "en", "we aim to finish today", "we aim to finish today", englishOther},
		{"coming month", "en", "the coming month", "next month", englishOther},
		{"coming year, capital", "en", "The coming year will be hard", "Next year will be hard", englishOther},
		{"the past year", "en", "they moved the past year", "they moved last year", englishOther},
		{"over the past year stays", "en", "over the past year", "over the past year", englishOther},
		{"next month", "fr", "le mois qui vient", "le mois prochain", frenchNext},
		{"next week, pivot's subject", "fr", "la semaine qu'il vient", "la semaine prochaine", frenchNext},
		{"moving", "fr", "nous nous muons le mois prochain", "nous déménageons le mois prochain", frenchMove},
		{"moving, capital", "fr", "Je me mue à Madrid", "Je déménage à Madrid", frenchMove},
		{"moving, infinitive", "fr", "nous allons nous muer", "nous allons déménager", frenchMove},
		{"moved", "fr", "Je me suis mué", "J'ai déménagé", frenchMove},
		{"moved, plural", "fr", "ils s'ont mués l'an passé", "ils ont déménagé l'an passé", frenchMove},
		{"turn an age", "en", "I fulfil thirty on Friday", "I turn thirty on Friday", englishOther},
		{"turns, years", "en", "my daughter fulfils 5 years", "my daughter turns 5", englishOther},
		{"a birthday", "en", "today my mother fulfils years", "today my mother has a birthday", englishOther},
		{"fulfil a term stays", "en", "we have to fulfil the terms", "we have to fulfil the terms", englishOther},
		{"anything", "en", "don't say at all", "don't say anything", englishOther},
		{"anything, not", "en", "I have not bought at all", "I have not bought anything", englishOther},
		{"at all after it stays", "en", "I don't like it at all", "I don't like it at all", englishOther},
		{"il faut", "fr", "il y a qu'acheter de la glace", "il faut acheter de la glace", frenchChores},
		{"il faut, capital", "fr", "Il y a que partir", "Il faut partir", frenchChores},
		{"there is that stays", "fr", "il y a que des problèmes", "il y a que des problèmes", frenchChores},
		{"j'adore", "fr", "merci du cadeau, m'enchante", "merci du cadeau, j'adore", frenchChores},
		{"j'ai adoré, capital", "fr", "Il m'a enchanté !", "J'ai adoré !", frenchChores},
		{"ça m'enchante stays", "fr", "ça m'enchante", "ça m'enchante", frenchChores},
		{"forgot to", "fr", "J'ai oublié acheter les bougies", "J'ai oublié d'acheter les bougies", frenchChores},
		{"forgot to, a consonant", "fr", "tu as oublié fermer la porte", "tu as oublié de fermer la porte", frenchChores},
		{"too many", "fr", "il y a demasiadas personnes", "il y a trop de personnes", frenchChores},
		{"camping", "fr", "nous allons de camping en août", "nous allons faire du camping en août", frenchChores},
		{"on the way back", "fr", "tu peux acheter du pain au tour ?", "tu peux acheter du pain au retour ?", frenchChores},
		{"someone's turn stays", "fr", "c'est au tour de Marie", "c'est au tour de Marie", frenchChores},
		{"too much, a vowel, capital", "fr", "Demasiada eau", "Trop d'eau", frenchChores},
		{"aches", "fr", "me duelen les jambes", "j'ai mal aux jambes", frenchAche},
		{"aches a lot", "fr", "Me duele beaucoup le dos", "J'ai très mal au dos", frenchAche},
		{"aches, you, elided", "fr", "te duele l'estomac ?", "tu as mal à l'estomac ?", frenchAche},
		{"aches of the head", "fr", "me duele la tête", "j'ai mal à la tête", frenchAche},
		{"no more", "en", "no longer there was bread", "there was no more bread", englishOther},
		{"no more, of, capital", "en", "No longer there is of milk", "There is no more milk", englishOther},
		{"no longer alone stays", "en", "he no longer works there", "he no longer works there", englishOther},
		{"pas de", "fr", "Je n'ai pas café", "Je n'ai pas de café", frenchNoneOfWrite},
		{"pas d', rester", "fr", "il ne nous reste pas eau", "il ne nous reste pas d'eau", frenchNoneOfWrite},
		{"a participle stays", "fr", "je n'ai pas fini", "je n'ai pas fini", frenchNoneOfWrite},
		{"pas de stays", "fr", "on n'a pas de lait", "on n'a pas de lait", frenchNoneOfWrite},
		{"shopping list", "fr", "j'ai oublié ma liste d'achat", "j'ai oublié ma liste de courses", frenchShoppingLists},
		{"shopping list, the", "fr", "la liste de l'achat", "la liste de courses", frenchShoppingLists},
		{"smells good", "es", "huele muy bueno", "huele muy bien", spanishSmells},
		{"smells bad, capital", "es", "Huele Mala", "Huele Mal", spanishSmells},
		{"a good smell stays", "es", "el olor es bueno", "el olor es bueno", spanishSmells},
		{"French smell", "fr", "huele très bien", "ça sent très bon", frenchSmells},
		{"French smell, bad, capital", "fr", "Huelen mal", "Ça sentent mauvais", frenchSmells},
		{"EL agua", "es", "EL agua hierve", "El agua hierve", spanishEl},
		{"EL agua, inside", "es", "compra EL agua", "compra el agua", spanishEl},
		{"all capitals stay", "es", "EL AGUA", "EL AGUA", spanishEl},
		{"fell asleep", "fr", "je me suis resté dormi", "je me suis endormi", frenchFallAsleep},
		{"fell asleep, feminine", "fr", "elle s'est restée dormie", "elle s'est endormie", frenchFallAsleep},
		{"fell asleep, plural", "fr", "nous sommes restés dormis là", "nous sommes endormis là", frenchFallAsleep},
		{"stayed at home stays", "fr", "je suis resté à la maison", "je suis resté à la maison", frenchFallAsleep},
		{"all day", "en", "my cat sleeps all the day", "my cat sleeps all day", englishAllDays},
		{"all night, capital", "en", "All the night it rained", "All night it rained", englishAllDays},
		{"all the days stays", "en", "all the days are the same", "all the days are the same", englishAllDays},
		{"the day's stays", "en", "I read all the day's emails", "I read all the day's emails", englishAllDays},
		{"can't find", "en", "I don't find the document", "I can't find the document", englishTalkAboutFind},
		{"we", "en", "we do not find it", "we can't find it", englishTalkAboutFind},
		{"they stay", "en", "they don't find it", "they don't find it", englishTalkAboutFind},
		{"talk in code", "en", "`talk it` now", "`talk it` now", englishTalkAboutFind},
		{"shall", "en", "will I call you later?", "shall I call you later?", englishTalkAboutFind},
		{"shall, after a comma", "en", "ok, Will we meet tomorrow?", "ok, Shall we meet tomorrow?", englishTalkAboutFind},
		{"will in a statement stays", "en", "will I be late. who knows?", "will I be late. who knows?", englishTalkAboutFind},
		{"will you stays", "en", "will you call me?", "will you call me?", englishTalkAboutFind},

		// Music and learning languages (lessons.go).
		{"listen to", "en", "have you listened the new album?", "have you listened to the new album?", englishLessons},
		{"listen to music", "en", "we listen music", "we listen to music", englishLessons},
		{"listening alone stays", "en", "I'm listening.", "I'm listening.", englishLessons},
		{"three in the morning", "en", "we danced until three hours of the morning", "we danced until three in the morning", englishLessons},
		{"ten at night", "en", "until 10 of the night", "until 10 at night", englishLessons},
		{"German class", "en", "I have class of German at seven", "I have German class at seven", englishLessons},
		{"the English homework", "en", "help me with the homework of English?", "help me with the English homework?", englishLessons},
		{"a class of students stays", "en", "a class of students", "a class of students", englishLessons},
		{"what means", "en", "what means this word?", "what does this word mean?", englishLessons},
		{"what means, capital", "en", "What means that?", "What does that mean?", englishLessons},
		{"want to say", "en", "what does this want to say?", "what does this mean?", englishLessons},
		{"for ten years", "en", "it plays the piano from ten years", "it plays the piano for ten years", englishLessons},
		{"since, capital", "en", "Since two weeks I study", "For two weeks I study", englishLessons},
		{"ago stays", "en", "since two weeks ago", "since two weeks ago", englishLessons},
		{"a span stays", "en", "from two hours to three", "from two hours to three", englishLessons},
		{"play the drums", "en", "he touches the battery in a band", "he plays the drums in a band", englishLessons},
		{"touch the screen stays", "en", "touch the screen", "touch the screen", englishLessons},
		{"at the door", "en", "see you in the door of the concert", "see you at the door of the concert", englishLessons},
		{"spelled", "en", "I don't know how it writes", "I don't know how it's spelled", englishLessons},
		{"been studying", "en", "I spend two years studying Japanese", "I've been studying Japanese for two years", englishLessons},
		{"she's been", "en", "she spends a year living in Paris.", "she's been living in Paris for a year.", englishLessons},
		{"se sont", "fr", "les entrées s'ont épuisés", "les entrées se sont épuisés", chatRewritesOf("fr")},
		{"s'est, capital", "fr", "S'a levé tard", "S'est levé tard", chatRewritesOf("fr")},
		{"me suis", "fr", "je m'ai douché", "je me suis douché", chatRewritesOf("fr")},
		{"nous sommes", "fr", "nous nous avons levés", "nous nous sommes levés", chatRewritesOf("fr")},
		{"tu t'es", "fr", "tu t'as trompé", "tu t'es trompé", chatRewritesOf("fr")},
		{"il m'a stays", "fr", "il m'a dit que je t'ai vu", "il m'a dit que je t'ai vu", chatRewritesOf("fr")},
		{"t'agrada", "ca", "et agradar el jazz?", "t'agrada el jazz?", chatRewritesOf("ca")},
		{"li agrada, capital", "ca", "Li agradar el jazz", "Li agrada el jazz", chatRewritesOf("ca")},
		{"Et, capital", "ca", "Et agradar el jazz?", "T'agrada el jazz?", chatRewritesOf("ca")},

		{"desde hace", "es", "toca la batería desde diez años", "toca la batería desde hace diez años", chatRewritesOf("es")},
		{"desde a day stays", "es", "desde el lunes", "desde el lunes", chatRewritesOf("es")},
		{"Portuguese desde stays", "pt", "desde dez anos", "desde dez anos", chatRewritesOf("pt")},
		{"aprender a", "es", "Estoy aprendiendo para tocar la guitarra", "Estoy aprendiendo a tocar la guitarra", chatRewritesOf("es")},
		{"clases de francés", "es", "Estoy tomando clases francesas", "Estoy tomando clases de francés", chatRewritesOf("es")},
		{"examen de inglés", "es", "un examen inglés", "un examen de inglés", chatRewritesOf("es")},
		{"a French cheese stays", "es", "un queso francés", "un queso francés", chatRewritesOf("es")},
		{"cómo se dice", "es", "¿cómo dices esto en español?", "¿cómo se dice esto en español?", howOneSaysOf("how do you say this in Spanish?", "en", "es")},
		{"comment on dit", "es", "¿Cómo decimos esto?", "¿Cómo se dice esto?", howOneSaysOf("comment on dit ça ?", "fr", "es")},
		{"como se pronuncia", "pt", "como pronuncias isto?", "como se pronuncia isto?", howOneSaysOf("how do you pronounce this?", "en", "pt")},
		{"a person asked stays", "es", "¿cómo dices esto?", "¿cómo dices esto?", howOneSaysOf("how did you say it?", "en", "es")},
		{"examen d'anglais", "fr", "J'ai un examen anglais", "J'ai un examen d'anglais", chatRewritesOf("fr")},
		{"cours de français", "fr", "des cours français", "des cours de français", chatRewritesOf("fr")},
		{"apprendre le", "fr", "j'apprends français", "j'apprends le français", chatRewritesOf("fr")},
		{"comment on dit", "fr", "comment Tu dis ceci en français ?", "comment on dit ceci en français ?", howOneSaysOf("how do you say this in French?", "en", "fr")},
		{"a person asked stays", "fr", "comment tu dis ça ?", "comment tu dis ça ?", howOneSaysOf("how did you say it?", "en", "fr")},
		{"a French word stays", "fr", "un mot français", "un mot français", chatRewritesOf("fr")},
		{"cómo está", "es", "¿cómo es tu madre?", "¿cómo está tu madre?", func(s string, r [][2]int) string { return howIsPerson("es", s, r) }},
		{"cómo están, capital", "es", "¿Cómo son tus padres?", "¿Cómo están tus padres?", func(s string, r [][2]int) string { return howIsPerson("es", s, r) }},
		{"a project stays", "es", "¿cómo es el proyecto?", "¿cómo es el proyecto?", func(s string, r [][2]int) string { return howIsPerson("es", s, r) }},
		{"como está a tua", "pt", "como é tua mãe?", "como está a tua mãe?", func(s string, r [][2]int) string { return howIsPerson("pt", s, r) }},
		{"como está o teu", "pt", "Como é o teu pai?", "Como está o teu pai?", func(s string, r [][2]int) string { return howIsPerson("pt", s, r) }},
		{"cumple años", "es", "mi abuela hace años mañana", "mi abuela cumple años mañana", func(s string, r [][2]int) string { return birthdays("es", s, r) }},
		{"cumples, capital", "es", "¿Haces años hoy?", "¿Cumples años hoy?", func(s string, r [][2]int) string { return birthdays("es", s, r) }},
		{"grandmother's birthday", "en", "my grandmother does years tomorrow", "it's my grandmother's birthday tomorrow", func(s string, r [][2]int) string { return birthdays("en", s, r) }},
		{"capital", "en", "My sister does years today", "It's my sister's birthday today", func(s string, r [][2]int) string { return birthdays("en", s, r) }},
		{"my birthday", "en", "I'll do years tomorrow", "It's my birthday tomorrow", func(s string, r [][2]int) string { return birthdays("en", s, r) }},
		{"de la fièvre", "fr", "l'enfant a fièvre", "l'enfant a de la fièvre", chatRewritesOf("fr")},
		{"no more milk", "fr", "nous nous restons sans lait", "nous n'avons plus de lait", chatRewritesOf("fr")},
		{"no more eggs", "fr", "Nous nous restons sans des oeufs", "Nous n'avons plus d'oeufs", chatRewritesOf("fr")},
		{"the fever stays", "fr", "la fièvre est passée", "la fièvre est passée", chatRewritesOf("fr")},
		{"where do I have to", "en", "where is it necessary to sign?", "where do I have to sign?", englishPaperwork},
		{"you have to", "en", "it is necessary to fill this form", "you have to fill this form", englishPaperwork},
		{"you have to, capital", "en", "It's necessary to wait", "You have to wait", englishPaperwork},
		{"by accident", "en", "he has erased the application without wanting", "he has erased the application by accident", englishPaperwork},
		{"take a screenshot", "en", "how does it do a screenshot?", "how do you take a screenshot?", englishPaperwork},
		{"took a screenshot", "en", "I did a screenshot", "I took a screenshot", englishPaperwork},
		{"an appointment at the bank", "en", "I have appointment in the bank at ten", "I have an appointment at the bank at ten", englishPaperwork},
		{"ID card", "en", "I lost the card of citizen", "I lost my ID card", englishPaperwork},
		{"screenshot of screen", "en", "send me a screenshot of the screen", "send me a screenshot", englishScreenshots},
		{"la contraseña del wifi", "es", "no encuentra el wifi contraseña", "no encuentra la contraseña del wifi", chatRewritesOf("es")},
		{"tu contraseña del wifi", "es", "¿Tu wifi contraseña?", "¿Tu contraseña del wifi?", chatRewritesOf("es")},
		{"ayuntamiento", "es", "tengo cita en el ayto.", "tengo cita en el ayuntamiento", chatRewritesOf("es")},
		{"appuie", "fr", "appuye sur le bouton vert", "appuie sur le bouton vert", chatRewritesOf("fr")},
		{"nettoient", "fr", "ils nettoyent la cuisine", "ils nettoient la cuisine", chatRewritesOf("fr")},
		{"nous appuyons stays", "fr", "nous appuyons", "nous appuyons", chatRewritesOf("fr")},
		{"ficou sem", "pt", "o telemóvel ficou-se sem memória", "o telemóvel ficou sem memória", chatRewritesOf("pt")},
		{"merry Christmas", "en", "Happy Christmas to all!", "Merry Christmas to all!", commute},
		{"have dinner", "en", "we dine together", "we have dinner together", commute},
		{"had dinner", "en", "she dined at home", "she had dinner at home", commute},
		{"by metro", "en", "how long does it take in metre?", "how long does it take by metro?", commute},
		{"the metro", "en", "I take the metre", "I take the metro", commute},
		{"a metre stays", "en", "it is a metre long", "it is a metre long", commute},
		{"by bike to work", "en", "I go in bike to the work", "I go by bike to work", commute},
		{"a car park stays", "en", "I left it in car park", "I left it in car park", commute},
		{"thanks to the work stays", "en", "thanks to the work of the team", "thanks to the work of the team", commute},
		{"goes full", "en", "the bus goes full", "the bus is full", commute},
		{"on the motorway", "en", "a jam in the motorway", "a jam on the motorway", commute},
		{"how long", "en", "How much takes it?", "How long does it take it?", commute},
		{"went for a run", "en", "I went to run this morning", "I went for a run this morning", commute},
		{"errands stay", "en", "I went to run errands", "I went to run errands", commute},
		{"sigues", "es", "¿eres todavía yendo al gimnasio?", "¿sigues yendo al gimnasio?", chatRewritesOf("es")},
		{"estás todavía stays", "es", "¿estás todavía trabajando?", "¿estás todavía trabajando?", chatRewritesOf("es")},
		{"me apunté", "es", "Firmé arriba para un maratón medio", "Me apunté a una media maratón", chatRewritesOf("es")},
		{"te has apuntado", "es", "¿has firmado arriba para el curso?", "¿te has apuntado al curso?", chatRewritesOf("es")},
		{"no Natal", "pt", "que vão fazer em Natal?", "que vão fazer no Natal?", chatRewritesOf("pt")},
		{"para o Natal", "pt", "o que queres para Natal?", "o que queres para o Natal?", chatRewritesOf("pt")},
		{"à meia-noite", "pt", "o comboio sai a meia-noite", "o comboio sai à meia-noite", chatRewritesOf("pt")},
		{"je me gare", "fr", "où je gare ?", "où je me gare ?", chatRewritesOf("fr")},
		{"a car parked stays", "fr", "je gare la voiture", "je gare la voiture", chatRewritesOf("fr")},
		{"le métro", "fr", "le mètre est arrêté", "le métro est arrêté", chatRewritesOf("fr")},
		{"look in a photo", "en", "I leave fatal in this photo", "I look awful in this photo", photos},
		{"she looks", "en", "she came out very well in the picture", "she looks really good in the picture", photos},
		{"leaving stays", "en", "I leave early in the morning", "I leave early in the morning", photos},
		{"at the moment", "en", "In this moment I'm busy", "At the moment I'm busy", photos},
		{"in love with", "en", "she is enamoured of him", "she is in love with him", photos},
		{"so in love", "en", "so enamored", "so in love", photos},
		{"read the book", "en", "I've read me the whole book", "I've read the whole book", photos},
		{"enamorado de", "es", "estoy enamorado por ella", "estoy enamorado de ella", chatRewritesOf("es")},
		{"llegir", "ca", "t'agrada llegint?", "t'agrada llegir?", chatRewritesOf("ca")},
		{"escriure", "ca", "m'encanta escrivint", "m'encanta escriure", chatRewritesOf("ca")},
		{"o meu", "pt", "meu noivo chegou", "o meu noivo chegou", europeanPossessives},
		{"A minha, capital", "pt", "Minha mãe vive aqui", "A minha mãe vive aqui", europeanPossessives},
		{"na minha", "pt", "está em minha casa", "está na minha casa", europeanPossessives},
		{"pelos teus", "pt", "obrigado por teus conselhos", "obrigado pelos teus conselhos", europeanPossessives},
		{"com os", "pt", "saio com meus amigos", "saio com os meus amigos", europeanPossessives},
		{"ao meu", "pt", "dei a meu irmão", "dei ao meu irmão", europeanPossessives},
		{"todos os meus", "pt", "todos meus amigos", "todos os meus amigos", europeanPossessives},
		{"an article stays", "pt", "a minha mãe e o teu pai", "a minha mãe e o teu pai", europeanPossessives},
		{"a determiner stays", "pt", "este meu amigo", "este meu amigo", europeanPossessives},
		{"a call stays", "pt", "meu amor, chego tarde", "meu amor, chego tarde", europeanPossessives},
		{"alone stays", "pt", "o livro é meu.", "o livro é meu.", europeanPossessives},
		{"on Mondays", "en", "the museum closes the Mondays", "the museum closes on Mondays", nights},
		{"I'll have", "en", "I take me a beer", "I'll have a beer", nights},
		{"worth going", "en", "It is worth it to go", "It's worth going", nights},
		{"perdemo-nos", "pt", "perdemos-nos na cidade", "perdemo-nos na cidade", chatRewritesOf("pt")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranges := prose(scanMessage(tt.in, entity.Protected(scan(tt.in, "")), ""))
			rewrite := tt.rewrite
			if rewrite == nil {
				rewrite = func(s string, r [][2]int) string { return fromHome(s, tt.target, r) }
			}
			if got := rewrite(tt.in, ranges); got != tt.want {
				t.Errorf("%q = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEnglishLookAt(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"pronoun", "I'll look it tomorrow", "I'll look at it tomorrow"},
		{"determiner", "can you look the PR?", "can you look at the PR?"},
		{"capital", "Look it when you can", "Look at it when you can"},
		{"capitals", "LOOK THIS", "LOOK AT THIS"},
		{"looked", "I looked your code", "I looked at your code"},
		{"already at", "look at it", "look at it"},
		{"the same stays", "they look the same", "they look the same"},
		{"up stays", "look it up", "look it up"},
		{"a lot stays", "they look a lot", "they look a lot"},
		{"a longer word stays", "lookup the table", "lookup the table"},
		{"code", "run `look it` now, look it", "run `look it` now, look at it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in
			if mayLook(tt.in) {
				got = englishLookAt(tt.in, prose(scanMessage(tt.in, entity.Protected(scan(tt.in, "")), "")))
			}
			if got != tt.want {
				t.Errorf("englishLookAt(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEnglishLookAtThroughApertium(t *testing.T) {
	e := newEngine(t, Config{}, "spa-eng", "fr-es")
	plain := newEngine(t, Config{NoChatFixes: true})
	for _, tt := range []struct{ source, text, want string }{
		{"es", "no te preocupes, lo miro mañana", "I'll look at it tomorrow"},
		{"es", "¿puedes mirar el PR cuando tengas un rato?", "look at the PR"},
		{"fr", "tu peux regarder ça ?", "look at this"},
	} {
		checkFixThroughApertium(t, e, plain, tt.source, "en", tt.text, tt.want)
	}
}

// chatRewritesOf runs chatRewrites of tgt, as a TestIdiomRewrites rewrite.
func chatRewritesOf(tgt string) func(string, [][2]int) string {
	return func(s string, r [][2]int) string { return applyRewrites(chatRewrites[tgt], s, r) }
}

// howOneSaysOf runs howOneSaysEdits for a source, as a TestIdiomRewrites
// rewrite.
func howOneSaysOf(source, src, tgt string) func(string, [][2]int) string {
	return func(s string, r [][2]int) string {
		return howOneSaysEdits(source, src, tgt, s, func() [][2]int { return r })
	}
}
