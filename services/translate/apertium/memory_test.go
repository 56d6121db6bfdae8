package apertium

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// procMemory is what /proc/<pid>/smaps_rollup says of one process, in
// bytes: PSS shares each shared page among the processes that map it, so
// the PSS of a process tree is what it costs the machine (and, close
// enough, a memory cgroup); RSS counts shared pages once per process.
type procMemory struct {
	RSS, PSS, Anon int64
}

func (m procMemory) add(o procMemory) procMemory {
	return procMemory{m.RSS + o.RSS, m.PSS + o.PSS, m.Anon + o.Anon}
}

// readSmapsRollup reads one process's memory.
func readSmapsRollup(pid int) (procMemory, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
	if err != nil {
		return procMemory{}, err
	}
	var m procMemory
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		f := strings.Fields(v)
		if !ok || len(f) == 0 {
			continue
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			continue
		}
		switch k {
		case "Rss":
			m.RSS = kb << 10
		case "Pss":
			m.PSS = kb << 10
		case "Anonymous":
			m.Anon = kb << 10
		}
	}
	return m, nil
}

// livePIDs lists the programs of every running pipeline.
func livePIDs(e *Engine) []int {
	e.mu.Lock()
	defer e.mu.Unlock()
	var pids []int
	for _, p := range e.pools {
		for _, pl := range p.all {
			pids = append(pids, pl.pids()...)
		}
	}
	return pids
}

// BenchmarkModeMemory starts each mode's pipeline once and reports the
// memory of its programs (the figures of docs/apertium.md, "Memory"):
//
//	cd services/translate && go test -run '^$' -bench BenchmarkModeMemory -benchtime 1x -v ./apertium/
//
// The cold start is timed too: it is what a request pays after the idle
// reaper or the cap stopped the mode.
func BenchmarkModeMemory(b *testing.B) {
	e := newEngine(b, Config{MaxPairs: -1, IdleTimeout: -1})
	var total procMemory
	for _, m := range e.modes {
		b.Run(m.name, func(b *testing.B) {
			p, err := e.pool(m)
			if err != nil {
				b.Fatal(err)
			}
			var mem procMemory
			var cold time.Duration
			for b.Loop() {
				e.stopPool(p)
				start := time.Now()
				if _, err := e.translateStream(b.Context(), m, deformat("Hello.", nil)); err != nil {
					b.Fatal(err)
				}
				cold = time.Since(start)
				mem = procMemory{}
				for _, pid := range p.all[0].pids() {
					pm, err := readSmapsRollup(pid)
					if err != nil {
						b.Fatal(err)
					}
					mem = mem.add(pm)
				}
			}
			b.ReportMetric(float64(mem.PSS)/(1<<20), "PSS-MiB")
			b.ReportMetric(float64(mem.RSS)/(1<<20), "RSS-MiB")
			b.ReportMetric(float64(mem.Anon)/(1<<20), "anon-MiB")
			b.ReportMetric(float64(cold.Milliseconds()), "cold-start-ms")
			total = total.add(mem)
		})
	}
	b.Logf("all %d modes: PSS %.0f MiB, RSS %.0f MiB, anonymous %.0f MiB", len(e.Modes()),
		float64(total.PSS)/(1<<20), float64(total.RSS)/(1<<20), float64(total.Anon)/(1<<20))
}
