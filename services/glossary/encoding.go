package glossary

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Glossary files are UTF-8, but tools write other encodings: Excel saves
// "Unicode Text" as UTF-16 with a byte order mark, and terminology tools
// declare ISO-8859-1 or Windows-1252 in the XML declaration. Those are
// converted; anything else gets a message saying to save the file as
// UTF-8, never a parser's complaint about the bytes it could not read.

// utf8Reader returns br's content as UTF-8: a UTF-8 byte order mark is
// dropped, UTF-16 (with a byte order mark, or without one when the file
// starts with an ASCII character, as every glossary file does) is
// converted. Anything else is returned as it is.
func utf8Reader(br *bufio.Reader) *bufio.Reader {
	head, _ := br.Peek(4)
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, _ = br.Discard(3)
		return br
	case bytes.HasPrefix(head, []byte("\xff\xfe")) && !bytes.HasPrefix(head, []byte("\xff\xfe\x00\x00")):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case len(head) == 4 && head[0] != 0 && head[0] < 0x80 && head[1] == 0 && head[2] != 0 && head[3] == 0:
		enc = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case len(head) == 4 && head[0] == 0 && head[1] != 0 && head[1] < 0x80 && head[2] == 0 && head[3] != 0:
		enc = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	default:
		return br
	}
	return bufio.NewReader(transform.NewReader(br, enc.NewDecoder()))
}

// xmlCharsets are the encodings an XML declaration may name besides
// UTF-8, by label in lower case without '-' and '_'. ISO-8859-1 is read
// as Windows-1252, its superset, as browsers do: files labelled Latin-1
// often hold Windows quotes and dashes.
var xmlCharsets = map[string]encoding.Encoding{
	"iso88591": charmap.Windows1252, "latin1": charmap.Windows1252, "l1": charmap.Windows1252,
	"isoir100": charmap.Windows1252, "cp819": charmap.Windows1252, "ibm819": charmap.Windows1252,
	"windows1252": charmap.Windows1252, "cp1252": charmap.Windows1252, "xcp1252": charmap.Windows1252,
	"iso885915": charmap.ISO8859_15, "latin9": charmap.ISO8859_15, "l9": charmap.ISO8859_15,
}

// xmlCharsetReader is the xml.Decoder's CharsetReader: it converts the
// encodings above. A UTF-16 or ASCII declaration needs nothing: UTF-16 was
// converted before the decoder saw it (the declaration could not have been
// read otherwise), and ASCII is UTF-8.
func xmlCharsetReader(charset string, input io.Reader) (io.Reader, error) {
	label := strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(strings.TrimSpace(charset)))
	switch label {
	case "utf16", "utf16le", "utf16be", "usascii", "ascii":
		return input, nil
	}
	if enc, ok := xmlCharsets[label]; ok {
		return enc.NewDecoder().Reader(input), nil
	}
	// A tbxError, which encoding/xml wraps: parseTBX reports its message
	// alone.
	return nil, &tbxError{ProblemSyntax, fmt.Sprintf("the file declares encoding %q, which is not supported (UTF-8, UTF-16, ISO-8859-1, Windows-1252 and ISO-8859-15 are); save it as UTF-8", charset)}
}
