package glossary

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Reserved CSV columns; every other header cell is a BCP 47 language tag.
const (
	ColumnDNT           = "dnt"
	ColumnCaseSensitive = "case_sensitive"
	ColumnNote          = "note"
)

// MaxTermBytes bounds one term, as DeepL does; longer cells are almost
// always a paste error (a sentence in a term column).
const MaxTermBytes = 1024

// maxProblems stops reporting after this many problems in one file: a file
// that wrong is better fixed from the first few.
const maxProblems = 20

// ParseError is one problem in a glossary file. Its text is "path:line: msg"
// so that editors and CI logs link to the line.
type ParseError struct {
	Path string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg) }

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// LoadDir loads every *.csv file of dir (not recursively). A file with
// problems is skipped and its problems are returned in problems (one joined
// error per file); err is set only when dir itself cannot be read.
func LoadDir(dir string) (set *Set, problems []error, err error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read glossary directory: %w", err)
	}
	var gs []*Glossary
	for _, de := range des {
		name := de.Name()
		ext := filepath.Ext(name)
		if de.IsDir() || !strings.EqualFold(ext, ".csv") {
			continue
		}
		path := filepath.Join(dir, name)
		id := strings.TrimSuffix(name, ext)
		if !idPattern.MatchString(id) {
			problems = append(problems, &ParseError{Path: path, Line: 0,
				Msg: fmt.Sprintf("glossary id %q (the file name) must be letters, digits, '.', '_' or '-'", id)})
			continue
		}
		g, err := parseFile(id, path)
		if err != nil {
			problems = append(problems, err)
			continue
		}
		gs = append(gs, g)
	}
	return NewSet(gs...), problems, nil
}

func parseFile(id, path string) (*Glossary, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open glossary: %w", err)
	}
	defer f.Close()
	return ParseCSV(id, path, f)
}

// ParseCSV reads one glossary in the CSV format described in
// docs/glossary.md. path is used in error messages only. The returned error
// joins every problem found (up to a limit), each a *ParseError.
func ParseCSV(id, path string, r io.Reader) (*Glossary, error) {
	p := &parser{path: path, g: &Glossary{ID: id, Path: path}}
	if err := p.parse(r); err != nil {
		return nil, err
	}
	if len(p.problems) > 0 {
		return nil, errors.Join(p.problems...)
	}
	p.g.build()
	return p.g, nil
}

type parser struct {
	path     string
	g        *Glossary
	problems []error

	langCol []int // CSV column of each language column
	dntCol  int
	caseCol int
	noteCol int
	seen    []map[string][]seenTerm // per language column, by folded key
}

type seenTerm struct {
	line          int
	term          string
	caseSensitive bool
}

func (p *parser) errorf(line int, format string, args ...any) {
	if len(p.problems) == maxProblems {
		p.problems = append(p.problems, &ParseError{Path: p.path, Line: line, Msg: "too many problems; stopping"})
	}
	if len(p.problems) > maxProblems {
		return
	}
	p.problems = append(p.problems, &ParseError{Path: p.path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) parse(r io.Reader) error {
	br := bufio.NewReader(r)
	// Spreadsheet exports often start with a UTF-8 byte order mark.
	if bom, err := br.Peek(3); err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	header, err := cr.Read()
	if err == io.EOF {
		p.errorf(1, "file is empty; the first line must be a header of language tags, e.g. en,es,fr")
		return nil
	}
	if err != nil {
		p.csvError(err)
		return nil
	}
	if !p.header(header) {
		return nil
	}
	cr.FieldsPerRecord = len(header)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			p.csvError(err)
			if len(p.problems) > maxProblems {
				return nil
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				continue // the reader can go on after a short or long row
			}
			return nil
		}
		line, _ := cr.FieldPos(0)
		p.row(line, rec)
	}
}

func (p *parser) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = fmt.Sprintf("row has a different number of fields than the header (%d)", p.columns())
		}
		p.errorf(pe.Line, "%s", msg)
		return
	}
	p.errorf(0, "read: %v", err)
}

func (p *parser) columns() int {
	n := len(p.langCol)
	for _, c := range []int{p.dntCol, p.caseCol, p.noteCol} {
		if c >= 0 {
			n++
		}
	}
	return n
}

// header reads the column layout and reports whether rows can be read.
func (p *parser) header(cells []string) bool {
	p.dntCol, p.caseCol, p.noteCol = -1, -1, -1
	ok := true
	langAt := map[language.Tag]int{}
	for i, raw := range cells {
		h := strings.TrimSpace(raw)
		col := i + 1
		reserved := map[string]*int{ColumnDNT: &p.dntCol, ColumnCaseSensitive: &p.caseCol, ColumnNote: &p.noteCol}
		if ptr, isReserved := reserved[strings.ToLower(h)]; isReserved {
			if *ptr >= 0 {
				p.errorf(1, "column %d: %q appears twice", col, h)
				ok = false
			}
			*ptr = i
			continue
		}
		if h == "" {
			p.errorf(1, "column %d: empty header; name a language (e.g. en) or one of %s, %s, %s", col, ColumnDNT, ColumnCaseSensitive, ColumnNote)
			ok = false
			continue
		}
		tag, err := language.Parse(strings.ReplaceAll(h, "_", "-"))
		if err != nil || tag == language.Und {
			p.errorf(1, "column %d: %q is not a BCP 47 language tag (other columns may be %s, %s, %s)", col, h, ColumnDNT, ColumnCaseSensitive, ColumnNote)
			ok = false
			continue
		}
		if prev, dup := langAt[tag]; dup {
			p.errorf(1, "column %d: language %s already has column %d", col, tag, prev+1)
			ok = false
			continue
		}
		langAt[tag] = i
		p.langCol = append(p.langCol, i)
		p.g.Languages = append(p.g.Languages, tag)
	}
	if ok && len(p.langCol) == 0 {
		p.errorf(1, "header names no language column; the first line must be language tags, e.g. en,es,fr")
		ok = false
	}
	p.seen = make([]map[string][]seenTerm, len(p.langCol))
	for i := range p.seen {
		p.seen[i] = map[string][]seenTerm{}
	}
	return ok
}

func (p *parser) row(line int, rec []string) {
	if allBlank(rec) {
		return // spreadsheets export trailing ",,,," rows
	}
	e := Entry{Line: line, Terms: make([]string, len(p.langCol))}
	ok := true
	for i, c := range p.langCol {
		t := norm.NFC.String(strings.TrimSpace(rec[c]))
		if msg := checkTerm(t); msg != "" {
			p.errorf(line, "%s term %q: %s", p.g.Languages[i], t, msg)
			ok = false
			continue
		}
		e.Terms[i] = t
	}
	var err error
	if e.DoNotTranslate, err = p.flag(rec, p.dntCol); err != nil {
		p.errorf(line, "%s: %v", ColumnDNT, err)
		ok = false
	}
	if e.CaseSensitive, err = p.flag(rec, p.caseCol); err != nil {
		p.errorf(line, "%s: %v", ColumnCaseSensitive, err)
		ok = false
	}
	if p.noteCol >= 0 {
		e.Note = strings.TrimSpace(rec[p.noteCol])
	}
	if !ok {
		return
	}
	var filled []int
	for i, t := range e.Terms {
		if t != "" {
			filled = append(filled, i)
		}
	}
	switch {
	case len(filled) == 0:
		p.errorf(line, "row has no terms")
		return
	case e.DoNotTranslate:
		first := filled[0]
		for _, i := range filled[1:] {
			if e.Terms[i] != e.Terms[first] {
				p.errorf(line, "do-not-translate row has %q (%s) and %q (%s); a do-not-translate term is the same in every language (leave other columns empty or repeat it)",
					e.Terms[first], p.g.Languages[first], e.Terms[i], p.g.Languages[i])
				return
			}
		}
	case len(filled) == 1:
		p.errorf(line, "row has a term only in %s (%q); add a translation or set %s=true", p.g.Languages[filled[0]], e.Terms[filled[0]], ColumnDNT)
		return
	}
	for _, i := range filled {
		if !p.unique(line, i, e.Terms[i], e.CaseSensitive) {
			ok = false
		}
	}
	if ok {
		p.g.Entries = append(p.g.Entries, e)
	}
}

// unique records a term of column i and reports a duplicate: the same term
// (case-folded, unless both rows are case-sensitive) in the same language
// would make the translation ambiguous.
func (p *parser) unique(line, i int, term string, caseSensitive bool) bool {
	k := key(term, true)
	for _, s := range p.seen[i][k] {
		if s.caseSensitive && caseSensitive && s.term != term {
			continue
		}
		p.errorf(line, "duplicate %s term %q (first on line %d)", p.g.Languages[i], term, s.line)
		return false
	}
	p.seen[i][k] = append(p.seen[i][k], seenTerm{line: line, term: term, caseSensitive: caseSensitive})
	return true
}

func (p *parser) flag(rec []string, col int) (bool, error) {
	if col < 0 {
		return false, nil
	}
	switch v := strings.ToLower(strings.TrimSpace(rec[col])); v {
	case "", "false", "no", "n", "0":
		return false, nil
	case "true", "yes", "y", "1":
		return true, nil
	default:
		return false, fmt.Errorf("%q is not true or false", v)
	}
}

func checkTerm(t string) string {
	if len(t) > MaxTermBytes {
		return fmt.Sprintf("longer than %d bytes", MaxTermBytes)
	}
	for _, r := range t {
		if unicode.IsControl(r) {
			return "contains a control character or line break"
		}
	}
	return ""
}

func allBlank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
