package loadgen

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Process is one process a soak run watches: its /metrics URL (with
// process_resident_memory_bytes and go_goroutines, which every Parley
// service serves), or its pid for /proc/<pid>/status.
type Process struct {
	Name       string
	MetricsURL string
	PID        int
}

// Sample is one reading of a process.
type Sample struct {
	At         time.Duration `json:"at_ns"`
	RSS        int64         `json:"rss_bytes"`
	Goroutines int           `json:"goroutines"`
}

// Growth compares the start and the end of a soak for one process.
type Growth struct {
	Name string `json:"name"`
	// RSSStart and RSSEnd are medians of the first and last quarter of
	// the samples taken after the warm-up.
	RSSStart int64   `json:"rss_start_bytes"`
	RSSEnd   int64   `json:"rss_end_bytes"`
	RSSPct   float64 `json:"rss_growth_pct"`
	// GoroutinesStart and GoroutinesEnd are medians likewise.
	GoroutinesStart int      `json:"goroutines_start"`
	GoroutinesEnd   int      `json:"goroutines_end"`
	Samples         []Sample `json:"samples"`
}

// RSSOK reports whether resident memory grew by less than limitPct.
func (g Growth) RSSOK(limitPct float64) bool { return g.RSSPct < limitPct }

// GoroutinesOK reports whether the goroutine count did not grow beyond
// noise: the end median is at most the start median plus 10% (and at
// least 5 goroutines of slack, for timers and connections that come and
// go).
func (g Growth) GoroutinesOK() bool {
	return g.GoroutinesEnd <= g.GoroutinesStart+max(5, g.GoroutinesStart/10)
}

// Read takes one sample of p.
func Read(ctx context.Context, c *http.Client, p Process) (Sample, error) {
	if p.MetricsURL != "" {
		return readMetrics(ctx, c, p.MetricsURL)
	}
	return readProc(p.PID)
}

func readMetrics(ctx context.Context, c *http.Client, url string) (Sample, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return Sample{}, err
	}
	res, err := c.Do(req)
	if err != nil {
		return Sample{}, err
	}
	defer res.Body.Close()
	return parseMetrics(res.Body)
}

// parseMetrics reads the two gauges from the Prometheus text format.
func parseMetrics(r io.Reader) (Sample, error) {
	var s Sample
	found := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		name, value, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		switch name {
		case "process_resident_memory_bytes":
			f, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return s, fmt.Errorf("%s: %w", name, err)
			}
			s.RSS, found = int64(f), found+1
		case "go_goroutines":
			f, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return s, fmt.Errorf("%s: %w", name, err)
			}
			s.Goroutines, found = int(f), found+1
		}
	}
	if err := sc.Err(); err != nil {
		return s, err
	}
	if found != 2 {
		return s, fmt.Errorf("metrics lack process_resident_memory_bytes or go_goroutines")
	}
	return s, nil
}

// readProc reads VmRSS and Threads from /proc (a process without metrics;
// threads stand in for goroutines there).
func readProc(pid int) (Sample, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Sample{}, err
	}
	var s Sample
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(fields[0], 10, 64)
		switch k {
		case "VmRSS":
			s.RSS = n * 1024
		case "Threads":
			s.Goroutines = int(n)
		}
	}
	return s, nil
}

// Watch samples every process each interval until ctx ends, skipping the
// first warmup, and returns their growth.
func Watch(ctx context.Context, procs []Process, interval, warmup time.Duration) []Growth {
	c := &http.Client{}
	start := time.Now()
	samples := make([][]Sample, len(procs))
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			out := make([]Growth, len(procs))
			for i, p := range procs {
				out[i] = growth(p.Name, samples[i])
			}
			return out
		case <-t.C:
		}
		at := time.Since(start)
		if at < warmup {
			continue
		}
		for i, p := range procs {
			s, err := Read(ctx, c, p)
			if err != nil {
				continue
			}
			s.At = at
			samples[i] = append(samples[i], s)
		}
	}
}

func growth(name string, s []Sample) Growth {
	g := Growth{Name: name, Samples: s}
	if len(s) == 0 {
		return g
	}
	q := max(len(s)/4, 1)
	med := func(part []Sample) (int64, int) {
		rss := make([]int64, len(part))
		gr := make([]int, len(part))
		for i, x := range part {
			rss[i], gr[i] = x.RSS, x.Goroutines
		}
		slices.Sort(rss)
		slices.Sort(gr)
		return rss[len(rss)/2], gr[len(gr)/2]
	}
	g.RSSStart, g.GoroutinesStart = med(s[:q])
	g.RSSEnd, g.GoroutinesEnd = med(s[len(s)-q:])
	if g.RSSStart > 0 {
		g.RSSPct = 100 * float64(g.RSSEnd-g.RSSStart) / float64(g.RSSStart)
	}
	return g
}
