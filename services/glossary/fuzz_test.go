package glossary

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// fuzzLimits keep every fuzz input small and its memory bounded.
var fuzzLimits = ParseOptions{ID: "fuzz", MaxBytes: 64 << 10, MaxEntries: 200}

// fuzzParse checks, for any input: no panic, the limits hold, and whatever
// is accepted exports and reads back to the same content in every format.
func fuzzParse(t *testing.T, format string, data []byte, opts ParseOptions) {
	g, rep := Parse(format, bytes.NewReader(data), opts)
	if limit := opts.MaxFileBytes(format); int64(len(data)) > limit && rep.OK() {
		t.Fatalf("accepted %d bytes over the %d limit", len(data), limit)
	}
	if len(rep.Problems) > maxReportProblems {
		t.Fatalf("report has %d problems", len(rep.Problems))
	}
	if !rep.OK() {
		return
	}
	if len(g.Entries) > opts.MaxEntries {
		t.Fatalf("%d entries over the limit", len(g.Entries))
	}
	for _, out := range Formats {
		var b bytes.Buffer
		if err := Export(&b, g, out); err != nil {
			t.Fatalf("export %s: %v", out, err)
		}
		back, rep := Parse(out, bytes.NewReader(b.Bytes()), ParseOptions{ID: "fuzz", Mode: g.Mode})
		if err := rep.Err(); err != nil {
			t.Fatalf("re-import of %s export failed: %v\n%s", out, err, b.String())
		}
		if len(back.Entries) != len(g.Entries) || len(back.Languages) != len(g.Languages) {
			t.Fatalf("%s round trip: %d entries / %d languages, want %d / %d", out, len(back.Entries), len(back.Languages), len(g.Entries), len(g.Languages))
		}
		for i := range g.Entries {
			if !g.Entries[i].equal(&back.Entries[i]) {
				t.Fatalf("%s round trip changed entry %d:\n%+v\n%+v", out, i, g.Entries[i], back.Entries[i])
			}
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{richCSV, "en,es\nthread,hilo\n", "\ufeffen,es\n\"a,b\",\"c\"\"d\"\n", "en,es,dnt\nParley,,true\n",
		"en,es,forbidden:es\nthread,hilo,hebra|fibra\n", "en\n", "a,b\n", "en,es\n'=1,'+2\n",
		// Found by the fuzzer: "in" is Indonesian, "id" once a reserved column.
		"iA,AA,es,de,forBidden:es,forBidden:de,AAA,CAse_sensitive,whole_word,in"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, api.FormatCSV, data, fuzzLimits) })
}

func FuzzParseTSV(f *testing.F) {
	for _, s := range []string{"en\tes\nthread\thilo\n", "thread\thilo\n",
		"AA\tAY\tAB\tnote\n\t0\t0\t\x00", // found by the fuzzer: a NUL in a note cannot go into TBX
		"entry_id\ten\tes\tnote\nx\ta\tb\tline\\nbreak\n", "\t\n\t\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := fuzzLimits
		opts.Source, opts.Target = "en", "es"
		fuzzParse(t, api.FormatTSV, data, opts)
	})
}

func FuzzParseTBX(f *testing.F) {
	for _, s := range []string{tbxV2, tbxV3, `<tbx><text><body/></text></tbx>`, `<!DOCTYPE x [<!ENTITY a "b">]><tbx/>`,
		`<martif><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>x</term></tig></langSet><langSet xml:lang="de"><tig><term>y</term></tig></langSet></termEntry></body></text></martif>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, api.FormatTBX, data, fuzzLimits) })
}

// TestParseMemoryIsBounded feeds each parser inputs built to be expensive
// (many tiny rows, one huge cell, deep or wide XML) and checks that the
// memory allocated stays within a small multiple of the input size.
func TestParseMemoryIsBounded(t *testing.T) {
	const size = 1 << 20
	inputs := []struct {
		name, format, data string
	}{
		{"csv tiny rows", api.FormatCSV, "en,es\n" + strings.Repeat("a,b\n", size/4)},
		{"csv one huge cell", api.FormatCSV, "en,es\n\"" + strings.Repeat("x", size) + "\",y\n"},
		{"csv many columns", api.FormatCSV, strings.Repeat("en,", size/3) + "es\n"},
		{"tsv tiny rows", api.FormatTSV, "en\tes\n" + strings.Repeat("a\tb\n", size/4)},
		{"tbx deep", api.FormatTBX, "<tbx><text>" + strings.Repeat("<a>", size/8) + "</text></tbx>"},
		{"tbx wide attributes", api.FormatTBX, "<tbx " + strings.Repeat(`a="b" `, size/6) + "/>"},
		{"tbx many entries", api.FormatTBX, "<tbx><text><body>" + strings.Repeat(`<conceptEntry><langSec xml:lang="en"><termSec><term>x</term></termSec></langSec></conceptEntry>`, size/100) + "</body></text></tbx>"},
		{"tbx huge text", api.FormatTBX, "<tbx><text><body><conceptEntry><note>" + strings.Repeat("x", size) + "</note></conceptEntry></body></text></tbx>"},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, _ = Parse(in.format, strings.NewReader(in.data), ParseOptions{ID: "m", MaxBytes: 2 * size, MaxEntries: 1000})
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64*uint64(len(in.data))+(8<<20) {
				t.Errorf("parsing %d bytes allocated %d bytes", len(in.data), alloc)
			}
		})
	}
}
