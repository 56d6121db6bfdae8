package glossary

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/glossary/natsstore"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
)

var syllables = []string{"ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "fi", "go", "ba", "de", "pu", "xi", "ho"}

// word is a made-up word, unique per n, that no English text contains.
func word(n int) string {
	var b strings.Builder
	for i := 0; i < 3 || n > 0; i++ {
		b.WriteString(syllables[n%len(syllables)])
		n /= len(syllables)
	}
	return b.String()
}

// bigGlossary builds a glossary of n entries in four languages: one, two
// and three word terms, some do-not-translate, some stem-matched, some
// with forbidden renderings, like a large product term base.
func bigGlossary(tb testing.TB, n int) *Glossary {
	tb.Helper()
	var b strings.Builder
	b.WriteString("entry_id,en,es,de,fr,forbidden:es,dnt,inflection\n")
	for i := range n {
		en := word(i)
		if i%3 == 1 {
			en += " " + word(i+n)
		}
		if i%7 == 2 {
			en += " " + word(i+2*n)
		}
		dnt, infl, forbidden := "", "", ""
		es, de, fr := "cy"+en, "jy"+en, "qy"+en // letters no syllable has
		switch {
		case i%50 == 0:
			dnt, es, de, fr = "true", en, en, en
		case i%5 == 0:
			infl = "stem"
		case i%11 == 0:
			forbidden = "wy" + en
		}
		fmt.Fprintf(&b, "e%d,%s,%s,%s,%s,%s,%s,%s\n", i, en, es, de, fr, forbidden, dnt, infl)
	}
	g := mustParseFormat(tb, api.FormatCSV, b.String(), ParseOptions{ID: "big", MaxBytes: 64 << 20})
	if len(g.Entries) != n {
		tb.Fatalf("%d entries, want %d", len(g.Entries), n)
	}
	return g
}

// message is a 20-word chat message with three glossary terms of g.
func message(g *Glossary) string {
	t := func(i int) string { return g.Entries[i].Terms[0] }
	return fmt.Sprintf("Hey team, please check the %s before Friday and send the %s to %s when the release is ready", t(4242), t(17), t(9001))
}

func reportMedian(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Nanoseconds()), "median-ns/op")
}

// BenchmarkEnforce10k is the benchmark: prepare and verify of a
// 20-word message against a 10,000-entry glossary (target: median ≤ 50 µs).
func BenchmarkEnforce10k(b *testing.B) {
	set := NewSet(bigGlossary(b, 10_000))
	text := message(set.Get("big"))
	if n := len(strings.Fields(text)); n < 20 || n > 24 {
		b.Fatalf("message has %d words", n)
	}
	benchEnforce(b, set, text, "")
}

// BenchmarkEnforce10kEntities is BenchmarkEnforce10k on a message that
// also carries a mention, a channel and a URL, so that prepare and verify
// each pay for the entity scan that keeps terms inside them out of
// enforcement (messages without entities skip it).
func BenchmarkEnforce10kEntities(b *testing.B) {
	set := NewSet(bigGlossary(b, 10_000))
	entities := " @lena #release https://ci.example.com/build/42"
	benchEnforce(b, set, message(set.Get("big"))+entities, entities)
}

// benchEnforce measures prepare and verify of text, which must hold three
// terms; the translation ends in suffix.
func benchEnforce(b *testing.B, set *Set, text, suffix string) {
	b.Helper()
	req := &api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es"}
	probe, err := set.Prepare(req)
	if err != nil || len(probe.Matches) != 3 {
		b.Fatalf("prepare found %+v (%v), want 3 matches", probe, err)
	}
	var translation strings.Builder
	for _, m := range probe.Matches {
		translation.WriteString("algo " + m.Target + " ")
	}
	translation.WriteString(suffix)
	vreq := &api.GlossaryVerifyRequest{Translation: translation.String(), Target: "es"}
	durations := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		resp, err := set.Prepare(req)
		if err != nil {
			b.Fatal(err)
		}
		vreq.Matches = resp.Matches
		rep, err := set.Verify(vreq)
		if err != nil || rep.Compliance != 1 {
			b.Fatalf("verify: %+v %v", rep, err)
		}
		if len(durations) < cap(durations) {
			durations = append(durations, time.Since(start))
		}
	}
	reportMedian(b, durations)
}

// BenchmarkPrepare10k is prepare alone on the 10,000-entry glossary.
func BenchmarkPrepare10k(b *testing.B) {
	set := NewSet(bigGlossary(b, 10_000))
	req := &api.GlossaryPrepareRequest{Text: message(set.Get("big")), Source: "en", Target: "es"}
	durations := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		if _, err := set.Prepare(req); err != nil {
			b.Fatal(err)
		}
		if len(durations) < cap(durations) {
			durations = append(durations, time.Since(start))
		}
	}
	reportMedian(b, durations)
}

// BenchmarkImportTBX10k parses and validates a 10,000-entry TBX file
// (target: ≤ 2 s).
func BenchmarkImportTBX10k(b *testing.B) {
	var buf bytes.Buffer
	if err := Export(&buf, bigGlossary(b, 10_000), api.FormatTBX); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		g, rep := Parse(api.FormatTBX, bytes.NewReader(data), ParseOptions{ID: "big", MaxBytes: 64 << 20})
		if err := rep.Err(); err != nil || len(g.Entries) != 10_000 {
			b.Fatalf("import: %d entries, %v", len(g.Entries), err)
		}
	}
}

// BenchmarkLoad10k is what a replica does when a 10,000-entry glossary
// changes: decode the stored document, validate it and build the index.
func BenchmarkLoad10k(b *testing.B) {
	doc, _, err := encode(bigGlossary(b, 10_000).Doc())
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		g, err := decode(doc)
		if err != nil {
			b.Fatal(err)
		}
		g.compile()
	}
}

// TestBigGlossaryMatches keeps the benchmark data honest: the message's
// three terms are found, and only they.
func TestBigGlossaryMatches(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10,000-entry glossary")
	}
	set := NewSet(bigGlossary(t, 10_000))
	g := set.Get("big")
	resp := prep(t, set, api.GlossaryPrepareRequest{Text: message(g), Source: "en", Target: "es"})
	want := []string{g.Entries[4242].Terms[0], g.Entries[17].Terms[0], g.Entries[9001].Terms[0]}
	var got []string
	for _, m := range resp.Matches {
		got = append(got, m.Source)
	}
	if !slices.Equal(got, want) {
		t.Errorf("matches %q, want %q", got, want)
	}
}

// BenchmarkPropagation measures how long a change written by one replica
// takes to be in use on another (JetStream KV watch, object store read,
// index build) for a small glossary; the design asks for under 1 s.
func BenchmarkPropagation(b *testing.B) {
	s := natstest.RunServer(b)
	open := func() *Manager {
		st, err := natsstore.Open(context.Background(), natstest.Conn(b, s), natsstore.Config{})
		if err != nil {
			b.Fatal(err)
		}
		m := NewManager(ManagerConfig{Store: st})
		ctx, cancel := context.WithCancel(context.Background())
		b.Cleanup(cancel)
		if err := m.Start(ctx); err != nil {
			b.Fatal(err)
		}
		return m
	}
	writer, reader := open(), open()
	ctx := context.Background()
	if _, err := writer.Create(ctx, &api.GlossaryCreateRequest{Author: "bench", Glossary: api.Glossary{ID: "p",
		Entries: []api.GlossaryEntry{{ID: "a", Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: "hilo"}}}}}}); err != nil {
		b.Fatal(err)
	}
	durations := make([]time.Duration, 0, 1024)
	i := 0
	for b.Loop() {
		i++
		start := time.Now()
		resp, err := writer.PutEntry(ctx, &api.GlossaryEntryPutRequest{ID: "p", Author: "bench",
			Entry: api.GlossaryEntry{ID: "a", Terms: []api.GlossaryTerm{{Language: "en", Text: "thread"}, {Language: "es", Text: fmt.Sprint("hilo", i)}}}})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if g := reader.Set().Get("p"); g != nil && g.Version >= resp.Version {
				break
			}
			if time.Since(start) > 10*time.Second {
				b.Fatal("the change did not reach the other replica")
			}
			time.Sleep(100 * time.Microsecond)
		}
		durations = append(durations, time.Since(start))
	}
	reportMedian(b, durations)
}
