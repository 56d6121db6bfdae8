// Package benchreport turns `go test -bench -json` output into one table:
// every benchmark with its metrics (custom b.ReportMetric units included),
// grouped by area (the package), and ratios against the baselines named
// in each family (Benchmark…/baseline, /raw, /bare …).
package benchreport

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Benchmark is one result line.
type Benchmark struct {
	// Area is the package path inside the repository (services/translate).
	Area string `json:"area"`
	// Name is the benchmark without the -GOMAXPROCS suffix.
	Name       string             `json:"name"`
	Iterations int64              `json:"iterations"`
	Metrics    map[string]float64 `json:"metrics"`
	// Baseline is the sibling this one is compared with, and Ratios its
	// metrics divided by the baseline's (ns/op, and every custom metric
	// both report).
	Baseline string             `json:"baseline,omitempty"`
	Ratios   map[string]float64 `json:"ratios,omitempty"`
}

// Failure is a package whose benchmarks did not run.
type Failure struct {
	Area   string `json:"area"`
	Output string `json:"output"`
}

// Report is the whole run.
type Report struct {
	Benchmarks []Benchmark `json:"benchmarks"`
	Failures   []Failure   `json:"failures,omitempty"`
}

// event is one test2json record.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

var procSuffix = regexp.MustCompile(`-\d+$`)

// Parse reads test2json events; module prefix is stripped from package
// paths to name areas.
func Parse(r io.Reader, prefix string) (*Report, error) {
	out := map[string]*strings.Builder{}
	var order []string
	failed := map[string]bool{}
	dec := json.NewDecoder(r)
	for {
		var e event
		if err := dec.Decode(&e); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("benchreport: bad test2json: %w", err)
		}
		if e.Package == "" {
			continue
		}
		b, ok := out[e.Package]
		if !ok {
			b = &strings.Builder{}
			out[e.Package] = b
			order = append(order, e.Package)
		}
		switch e.Action {
		case "output":
			b.WriteString(e.Output)
		case "fail":
			if e.Test == "" {
				failed[e.Package] = true
			}
		}
	}
	rep := &Report{}
	for _, pkg := range order {
		area := strings.TrimPrefix(strings.TrimPrefix(pkg, prefix), "/")
		if area == "" {
			area = pkg
		}
		text := out[pkg].String()
		bs := parseLines(area, text)
		rep.Benchmarks = append(rep.Benchmarks, bs...)
		if failed[pkg] {
			rep.Failures = append(rep.Failures, Failure{Area: area, Output: tail(text, 30)})
		}
	}
	Ratios(rep.Benchmarks, DefaultBaselines)
	return rep, nil
}

func parseLines(area, text string) []Benchmark {
	var out []Benchmark
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		n, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		b := Benchmark{Area: area, Name: procSuffix.ReplaceAllString(f[0], ""), Iterations: n, Metrics: map[string]float64{}}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			b.Metrics[f[i+1]] = v
		}
		if len(b.Metrics) > 0 {
			out = append(out, b)
		}
	}
	return out
}

// DefaultBaselines are the sub-benchmark names that mark the reference of
// a family, in order of preference.
var DefaultBaselines = []string{"baseline", "raw", "bare", "reference", "echo", "apertium-apy", "replicas-1"}

// Ratios fills Baseline and Ratios for every benchmark whose family
// (same area, same name up to the last '/') has a baseline member.
func Ratios(bs []Benchmark, baselines []string) {
	type key struct{ area, family string }
	base := map[key]int{}
	rank := map[key]int{}
	for i, b := range bs {
		fam, leaf, ok := cut(b.Name)
		if !ok {
			continue
		}
		r := slices.Index(baselines, leaf)
		if r < 0 {
			continue
		}
		k := key{b.Area, fam}
		if prev, seen := rank[k]; !seen || r < prev {
			base[k], rank[k] = i, r
		}
	}
	for i := range bs {
		fam, _, ok := cut(bs[i].Name)
		if !ok {
			continue
		}
		j, found := base[key{bs[i].Area, fam}]
		if !found || j == i {
			continue
		}
		bs[i].Baseline = bs[j].Name
		bs[i].Ratios = map[string]float64{}
		for unit, v := range bs[i].Metrics {
			if unit == "B/op" || unit == "allocs/op" {
				continue
			}
			if bv, ok := bs[j].Metrics[unit]; ok && bv != 0 {
				bs[i].Ratios[unit] = v / bv
			}
		}
	}
}

func cut(name string) (family, leaf string, ok bool) {
	i := strings.LastIndexByte(name, '/')
	if i < 0 {
		return "", "", false
	}
	return name[:i], name[i+1:], true
}

// Markdown writes the report as one table per area.
func Markdown(w io.Writer, rep *Report) {
	var areas []string
	for _, b := range rep.Benchmarks {
		if !slices.Contains(areas, b.Area) {
			areas = append(areas, b.Area)
		}
	}
	for _, area := range areas {
		fmt.Fprintf(w, "\n### %s\n\n", area)
		fmt.Fprintln(w, "| benchmark | n | ns/op | B/op | allocs/op | other | vs baseline |")
		fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | --- | --- |")
		for _, b := range rep.Benchmarks {
			if b.Area != area {
				continue
			}
			var other []string
			for _, unit := range sortedKeys(b.Metrics) {
				if unit == "ns/op" || unit == "B/op" || unit == "allocs/op" {
					continue
				}
				other = append(other, num(b.Metrics[unit])+" "+unit)
			}
			var ratio []string
			for _, unit := range sortedKeys(b.Ratios) {
				ratio = append(ratio, fmt.Sprintf("%.2fx %s", b.Ratios[unit], unit))
			}
			rs := ""
			if b.Baseline != "" {
				rs = strings.Join(ratio, ", ") + " of " + b.Baseline[strings.LastIndexByte(b.Baseline, '/')+1:]
			}
			fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %s |\n", strings.TrimPrefix(b.Name, "Benchmark"), b.Iterations,
				metric(b, "ns/op"), metric(b, "B/op"), metric(b, "allocs/op"), strings.Join(other, ", "), rs)
		}
	}
	if len(rep.Failures) > 0 {
		fmt.Fprintln(w, "\n### failures")
		for _, f := range rep.Failures {
			fmt.Fprintf(w, "\n%s:\n\n```\n%s\n```\n", f.Area, f.Output)
		}
	}
}

func metric(b Benchmark, unit string) string {
	v, ok := b.Metrics[unit]
	if !ok {
		return ""
	}
	return num(v)
}

func num(v float64) string {
	switch {
	case v == float64(int64(v)):
		return strconv.FormatInt(int64(v), 10)
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	default:
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
}

func sortedKeys(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
