package glossary

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/parley-chat/parley/shared/api"
)

// Files in the encodings other tools write are read; one in any other
// encoding gets a message saying to save it as UTF-8.
func TestParseEncodings(t *testing.T) {
	encode := func(enc encoding.Encoding, s string) string {
		out, err := enc.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	tbx := func(charset string) string {
		return "<?xml version=\"1.0\" encoding=\"" + charset + "\"?>\n<martif><text><body><termEntry id=\"c\">" +
			"<langSet xml:lang=\"en\"><tig><term>café “menu”</term></tig></langSet>" +
			"<langSet xml:lang=\"fr\"><tig><term>carte du café</term></tig></langSet></termEntry></body></text></martif>"
	}
	csv := "en,es\nthread,hilo\ncafé,cafetería\n"
	utf16LE := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16BE := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	tests := []struct {
		name, format, data string
		want               string // the first entry's first term
		wantSecond         string // the second entry's second term ("" to skip)
	}{
		{"TBX declaring ISO-8859-1 (read as Windows-1252)", api.FormatTBX, encode(charmap.Windows1252, tbx("ISO-8859-1")), "café “menu”", ""},
		{"TBX declaring windows-1252", api.FormatTBX, encode(charmap.Windows1252, tbx("windows-1252")), "café “menu”", ""},
		{"TBX declaring latin1 without Windows characters", api.FormatTBX, encode(charmap.ISO8859_1, strings.NewReplacer("“", "", "”", "").Replace(tbx("latin1"))), "café menu", ""},
		{"UTF-16LE TBX declaring UTF-16", "", encode(utf16LE, tbx("UTF-16")), "café “menu”", ""},
		{"UTF-16LE CSV with a BOM (Excel Unicode Text)", api.FormatCSV, encode(utf16LE, csv), "thread", "cafetería"},
		{"UTF-16BE CSV with a BOM", api.FormatCSV, encode(utf16BE, csv), "thread", "cafetería"},
		{"UTF-16LE TSV with a BOM, format detected", "", encode(utf16LE, strings.ReplaceAll(csv, ",", "\t")), "thread", "cafetería"},
		{"UTF-16LE CSV without a BOM", api.FormatCSV, encode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), csv), "thread", "cafetería"},
		{"UTF-8 CSV with a BOM", api.FormatCSV, "\xef\xbb\xbf" + csv, "thread", "cafetería"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, rep := Parse(tt.format, strings.NewReader(tt.data), ParseOptions{ID: "x"})
			if err := rep.Err(); err != nil {
				t.Fatal(err)
			}
			if got := g.Entries[0].Terms[0]; got != tt.want {
				t.Errorf("first term = %q, want %q", got, tt.want)
			}
			if tt.wantSecond != "" && g.Entries[1].Terms[1] != tt.wantSecond {
				t.Errorf("second entry = %q, want %q", g.Entries[1].Terms, tt.wantSecond)
			}
		})
	}

	for _, tc := range []struct{ name, data string }{
		{"unsupported declaration", `<?xml version="1.0" encoding="EUC-KR"?><martif/>`},
	} {
		_, rep := Parse(api.FormatTBX, strings.NewReader(tc.data), ParseOptions{ID: "x"})
		if rep.OK() || !strings.Contains(rep.Problems[0].Message, "save it as UTF-8") || strings.Contains(rep.Problems[0].Message, "CharsetReader") {
			t.Errorf("%s: %+v", tc.name, rep.Problems)
		}
	}
}
