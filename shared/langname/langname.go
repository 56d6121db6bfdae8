// Package langname names languages for people: the CLDR name of a BCP 47
// tag (golang.org/x/text/language/display) in a given language, with the
// script said when the tag names one that CLDR's name leaves out.
package langname

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Name is the name of t in the language in ("Spanish", "español"), "" when
// CLDR has none. A tag that names its script (sr-Latn, az-Arab, zh-Hant)
// is named for its language and script: CLDR calls sr-Latn
// "Serbo-Croatian", which names neither, and has no name at all for
// az-Arab, so those become "Serbian (Latin)" and "Azerbaijani (Arabic)"
// ("serbio (latino)" in Spanish), like CLDR's own "Serbian (Cyrillic)";
// names that already say the language, like "Traditional Chinese", are
// kept. The translate service's prompts name languages by the same rule.
func Name(in, t language.Tag) string {
	name := display.Tags(in).Name(t)
	sc, conf := t.Script()
	if conf != language.Exact {
		return name
	}
	b, _ := t.Base()
	base := display.Languages(in).Name(b)
	script := display.Scripts(in).Name(sc)
	if base != "" && script != "" && (name == "" || !strings.Contains(name, base)) {
		return fmt.Sprintf("%s (%s)", base, script)
	}
	return name
}
