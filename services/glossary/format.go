package glossary

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/parley-chat/parley/shared/api"
)

// Import limits. Both keep a hostile or mistaken upload from costing more
// than a bounded amount of memory: the parsers stop reading at MaxBytes.
const (
	DefaultMaxImportBytes = 32 << 20
	DefaultMaxEntries     = 100_000
)

// TBXBytesPerEntry scales the TBX size limit with the entry limit. TBX
// spends markup on every entry, language and term: a two-language entry
// exports as about 490 bytes of TBX (26 of CSV), a four-language one with
// a note, part of speech and a forbidden term as about 1,500 (150 of CSV).
// With a fixed limit, a glossary of the largest size an import accepts
// (100,000 two-language entries: 49 MB of TBX) could be exported but not
// imported again; with MaxEntries × 1 KiB (97.7 MiB by default) it can,
// and Manager.Export refuses, naming CSV and TSV, the rare file over it.
const TBXBytesPerEntry = 1024

// Formats lists the import and export formats.
var Formats = []string{api.FormatTBX, api.FormatTBXv2, api.FormatCSV, api.FormatTSV}

// ParseOptions says how to read a glossary file.
type ParseOptions struct {
	// ID is the glossary's id; Path names the file in messages.
	ID   string
	Path string
	// Mode is the glossary's mode (default multilingual); it decides which
	// terms must be unique.
	Mode Mode
	// Source and Target are the languages of a two-column CSV or TSV file
	// without a header row (DeepL's and Google's pair files).
	Source string
	Target string
	// MaxBytes and MaxEntries bound the input (defaults above).
	MaxBytes   int64
	MaxEntries int
}

// MaxFileBytes is the size limit of a file in format: MaxBytes for CSV
// and TSV; for TBX (and "", a file whose format is not known yet) the
// larger of MaxBytes and MaxEntries × TBXBytesPerEntry.
func (o ParseOptions) MaxFileBytes(format string) int64 {
	o.defaults()
	switch format {
	case api.FormatCSV, api.FormatTSV:
		return o.MaxBytes
	}
	return max(o.MaxBytes, int64(o.MaxEntries)*TBXBytesPerEntry)
}

func (o *ParseOptions) defaults() {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxImportBytes
	}
	if o.MaxEntries <= 0 {
		o.MaxEntries = DefaultMaxEntries
	}
	if o.Path == "" {
		o.Path = o.ID
	}
}

// Parse reads and validates a glossary file in format (tbx, tbx-v2, csv or
// tsv; "" detects it from the content). The report lists every problem; the
// glossary is usable only when the report has no errors.
func Parse(format string, r io.Reader, opts ParseOptions) (*Glossary, *Report) {
	g, rep := parse(format, r, opts)
	if rep.OK() {
		g.validate(rep)
	}
	return g, rep
}

// parse reads a file without the semantic checks (validate), so that a
// merge can validate the merged result once.
func parse(format string, r io.Reader, opts ParseOptions) (*Glossary, *Report) {
	opts.defaults()
	rep := &Report{Path: opts.Path}
	g := &Glossary{ID: opts.ID, Path: opts.Path, Mode: opts.Mode}
	if g.Mode == "" {
		g.Mode = Multilingual
	}
	// Until the format is known, the largest of the limits applies.
	lr := &limitReader{r: r, max: opts.MaxFileBytes("")}
	// Spreadsheet exports often start with a byte order mark, and Excel's
	// "Unicode Text" is UTF-16.
	br := utf8Reader(bufio.NewReader(lr))
	if format == "" {
		format = sniff(br)
	}
	lr.setMax(opts.MaxFileBytes(format))
	switch format {
	case api.FormatTBX, api.FormatTBXv2:
		parseTBX(br, g, rep, opts)
	case api.FormatCSV:
		parseTable(newCSVRows(br), g, rep, opts)
	case api.FormatTSV:
		parseTable(newTSVRows(br), g, rep, opts)
	default:
		rep.errorf(ProblemSyntax, 0, "", "", "", "unknown format %q: want %s", format, strings.Join(Formats, ", "))
	}
	if lr.over {
		// Whatever else was found, the file is refused for its size; the
		// parser's complaint about where it was cut off would mislead.
		rep = &Report{Path: opts.Path}
		rep.errorf(ProblemTooLarge, 0, "", "", "", "the file is over %d bytes", lr.max)
		g.Entries = nil
	}
	return g, rep
}

// FormatOf returns the format for a file name's extension, or "".
func FormatOf(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".tbx"):
		return api.FormatTBX
	case strings.HasSuffix(lower, ".csv"):
		return api.FormatCSV
	case strings.HasSuffix(lower, ".tsv"), strings.HasSuffix(lower, ".tab"), strings.HasSuffix(lower, ".txt"):
		return api.FormatTSV
	}
	return ""
}

// sniff guesses the format from the first bytes: XML is TBX, a first line
// with a tab is TSV, anything else CSV.
func sniff(br *bufio.Reader) string {
	head, _ := br.Peek(4096)
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<")) {
		return api.FormatTBX
	}
	line, _, _ := bytes.Cut(head, []byte("\n"))
	if bytes.IndexByte(line, '\t') >= 0 {
		return api.FormatTSV
	}
	return api.FormatCSV
}

// errTooLarge stops a parser at the size limit.
var errTooLarge = errors.New("input over the size limit")

// limitReader reads at most max bytes and then fails, remembering that it
// did, so that a too-large file is reported as such and not as a syntax
// error at the point where it was cut.
type limitReader struct {
	r    io.Reader
	max  int64
	n    int64 // bytes read
	over bool
}

// setMax changes the limit once the format is known. The reader may
// already be past it: the buffer in front of it reads ahead.
func (l *limitReader) setMax(n int64) {
	l.max = n
	if l.n > n {
		l.over = true
	}
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.over {
		return 0, errTooLarge
	}
	left := l.max - l.n
	if left <= 0 {
		// One byte more tells a file of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n > 0 {
			l.over = true
			return 0, errTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// Export writes the glossary in format.
func Export(w io.Writer, g *Glossary, format string) error {
	switch format {
	case api.FormatTBX:
		return writeTBX(w, g, 3)
	case api.FormatTBXv2:
		return writeTBX(w, g, 2)
	case api.FormatCSV:
		return writeTable(w, g, ',')
	case api.FormatTSV:
		return writeTable(w, g, '\t')
	}
	return api.FieldError(api.CodeInvalidArgument, "format", "unknown format %q: want %s", format, strings.Join(Formats, ", "))
}

// ContentType is the media type of an exported format.
func ContentType(format string) string {
	switch format {
	case api.FormatTBX, api.FormatTBXv2:
		return "application/x-tbx+xml"
	case api.FormatTSV:
		return "text/tab-separated-values; charset=utf-8"
	}
	return "text/csv; charset=utf-8"
}

// Extension is the file extension of a format.
func Extension(format string) string {
	switch format {
	case api.FormatTBX, api.FormatTBXv2:
		return ".tbx"
	case api.FormatTSV:
		return ".tsv"
	}
	return ".csv"
}

// formulaStart are the first characters that make a spreadsheet treat a
// cell as a formula (CSV injection); tab and carriage return are on the
// OWASP list too.
const formulaStart = "=+-@\t\r"

// escapeCell neutralises a cell for spreadsheets: a cell starting with a
// formula character, or with the apostrophe that marks an escaped cell,
// gets a leading apostrophe. unescapeCell undoes exactly that, so export
// and import round-trip.
func escapeCell(s string) string {
	if s != "" && (strings.IndexByte(formulaStart, s[0]) >= 0 || s[0] == '\'') {
		return "'" + s
	}
	return s
}

func unescapeCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && (strings.IndexByte(formulaStart, s[1]) >= 0 || s[1] == '\'') {
		return s[1:]
	}
	return s
}

// validUTF8 reports a cell that is not UTF-8 once per file.
func validUTF8(rep *Report, line int, s string) bool {
	if utf8.ValidString(s) {
		return true
	}
	rep.errorf(ProblemSyntax, line, "", "", "", "line is not valid UTF-8 (save the file as UTF-8)")
	return false
}
