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
// service serves), its pid, or both.
//
// With a pid, memory is read from /proc for the process and every process
// under it, which is what its container's limit counts: translate's
// Apertium programs are its children, and process_resident_memory_bytes
// sees none of their memory. Goroutines then still come from the metrics
// (threads stand in without them).
type Process struct {
	Name       string
	MetricsURL string
	PID        int
}

// Sample is one reading of a process.
type Sample struct {
	At time.Duration `json:"at_ns"`
	// RSS is process_resident_memory_bytes, or with a pid the sum of the
	// RSS of the process and its descendants (pages they share counted
	// once per process).
	RSS int64 `json:"rss_bytes"`
	// PSS and Processes are read with a pid only: the sum of the
	// proportional set sizes (shared pages split among the processes
	// that map them, so the sum is what the tree costs) and how many
	// processes the tree holds.
	PSS        int64 `json:"pss_bytes,omitempty"`
	Processes  int   `json:"processes,omitempty"`
	Goroutines int   `json:"goroutines"`
}

// Growth compares the start and the end of a soak for one process.
type Growth struct {
	Name string `json:"name"`
	// RSSStart and RSSEnd are medians of the first and last quarter of
	// the samples taken after the warm-up.
	RSSStart int64   `json:"rss_start_bytes"`
	RSSEnd   int64   `json:"rss_end_bytes"`
	RSSPct   float64 `json:"rss_growth_pct"`
	// PSSStart and PSSEnd are likewise, for a process read by pid.
	PSSStart int64 `json:"pss_start_bytes,omitempty"`
	PSSEnd   int64 `json:"pss_end_bytes,omitempty"`
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
	if p.PID == 0 {
		return readMetrics(ctx, c, p.MetricsURL)
	}
	s, err := ReadTree(p.PID)
	if err != nil || p.MetricsURL == "" {
		return s, err
	}
	m, err := readMetrics(ctx, c, p.MetricsURL)
	if err != nil {
		return s, err
	}
	s.Goroutines = m.Goroutines
	return s, nil
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

// ReadTree reads the memory of pid and of every process under it from
// /proc: RSS and PSS from smaps_rollup (RSS from status where smaps_rollup
// cannot be read), summed, and the root's threads as Goroutines.
func ReadTree(pid int) (Sample, error) {
	root, err := procKB(pid, "status", "VmRSS", "Threads")
	if err != nil {
		return Sample{}, err
	}
	s := Sample{Goroutines: int(root["Threads"])}
	for _, p := range append([]int{pid}, descendants(pid)...) {
		m, err := procKB(p, "smaps_rollup", "Rss", "Pss")
		if err != nil {
			if m, err = procKB(p, "status", "VmRSS"); err != nil {
				continue // exited since the listing
			}
			m["Rss"] = m["VmRSS"]
		}
		s.RSS += m["Rss"] << 10
		s.PSS += m["Pss"] << 10
		s.Processes++
	}
	return s, nil
}

// procKB reads the "Key: value kB" lines named in keys from
// /proc/<pid>/<file>.
func procKB(pid int, file string, keys ...string) (map[string]int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/%s", pid, file))
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for line := range strings.SplitSeq(string(b), "\n") {
		k, v, _ := strings.Cut(line, ":")
		fields := strings.Fields(v)
		if len(fields) == 0 || !slices.Contains(keys, k) {
			continue
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("/proc/%d/%s: %s: %w", pid, file, k, err)
		}
		out[k] = n
	}
	return out, nil
}

// descendants lists the processes under pid, from the parent pid in every
// /proc/<pid>/stat (children files need a kernel option).
func descendants(pid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	children := map[int][]int{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		// The command name, in parentheses, may hold spaces: the fields
		// after the last ')' are state, ppid, ...
		i := strings.LastIndexByte(string(b), ')')
		f := strings.Fields(string(b[i+1:]))
		if i < 0 || len(f) < 2 {
			continue
		}
		if ppid, err := strconv.Atoi(f[1]); err == nil {
			children[ppid] = append(children[ppid], p)
		}
	}
	var out []int
	for queue := children[pid]; len(queue) > 0; queue = queue[1:] {
		out = append(out, queue[0])
		queue = append(queue, children[queue[0]]...)
	}
	return out
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
	med := func(part []Sample) (int64, int64, int) {
		rss := make([]int64, len(part))
		pss := make([]int64, len(part))
		gr := make([]int, len(part))
		for i, x := range part {
			rss[i], pss[i], gr[i] = x.RSS, x.PSS, x.Goroutines
		}
		slices.Sort(rss)
		slices.Sort(pss)
		slices.Sort(gr)
		return rss[len(rss)/2], pss[len(pss)/2], gr[len(gr)/2]
	}
	g.RSSStart, g.PSSStart, g.GoroutinesStart = med(s[:q])
	g.RSSEnd, g.PSSEnd, g.GoroutinesEnd = med(s[len(s)-q:])
	if g.RSSStart > 0 {
		g.RSSPct = 100 * float64(g.RSSEnd-g.RSSStart) / float64(g.RSSStart)
	}
	return g
}
