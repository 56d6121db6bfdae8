package apertium

import (
	"os/exec"
	"path/filepath"
	"slices"

	"github.com/parley-chat/parley/shared/api"
)

// Fixes after the tagger. Some words chat writes in nearly every request
// come out wrong from the Debian modes, whatever the sentence: eng-spa's
// tagger reads "please" as the verb ("Complacer abrir el hilo", "Podría te
// complacer…"), es-fr translates "por favor" word for word ("Par faveur"),
// fr-es "s'il vous plaît" too ("Se él vosotros gusta"), and es-pt writes
// "Faz favor" and, for "no sé", "Não seja". The analyses to choose are
// there, or the bilingual dictionary has no entry to choose.
// So the engine puts one more program in those modes' pipelines, right
// after the tagger: GNU sed (an essential Debian package), which rewrites
// the tagger's lexical units with the substitutions below, as the tagger
// writes them ("^please<vblex><inf>$"). It runs in null-data mode (-z:
// one request per NUL-terminated record, written as soon as its NUL
// arrives: see fixArgs), as the other programs run in null-flush mode.
//
// A substitution either picks another analysis ("please" the adverb,
// which the bilingual dictionary has as "por favor") or, where the
// dictionary has no entry, replaces the units of a phrase with a
// superblank holding the target's words, which every later program copies
// through as it copies a protected term ("[S'il vous plaît]"). Each keeps
// the case of the source's first letter. A phrase inside markup (its units
// after a word-bound blank) is left alone: a superblank cannot carry the
// markup's place.
type tagFix struct {
	source, target string // the mode's languages; "" target: any
	// subs are sed ERE substitutions ("s%find%replace%g"), in order.
	subs []string
}

// please matches the lemma "please" as the tagger writes it, in any case
// ("Please", "PLEASE").
const please = `[Pp][Ll][Ee][Aa][Ss][Ee]`

// wb matches a word-bound blank before a unit, if any.
const wb = `(\[\[[^]]*\]\])?`

// The English "please" stays the verb after "to" ("hard to please",
// "want to please you", where the tagger joins "want to") and in "as
// you please"; the marker vblex_parley holds it meanwhile. No rule uses
// '|': apertium-wblank-mode, which runs a mode file for the command line
// (the tests' reference), splits a pipeline at every '|', quoted or not.
var tagFixes = []tagFix{
	{source: "en", subs: []string{
		`s%(\^[Tt][Oo]<pr>\$ +` + wb + `\^` + please + `)<vblex>%\1<vblex_parley>%g`,
		`s%(# [Tt][Oo]\$ +` + wb + `\^` + please + `)<vblex>%\1<vblex_parley>%g`,
		`s%(\^[Aa][Ss]<[^$]*\$ +` + wb + `\^[Pp]rpers<prn>[^$]*\$ +` + wb + `\^` + please + `)<vblex>%\1<vblex_parley>%g`,
		`s%(\^[Ww]hatever<[^$]*\$ +` + wb + `\^[Pp]rpers<prn>[^$]*\$ +` + wb + `\^` + please + `)<vblex>%\1<vblex_parley>%g`,
		`s%(\^` + please + `)<vblex><inf>\$%\1<adv>$%g`,
		`s%(\^` + please + `)<vblex><pres>\$%\1<adv>$%g`,
		`s%<vblex_parley>%<vblex>%g`,
	}},
	{source: "es", target: "fr", subs: slices.Concat(
		phrase(`\^Por<pr>\$ +\^favor<n><m><sg>\$`, "S'il vous plaît"),
		phrase(`\^por<pr>\$ +\^favor<n><m><sg>\$`, "s'il vous plaît"),
		phrase(`\^POR<pr>\$ +\^FAVOR<n><m><sg>\$`, "S'IL VOUS PLAÎT"),
		// "gracias" is thanks, but after a determiner ("las gracias").
		[]string{`s%(<det>[^$]*\$ +\^[Gg]racia)<n>%\1<n_parley>%g`},
		phrase(`\^Gracia<n><f><pl>\$`, "Merci"),
		phrase(`\^gracia<n><f><pl>\$`, "merci"),
		[]string{`s%<n_parley>%<n>%g`},
	)},
	{source: "es", target: "pt", subs: slices.Concat(
		// es-pt's dictionary has the interjection as "Faz favor".
		phrase(`\^Por favor<ij>\$`, "Por favor"),
		phrase(`\^por favor<ij>\$`, "por favor"),
		phrase(`\^POR FAVOR<ij>\$`, "POR FAVOR"),
		// "sé" after "no" or "yo" is saber's ("no sé", "yo sé"), never
		// ser's imperative, which es-pt's tagger takes it for ("Não
		// seja", "Eu sê").
		[]string{
			`s%(\^[Nn][Oo]<adv>\$ +` + wb + `)\^ser<vbser><imp><p2><sg>\$%\1^saber<vblex><pri><p1><sg>$%g`,
			`s%(\^[Yy][Oo]<prn>[^$]*\$ +` + wb + `)\^ser<vbser><imp><p2><sg>\$%\1^saber<vblex><pri><p1><sg>$%g`,
		},
	)},
	{source: "fr", target: "es", subs: slices.Concat(
		phrase(`\^Se<prn><pro><ref>[^$]*\$ *\^il<prn>[^$]*\$ +\^vous<prn>[^$]*\$ +\^plaire<vblex><pri><p3><sg>\$`, "Por favor"),
		phrase(`\^se<prn><pro><ref>[^$]*\$ *\^il<prn>[^$]*\$ +\^vous<prn>[^$]*\$ +\^plaire<vblex><pri><p3><sg>\$`, "por favor"),
		phrase(`\^Se<prn><pro><ref>[^$]*\$ *\^il<prn>[^$]*\$ +\^te<prn>[^$]*\$ +\^plaire<vblex><pri><p3><sg>\$`, "Por favor"),
		phrase(`\^se<prn><pro><ref>[^$]*\$ *\^il<prn>[^$]*\$ +\^te<prn>[^$]*\$ +\^plaire<vblex><pri><p3><sg>\$`, "por favor"),
	)},
}

// phrase returns the substitutions that replace the units matched by
// units (a pattern without groups) with a superblank holding text, where
// they are not inside markup: at the start of a request or after a
// character that does not end a word-bound blank.
func phrase(units, text string) []string {
	return []string{
		`s%^` + units + `%[` + text + `]%`,
		`s%([^]])` + units + `%\1[` + text + `]%g`,
	}
}

// tagger is the program whose output the fixes rewrite.
const tagger = "apertium-tagger"

// fixArgs returns the sed command line for a mode from source to target,
// nil when no fix applies or sed is not installed.
func fixArgs(source, target string) []string {
	var subs []string
	for _, f := range tagFixes {
		if f.source == source && (f.target == "" || f.target == api.Base(target)) {
			subs = append(subs, f.subs...)
		}
	}
	if len(subs) == 0 {
		return nil
	}
	if _, err := exec.LookPath("sed"); err != nil {
		return nil
	}
	// sed's -u (flush each record) also reads its input a byte at a time,
	// a system call per byte of the tagger's output: 0.8-1 ms a message.
	// stdbuf -o0 (coreutils, essential too) leaves the reads buffered and
	// makes only the writes unbuffered: sed writes each record with one
	// call, as the NUL that ends it arrives.
	args := []string{"sed", "-u", "-z", "-E"}
	if _, err := exec.LookPath("stdbuf"); err == nil {
		args = []string{"stdbuf", "-o0", "sed", "-z", "-E"}
	}
	for _, s := range subs {
		args = append(args, "-e", s)
	}
	return args
}

// withFixes inserts the fixes for a mode from source to target after its
// tagger; a mode without a tagger, or without fixes, is left as it is.
func withFixes(cmds [][]string, source, target string) [][]string {
	args := fixArgs(source, target)
	if args == nil {
		return cmds
	}
	for i, c := range cmds {
		if filepath.Base(c[0]) == tagger {
			out := make([][]string, 0, len(cmds)+1)
			out = append(out, cmds[:i+1]...)
			out = append(out, args)
			return append(out, cmds[i+1:]...)
		}
	}
	return cmds
}
