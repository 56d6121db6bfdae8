package apertium

// Neighbours and the building, and looking for a job (held-out rounds
// chat59 and chat60):
//
//   - "get" a job (a flat, tickets, a visa...) is "conseguir" ("I got the
//     job!", "¡Cogía el trabajo!"; Portuguese through Spanish "não
//     apanhei o trabalho"): getTheJob;
//   - Portuguese "na segunda", "na sexta" are weekdays, "segunda-feira"
//     ("começo na segunda", "comienzo en la segunda"; English through
//     Spanish "in the second"), but "a segunda vez" stays: weekdaysShort;
//   - French "ils m'ont rappelé" is calling back ("they've remembered
//     me"): calledBack;
//   - Spanish "se ha ido la luz", "se fue la luz" is the power going out
//     ("it has gone the light"): powerOut;
//   - words in chat's sense (senses.go): a lift is "el ascensor", "l'
//     ascensor" (eng-spa "el impulso"); a contract (spa-eng
//     "agreement"), a doorman ("porter"), a leak ("escape", and "an"
//     before it "a"), a building ("edifice"), a job ("use"), "got" a job
//     ("achieved").

// gotThings are what one gets in the sense of obtaining them.
var gotThings = []string{"job", "position", "promotion", "raise", "scholarship", "visa", "ticket", "tickets",
	"flat", "apartment", "contract", "interview", "internship", "loan", "mortgage", "place", "permit",
	"grade", "mark", "marks", "degree"}

// getTheJob reads "get" before a determiner, an adjective or none, and one of gotThings as
// "achieve", which eng-spa writes "conseguir" (its first word for "get"
// is "coger", and its past the imperfect "cogía").
var getTheJob = only(`et<vblex>`, func() []string {
	var subs []string
	for _, thing := range gotThings {
		subs = append(subs, readWithin("get", "achieve", `<vblex>[^$]*\$ +\^[^<$]*<det>[^$]*\$ +(\^[^<$]*<adj>[^$]*\$ +)?\^`+thing+`<n>[^$]*\$`, "", "")...)
	}
	return subs
}())

// weekdaysShort reads Portuguese "segunda", "quarta", "quinta", "sexta"
// after the article as the weekday (pt-es reads the ordinal: "en la
// segunda"), unless a noun follows ("na segunda vez") or, for "a
// quinta", a verb (a farm in Portugal); "terça" the tagger reads as the
// day already.
var weekdaysShort = only(`<det><def><f><sg>\$ +\^[a-z]*o<adj><f><sg>`, func() []string {
	var subs []string
	for _, d := range []string{"segund", "quart", "quint", "sext"} {
		subs = append(subs, `s%(<det><def><f><sg>\$ +\^)`+d+`o<adj><f><sg>\$%\1`+d+`a-feira_parley<n><f><sg>$%g`)
	}
	return append(subs,
		`s%\^([a-z]*)a-feira_parley<n><f><sg>\$( +\^[^<$]*<n>)%^\1o<adj><f><sg>$\2%g`,
		// "a quinta fica longe": the farm, a subject before its verb
		// (Thursday comes with a preposition: "na quinta", "à quinta").
		`s%(\^o<det><def><f><sg>\$ +\^)quinta-feira_parley<n><f><sg>\$( +\^[^<$]*<v[a-z]*>)%\1quinta<n><f><sg>$\2%g`,
		`s%a-feira_parley<n>%a-feira<n>%g`)
}())

// calledBack reads French "rappeler" in the perfect, with a person as its
// clitic object ("il m'a rappelé", "ils t'ont rappelé"), as calling
// ("appeler": "me han llamado"), unless "que" or "de" follows (reminded).
var calledBack = only(`\^rappeler<vblex><pp>`, func() []string {
	const before = `(\^[MmTt]e<prn><pro><p[12]><mf><sg>\$ +\^avoir<vbhaver><[a-z]+><p[123]><[a-z]+>\$ +\^)rappeler<vblex><pp>([^$]*\$)`
	return []string{
		`s%` + before + `( +\^[^qd][^<$]*<)%\1appeler<vblex><pp>\2\3%g`,
		`s%` + before + `([^ ]*)$%\1appeler<vblex><pp>\2\3%`,
	}
}())

// powerOut writes "se ha ido la luz" and "se fue la luz" as English says
// a power cut.
var powerOut = only(`\^luz<n><f><sg>`, func() []string {
	var subs []string
	for _, c := range []struct{ units, text string }{
		{`e<prn><pro><ref><p3><mf><sp>\$ +\^haber<vbhaver><pri><p3><sg>\$ +\^ir<vblex><pp><m><sg>\$ +\^el<det><def><f><sg>\$ +\^luz<n><f><sg>\$`, "the power has gone out"},
		{`e<prn><pro><ref><p3><mf><sp>\$ +\^ir<vblex><ifi><p3><sg>\$ +\^el<det><def><f><sg>\$ +\^luz<n><f><sg>\$`, "the power went out"},
	} {
		subs = append(subs, sayAs("S", "s", c.units, c.text, false)...)
	}
	return subs
}())
