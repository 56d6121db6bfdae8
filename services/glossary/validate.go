package glossary

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/textmatch"
)

// Limits on glossary content. Terms are bounded as DeepL bounds them:
// longer cells are almost always a paste error (a sentence in a term column).
const (
	MaxTermBytes        = 1024
	MaxNoteBytes        = 4096
	MaxNameBytes        = 256
	MaxDescriptionBytes = 4096
	MaxForbidden        = 32 // forbidden terms per entry and language
	MaxLanguages        = 64
	MaxPriority         = 1_000_000
	maxPOSBytes         = 32
)

// Problem codes in a validation report.
const (
	ProblemSyntax      = "syntax"       // the file cannot be read as its format
	ProblemUnsafeXML   = "unsafe_xml"   // DTD internal subset or entity declaration
	ProblemTooLarge    = "too_large"    // file over the size limit
	ProblemTooMany     = "too_many"     // more entries than the limit
	ProblemBadLanguage = "bad_language" // not a BCP 47 tag, or a language twice
	ProblemBadHeader   = "bad_header"   // a header cell that is neither a tag nor a known column
	ProblemBadValue    = "bad_value"    // a flag, inflection, id or setting that is not valid
	ProblemEmptyTerm   = "empty_term"   // an entry without the terms it needs
	ProblemTooLong     = "term_too_long"
	ProblemBadChar     = "bad_character" // control characters or line breaks in a term
	ProblemDuplicate   = "duplicate"     // the same entry twice (the second is dropped)
	ProblemConflict    = "conflict"      // the same term in two different entries
	ProblemDropped     = "dropped"       // content the model cannot hold (extra synonyms)

	// ProblemInvisible is an invisible character in a term: bidirectional
	// controls, zero-width spaces, soft hyphens, and the other
	// default-ignorable code points (combining grapheme joiners, Hangul
	// fillers, variation selectors after a character that takes none).
	// Such a term looks like another one (or reads backwards) without
	// being equal to it.
	ProblemInvisible = "invisible_character"
	// ProblemNoStemRules warns that a language has no stem rules, so an
	// entry matched with inflection "stem" finds its terms followed by up
	// to three more letters, which can be wrong either way.
	ProblemNoStemRules = "no_stem_rules"
)

// maxReportProblems bounds a report so that a hopeless file still gives a
// short answer; the counts stay exact.
const maxReportProblems = 500

// Report collects the problems found in a glossary.
type Report struct {
	// Path names the file in messages.
	Path string
	// Document says the entries came from a JSON document (the API's
	// create, update and entry writes) rather than a file: a problem's
	// Line is then the entry's place in the entries list, and messages
	// name other entries by id, not by a line no file has.
	Document bool
	// Stored says the content is read back from the store, where it was
	// written under the rules of its day: character rules added since
	// (invisible characters, line separators in terms) are warnings
	// there, so a glossary stored before them still loads and serves,
	// while every new write must meet them.
	Stored   bool
	Problems []api.GlossaryProblem
	Errors   int
	Warnings int
	// conflicts names, for a ProblemConflict in Problems (by index), the
	// earlier entry the problem's entry conflicts with. The problem is
	// the later entry's; when the earlier one is the entry a client
	// wrote, EntryError phrases it from that entry's side.
	conflicts map[int]conflict
	// fields names, for a problem with a glossary setting (by index in
	// Problems), the setting's field: a glossary written as JSON has no
	// line, and DocError answers on that field.
	fields map[int]string
}

// conflict is the earlier entry of a ProblemConflict: its line (its place
// in a document), id and term in the problem's language.
type conflict struct {
	line     int
	id, term string
}

func (r *Report) add(sev, code string, line int, entry, lang, term, format string, args ...any) {
	if sev == api.SeverityError {
		r.Errors++
	} else {
		r.Warnings++
	}
	if len(r.Problems) >= maxReportProblems {
		return
	}
	if len(term) > 80 {
		term = truncate(term, 80)
	}
	r.Problems = append(r.Problems, api.GlossaryProblem{
		Severity: sev, Code: code, Line: line, Entry: entry, Language: lang, Term: term,
		Message: fmt.Sprintf(format, args...),
	})
}

// onLine is format with line, for messages that point into a file; ""
// for a document, whose entries have no lines.
func (r *Report) onLine(format string, line int) string {
	if r.Document {
		return ""
	}
	return fmt.Sprintf(format, line)
}

func (r *Report) errorf(code string, line int, entry, lang, term, format string, args ...any) {
	r.add(api.SeverityError, code, line, entry, lang, term, format, args...)
}

func (r *Report) warnf(code string, line int, entry, lang, term, format string, args ...any) {
	r.add(api.SeverityWarning, code, line, entry, lang, term, format, args...)
}

// settingf reports an error in the glossary setting field (name,
// description, languages, ...).
func (r *Report) settingf(field, code, lang, format string, args ...any) {
	n := len(r.Problems)
	r.errorf(code, 0, "", lang, "", format, args...)
	if len(r.Problems) > n {
		if r.fields == nil {
			r.fields = map[int]string{}
		}
		r.fields[n] = field
	}
}

// grandfathered reports whether a term problem of this code is let
// through with a warning: the character rules were tightened after
// glossaries were stored (see Stored).
func (r *Report) grandfathered(code string) bool {
	return r.Stored && (code == ProblemInvisible || code == ProblemBadChar)
}

// OK reports whether the report has no errors.
func (r *Report) OK() bool { return r.Errors == 0 }

// Err returns nil when there are no errors, else an *InvalidError.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	return &InvalidError{Report: r}
}

// InvalidError is a glossary with errors. Its text lists them as
// "path:line: message", so that editors and CI logs link to the line.
type InvalidError struct{ Report *Report }

func (e *InvalidError) Error() string {
	var b strings.Builder
	n := 0
	for _, p := range e.Report.Problems {
		if p.Severity != api.SeverityError {
			continue
		}
		if n == 20 {
			fmt.Fprintf(&b, "\n... and %d more", e.Report.Errors-n)
			break
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s:%d: %s", e.Report.Path, p.Line, p.Message)
		n++
	}
	return b.String()
}

// APIError is the error a client sees for an imported file: the first
// problem and a count (the full list comes from a dry run).
func (e *InvalidError) APIError() *api.Error {
	first := ""
	for _, p := range e.Report.Problems {
		if p.Severity == api.SeverityError {
			first = p.Message
			if p.Line > 0 {
				first = fmt.Sprintf("line %d: %s", p.Line, p.Message)
			}
			break
		}
	}
	return api.Errorf(api.CodeInvalidArgument, "the glossary has %d problem(s); first: %s (import with dry_run=true for the full report)", e.Report.Errors, first)
}

// DocError is the error a client sees for a glossary written as a JSON
// document (create, update): the first problem, placed by its entry's
// index in the entries list, and a count. There is no file, so no line,
// and no import whose dry run could list the rest.
func (e *InvalidError) DocError() *api.Error {
	for i, p := range e.Report.Problems {
		if p.Severity != api.SeverityError {
			continue
		}
		if p.Line == 0 {
			if field, ok := e.Report.fields[i]; ok {
				return api.FieldError(api.CodeInvalidArgument, field, "the glossary has %d problem(s); first: %s", e.Report.Errors, p.Message)
			}
			return api.Errorf(api.CodeInvalidArgument, "the glossary has %d problem(s); first: %s", e.Report.Errors, p.Message)
		}
		place := fmt.Sprintf("entries[%d]", p.Line-1)
		if p.Entry != "" {
			place += fmt.Sprintf(" (id %q)", p.Entry)
		}
		msg := p.Message
		if c, ok := e.Report.conflicts[i]; ok && c.line > 0 {
			// The other entry by its place too: its id may be one the
			// service derived, which the client never saw.
			msg = fmt.Sprintf("%s term %q is already used by entries[%d] (id %q)", p.Language, p.Term, c.line-1, c.id)
		}
		return api.FieldError(api.CodeInvalidArgument, "entries", "the glossary has %d problem(s); first: %s: %s", e.Report.Errors, place, msg)
	}
	return api.Errorf(api.CodeInvalidArgument, "the glossary has %d problem(s)", e.Report.Errors)
}

// maxEntryProblems bounds the problems EntryError lists.
const maxEntryProblems = 5

// EntryError is the error a client sees when one entry, the one at
// position n (1-based) of the document's entries, was written: that
// entry's problems, on field "terms" when they are all about its terms
// and "entry" otherwise. A conflict between two entries is reported on
// the later one; when that is not the written entry, the error is
// phrased from the written entry's side ("en term "Reply" is already
// used by entry d": the client wrote the term, entry d had it) and names
// the other entry by id (its place in the stored list means nothing to
// the client).
func (e *InvalidError) EntryError(n int) *api.Error {
	var msgs []string
	field, count := "terms", 0
	for _, p := range e.Report.Problems {
		if p.Severity != api.SeverityError || p.Line != n {
			continue
		}
		count++
		if len(msgs) < maxEntryProblems {
			msgs = append(msgs, p.Message)
		}
		if p.Language == "" {
			field = "entry"
		}
	}
	if count == 0 {
		for i, p := range e.Report.Problems {
			if c, ok := e.Report.conflicts[i]; ok && c.line == n {
				return api.FieldError(api.CodeInvalidArgument, "terms", "the glossary would not be valid with this entry: %s term %q is already used by entry %s",
					p.Language, truncate(c.term, 80), p.Entry)
			}
		}
		for _, p := range e.Report.Problems {
			if p.Severity != api.SeverityError {
				continue
			}
			where := ""
			if p.Entry != "" {
				where = fmt.Sprintf("entry %q: ", p.Entry)
			}
			return api.FieldError(api.CodeInvalidArgument, "entry", "the glossary would not be valid with this entry: %s%s", where, p.Message)
		}
		return e.DocError()
	}
	msg := strings.Join(msgs, "; ")
	if count > len(msgs) {
		msg += fmt.Sprintf("; and %d more", count-len(msgs))
	}
	return api.FieldError(api.CodeInvalidArgument, field, "the entry is not valid: %s", msg)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// parseTag reads a language tag as glossary files and the API write them.
func parseTag(s string) (language.Tag, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if s == "" || len(s) > 35 {
		return language.Und, false
	}
	tag, err := api.ParseTag(s)
	if err != nil || tag == language.Und {
		return language.Und, false
	}
	return tag, true
}

// checkText returns why a term cannot be used, or "".
func checkText(t string) (code, msg string) {
	if len(t) > MaxTermBytes {
		return ProblemTooLong, fmt.Sprintf("longer than %d bytes", MaxTermBytes)
	}
	if !utf8.ValidString(t) {
		return ProblemBadChar, "not valid UTF-8"
	}
	prev := rune(-1)
	for i, r := range t {
		if unicode.IsControl(r) {
			return ProblemBadChar, "contains a control character or line break"
		}
		if unicode.In(r, unicode.Zl, unicode.Zp) {
			return ProblemBadChar, fmt.Sprintf("contains a line break (%U)", r)
		}
		if !xmlChar(r) {
			return ProblemBadChar, fmt.Sprintf("contains %U, which XML (TBX) cannot hold", r)
		}
		if unicode.Is(unicode.Cf, r) && !joinerInside(r, prev, t[i+utf8.RuneLen(r):]) {
			return ProblemInvisible, fmt.Sprintf("contains the invisible character %U (bidirectional controls, zero-width spaces and other format characters are not allowed; a zero-width joiner or non-joiner only between two visible characters)", r)
		}
		if unicode.Is(unicode.Variation_Selector, r) && !selectorTaken(r, prev) {
			return ProblemInvisible, fmt.Sprintf("contains the variation selector %U where no character takes it (U+FE0E and U+FE0F only directly after an emoji or symbol, ideographic variation selectors after a Han ideograph, free variation selectors after a Mongolian letter)", r)
		}
		if !unicode.Is(unicode.Cf, r) && api.UnprintableInName(r) {
			// The other default-ignorable code points (the combining
			// grapheme joiner, the Hangul fillers) and the braille blank:
			// what key names refuse, for the same reason.
			return ProblemInvisible, fmt.Sprintf("contains the invisible character %U (combining grapheme joiners, Hangul fillers and other ignorable code points draw nothing)", r)
		}
		prev = r
	}
	return "", ""
}

// joinerInside reports whether r is a zero-width joiner (U+200D) or
// non-joiner (U+200C) between two visible characters: Persian and Indic
// scripts need them inside words ("می‌خواهم"), and emoji sequences join
// with U+200D ("👩‍💻"). Anywhere else, and every other format character,
// only makes two terms look alike.
func joinerInside(r, prev rune, rest string) bool {
	if r != '\u200c' && r != '\u200d' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(rest)
	return visible(prev) && rest != "" && visible(next)
}

// selectorTaken reports whether the variation selector r directly follows
// a character that takes it: U+FE0E (text) and U+FE0F (emoji
// presentation) after an emoji or a symbol that has both presentations
// ("❤️", "#️⃣", "™️"); the standardized and ideographic selectors after a
// Han ideograph (Japanese names pick a glyph with them: 葛 + U+E0100); the
// Mongolian free variation selectors after a Mongolian letter. Anywhere
// else a selector changes nothing a reader sees, so "board" and
// "board"+U+FE0F would be two terms that look the same.
func selectorTaken(r, prev rune) bool {
	switch {
	case prev < 0:
		return false
	case r == '\ufe0e' || r == '\ufe0f':
		return emojiBase(prev)
	case r >= '\ufe00' && r <= '\ufe0d', r >= 0xe0100 && r <= 0xe01ef:
		return unicode.Is(unicode.Han, prev)
	case r >= '\u180b' && r <= '\u180f':
		return unicode.Is(unicode.Mongolian, prev) && unicode.IsLetter(prev)
	}
	return false
}

// emojiBase approximates the characters of Unicode's emoji variation
// sequences (emoji-variation-sequences.txt): symbols (☺ ↔ ™ © and the
// pictographs), the keycap bases # * 0-9, and the few punctuation marks
// and letters among them (‼ ⁉ 〰 〽 ℹ). It errs towards accepting: a
// selector after a symbol without an emoji form shows nothing either,
// but it cannot make a word look like another word.
func emojiBase(r rune) bool {
	return unicode.In(r, unicode.So, unicode.Sm) || strings.ContainsRune("#*0123456789\u203c\u2049\u2139\u3030\u303d", r)
}

func visible(r rune) bool {
	return r >= 0 && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.IsControl(r)
}

// xmlChar reports whether r may appear in an XML 1.0 document, so that
// every glossary can be exported as TBX and read back unchanged.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// newlines is how line breaks are stored in notes and descriptions: CSV
// readers turn a quoted CRLF into LF and XML parsers every CR into LF, so
// anything else would not survive an export and import.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cleanFreeText is a note or description as stored: trimmed, with LF line
// breaks.
func cleanFreeText(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "\r") {
		s = newlines.Replace(s)
	}
	return s
}

// checkFreeText returns why a note or description cannot be stored, or "".
func checkFreeText(s string, limit int) string {
	if len(s) > limit {
		return fmt.Sprintf("at most %d bytes", limit)
	}
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	for _, r := range s {
		if !xmlChar(r) {
			return fmt.Sprintf("contains %U, which XML (TBX) cannot hold", r)
		}
	}
	return ""
}

// cleanTerm is a term as stored: trimmed and in NFC.
func cleanTerm(t string) string { return norm.NFC.String(strings.TrimSpace(t)) }

// partsOfSpeech is the TBX-Basic picklist.
var partsOfSpeech = []string{"noun", "verb", "adjective", "adverb", "properNoun", "other"}

// validate checks the glossary (settings and entries), gives entries
// without an id a derived one, and drops repeated entries. Every format and
// the API end here, so the rules are the same whatever the input.
func (g *Glossary) validate(r *Report) {
	if !ValidID(g.ID) {
		r.settingf("id", ProblemBadValue, "", "glossary id %q must be letters, digits, '_' or '-' (dots between them), at most %d bytes", g.ID, MaxIDBytes)
	}
	if g.Mode == "" {
		g.Mode = Multilingual
	}
	if g.Mode != Multilingual && g.Mode != OneWay {
		r.settingf("mode", ProblemBadValue, "", "mode %q: want %s or %s", g.Mode, Multilingual, OneWay)
	}
	if len(g.Name) > MaxNameBytes || strings.ContainsFunc(g.Name, unicode.IsControl) {
		r.settingf("name", ProblemBadValue, "", "name: at most %d bytes, no control characters", MaxNameBytes)
	}
	g.Description = cleanFreeText(g.Description)
	if msg := checkFreeText(g.Description, MaxDescriptionBytes); msg != "" {
		r.settingf("description", ProblemBadValue, "", "description: %s", msg)
	}
	if g.Priority > MaxPriority || g.Priority < -MaxPriority {
		r.settingf("priority", ProblemBadValue, "", "priority %d: must be between %d and %d", g.Priority, -MaxPriority, MaxPriority)
	}
	for _, f := range []struct{ name, v string }{{"tenant", g.Scope.Tenant}, {"conversation", g.Scope.Conversation}} {
		if len(f.v) > 256 || strings.ContainsFunc(f.v, unicode.IsControl) {
			r.settingf("scope", ProblemBadValue, "", "scope %s: at most 256 bytes, no control characters", f.name)
		}
	}
	if len(g.Languages) == 0 {
		r.settingf("languages", ProblemBadLanguage, "", "the glossary has no languages")
	}
	if len(g.Languages) > MaxLanguages {
		r.settingf("languages", ProblemBadLanguage, "", "%d languages; the limit is %d", len(g.Languages), MaxLanguages)
	}
	seenLang := map[language.Tag]bool{}
	for _, l := range g.Languages {
		if seenLang[l] {
			r.settingf("languages", ProblemBadLanguage, l.String(), "language %s appears twice", l)
		}
		if _, reserved := reservedColumns[l.String()]; reserved {
			r.settingf("languages", ProblemBadLanguage, l.String(), "language %s cannot be used: its tag is a reserved CSV column", l)
		}
		seenLang[l] = true
	}
	if g.Mode == OneWay && len(g.Languages) < 2 {
		r.settingf("languages", ProblemBadLanguage, "", "a one-way glossary needs a source language and at least one target")
	}
	if !r.OK() {
		return
	}

	ids := make(map[string]int, len(g.Entries))
	seen := make([]map[string][]int, len(g.Languages)) // per column: folded key -> entries
	for i := range seen {
		seen[i] = map[string][]int{}
	}
	kept := g.Entries[:0]
	for i := range g.Entries {
		e := g.Entries[i]
		if !g.validateEntry(r, &e) {
			continue
		}
		keys := make([]string, len(e.Terms))
		for col, t := range e.Terms {
			if t != "" {
				keys[col] = key(t, foldingOf(g.Languages[col]))
			}
		}
		if dup, ok := g.unique(r, &e, keys, kept, seen); !ok {
			if dup {
				continue
			}
		}
		if e.ID == "" {
			e.ID = g.derivedID(&e)
			for n := 2; ids[e.ID] != 0; n++ {
				e.ID = fmt.Sprintf("%s-%d", g.derivedID(&e), n)
			}
		}
		if prev, dup := ids[e.ID]; dup {
			r.errorf(ProblemConflict, e.Line, e.ID, "", "", "entry id %q is used twice%s", e.ID, r.onLine(" (first on line %d)", prev))
			continue
		}
		ids[e.ID] = max(e.Line, 1)
		// What the file carried is for a merge, which has used it by now
		// (it validates the merged result): not kept in the glossary.
		e.given = nil
		kept = append(kept, e)
		for col, k := range keys {
			if k != "" {
				seen[col][k] = append(seen[col][k], len(kept)-1)
			}
		}
	}
	g.Entries = kept
	g.warnStem(r)
}

// warnStem warns, once per language, when entries with inflection stem
// have terms in a language without stem rules (see stemTables): their
// terms then match followed by up to three letters of any kind, which finds
// some unrelated words and misses inflections that change the word. Terms
// that end in a script written without spaces, or in Hangul, are left out:
// they are matched inside text anyway, so stem changes nothing for them.
// Do-not-translate terms follow the generic rule in every language.
func (g *Glossary) warnStem(r *Report) {
	for col, tag := range g.Languages {
		if hasStemRules(tag) {
			continue
		}
		n, first := 0, -1
		for i := range g.Entries {
			e := &g.Entries[i]
			if e.Match != MatchStem || e.DoNotTranslate || e.Terms[col] == "" {
				continue
			}
			last, _ := utf8.DecodeLastRuneInString(e.Terms[col])
			if !textmatch.NeedsBoundary(last) || unicode.Is(unicode.Hangul, last) {
				continue
			}
			if n++; first < 0 {
				first = i
			}
		}
		if n == 0 {
			continue
		}
		e := &g.Entries[first]
		r.warnf(ProblemNoStemRules, e.Line, e.ID, tag.String(), e.Terms[col],
			"%s has no stem rules: %d entries with inflection stem (the first %q) find their %s terms followed by up to %d letters of any kind, which can find unrelated words and miss inflected forms; list the inflected forms as entries or use inflection exact",
			tag, n, truncate(e.Terms[col], 80), tag, genericEndingRunes)
	}
}

// validateEntry checks one entry on its own and cleans its cells.
func (g *Glossary) validateEntry(r *Report, e *Entry) bool {
	ok := true
	errf := func(code, lang, term, format string, args ...any) {
		r.errorf(code, e.Line, e.ID, lang, term, format, args...)
		ok = false
	}
	if e.ID != "" && !validEntryID(e.ID) {
		errf(ProblemBadValue, "", "", "entry id %q must start with a letter or '_' and hold letters, digits, '.', '_' or '-' (at most %d bytes)", e.ID, MaxIDBytes)
	}
	if len(e.Terms) != len(g.Languages) {
		errf(ProblemSyntax, "", "", "entry has %d term columns, the glossary %d languages", len(e.Terms), len(g.Languages))
		return false
	}
	var filled []int
	for col, t := range e.Terms {
		lang := g.Languages[col].String()
		t = cleanTerm(t)
		e.Terms[col] = t
		if code, msg := checkText(t); code != "" {
			if !r.grandfathered(code) {
				errf(code, lang, t, "%s term %q: %s", lang, truncate(t, 80), msg)
				continue
			}
			r.warnf(code, e.Line, e.ID, lang, t, "%s term %q: %s (stored before this rule; correct it)", lang, truncate(t, 80), msg)
		}
		if t != "" {
			filled = append(filled, col)
		}
	}
	if len(e.Forbidden) > len(g.Languages) {
		errf(ProblemSyntax, "", "", "entry has forbidden terms for %d columns, the glossary %d languages", len(e.Forbidden), len(g.Languages))
		return false
	}
	hasForbidden := false
	for col := range e.Forbidden {
		lang := g.Languages[col].String()
		if len(e.Forbidden[col]) > MaxForbidden {
			errf(ProblemBadValue, lang, "", "%d forbidden %s terms; the limit is %d", len(e.Forbidden[col]), lang, MaxForbidden)
			continue
		}
		var clean []string
		for _, f := range e.Forbidden[col] {
			f = cleanTerm(f)
			if f == "" {
				continue
			}
			if code, msg := checkText(f); code != "" {
				if !r.grandfathered(code) {
					errf(code, lang, f, "forbidden %s term %q: %s", lang, truncate(f, 80), msg)
					continue
				}
				r.warnf(code, e.Line, e.ID, lang, f, "forbidden %s term %q: %s (stored before this rule; correct it)", lang, truncate(f, 80), msg)
			}
			if strings.Contains(f, "|") {
				errf(ProblemBadValue, lang, f, "forbidden %s term %q: '|' separates forbidden terms and cannot be part of one", lang, f)
				continue
			}
			// A case-sensitive entry may forbid another case of its own
			// term ("Ebay" for "eBay"); verify tells them apart.
			fold := foldingOf(g.Languages[col])
			if e.CaseSensitive {
				fold = caseExact
			}
			if key(f, fold) == key(e.Terms[col], fold) {
				if !r.Stored || legacyKey(f, fold) == legacyKey(e.Terms[col], fold) {
					errf(ProblemConflict, lang, f, "%s term %q is both preferred and forbidden", lang, f)
					continue
				}
				// Stored before apostrophes and hyphens were folded.
				r.warnf(ProblemConflict, e.Line, e.ID, lang, f, "%s term %q is both preferred and forbidden once apostrophes and hyphens are compared as their ASCII forms (stored before this rule; correct it)", lang, f)
			}
			clean = append(clean, f)
		}
		e.Forbidden[col] = clean
		hasForbidden = hasForbidden || len(clean) > 0
	}
	if !hasForbidden {
		e.Forbidden = nil
	} else {
		for len(e.Forbidden) < len(g.Languages) {
			e.Forbidden = append(e.Forbidden, nil)
		}
	}
	if e.Match > MatchSubstring {
		errf(ProblemBadValue, "", "", "unknown match kind %d", e.Match)
	}
	e.PartOfSpeech = strings.TrimSpace(e.PartOfSpeech)
	if len(e.PartOfSpeech) > maxPOSBytes || strings.ContainsFunc(e.PartOfSpeech, func(r rune) bool { return !textmatch.IsWord(r) && r != ' ' && r != '-' }) {
		errf(ProblemBadValue, "", e.PartOfSpeech, "part of speech %q: a word of at most %d bytes (TBX-Basic: %s)", truncate(e.PartOfSpeech, 40), maxPOSBytes, strings.Join(partsOfSpeech, ", "))
	} else if pos, ok := tbxPartOfSpeech(e.PartOfSpeech); ok {
		// "Noun" is noun: one spelling, so that exports and filters agree.
		e.PartOfSpeech = pos
	} else if e.PartOfSpeech != "" && r.Document && !r.Stored {
		// Written through the API, one entry or document at a time: the
		// client can correct it now, and a warning nobody reads would
		// let it through. A file import warns (its other values are
		// kept), and so does a stored glossary, written before this rule.
		errf(ProblemBadValue, "", e.PartOfSpeech, "part of speech %q is not a TBX-Basic value: want one of %s (or none)", truncate(e.PartOfSpeech, 40), strings.Join(partsOfSpeech, ", "))
	} else if e.PartOfSpeech != "" {
		r.warnf(ProblemBadValue, e.Line, e.ID, "", e.PartOfSpeech, "part of speech %q is not a TBX-Basic value (%s)", e.PartOfSpeech, strings.Join(partsOfSpeech, ", "))
	}
	e.Note = cleanFreeText(e.Note)
	if msg := checkFreeText(e.Note, MaxNoteBytes); msg != "" {
		errf(ProblemBadValue, "", "", "note: %s", msg)
	}
	if !ok {
		return false
	}
	switch {
	case len(filled) == 0:
		errf(ProblemEmptyTerm, "", "", "entry has no terms")
	case e.DoNotTranslate:
		first := filled[0]
		for _, col := range filled[1:] {
			if e.Terms[col] != e.Terms[first] {
				errf(ProblemConflict, g.Languages[col].String(), e.Terms[col],
					"do-not-translate entry has %q (%s) and %q (%s); a do-not-translate term is the same in every language (leave other languages empty or repeat it)",
					e.Terms[first], g.Languages[first], e.Terms[col], g.Languages[col])
				break
			}
		}
	case g.Mode == OneWay && e.Terms[0] == "":
		errf(ProblemEmptyTerm, g.Languages[0].String(), "", "entry has no source (%s) term", g.Languages[0])
	case len(filled) == 1:
		errf(ProblemEmptyTerm, g.Languages[filled[0]].String(), e.Terms[filled[0]],
			"entry has a term only in %s (%q); add a translation or mark it do-not-translate", g.Languages[filled[0]], e.Terms[filled[0]])
	}
	return ok
}

// legacyConflict reports whether column col of o and e conflicted under
// the keys of before the apostrophe and hyphen folding.
func legacyConflict(o, e *Entry, col int, fold folding) bool {
	if o.CaseSensitive && e.CaseSensitive {
		return o.Terms[col] == e.Terms[col]
	}
	return legacyKey(o.Terms[col], fold) == legacyKey(e.Terms[col], fold)
}

// tbxPartOfSpeech is the TBX-Basic spelling of a part of speech given in
// any case ("Noun", "PROPERNOUN"), and whether it is one.
func tbxPartOfSpeech(s string) (string, bool) {
	for _, v := range partsOfSpeech {
		if strings.EqualFold(v, s) {
			return v, true
		}
	}
	return "", false
}

// unique checks an entry's terms against the entries kept so far. The same
// term (case-folded, unless both entries are case-sensitive) in the same
// language would make a translation ambiguous: a conflict, unless the whole
// entry repeats an earlier one (a duplicate, dropped with a warning). In a
// one-way glossary only source terms must be unique.
func (g *Glossary) unique(r *Report, e *Entry, keys []string, kept []Entry, seen []map[string][]int) (dup, ok bool) {
	ok = true
	for col, t := range e.Terms {
		if t == "" || (g.Mode == OneWay && col != 0) {
			continue
		}
		fold := foldingOf(g.Languages[col])
		for _, j := range seen[col][keys[col]] {
			o := &kept[j]
			if o.CaseSensitive && e.CaseSensitive && key(o.Terms[col], caseExact) != key(t, caseExact) {
				continue
			}
			lang := g.Languages[col].String()
			if r.Stored && !legacyConflict(o, e, col, fold) {
				// Stored when two spellings of an apostrophe or hyphen
				// were two terms: it still loads (the earlier entry wins a
				// match), and the next write must correct it.
				r.warnf(ProblemConflict, e.Line, e.ID, lang, t, "%s term %q is the same as entry %s's %q once apostrophes and hyphens are compared as their ASCII forms (stored before this rule; correct it)", lang, t, o.ID, o.Terms[col])
				continue
			}
			if (e.ID == "" || e.ID == o.ID) && o.sameContent(e) {
				where := r.onLine("the entry on line %d", o.Line)
				if where == "" {
					where = "entry " + o.ID
				}
				r.warnf(ProblemDuplicate, e.Line, o.ID, lang, t, "duplicate entry: %s term %q repeats %s; dropped", lang, t, where)
				return true, false
			}
			r.errorf(ProblemConflict, e.Line, e.ID, lang, t, "%s term %q is already used by entry %s%s", lang, t, o.ID, r.onLine(" (line %d)", o.Line))
			if n := len(r.Problems); n > 0 && r.Problems[n-1].Code == ProblemConflict && r.Problems[n-1].Line == e.Line {
				if r.conflicts == nil {
					r.conflicts = map[int]conflict{}
				}
				r.conflicts[n-1] = conflict{line: o.Line, id: o.ID, term: o.Terms[col]}
			}
			return false, false
		}
	}
	return false, ok
}
