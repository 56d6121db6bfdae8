package quality

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/parley-chat/parley/quality/metrics"
	"github.com/parley-chat/parley/shared/api"
)

// ReportVersion is the version of the JSON report layout.
const ReportVersion = 1

// Report is what `eval run` writes: one run per config over one test set.
type Report struct {
	Version   int         `json:"version"`
	CreatedAt time.Time   `json:"created_at"`
	TestSet   TestSetInfo `json:"test_set"`
	// Mode is "nats" (a running deployment at NATS_URL) or "embedded"
	// (a suite the harness started in-process for each config).
	Mode string `json:"mode"`
	// DetectLanguages are the languages detection knew in an embedded
	// suite; empty means the detect service's default (as deployed).
	DetectLanguages []string `json:"detect_languages,omitempty"`
	Runs            []*Run   `json:"runs"`
}

// TestSetInfo identifies the test set a report was computed on.
type TestSetInfo struct {
	Name     string         `json:"name"`
	Path     string         `json:"path,omitempty"`
	SHA256   string         `json:"sha256,omitempty"`
	Segments int            `json:"segments"`
	Pairs    map[string]int `json:"pairs"`
	Tags     map[string]int `json:"tags,omitempty"`
}

// Info describes a test set; path and data (the file's bytes) are
// optional.
func (t *TestSet) Info(path string, data []byte) TestSetInfo {
	info := TestSetInfo{Name: t.Name, Path: path, Segments: len(t.Segments), Pairs: map[string]int{}, Tags: map[string]int{}}
	if data != nil {
		sum := sha256.Sum256(data)
		info.SHA256 = hex.EncodeToString(sum[:])
	}
	for _, s := range t.Segments {
		info.Pairs[s.Pair()]++
		for _, tag := range s.Tags {
			info.Tags[tag]++
		}
	}
	return info
}

// ReadReport reads a JSON report.
func ReadReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, api.Errorf(api.CodeInvalidArgument, "%s is not an eval report: %v", path, err)
	}
	if r.Version != ReportVersion || len(r.Runs) == 0 {
		return nil, api.Errorf(api.CodeInvalidArgument, "%s: report version %d with %d runs (want version %d with runs)", path, r.Version, len(r.Runs), ReportVersion)
	}
	return &r, nil
}

// Find returns the run of the named config, or the only run when name is
// empty and there is just one.
func (r *Report) Find(name string) (*Run, error) {
	if name == "" {
		if len(r.Runs) == 1 {
			return r.Runs[0], nil
		}
		return nil, api.Errorf(api.CodeInvalidArgument, "the report has %d runs (%s); name one", len(r.Runs), strings.Join(r.configNames(), ", "))
	}
	for _, run := range r.Runs {
		if run.Config.Name == name {
			return run, nil
		}
	}
	return nil, api.Errorf(api.CodeNotFound, "the report has no run %q (it has %s)", name, strings.Join(r.configNames(), ", "))
}

func (r *Report) configNames() []string {
	var out []string
	for _, run := range r.Runs {
		out = append(out, run.Config.Name)
	}
	return out
}

// Comparison is what `eval compare` writes: a system run against a
// baseline run on the segments they share.
type Comparison struct {
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	Baseline  string    `json:"baseline"`
	System    string    `json:"system"`
	// Segments are paired by id; Unpaired counts ids in only one run.
	Segments int `json:"segments"`
	Unpaired int `json:"unpaired"`
	// Metrics holds the paired bootstrap test for chrF, chrF++ and BLEU.
	Metrics []metrics.Comparison `json:"metrics"`
	// Wins, Losses and Ties compare sentence chrF segment by segment
	// (a tie is a difference under 0.01).
	Wins   int `json:"wins"`
	Losses int `json:"losses"`
	Ties   int `json:"ties"`
	// BaselineSummary and SystemSummary are recomputed on the paired
	// segments.
	BaselineSummary Summary `json:"baseline_summary"`
	SystemSummary   Summary `json:"system_summary"`
	// Deltas are per-segment sentence chrF differences, largest loss first.
	Deltas []SegmentDelta `json:"deltas"`
}

// SegmentDelta is one segment's sentence chrF under both runs.
type SegmentDelta struct {
	ID       string  `json:"id"`
	Source   string  `json:"source"`
	Baseline string  `json:"baseline"`
	System   string  `json:"system"`
	Before   float64 `json:"chrf_baseline"`
	After    float64 `json:"chrf_system"`
	Delta    float64 `json:"delta"`
}

// Compare pairs two runs by segment id and tests whether the system
// differs from the baseline on chrF, chrF++ and BLEU by paired bootstrap
// resampling. Segments with the same id must have the same source and
// references.
func Compare(baseName string, base *Run, sysName string, sys *Run, opts metrics.BootstrapOptions) (*Comparison, error) {
	byID := map[string]SegmentResult{}
	for _, s := range sys.Segments {
		byID[s.ID] = s
	}
	var bs, ss []SegmentResult
	for _, b := range base.Segments {
		s, ok := byID[b.ID]
		if !ok {
			continue
		}
		if s.Source != b.Source || !slices.Equal(s.References, b.References) {
			return nil, api.Errorf(api.CodeInvalidArgument, "segment %q has a different source or references in the two runs: they are not from the same test set", b.ID)
		}
		bs = append(bs, b)
		ss = append(ss, s)
	}
	if len(bs) == 0 {
		return nil, api.Errorf(api.CodeInvalidArgument, "the runs share no segment ids")
	}
	c := &Comparison{
		Version: ReportVersion, CreatedAt: time.Now().UTC(),
		Baseline: baseName, System: sysName,
		Segments: len(bs), Unpaired: len(base.Segments) + len(sys.Segments) - 2*len(bs),
		BaselineSummary: Summarize(bs), SystemSummary: Summarize(ss),
	}
	hb := make([]string, len(bs))
	hs := make([]string, len(bs))
	refs := make([][]string, len(bs))
	for i := range bs {
		hb[i], hs[i], refs[i] = bs[i].Hypothesis, ss[i].Hypothesis, bs[i].References
		d := ss[i].ChrF - bs[i].ChrF
		switch {
		case d >= 0.01:
			c.Wins++
		case d <= -0.01:
			c.Losses++
		default:
			c.Ties++
		}
		c.Deltas = append(c.Deltas, SegmentDelta{
			ID: bs[i].ID, Source: bs[i].Source, Baseline: bs[i].Hypothesis, System: ss[i].Hypothesis,
			Before: bs[i].ChrF, After: ss[i].ChrF, Delta: d,
		})
	}
	slices.SortStableFunc(c.Deltas, func(a, b SegmentDelta) int {
		switch {
		case a.Delta < b.Delta:
			return -1
		case a.Delta > b.Delta:
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	for _, m := range []metrics.Metric{metrics.ChrF(), metrics.ChrFPP(), metrics.CorpusBLEU()} {
		mc, err := metrics.PairedBootstrap(m, hb, hs, refs, opts)
		if err != nil {
			return nil, fmt.Errorf("bootstrap %s: %w", m.Name(), err)
		}
		c.Metrics = append(c.Metrics, mc)
	}
	return c, nil
}
