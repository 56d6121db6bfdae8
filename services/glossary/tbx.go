package glossary

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
)

// TBX (ISO 30042) in the TBX-Basic dialect, both editions:
//
//	v2 (2008): <martif> <text><body> <termEntry> <langSet xml:lang> <tig> <term>
//	v3 (2019): <tbx>    <text><body> <conceptEntry> <langSec xml:lang> <termSec> <term>
//
// Per term, termNote partOfSpeech and administrativeStatus are read (DCA
// style, and the DCT elements of the same names). A deprecated, superseded,
// obsolete or not-recommended term is a forbidden term of its language;
// the preferred (else the first admitted) term is the entry's term, and
// further synonyms are dropped with a warning. Entry-level notes and
// definitions, joined by line breaks, become the entry's note. Parley's own
// flags travel as entry-level <admin type="x-parley-...">, which other tools
// ignore. Anything else with content (subject fields, contexts, term types,
// transaction history, definitions of a language, other admin data) is not
// kept and gets a dropped warning, once per kind and level per file. The
// header's <title> and untyped <sourceDesc><p> are the glossary's name and
// description (used when an import creates the glossary).
//
// Encodings: UTF-8 and UTF-16 (converted before parsing, see encoding.go);
// an XML declaration naming ISO-8859-1, Windows-1252 or ISO-8859-15 is
// converted too, any other gets a "save it as UTF-8" error.
//
// Security: encoding/xml never fetches external entities and only knows the
// five predefined ones, so an undeclared entity is a syntax error. A
// DOCTYPE with an internal subset (where entities would be declared) is
// refused outright; a bare DOCTYPE naming the TBX DTD, as v2 files carry, is
// ignored. Size is bounded by the reader, depth by maxXMLDepth.

const (
	adminDNT        = "x-parley-doNotTranslate"
	adminCase       = "x-parley-caseSensitive"
	adminWholeWord  = "x-parley-wholeWord"
	adminInflection = "x-parley-inflection"
	// languagesP carries the glossary's language order in the header.
	languagesP = "x-parley-languages"
)

// maxXMLDepth bounds element nesting; TBX-Basic needs about eight levels.
const maxXMLDepth = 64

// tbxTerm is one term of a language section while it is read.
type tbxTerm struct {
	text      string
	pos       string
	status    string
	line      int
	hasStatus bool
	hasPOS    bool
}

type tbxReader struct {
	g    *Glossary
	rep  *Report
	opts ParseOptions
	dec  *xml.Decoder
	data *lineCounter

	langOrder []language.Tag // from the header, when present
	mainLang  language.Tag
	dropped   map[string]bool
	// parley is set when the header names Parley's language order: the
	// file is a Parley export, which leaves out the admin elements, note
	// and part of speech of an entry that has the default (see given).
	parley bool

	title       string   // the header's <title>
	description []string // the header's untyped <sourceDesc><p>s
}

// lineCounter counts newlines in what the decoder has consumed so far, for
// messages (encoding/xml keeps its line count private).
type lineCounter struct {
	r     io.Reader
	lines []int64 // offsets of newlines
	off   int64
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; i++ {
		if p[i] == '\n' {
			l.lines = append(l.lines, l.off+int64(i))
		}
	}
	l.off += int64(n)
	return n, err
}

func (l *lineCounter) lineAt(off int64) int {
	i, _ := slices.BinarySearch(l.lines, off)
	return i + 1
}

func parseTBX(r io.Reader, g *Glossary, rep *Report, opts ParseOptions) {
	lc := &lineCounter{r: r}
	dec := xml.NewDecoder(bufio.NewReader(lc))
	dec.Strict = true
	dec.CharsetReader = xmlCharsetReader
	t := &tbxReader{g: g, rep: rep, opts: opts, dec: dec, data: lc, dropped: map[string]bool{}}
	if err := t.read(); err != nil {
		if errors.Is(err, errTooLarge) {
			return // reported once by parse
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			rep.errorf(ProblemSyntax, se.Line, "", "", "", "XML: %s", se.Msg)
			return
		}
		var pe *tbxError
		if errors.As(err, &pe) {
			rep.errorf(pe.code, t.line(), "", "", "", "%s", pe.msg)
			return
		}
		rep.errorf(ProblemSyntax, t.line(), "", "", "", "XML: %v", err)
	}
}

type tbxError struct{ code, msg string }

func (e *tbxError) Error() string { return e.msg }

func (t *tbxReader) line() int { return t.data.lineAt(t.dec.InputOffset()) }

// next returns the next token, refusing unsafe DTDs.
func (t *tbxReader) next() (xml.Token, error) {
	tok, err := t.dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(xml.Directive); ok {
		s := string(d)
		if strings.Contains(s, "[") || strings.Contains(strings.ToUpper(s), "ENTITY") {
			return nil, &tbxError{ProblemUnsafeXML, "DTD internal subsets and entity declarations are refused (entity expansion is a denial-of-service risk); remove the [...] part of the DOCTYPE"}
		}
	}
	return tok, nil
}

func (t *tbxReader) read() error {
	depth := 0
	for {
		tok, err := t.next()
		if err == io.EOF {
			return &tbxError{ProblemSyntax, "no TBX root element (<tbx> or <martif>)"}
		}
		if err != nil {
			return err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "tbx", "martif":
		default:
			return &tbxError{ProblemSyntax, fmt.Sprintf("root element <%s>: want <tbx> (TBX v3) or <martif> (TBX v2)", se.Name.Local)}
		}
		if l := attr(se, "lang"); l != "" {
			if tag, ok := parseTag(l); ok {
				t.mainLang = tag
			}
		}
		depth++
		return t.body(depth)
	}
}

// body walks the document under the root, handing entries to entry and
// reading the header's title, description and language order.
func (t *tbxReader) body(depth int) error {
	var open []string // the elements open under the root
	parent := func() string {
		if len(open) == 0 {
			return ""
		}
		return open[len(open)-1]
	}
	for {
		tok, err := t.next()
		if err == io.EOF {
			return &tbxError{ProblemSyntax, "unexpected end of file"}
		}
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "termEntry", "conceptEntry":
				if len(t.g.Entries) >= t.opts.MaxEntries {
					return &tbxError{ProblemTooMany, fmt.Sprintf("more than %d entries", t.opts.MaxEntries)}
				}
				if err := t.entry(v, depth+1); err != nil {
					return err
				}
				continue
			case "p":
				switch typ := attr(v, "type"); {
				case typ == languagesP:
					text, err := t.text(depth + 1)
					if err != nil {
						return err
					}
					t.headerLanguages(text)
					t.parley = true
					continue
				case typ == "" && parent() == "sourceDesc":
					text, err := t.text(depth + 1)
					if err != nil {
						return err
					}
					if text = strings.TrimSpace(text); text != "" {
						t.description = append(t.description, text)
					}
					continue
				}
			case "title":
				if parent() == "titleStmt" {
					text, err := t.text(depth + 1)
					if err != nil {
						return err
					}
					t.title = text
					continue
				}
			}
			depth++
			open = append(open, v.Name.Local)
			if depth > maxXMLDepth {
				return &tbxError{ProblemSyntax, fmt.Sprintf("elements nested deeper than %d", maxXMLDepth)}
			}
		case xml.EndElement:
			depth--
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			if depth == 0 {
				t.finish()
				t.header()
				return t.trailer()
			}
		}
	}
}

// trailer checks that nothing but comments and white space follows the root.
func (t *tbxReader) trailer() error {
	for {
		tok, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			return &tbxError{ProblemSyntax, "content after the root element"}
		}
	}
}

// header makes the title and description the glossary's name and
// description, when they are valid as such; else they are dropped with a
// warning rather than failing a file that is fine otherwise.
func (t *tbxReader) header() {
	name := strings.TrimSpace(t.title)
	if strings.ContainsFunc(name, unicode.IsControl) {
		// A title wrapped over lines by another tool; a name is one line.
		name = strings.Join(strings.Fields(name), " ")
	}
	if name != "" {
		if len(name) > MaxNameBytes || strings.ContainsFunc(name, unicode.IsControl) {
			t.rep.warnf(ProblemDropped, 0, "", "", "", "the <title> is not kept as the glossary's name: at most %d bytes, no control characters", MaxNameBytes)
		} else {
			t.g.Name = name
		}
	}
	if desc := strings.Join(t.description, "\n"); desc != "" {
		if msg := checkFreeText(desc, MaxDescriptionBytes); msg != "" {
			t.rep.warnf(ProblemDropped, 0, "", "", "", "the <sourceDesc> text is not kept as the glossary's description: %s", msg)
		} else {
			t.g.Description = desc
		}
	}
}

func (t *tbxReader) headerLanguages(text string) {
	for _, f := range strings.Fields(text) {
		tag, ok := parseTag(f)
		if !ok {
			t.rep.errorf(ProblemBadLanguage, t.line(), "", f, "", "header language %q is not a BCP 47 tag", f)
			continue
		}
		if !slices.Contains(t.langOrder, tag) {
			t.langOrder = append(t.langOrder, tag)
		}
	}
}

// text returns the character data of the element just opened (including
// that of inline children such as <hi>) and consumes its end.
func (t *tbxReader) text(depth int) (string, error) {
	var b strings.Builder
	level := 0
	for {
		tok, err := t.next()
		if err != nil {
			if err == io.EOF {
				return "", &tbxError{ProblemSyntax, "unexpected end of file"}
			}
			return "", err
		}
		switch v := tok.(type) {
		case xml.CharData:
			if b.Len()+len(v) > MaxNoteBytes*4 {
				return "", &tbxError{ProblemTooLong, fmt.Sprintf("a text element is longer than %d bytes", MaxNoteBytes*4)}
			}
			b.Write(v)
		case xml.StartElement:
			level++
			if depth+level > maxXMLDepth {
				return "", &tbxError{ProblemSyntax, fmt.Sprintf("elements nested deeper than %d", maxXMLDepth)}
			}
		case xml.EndElement:
			if level == 0 {
				return b.String(), nil
			}
			level--
		}
	}
}

// skip consumes the rest of the element just opened.
func (t *tbxReader) skip(depth int) error {
	_, err := t.text(depth)
	return err
}

// rawEntry is an entry as read, before languages become columns.
type rawEntry struct {
	id      string
	line    int
	notes   []string
	defs    []string
	admin   map[string]string
	langs   []language.Tag
	terms   map[language.Tag][]tbxTerm
	badLang bool
	// hasNote: the entry has a note or definition element, maybe empty.
	hasNote bool
}

func (t *tbxReader) entry(se xml.StartElement, depth int) error {
	e := &rawEntry{id: attr(se, "id"), line: t.line(), admin: map[string]string{}, terms: map[language.Tag][]tbxTerm{}}
	for {
		tok, err := t.next()
		if err != nil {
			if err == io.EOF {
				return &tbxError{ProblemSyntax, "unexpected end of file in an entry"}
			}
			return err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "langSet", "langSec":
				if err := t.langSection(e, v, depth+1); err != nil {
					return err
				}
			case "note":
				s, err := t.text(depth + 1)
				if err != nil {
					return err
				}
				e.hasNote = true
				if s = strings.TrimSpace(s); s != "" {
					e.notes = append(e.notes, s)
				}
			case "descrip", "definition":
				typ := attr(v, "type")
				s, err := t.text(depth + 1)
				if err != nil {
					return err
				}
				s = strings.TrimSpace(s)
				switch {
				case typ == "definition" || v.Name.Local == "definition":
					e.hasNote = true
					if s != "" {
						e.defs = append(e.defs, s)
					}
				case s != "":
					t.dropElement(v, "entries")
				}
			case "admin":
				typ := attr(v, "type")
				s, err := t.text(depth + 1)
				if err != nil {
					return err
				}
				switch {
				case strings.HasPrefix(typ, "x-parley-"):
					e.admin[typ] = strings.TrimSpace(s)
				case strings.TrimSpace(s) != "":
					t.dropElement(v, "entries")
				}
			case "descripGrp", "adminGrp":
				// Groups wrap a descrip or admin with its source; read inside.
				continue
			default:
				if err := t.skipOrDrop(v, depth+1, "entries"); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if v.Name.Local == "descripGrp" || v.Name.Local == "adminGrp" {
				continue
			}
			t.addEntry(e)
			return nil
		}
	}
}

func (t *tbxReader) langSection(e *rawEntry, se xml.StartElement, depth int) error {
	lang := attr(se, "lang")
	tag, ok := parseTag(lang)
	if !ok {
		t.rep.errorf(ProblemBadLanguage, t.line(), e.id, lang, "", "xml:lang %q is not a BCP 47 language tag", lang)
		e.badLang = true
		return t.skip(depth)
	}
	if !slices.Contains(e.langs, tag) {
		e.langs = append(e.langs, tag)
	}
	for {
		tok, err := t.next()
		if err != nil {
			if err == io.EOF {
				return &tbxError{ProblemSyntax, "unexpected end of file in a language section"}
			}
			return err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "tig", "ntig", "termSec":
				term, err := t.termGroup(depth + 1)
				if err != nil {
					return err
				}
				e.terms[tag] = append(e.terms[tag], term)
			case "note":
				s, err := t.text(depth + 1)
				if err != nil {
					return err
				}
				if strings.TrimSpace(s) != "" {
					t.drop(t.line(), "notes on language sections and terms are not kept (only entry-level notes are)")
				}
			default:
				if err := t.skipOrDrop(v, depth+1, "language sections"); err != nil {
					return err
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

// termGroup reads a tig, ntig or termSec; termGrp inside an ntig is walked
// through.
func (t *tbxReader) termGroup(depth int) (tbxTerm, error) {
	term := tbxTerm{line: t.line()}
	level := 0
	for {
		tok, err := t.next()
		if err != nil {
			if err == io.EOF {
				return term, &tbxError{ProblemSyntax, "unexpected end of file in a term"}
			}
			return term, err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			name := v.Name.Local
			typ := attr(v, "type")
			if name == "termNote" {
				name = typ
			}
			switch name {
			case "termGrp":
				level++
				if depth+level > maxXMLDepth {
					return term, &tbxError{ProblemSyntax, "elements nested too deep"}
				}
				continue
			case "term":
				s, err := t.text(depth + level + 1)
				if err != nil {
					return term, err
				}
				term.text = s
			case "partOfSpeech":
				s, err := t.text(depth + level + 1)
				if err != nil {
					return term, err
				}
				term.pos = strings.TrimSpace(s)
				term.hasPOS = true
			case "administrativeStatus", "normativeAuthorization":
				s, err := t.text(depth + level + 1)
				if err != nil {
					return term, err
				}
				term.status = strings.TrimSpace(s)
				term.hasStatus = true
			case "note":
				s, err := t.text(depth + level + 1)
				if err != nil {
					return term, err
				}
				if strings.TrimSpace(s) != "" {
					t.drop(t.line(), "notes on language sections and terms are not kept (only entry-level notes are)")
				}
			default:
				if err := t.skipOrDrop(v, depth+level+1, "terms"); err != nil {
					return term, err
				}
			}
		case xml.EndElement:
			if level > 0 {
				level--
				continue
			}
			return term, nil
		}
	}
}

// drop warns that content is not kept, once per message per file: a
// file from another tool has the same kinds of data on every entry, and a
// warning per entry would bury the report. line is the first occurrence.
func (t *tbxReader) drop(line int, msg string) {
	if !t.dropped[msg] {
		t.dropped[msg] = true
		t.rep.warnf(ProblemDropped, line, "", "", "", "%s", msg)
	}
}

// dropElement warns that an element (by name and type) found on level
// (entries, language sections, terms) is not kept.
func (t *tbxReader) dropElement(se xml.StartElement, level string) {
	label := "<" + se.Name.Local + ">"
	if typ := attr(se, "type"); typ != "" {
		label = fmt.Sprintf("<%s type=%q>", se.Name.Local, truncate(typ, 40))
	}
	t.drop(t.line(), fmt.Sprintf("%s in %s is not kept (reported once per file)", label, level))
}

// skipOrDrop consumes the element just opened, an element this reader
// does not keep, and warns when it had content.
func (t *tbxReader) skipOrDrop(se xml.StartElement, depth int, level string) error {
	s, err := t.text(depth)
	if err != nil {
		return err
	}
	if strings.TrimSpace(s) != "" || attr(se, "target") != "" {
		t.dropElement(se, level)
	}
	return nil
}

// forbiddenStatus reports whether an administrative status marks a term
// that must not be used.
func forbiddenStatus(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"deprecated", "superseded", "obsolete", "notrecommended", "forbidden"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (t *tbxReader) addEntry(r *rawEntry) {
	if r.badLang {
		return
	}
	e := Entry{ID: strings.TrimSpace(r.id), Line: r.line}
	// Definitions join the notes: both are text for translators, and the
	// joined note exports as one <note> that reads back the same.
	e.Note = strings.Join(append(slices.Clone(r.notes), r.defs...), "\n")
	if len(r.defs) > 0 && len(r.notes) > 0 && len(e.Note) > MaxNoteBytes {
		e.Note = strings.Join(r.notes, "\n")
		t.drop(r.line, fmt.Sprintf("a definition that would make the note longer than %d bytes is not kept", MaxNoteBytes))
	}
	flag := func(name string) bool {
		v, ok := r.admin[name]
		if !ok {
			return false
		}
		switch strings.ToLower(v) {
		case "true", "yes", "1":
			return true
		case "false", "no", "0", "":
			return false
		}
		t.rep.errorf(ProblemBadValue, r.line, e.ID, "", "", "admin %s: %q is not true or false", name, v)
		return false
	}
	e.DoNotTranslate = flag(adminDNT)
	e.CaseSensitive = flag(adminCase)
	var wwp *bool
	if _, ok := r.admin[adminWholeWord]; ok {
		if ww := flag(adminWholeWord); !ww {
			wwp = &ww
		}
	}
	m, err := matchFromAPI(wwp, strings.ToLower(r.admin[adminInflection]))
	if err != nil {
		t.rep.errorf(ProblemBadValue, r.line, e.ID, "", "", "%s", err.Error())
	}
	e.Match = m
	type cell struct {
		term      string
		forbidden []string
	}
	cells := map[language.Tag]*cell{}
	given := &givenFields{}
	if t.parley {
		given.fields = allFields
	} else {
		for _, f := range []struct {
			admin string
			field entryField
		}{{adminDNT, fieldDNT}, {adminCase, fieldCase}, {adminWholeWord, fieldWholeWord}, {adminInflection, fieldInflection}} {
			if _, ok := r.admin[f.admin]; ok {
				given.fields |= f.field
			}
		}
		if r.hasNote {
			given.fields |= fieldNote
		}
	}
	e.given = given
	for _, tag := range r.langs {
		c := &cell{}
		cells[tag] = c
		var usable []tbxTerm
		statuses := false
		for _, tt := range r.terms[tag] {
			statuses = statuses || tt.hasStatus
			if tt.hasPOS {
				given.fields |= fieldPOS
			}
			text := strings.TrimSpace(tt.text)
			if text == "" {
				t.rep.errorf(ProblemEmptyTerm, tt.line, e.ID, tag.String(), "", "empty <term> in %s", tag)
				continue
			}
			if tt.hasStatus && forbiddenStatus(tt.status) {
				c.forbidden = append(c.forbidden, text)
				continue
			}
			tt.text = text
			usable = append(usable, tt)
		}
		if statuses || t.parley {
			given.forbidden = append(given.forbidden, tag)
		}
		if len(usable) == 0 {
			continue
		}
		given.terms = append(given.terms, tag)
		pick := 0
		for i, u := range usable {
			if strings.Contains(strings.ToLower(u.status), "preferred") {
				pick = i
				break
			}
		}
		c.term = usable[pick].text
		if e.PartOfSpeech == "" {
			e.PartOfSpeech = usable[pick].pos
		}
		for i, u := range usable {
			if i != pick {
				t.rep.warnf(ProblemDropped, u.line, e.ID, tag.String(), u.text,
					"%s synonym %q dropped: an entry keeps one term per language (make it an entry of its own to match it too)", tag, u.text)
			}
		}
	}
	for _, tag := range r.langs {
		if !slices.Contains(t.g.Languages, tag) {
			t.g.Languages = append(t.g.Languages, tag)
		}
	}
	e.Terms = make([]string, len(t.g.Languages))
	for col, tag := range t.g.Languages {
		c, ok := cells[tag]
		if !ok {
			continue
		}
		e.Terms[col] = c.term
		if len(c.forbidden) > 0 {
			if e.Forbidden == nil {
				e.Forbidden = make([][]string, len(t.g.Languages))
			}
			e.Forbidden[col] = c.forbidden
		}
	}
	t.g.Entries = append(t.g.Entries, e)
}

// finish puts the language columns in order: the header's order when it
// has one, else the root's xml:lang first and the others in order of
// appearance; entries get a cell for every column.
func (t *tbxReader) finish() {
	order := slices.Clone(t.langOrder)
	if len(order) == 0 && t.mainLang != language.Und && slices.Contains(t.g.Languages, t.mainLang) {
		order = append(order, t.mainLang)
	}
	for _, l := range t.g.Languages {
		if !slices.Contains(order, l) {
			order = append(order, l)
		}
	}
	old := t.g.Languages
	t.g.Languages = order
	for i := range t.g.Entries {
		e := &t.g.Entries[i]
		terms := make([]string, len(order))
		var forbidden [][]string
		if e.Forbidden != nil {
			forbidden = make([][]string, len(order))
		}
		for oldCol, tag := range old {
			if oldCol >= len(e.Terms) {
				break
			}
			col := slices.Index(order, tag)
			terms[col] = e.Terms[oldCol]
			if forbidden != nil && oldCol < len(e.Forbidden) {
				forbidden[col] = e.Forbidden[oldCol]
			}
		}
		e.Terms, e.Forbidden = terms, forbidden
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// writeTBX writes TBX-Basic, edition 3 (<tbx>, DCA style) or 2 (<martif>).
// The output is deterministic, so exports of the same version are
// byte-identical.
func writeTBX(w io.Writer, g *Glossary, edition int) error {
	bw := bufio.NewWriter(w)
	x := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	mainLang := "und"
	var langs []string
	for _, l := range g.Languages {
		langs = append(langs, l.String())
	}
	if len(langs) > 0 {
		mainLang = langs[0]
	}
	entryEl, langEl, termEl := "conceptEntry", "langSec", "termSec"
	bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	if edition == 2 {
		entryEl, langEl, termEl = "termEntry", "langSet", "tig"
		bw.WriteString("<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n")
		fmt.Fprintf(bw, "<martif type=\"TBX-Basic\" xml:lang=\"%s\">\n  <martifHeader>\n", x(mainLang))
	} else {
		bw.WriteString("<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng\" type=\"application/xml\" schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n")
		fmt.Fprintf(bw, "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"%s\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n  <tbxHeader>\n", x(mainLang))
	}
	// The title is the name, read back as the name of a glossary the
	// import creates; without a name there is no title (it is optional),
	// so that the id does not become the name of a copy.
	bw.WriteString("    <fileDesc>\n")
	if g.Name != "" {
		fmt.Fprintf(bw, "      <titleStmt>\n        <title>%s</title>\n      </titleStmt>\n", x(g.Name))
	}
	bw.WriteString("      <sourceDesc>\n")
	if g.Description != "" {
		fmt.Fprintf(bw, "        <p>%s</p>\n", x(g.Description))
	}
	fmt.Fprintf(bw, "        <p type=\"%s\">%s</p>\n      </sourceDesc>\n    </fileDesc>\n", languagesP, x(strings.Join(langs, " ")))
	if edition == 2 {
		bw.WriteString("    <encodingDesc>\n      <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n    </encodingDesc>\n  </martifHeader>\n")
	} else {
		bw.WriteString("  </tbxHeader>\n")
	}
	bw.WriteString("  <text>\n    <body>\n")
	for i := range g.Entries {
		e := &g.Entries[i]
		fmt.Fprintf(bw, "      <%s id=\"%s\">\n", entryEl, x(e.ID))
		if e.Note != "" {
			fmt.Fprintf(bw, "        <note>%s</note>\n", x(e.Note))
		}
		admin := func(typ, v string) { fmt.Fprintf(bw, "        <admin type=\"%s\">%s</admin>\n", typ, x(v)) }
		if e.DoNotTranslate {
			admin(adminDNT, "true")
		}
		if e.CaseSensitive {
			admin(adminCase, "true")
		}
		switch e.Match {
		case MatchSubstring:
			admin(adminWholeWord, "false")
		case MatchStem, MatchPrefix:
			admin(adminInflection, e.Match.String())
		}
		for col, l := range g.Languages {
			term, forbidden := e.Terms[col], e.forbidden(col)
			if term == "" && len(forbidden) == 0 {
				continue
			}
			fmt.Fprintf(bw, "        <%s xml:lang=\"%s\">\n", langEl, x(l.String()))
			writeTerm := func(text, status string) {
				fmt.Fprintf(bw, "          <%s>\n            <term>%s</term>\n", termEl, x(text))
				if e.PartOfSpeech != "" {
					fmt.Fprintf(bw, "            <termNote type=\"partOfSpeech\">%s</termNote>\n", x(e.PartOfSpeech))
				}
				fmt.Fprintf(bw, "            <termNote type=\"administrativeStatus\">%s</termNote>\n          </%s>\n", status, termEl)
			}
			if term != "" {
				writeTerm(term, "preferredTerm-admn-sts")
			}
			for _, f := range forbidden {
				writeTerm(f, "deprecatedTerm-admn-sts")
			}
			fmt.Fprintf(bw, "        </%s>\n", langEl)
		}
		fmt.Fprintf(bw, "      </%s>\n", entryEl)
	}
	bw.WriteString("    </body>\n  </text>\n")
	if edition == 2 {
		bw.WriteString("</martif>\n")
	} else {
		bw.WriteString("</tbx>\n")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write tbx: %w", err)
	}
	return nil
}
