package report_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/quality"
	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/quality/report"
)

const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>`

// fakeRun builds a run whose outputs are the references, except that the
// "worse" run drops the last word of every other segment.
func fakeRun(name string, worse bool) *quality.Run {
	refs := []string{"Hola, ¿cómo estás?", "El servidor vuelve a estar caído.", hostile, "Envía el informe a support@example.org."}
	var segs []quality.SegmentResult
	for i, ref := range refs {
		hyp := ref
		if worse && i%2 == 0 {
			hyp = ref[:len(ref)/2]
		}
		qe := 90.0 - float64(i)
		r := quality.SegmentResult{
			ID: "s" + string(rune('a'+i)), SourceLang: "en", TargetLang: "es", Source: "source " + hostile,
			References: []string{ref}, Hypothesis: hyp, Status: "translated", Backend: "apertium", Tags: []string{"chat"},
			QE: &qe, Decision: "accept", LatencyMS: float64(10 + i),
			Calls: quality.BackendCalls{Requests: 1, Backends: map[string]int{"apertium": 1}},
		}
		r.ChrF = metrics.ChrF().Sentence(hyp, r.References).Score
		segs = append(segs, r)
	}
	return &quality.Run{Config: quality.Config{Name: name, Backends: []string{"apertium"}}, Segments: segs, Summary: quality.Summarize(segs)}
}

func checkSafe(t *testing.T, html string) {
	t.Helper()
	// No element may load anything or run anything: no scripts, images,
	// links, and no src, href or event-handler attributes on any tag.
	for _, tag := range regexp.MustCompile(`<[a-zA-Z][^>]*>`).FindAllString(html, -1) {
		name := strings.ToLower(strings.Fields(strings.Trim(tag, "<>/"))[0])
		switch name {
		case "script", "img", "link", "iframe", "object", "embed", "image", "use":
			t.Errorf("HTML has a <%s> element: %s", name, tag)
		}
		if regexp.MustCompile(`(?i)\s(src|href|xlink:href|on[a-z]+)\s*=`).MatchString(tag) {
			t.Errorf("tag with a loading or event attribute: %s", tag)
		}
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Error("the hostile text is not shown escaped")
	}
	if !strings.Contains(html, "<svg") || !strings.Contains(html, "</html>") {
		t.Error("no inline SVG chart or truncated page")
	}
}

func TestWriteHTML(t *testing.T) {
	r := &quality.Report{
		Version: quality.ReportVersion, CreatedAt: time.Now(), Mode: "embedded",
		TestSet: quality.TestSetInfo{Name: "seed", Segments: 4, Pairs: map[string]int{"en-es": 4}},
		Runs:    []*quality.Run{fakeRun("good", false), fakeRun("worse", true)},
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	checkSafe(t, html)
	for _, want := range []string{"Parley evaluation: seed", "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0", "Config good", "Config worse", "<circle", "QE score against sentence chrF"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestWriteComparisonHTML(t *testing.T) {
	c, err := quality.Compare("good", fakeRun("good", false), "worse", fakeRun("worse", true), metrics.BootstrapOptions{Samples: 200})
	if err != nil {
		t.Fatal(err)
	}
	if c.Losses != 2 || c.Wins != 0 || c.Ties != 2 || c.Metrics[0].Delta >= 0 {
		t.Fatalf("comparison %+v", c)
	}
	var buf bytes.Buffer
	if err := report.WriteComparisonHTML(&buf, c); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	checkSafe(t, html)
	for _, want := range []string{"worse against good", "|bs:200|seed:12345|", "Largest changes", "Sentence chrF change per segment"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}
