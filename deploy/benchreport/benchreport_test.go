package benchreport_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parley-chat/parley/deploy/benchreport"
)

// events renders output lines as test2json does, a benchmark line split
// in two events as go test prints it.
func events(pkg string, chunks ...string) string {
	var b strings.Builder
	for _, c := range chunks {
		j, _ := json.Marshal(map[string]string{"Action": "output", "Package": pkg, "Output": c})
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestParseAndRatios(t *testing.T) {
	in := events("github.com/parley-chat/parley/services/gateway/suite",
		"goos: linux\n",
		"BenchmarkPipelineOverhead/raw-2         \t",
		"   20000\t     50000 ns/op\t     48000 ns/median\t     200 B/op\t       4 allocs/op\n",
		"BenchmarkPipelineOverhead/pipeline-2    \t    1000\t    400000 ns/op\t    384000 ns/median\t   9000 B/op\t     100 allocs/op\n",
		"BenchmarkOther-2 \t 5 \t 10 ns/op\n",
		"PASS\n") +
		events("github.com/parley-chat/parley/deploy", "BenchmarkCluster/replicas-1-2 \t 1 \t 9 ns/op \t 50.0 views/s\n",
			"BenchmarkCluster/replicas-2-2 \t 1 \t 9 ns/op \t 90.0 views/s\n") +
		`{"Action":"fail","Package":"github.com/parley-chat/parley/broken"}` + "\n"
	rep, err := benchreport.Parse(strings.NewReader(in), "github.com/parley-chat/parley")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]benchreport.Benchmark{}
	for _, b := range rep.Benchmarks {
		byName[b.Name] = b
	}
	tests := []struct {
		name, area, baseline, unit string
		ratio                      float64
	}{
		{"BenchmarkPipelineOverhead/pipeline", "services/gateway/suite", "BenchmarkPipelineOverhead/raw", "ns/median", 8},
		{"BenchmarkPipelineOverhead/pipeline", "services/gateway/suite", "BenchmarkPipelineOverhead/raw", "ns/op", 8},
		{"BenchmarkCluster/replicas-2", "deploy", "BenchmarkCluster/replicas-1", "views/s", 1.8},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.unit, func(t *testing.T) {
			b, ok := byName[tt.name]
			if !ok {
				t.Fatalf("missing; got %v", byName)
			}
			if b.Area != tt.area || b.Baseline != tt.baseline || b.Ratios[tt.unit] != tt.ratio {
				t.Fatalf("got %+v", b)
			}
		})
	}
	if b := byName["BenchmarkOther"]; b.Iterations != 5 || b.Metrics["ns/op"] != 10 || b.Baseline != "" {
		t.Fatalf("plain benchmark %+v", b)
	}
	if len(rep.Failures) != 1 || rep.Failures[0].Area != "broken" {
		t.Fatalf("failures %+v", rep.Failures)
	}
	var md bytes.Buffer
	benchreport.Markdown(&md, rep)
	for _, want := range []string{"### services/gateway/suite", "| PipelineOverhead/pipeline | 1000 | 400000 |", "8.00x ns/median", "1.80x views/s of replicas-1", "### failures"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
}
