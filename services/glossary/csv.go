package glossary

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Reserved CSV and TSV columns; every other header cell is a BCP 47
// language tag, or "forbidden:" followed by one. None of them is a valid
// language tag except dnt (Mid Grand Valley Dani), which therefore cannot be
// a glossary language.
const (
	ColumnID            = "entry_id"
	ColumnDNT           = "dnt"
	ColumnCaseSensitive = "case_sensitive"
	ColumnWholeWord     = "whole_word"
	ColumnInflection    = "inflection"
	ColumnPOS           = "part_of_speech"
	ColumnNote          = "note"
	// ColumnForbidden prefixes a column of forbidden terms for a language
	// ("forbidden:es"), several separated by '|'.
	ColumnForbidden = "forbidden:"
)

// forbiddenSep separates forbidden terms in one cell.
const forbiddenSep = "|"

type columnKind uint8

const (
	colLang columnKind = iota
	colForbidden
	colID
	colDNT
	colCase
	colWholeWord
	colInflection
	colPOS
	colNote
)

var reservedColumns = map[string]columnKind{
	ColumnID: colID, ColumnDNT: colDNT, ColumnCaseSensitive: colCase, ColumnWholeWord: colWholeWord,
	ColumnInflection: colInflection, ColumnPOS: colPOS, ColumnNote: colNote,
}

type column struct {
	kind columnKind
	lang int // language column, for colLang and colForbidden
}

// rows yields the records of a table file with their line numbers.
type rows interface {
	next() (rec []string, line int, err error)
}

type csvRows struct{ r *csv.Reader }

func newCSVRows(r io.Reader) *csvRows {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked by the table, with a clearer message
	return &csvRows{r: cr}
}

func (c *csvRows) next() ([]string, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, pe.Line, err
		}
		return nil, 0, err
	}
	line, _ := c.r.FieldPos(0)
	return rec, line, nil
}

// tsvRows reads tab-separated values as DeepL and Google take them: one
// record per line, no quoting (so a term may contain quotes), fields
// separated by tabs.
type tsvRows struct {
	br   *bufio.Reader
	line int
}

func newTSVRows(r io.Reader) *tsvRows { return &tsvRows{br: bufio.NewReader(r)} }

func (t *tsvRows) next() ([]string, int, error) {
	s, err := t.br.ReadString('\n')
	if err != nil && (err != io.EOF || s == "") {
		return nil, t.line + 1, err
	}
	t.line++
	s = strings.TrimSuffix(strings.TrimSuffix(s, "\n"), "\r")
	return strings.Split(s, "\t"), t.line, nil
}

// table reads CSV or TSV rows into a glossary.
type table struct {
	g    *Glossary
	rep  *Report
	opts ParseOptions
	cols []column
	tsv  bool
	// given is what the columns carry, the same for every entry.
	given *givenFields
}

func parseTable(rs rows, g *Glossary, rep *Report, opts ParseOptions) {
	_, tsv := rs.(*tsvRows)
	t := &table{g: g, rep: rep, opts: opts, tsv: tsv}
	rec, line, err := rs.next()
	if err == io.EOF {
		rep.errorf(ProblemSyntax, 1, "", "", "", "file is empty; the first line must be a header of language tags, e.g. en,es,fr")
		return
	}
	if err != nil {
		t.readError(line, err)
		return
	}
	hdr := &Report{Path: rep.Path}
	var first []string
	firstLine := 0
	switch {
	case opts.Source != "" && opts.Target != "" && len(rec) == 2:
		// A two-column pair file, with or without a header.
		src, ok1 := parseTag(opts.Source)
		tgt, ok2 := parseTag(opts.Target)
		if !ok1 || !ok2 || src == tgt {
			rep.errorf(ProblemBadLanguage, 0, "", "", "", "source %q and target %q must be two different BCP 47 language tags", opts.Source, opts.Target)
			return
		}
		if !t.pairHeader(rec, line, src, tgt) {
			first, firstLine = rec, line
		}
	case t.header(rec, hdr):
		// A header row.
	default:
		rep.Problems = append(rep.Problems, hdr.Problems...)
		rep.Errors += hdr.Errors
		if len(rec) == 2 {
			rep.errorf(ProblemBadHeader, 1, "", "", "", "for a two-column file without a header row, give the source and target languages")
		}
		return
	}
	t.given = t.givenFields()
	if first != nil {
		t.row(firstLine, first)
	}
	for {
		rec, line, err := rs.next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.readError(line, err)
			return
		}
		if !t.row(line, rec) {
			return
		}
	}
}

func (t *table) readError(line int, err error) {
	if errors.Is(err, errTooLarge) {
		return // reported once by parse
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		t.rep.errorf(ProblemSyntax, pe.Line, "", "", "", "%v", pe.Err)
		return
	}
	t.rep.errorf(ProblemSyntax, line, "", "", "", "read: %v", err)
}

// pairHeader sets up the columns of a two-column file whose languages the
// caller named (src, tgt) and reports whether its first row is a header:
// only when it names exactly those two languages, in either order. Short
// words are often language tags ("is,ist", "it,es", "no,nej"), so a first
// row of other tags is data, not a header that would lose that entry and
// make its words the glossary's languages; a warning says so.
func (t *table) pairHeader(rec []string, line int, src, tgt language.Tag) bool {
	t.g.Languages = []language.Tag{src, tgt}
	t.cols = []column{{kind: colLang, lang: 0}, {kind: colLang, lang: 1}}
	a, okA := parseTag(unescapeCell(rec[0]))
	b, okB := parseTag(unescapeCell(rec[1]))
	switch {
	case okA && okB && a == src && b == tgt:
		return true
	case okA && okB && a == tgt && b == src:
		t.cols[0].lang, t.cols[1].lang = 1, 0
		return true
	}
	probe := &table{g: &Glossary{}}
	if probe.header(rec, &Report{}) {
		t.rep.warnf(ProblemBadHeader, line, "", "", "", "the first row (%q, %q) was read as an entry, not as a header: with source %s and target %s, a header row names those two languages", truncate(rec[0], 40), truncate(rec[1], 40), src, tgt)
	}
	return false
}

// givenFields is what the file's columns carry of every entry.
func (t *table) givenFields() *givenFields {
	gf := &givenFields{}
	for _, c := range t.cols {
		switch c.kind {
		case colLang:
			gf.terms = append(gf.terms, t.g.Languages[c.lang])
		case colForbidden:
			gf.forbidden = append(gf.forbidden, t.g.Languages[c.lang])
		case colDNT:
			gf.fields |= fieldDNT
		case colCase:
			gf.fields |= fieldCase
		case colWholeWord:
			gf.fields |= fieldWholeWord
		case colInflection:
			gf.fields |= fieldInflection
		case colPOS:
			gf.fields |= fieldPOS
		case colNote:
			gf.fields |= fieldNote
		}
	}
	return gf
}

// header reads the column layout and reports whether the row is a header.
func (t *table) header(cells []string, rep *Report) bool {
	var forbidden []struct {
		col  int
		name string
	}
	if max := 2*MaxLanguages + len(reservedColumns); len(cells) > max {
		rep.errorf(ProblemBadHeader, 1, "", "", "", "the header has %d columns; at most %d languages (and their forbidden columns) are allowed", len(cells), MaxLanguages)
		return false
	}
	seen := map[columnKind]bool{}
	langAt := map[language.Tag]int{}
	for i, raw := range cells {
		h := strings.TrimSpace(unescapeCell(raw))
		col := i + 1
		lower := strings.ToLower(h)
		if kind, ok := reservedColumns[lower]; ok {
			if seen[kind] {
				rep.errorf(ProblemBadHeader, 1, "", "", "", "column %d: %q appears twice", col, h)
			}
			seen[kind] = true
			t.cols = append(t.cols, column{kind: kind})
			continue
		}
		if strings.HasPrefix(lower, ColumnForbidden) {
			forbidden = append(forbidden, struct {
				col  int
				name string
			}{len(t.cols), h[len(ColumnForbidden):]})
			t.cols = append(t.cols, column{kind: colForbidden})
			continue
		}
		if h == "" {
			rep.errorf(ProblemBadHeader, 1, "", "", "", "column %d: empty header; name a language (e.g. en) or one of %s", col, reservedList())
			continue
		}
		tag, ok := parseTag(h)
		if !ok {
			rep.errorf(ProblemBadLanguage, 1, "", h, "", "column %d: %q is not a BCP 47 language tag (other columns may be %s)", col, h, reservedList())
			continue
		}
		if prev, dup := langAt[tag]; dup {
			rep.errorf(ProblemBadLanguage, 1, "", tag.String(), "", "column %d: language %s already has column %d", col, tag, prev+1)
			continue
		}
		langAt[tag] = i
		t.cols = append(t.cols, column{kind: colLang, lang: len(t.g.Languages)})
		t.g.Languages = append(t.g.Languages, tag)
	}
	for _, f := range forbidden {
		tag, ok := parseTag(f.name)
		idx := -1
		if ok {
			idx = slices.Index(t.g.Languages, tag)
		}
		if idx < 0 {
			rep.errorf(ProblemBadHeader, 1, "", f.name, "", "column %q: forbidden terms need a language column %q", ColumnForbidden+f.name, f.name)
			continue
		}
		t.cols[f.col].lang = idx
	}
	if rep.OK() && len(t.g.Languages) == 0 {
		rep.errorf(ProblemBadHeader, 1, "", "", "", "the header names no language column; the first line must be language tags, e.g. en,es,fr")
	}
	if !rep.OK() {
		t.cols, t.g.Languages = nil, nil
		return false
	}
	return true
}

func reservedList() string {
	return strings.Join([]string{ColumnID, ColumnDNT, ColumnCaseSensitive, ColumnWholeWord, ColumnInflection, ColumnPOS, ColumnNote, ColumnForbidden + "<language>"}, ", ")
}

// row reads one record; it returns false to stop reading.
func (t *table) row(line int, rec []string) bool {
	if !validUTF8(t.rep, line, strings.Join(rec, "")) {
		return true
	}
	if len(rec) != len(t.cols) {
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			return true // an empty line
		}
		t.rep.errorf(ProblemSyntax, line, "", "", "", "row has %d fields, the header %d", len(rec), len(t.cols))
		return true
	}
	if allBlank(rec) {
		return true // spreadsheets export trailing ",,,," rows
	}
	if len(t.g.Entries) >= t.opts.MaxEntries {
		t.rep.errorf(ProblemTooMany, line, "", "", "", "more than %d entries", t.opts.MaxEntries)
		return false
	}
	e := Entry{Line: line, Terms: make([]string, len(t.g.Languages)), given: t.given}
	wholeWord, inflection := true, ""
	for i, c := range t.cols {
		v := unescapeCell(rec[i])
		switch c.kind {
		case colLang:
			e.Terms[c.lang] = v
		case colForbidden:
			var list []string
			for _, f := range strings.Split(v, forbiddenSep) {
				if f = strings.TrimSpace(f); f != "" {
					list = append(list, f)
				}
			}
			if len(list) > 0 {
				if e.Forbidden == nil {
					e.Forbidden = make([][]string, len(t.g.Languages))
				}
				e.Forbidden[c.lang] = list
			}
		case colID:
			e.ID = strings.TrimSpace(v)
		case colDNT:
			e.DoNotTranslate = t.flag(line, ColumnDNT, v, false)
		case colCase:
			e.CaseSensitive = t.flag(line, ColumnCaseSensitive, v, false)
		case colWholeWord:
			wholeWord = t.flag(line, ColumnWholeWord, v, true)
		case colInflection:
			inflection = strings.ToLower(strings.TrimSpace(v))
		case colPOS:
			e.PartOfSpeech = v
		case colNote:
			if t.tsv {
				v = tsvUnescape(v)
			}
			e.Note = v
		}
	}
	var wwp *bool
	if !wholeWord {
		wwp = &wholeWord
	}
	m, err := matchFromAPI(wwp, inflection)
	if err != nil {
		t.rep.errorf(ProblemBadValue, line, e.ID, "", "", "%s", err.Error())
		return true
	}
	e.Match = m
	t.g.Entries = append(t.g.Entries, e)
	return true
}

func (t *table) flag(line int, name, v string, def bool) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return def
	case "false", "no", "n", "0":
		return false
	case "true", "yes", "y", "1":
		return true
	}
	t.rep.errorf(ProblemBadValue, line, "", "", "", "%s: %q is not true or false", name, v)
	return def
}

func allBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// tsvEscape writes a note in one TSV field: backslash escapes for the
// characters TSV cannot hold (IANA text/tab-separated-values has no
// quoting). Terms cannot contain them, so only notes are escaped.
var (
	tsvEscaper   = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)
	tsvUnescaper = strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n", `\r`, "\r")
)

func tsvUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return tsvUnescaper.Replace(s)
}

// exportColumns chooses the columns of an exported table: the languages,
// then only the optional columns some entry needs, so that a simple
// glossary exports as a simple file (and a file read from git exports as
// the same bytes).
func exportColumns(g *Glossary) ([]column, []string) {
	var needID, dnt, cs, ww, infl, pos, note bool
	forbidden := make([]bool, len(g.Languages))
	for i := range g.Entries {
		e := &g.Entries[i]
		needID = needID || e.ID != g.derivedID(e)
		dnt = dnt || e.DoNotTranslate
		cs = cs || e.CaseSensitive
		ww = ww || e.Match == MatchSubstring
		infl = infl || e.Match == MatchStem || e.Match == MatchPrefix
		pos = pos || e.PartOfSpeech != ""
		note = note || e.Note != ""
		for col := range e.Forbidden {
			forbidden[col] = forbidden[col] || len(e.Forbidden[col]) > 0
		}
	}
	var cols []column
	var names []string
	if needID {
		cols, names = append(cols, column{kind: colID}), append(names, ColumnID)
	}
	for i, l := range g.Languages {
		cols, names = append(cols, column{kind: colLang, lang: i}), append(names, l.String())
	}
	for i, l := range g.Languages {
		if forbidden[i] {
			cols, names = append(cols, column{kind: colForbidden, lang: i}), append(names, ColumnForbidden+l.String())
		}
	}
	for _, c := range []struct {
		need bool
		kind columnKind
		name string
	}{{dnt, colDNT, ColumnDNT}, {cs, colCase, ColumnCaseSensitive}, {ww, colWholeWord, ColumnWholeWord},
		{infl, colInflection, ColumnInflection}, {pos, colPOS, ColumnPOS}, {note, colNote, ColumnNote}} {
		if c.need {
			cols, names = append(cols, column{kind: c.kind}), append(names, c.name)
		}
	}
	return cols, names
}

func cell(e *Entry, c column, tsv bool) string {
	flag := func(b bool, v string) string {
		if b {
			return v
		}
		return ""
	}
	switch c.kind {
	case colLang:
		return e.Terms[c.lang]
	case colForbidden:
		return strings.Join(e.forbidden(c.lang), forbiddenSep)
	case colID:
		return e.ID
	case colDNT:
		return flag(e.DoNotTranslate, "true")
	case colCase:
		return flag(e.CaseSensitive, "true")
	case colWholeWord:
		return flag(e.Match == MatchSubstring, "false")
	case colInflection:
		if e.Match == MatchStem || e.Match == MatchPrefix {
			return e.Match.String()
		}
		return ""
	case colPOS:
		return e.PartOfSpeech
	case colNote:
		if tsv {
			return tsvEscaper.Replace(e.Note)
		}
		return e.Note
	}
	return ""
}

// writeTable writes CSV (sep ',') or TSV (sep '\t') with a header row.
// Every cell is neutralised against formula injection.
func writeTable(w io.Writer, g *Glossary, sep rune) error {
	cols, names := exportColumns(g)
	tsv := sep == '\t'
	rec := make([]string, len(cols))
	if tsv {
		bw := bufio.NewWriter(w)
		writeLine := func(cells []string) {
			for i, c := range cells {
				if i > 0 {
					bw.WriteByte('\t')
				}
				bw.WriteString(escapeCell(c))
			}
			bw.WriteByte('\n')
		}
		writeLine(names)
		for i := range g.Entries {
			for j, c := range cols {
				rec[j] = cell(&g.Entries[i], c, true)
			}
			writeLine(rec)
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("write tsv: %w", err)
		}
		return nil
	}
	cw := csv.NewWriter(w)
	cw.Comma = sep
	for i, n := range names {
		rec[i] = escapeCell(n)
	}
	if err := cw.Write(rec); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for i := range g.Entries {
		for j, c := range cols {
			rec[j] = escapeCell(cell(&g.Entries[i], c, false))
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// ParseCSV reads and validates one glossary in the CSV format described in
// docs/glossary.md. path is used in messages only. The error is an
// *InvalidError listing every problem as "path:line: message".
func ParseCSV(id, path string, r io.Reader) (*Glossary, error) {
	g, rep := Parse("csv", r, ParseOptions{ID: id, Path: path})
	if err := rep.Err(); err != nil {
		return nil, err
	}
	return g, nil
}
