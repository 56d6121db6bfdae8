// Package gettext reads GNU gettext binary message catalogs (.mo files),
// the compiled form of the human translations that Debian ships under
// /usr/share/locale/<lang>/LC_MESSAGES/<domain>.mo. The evaluation harness
// builds dev sets from them: every message is a source string with a
// translation made by a human translator.
//
// The format is documented in the GNU gettext manual, "The Format of GNU
// MO Files": a header of 32-bit words (magic, revision, count, offsets of
// the original and translation tables), and two tables of (length, offset)
// pairs pointing at NUL-terminated strings. Reading it directly means no
// dependency on msgunfmt.
package gettext

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/ianaindex"
)

const (
	magic = 0x950412de
	// contextSep separates msgctxt from msgid in an original string.
	contextSep = "\x04"
	// pluralSep separates msgid from msgid_plural, and plural forms.
	pluralSep = "\x00"
)

// ErrFormat reports a file that is not a valid .mo catalog.
var ErrFormat = errors.New("gettext: not a valid .mo file")

// Message is one catalog entry.
type Message struct {
	// Context is the msgctxt ("" when none).
	Context string
	// ID is the msgid: the source string.
	ID string
	// Plural is the msgid_plural ("" for a message without plural forms).
	Plural string
	// Translations has one string, or one per plural form.
	Translations []string
}

// Catalog is a parsed .mo file.
type Catalog struct {
	// Header holds the fields of the catalog header (the translation of the
	// empty msgid), e.g. "Language" and "Content-Type".
	Header map[string]string
	// Charset is the declared encoding; texts are converted to UTF-8.
	Charset  string
	Messages []Message
}

// ReadFile parses the .mo file at path.
func ReadFile(path string) (*Catalog, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Parse decodes a .mo file.
func Parse(data []byte) (*Catalog, error) {
	if len(data) < 28 {
		return nil, fmt.Errorf("%w: %d bytes", ErrFormat, len(data))
	}
	var order binary.ByteOrder
	switch {
	case binary.LittleEndian.Uint32(data) == magic:
		order = binary.LittleEndian
	case binary.BigEndian.Uint32(data) == magic:
		order = binary.BigEndian
	default:
		return nil, fmt.Errorf("%w: bad magic number %#x", ErrFormat, binary.LittleEndian.Uint32(data))
	}
	if rev := order.Uint32(data[4:]) >> 16; rev > 1 {
		return nil, fmt.Errorf("%w: unsupported major revision %d", ErrFormat, rev)
	}
	n := int(order.Uint32(data[8:]))
	origTable := int(order.Uint32(data[12:]))
	transTable := int(order.Uint32(data[16:]))
	if n < 0 || n > len(data)/16 {
		return nil, fmt.Errorf("%w: %d strings in %d bytes", ErrFormat, n, len(data))
	}
	str := func(table, i int) (string, error) {
		at := table + 8*i
		if at < 0 || at+8 > len(data) {
			return "", fmt.Errorf("%w: string table entry %d out of range", ErrFormat, i)
		}
		length := int(order.Uint32(data[at:]))
		off := int(order.Uint32(data[at+4:]))
		if off < 0 || length < 0 || off+length > len(data) {
			return "", fmt.Errorf("%w: string %d out of range", ErrFormat, i)
		}
		return string(data[off : off+length]), nil
	}
	c := &Catalog{Header: map[string]string{}, Charset: "UTF-8"}
	type raw struct{ orig, trans string }
	raws := make([]raw, 0, n)
	for i := range n {
		o, err := str(origTable, i)
		if err != nil {
			return nil, err
		}
		t, err := str(transTable, i)
		if err != nil {
			return nil, err
		}
		if o == "" {
			c.parseHeader(t)
			continue
		}
		raws = append(raws, raw{o, t})
	}
	decode, err := decoder(c.Charset)
	if err != nil {
		return nil, err
	}
	for _, r := range raws {
		o, err := decode(r.orig)
		if err != nil {
			return nil, err
		}
		t, err := decode(r.trans)
		if err != nil {
			return nil, err
		}
		var m Message
		if ctx, id, ok := strings.Cut(o, contextSep); ok {
			m.Context, o = ctx, id
		}
		m.ID, m.Plural, _ = strings.Cut(o, pluralSep)
		m.Translations = strings.Split(t, pluralSep)
		c.Messages = append(c.Messages, m)
	}
	return c, nil
}

// parseHeader reads "Name: value" lines and the charset of Content-Type.
func (c *Catalog) parseHeader(h string) {
	for _, line := range strings.Split(h, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		c.Header[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	ct := c.Header["Content-Type"]
	if _, cs, ok := strings.Cut(ct, "charset="); ok {
		cs = strings.TrimSpace(strings.SplitN(cs, ";", 2)[0])
		if cs != "" && !strings.EqualFold(cs, "CHARSET") { // "CHARSET" is the template's placeholder
			c.Charset = cs
		}
	}
}

// decoder returns a function converting catalog strings to UTF-8.
func decoder(charset string) (func(string) (string, error), error) {
	if strings.EqualFold(charset, "UTF-8") || strings.EqualFold(charset, "UTF8") || strings.EqualFold(charset, "ASCII") || strings.EqualFold(charset, "US-ASCII") {
		return func(s string) (string, error) {
			if !utf8.ValidString(s) {
				return "", fmt.Errorf("%w: text is not valid %s", ErrFormat, charset)
			}
			return s, nil
		}, nil
	}
	enc, err := ianaindex.IANA.Encoding(charset)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("gettext: unsupported charset %q", charset)
	}
	dec := enc.NewDecoder()
	return func(s string) (string, error) {
		out, err := dec.Bytes([]byte(s))
		if err != nil {
			return "", fmt.Errorf("gettext: decode %s: %w", charset, err)
		}
		return string(bytes.ToValidUTF8(out, []byte("\uFFFD"))), nil
	}, nil
}

// Encode writes a catalog in .mo format (little-endian, revision 0,
// without a hash table, which readers do not need). The header, when
// non-empty, is written as the translation of the empty msgid. It exists
// so that tests and tools can make catalogs without msgfmt.
func Encode(header string, msgs []Message) []byte {
	type entry struct{ orig, trans string }
	var entries []entry
	if header != "" {
		entries = append(entries, entry{"", header})
	}
	for _, m := range msgs {
		o := m.ID
		if m.Plural != "" {
			o += pluralSep + m.Plural
		}
		if m.Context != "" {
			o = m.Context + contextSep + o
		}
		entries = append(entries, entry{o, strings.Join(m.Translations, pluralSep)})
	}
	n := len(entries)
	const headerSize = 28
	origTable := headerSize
	transTable := origTable + 8*n
	strStart := transTable + 8*n
	var strs bytes.Buffer
	tables := make([]byte, 16*n)
	put := func(table, i int, s string) {
		at := table - headerSize + 8*i
		binary.LittleEndian.PutUint32(tables[at:], uint32(len(s)))
		binary.LittleEndian.PutUint32(tables[at+4:], uint32(strStart+strs.Len()))
		strs.WriteString(s)
		strs.WriteByte(0)
	}
	for i, e := range entries {
		put(origTable, i, e.orig)
	}
	for i, e := range entries {
		put(transTable, i, e.trans)
	}
	out := make([]byte, headerSize, strStart+strs.Len())
	binary.LittleEndian.PutUint32(out[0:], magic)
	binary.LittleEndian.PutUint32(out[4:], 0)
	binary.LittleEndian.PutUint32(out[8:], uint32(n))
	binary.LittleEndian.PutUint32(out[12:], uint32(origTable))
	binary.LittleEndian.PutUint32(out[16:], uint32(transTable))
	// Hash table size and offset (20, 24) stay 0: no hash table.
	out = append(out, tables...)
	return append(out, strs.Bytes()...)
}
