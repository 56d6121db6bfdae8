package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

func TestReportAndGuard(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := experiment.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	e := experiment.Experiment{Name: "prompt-v3", Status: experiment.StatusRunning, Control: "v2",
		Arms:       []experiment.Arm{{Name: "v2"}, {Name: "v3", Backend: "ollama", Model: "qwen2.5:7b"}},
		Guardrails: experiment.Guardrails{MinSamples: 20, MaxQualityDrop: 5}}
	env := func(k string) string {
		if k == "NATS_URL" {
			return srv.ClientURL()
		}
		return ""
	}
	file := filepath.Join(t.TempDir(), "exp.json")
	data, _ := json.Marshal(e)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"put", file}, env, &out, &errOut); err != nil || !strings.Contains(out.String(), "stored experiment prompt-v3") {
		t.Fatalf("put: %v %s %s", err, out.String(), errOut.String())
	}
	if err := os.WriteFile(file, []byte(`{"name":"x","status":"running","control":"a","arms":[{"name":"a"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"put", file}, env, &out, &errOut); err == nil {
		t.Fatal("an experiment with one arm was stored")
	}
	// The store's copy follows the bucket through its KV watch, which a
	// busy machine can hold up for seconds: the waits below are generous.
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, ok := store.Get(e.Name); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("put not visible")
		}
		time.Sleep(2 * time.Millisecond)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	pub := experiment.Publisher{NC: nc}
	for i := range 30 {
		// Control scores 78-82, v3 60-64: a drop far past the limit.
		q2, q3 := 78+float64(i%5), 60+float64(i%5)
		for _, ev := range []experiment.Event{
			{Type: experiment.Outcome, Experiment: e.Name, Arm: "v2", Quality: &q2, LatencyMS: 300, Status: "translated"},
			{Type: experiment.Outcome, Experiment: e.Name, Arm: "v3", Quality: &q3, LatencyMS: 310, Status: "translated"},
		} {
			if _, err := pub.PublishAck(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	runOK := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := run(ctx, args, env, &out, &errOut); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	report := runOK("report", "prompt-v3")
	t.Logf("report:\n%s", report)
	for _, want := range []string{"v2 (control)", "80.0 [", "-18.0 p=", " *"} {
		if !strings.Contains(report, want) {
			t.Errorf("report lacks %q:\n%s", want, report)
		}
	}
	// Flags may follow the names, as docs/operations.md writes them.
	if out := runOK("report", "prompt-v3", "-json"); !strings.Contains(out, `"vs_control"`) || !strings.HasPrefix(strings.TrimSpace(out), "[") {
		t.Errorf("json report after the name:\n%s", out)
	}
	if out := runOK("report", "-json"); !strings.Contains(out, `"vs_control"`) {
		t.Errorf("json report:\n%s", out)
	}
	if out := runOK("guard", "-dry-run"); !strings.Contains(out, "would stop prompt-v3/v3") {
		t.Errorf("dry run:\n%s", out)
	}
	if cur, _ := store.Get(e.Name); cur.Arms[1].Stopped != "" {
		t.Fatal("a dry run stopped the arm")
	}
	if out := runOK("guard"); !strings.Contains(out, "stopped prompt-v3/v3: guardrail: mean quality") {
		t.Errorf("guard:\n%s", out)
	}
	deadline = time.Now().Add(20 * time.Second)
	for {
		if cur, _ := store.Get(e.Name); cur.Arms[1].Stopped != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("arm not stopped in KV")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if out := runOK("list"); !strings.Contains(out, "v3 (stopped)") {
		t.Errorf("list:\n%s", out)
	}
	// Putting the file again (it says nothing of "stopped") keeps the
	// guardrail's stop; "stopped": "" restarts the arm.
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if out := runOK("put", file); !strings.Contains(out, "arm v3 stays stopped (guardrail: mean quality") {
		t.Errorf("put again:\n%s", out)
	}
	if cur, _ := store.Get(e.Name); cur.Arms[1].Stopped == "" {
		t.Fatal("put restarted the stopped arm")
	}
	restart := strings.Replace(string(data), `"name":"v3"`, `"name":"v3","stopped":""`, 1)
	if err := os.WriteFile(file, []byte(restart), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := runOK("put", file); strings.Contains(out, "stays stopped") {
		t.Errorf("put with \"stopped\": \"\":\n%s", out)
	}
	deadline = time.Now().Add(20 * time.Second)
	for {
		if cur, _ := store.Get(e.Name); cur.Arms[1].Stopped == "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("\"stopped\": \"\" did not restart the arm")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := run(ctx, []string{"report", "nope"}, env, &bytes.Buffer{}, &errOut); err == nil {
		t.Fatal("unknown experiment accepted")
	}
}

// TestExitStatus: 2 for usage and connection errors, as the parley
// command's (keys, registry, glossary), 1 for other failures.
func TestExitStatus(t *testing.T) {
	srv := natstest.RunServer(t)
	dir := t.TempDir()
	oneArm := filepath.Join(dir, "one-arm.json")
	if err := os.WriteFile(oneArm, []byte(`{"name":"x","status":"running","control":"a","arms":[{"name":"a"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		url  string
		args []string
		want int
	}{
		{"help", "", []string{"help"}, 0},
		{"flag help", "", []string{"report", "-h"}, 0},
		{"no command", "", nil, 2},
		{"unknown command", "", []string{"frobnicate"}, 2},
		{"unknown flag", "", []string{"report", "-nope"}, 2},
		{"unknown flag after a name", "", []string{"report", "x", "-nope"}, 2},
		{"put without a file", "", []string{"put"}, 2},
		{"put with two files", "", []string{"put", oneArm, oneArm}, 2},
		{"list with an argument", "", []string{"list", "x"}, 2},
		{"negative watch", "", []string{"guard", "-watch", "-1m"}, 2},
		{"unreachable NATS", "nats://127.0.0.1:1", []string{"list"}, 2},
		{"invalid experiment", "", []string{"put", oneArm}, 1},
		{"unknown experiment", "", []string{"report", "nope"}, 1},
		{"list", "", []string{"list"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := tt.url
			if url == "" {
				url = srv.ClientURL()
			}
			env := func(k string) string {
				if k == "NATS_URL" {
					return url
				}
				return ""
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var out, errOut bytes.Buffer
			if got := exitStatus(run(ctx, tt.args, env, &out, &errOut), &errOut); got != tt.want {
				t.Fatalf("exit %d, want %d\n%s%s", got, tt.want, out.String(), errOut.String())
			}
		})
	}
}

// TestReportSmallSamples: with fewer than two observations on either
// side there is no difference and no interval to show, only "n/a"; an
// empty control is not a control of 0.
func TestReportSmallSamples(t *testing.T) {
	e := experiment.Experiment{Name: "bake-off", Status: experiment.StatusRunning, Control: "3b",
		Arms: []experiment.Arm{{Name: "3b"}, {Name: "7b", Backend: "ollama", Model: "qwen2.5:7b"}}}
	q := 80.0
	events := []experiment.Event{
		{Type: experiment.Exposure, Experiment: e.Name, Arm: "3b"},
		{Type: experiment.Exposure, Experiment: e.Name, Arm: "7b"},
		{Type: experiment.Outcome, Experiment: e.Name, Arm: "3b", Quality: &q, LatencyMS: 300, Status: "translated"},
		{Type: experiment.Outcome, Experiment: e.Name, Arm: "7b", Quality: &q, LatencyMS: 310, Status: "translated"},
		{Type: experiment.Feedback, Experiment: e.Name, Arm: "7b", Kind: "rating", Rating: 2},
	}
	r := experiment.Analyze(e, events)
	var out bytes.Buffer
	writeReport(&out, r)
	t.Logf("report:\n%s", out.String())
	var arm string
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(line, "7b ") {
			arm = line
		}
	}
	if arm == "" {
		t.Fatalf("no row for arm 7b:\n%s", out.String())
	}
	for _, bad := range []string{"+2.0", "[2.00, 2.00]", "+10.0", "p=1"} {
		if strings.Contains(arm, bad) {
			t.Errorf("row shows %q from fewer than two observations:\n%s", bad, arm)
		}
	}
	if !strings.Contains(arm, "2.00 [n/a]") || strings.Count(arm, "n/a") < 4 {
		t.Errorf("row lacks n/a for the rating, its interval and the differences:\n%s", arm)
	}
}

// TestReportColumns: the text report has what docs/operations.md shows:
// per arm the show-original and bad-translation rates and every rate's
// difference with its p-value, the feedback counted of received, and
// intervals inside each metric's range.
func TestReportColumns(t *testing.T) {
	e := experiment.Experiment{Name: "clip", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}}
	var events []experiment.Event
	// Each arm: 4 conversations, quality 100, 100, 100, 62 (mean 90.5,
	// Student's interval [60, 121]); latency 1, 1, 1, 40 ms ([-18, 40]).
	for _, arm := range []string{"a", "b"} {
		for i, q := range []float64{100, 100, 100, 62} {
			unit := fmt.Sprintf("%s-%d", arm, i)
			ev := experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: arm, Quality: &q, LatencyMS: []float64{1, 1, 1, 40}[i],
				Status: "translated", Unit: unit, View: unit, RequestID: "r-" + unit}
			if i == 0 {
				ev.Fallbacks = 1
			}
			events = append(events, ev)
			if arm == "b" && i < 2 {
				events = append(events,
					experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: arm, Kind: "show_original", ViewRequestID: "r-" + unit},
					experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: arm, Kind: "bad_translation", ViewRequestID: "r-" + unit})
			}
		}
	}
	// One more show_original on a view b never served: over-count.
	events = append(events, experiment.Event{Type: experiment.Feedback, Experiment: e.Name, Arm: "b", Kind: "show_original", ViewRequestID: "nope"})
	var out bytes.Buffer
	writeReport(&out, experiment.Analyze(e, events))
	report := out.String()
	t.Logf("report:\n%s", report)
	rows := map[string]string{}
	for _, line := range strings.Split(report, "\n") {
		if name, _, ok := strings.Cut(line, " "); ok && (name == "a" || name == "b") {
			rows[name] = line
		}
	}
	tests := []struct {
		name, row, want string
	}{
		{"quality clipped at 100", "a", "90.5 ["},
		{"quality's upper bound", "a", ", 100.0]"},
		{"latency clipped at 0", "a", "11 [0, "},
		{"fallback rate", "a", "25.0% ["},
		{"fallback difference and p", "b", "+0.0pt p=1"},
		{"show-original rate", "b", "50.0% ["},
		{"show-original difference and p", "b", "+50.0pt p="},
		{"bad-translation rate", "b", "50.0% ["},
		{"feedback counted of received", "b", "4 of 5"},
		{"header says the intervals are clipped", "", "clipped to each metric's range"},
		{"the over-count is noted", "", "note: arm b: 1 of 5 feedback events not counted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := report
			if tt.row != "" {
				in = rows[tt.row]
			}
			if !strings.Contains(in, tt.want) {
				t.Fatalf("%q lacks %q", in, tt.want)
			}
		})
	}
	for _, row := range rows {
		if strings.Contains(row, "101") || strings.Contains(row, "121") || strings.Contains(row, "[-") {
			t.Fatalf("an interval leaves its metric's range: %s", row)
		}
	}
}

// TestReportAfterDelete: an experiment deleted from the bucket (nats kv
// del) is reported from its events, arms and control as they name them,
// with a note saying so.
func TestReportAfterDelete(t *testing.T) {
	srv := natstest.RunServer(t)
	nc := natstest.Conn(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	env := func(k string) string {
		if k == "NATS_URL" {
			return srv.ClientURL()
		}
		return ""
	}
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(ctx, js, 1); err != nil {
		t.Fatal(err)
	}
	pub := experiment.Publisher{NC: nc}
	for i := range 10 {
		qa, qb := 80+float64(i%3), 70+float64(i%3)
		for _, ev := range []experiment.Event{
			{Type: experiment.Outcome, Experiment: "gone", Arm: "a", Control: true, Quality: &qa, LatencyMS: 300, Status: "translated"},
			{Type: experiment.Outcome, Experiment: "gone", Arm: "b", Quality: &qb, LatencyMS: 310, Status: "translated"},
		} {
			if _, err := pub.PublishAck(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The experiment was in the bucket, then deleted: the bucket holds
	// no key of it.
	store, err := experiment.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	if _, err := store.Put(ctx, experiment.Experiment{Name: "gone", Status: experiment.StatusRunning, Control: "a",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}}); err != nil {
		t.Fatal(err)
	}
	kv, err := js.KeyValue(ctx, experiment.Bucket)
	if err != nil {
		t.Fatal(err)
	}
	if err := kv.Delete(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(ctx, []string{"report", "gone"}, env, &out, &errOut); err != nil {
		t.Fatalf("report of a deleted experiment: %v\n%s", err, errOut.String())
	}
	for _, want := range []string{"not in the bucket (deleted?)", "control a as they mark it", "a (control)", "-10.0 p=", "its weights are unknown"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := run(ctx, []string{"report", "-json", "gone"}, env, &out, &errOut); err != nil || !strings.Contains(out.String(), `"vs_control"`) {
		t.Errorf("json report of a deleted experiment: %v\n%s", err, out.String())
	}
	if err := run(ctx, []string{"report", "never-was"}, env, &bytes.Buffer{}, &errOut); err == nil || !strings.Contains(err.Error(), "no experiment") {
		t.Errorf("an experiment without key or events: %v", err)
	}

	// Exposures that record the weights they split by (3:1 here) let the
	// split be checked without the document: the real assignment of 400
	// units is no mismatch, and with b's units halved it is one.
	weighted := experiment.Experiment{Name: "gone-weighted", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms: []experiment.Arm{{Name: "a", Weight: 3}, {Name: "b"}}}
	publishUnits := func(e experiment.Experiment, keep func(arm string, i int) bool) {
		t.Helper()
		q := 80.0
		for i := range 400 {
			as, _ := e.Assign(experiment.Attributes{Conversation: fmt.Sprintf("%s-%d", e.Name, i)})
			if !keep(as.Arm.Name, i) {
				continue
			}
			for _, ev := range []experiment.Event{
				{Type: experiment.Exposure, Experiment: e.Name, Arm: as.Arm.Name, Control: as.Control, Unit: as.Unit, Split: as.Split},
				{Type: experiment.Outcome, Experiment: e.Name, Arm: as.Arm.Name, Control: as.Control, Unit: as.Unit, View: "v", Quality: &q, LatencyMS: 300, Status: "translated"},
			} {
				if _, err := pub.PublishAck(ctx, ev); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	publishUnits(weighted, func(string, int) bool { return true })
	lossy := weighted
	lossy.Name = "gone-lossy"
	publishUnits(lossy, func(arm string, i int) bool { return arm == "a" || i%2 == 0 })
	for _, tc := range []struct {
		name string
		srm  bool
	}{{"gone-weighted", false}, {"gone-lossy", true}} {
		out.Reset()
		if err := run(ctx, []string{"report", "-json", tc.name}, env, &out, &errOut); err != nil {
			t.Fatalf("report of %s: %v\n%s", tc.name, err, errOut.String())
		}
		var reports []struct {
			SRMP  *float64 `json:"srm_p"`
			SRM   bool     `json:"srm"`
			Notes []string `json:"notes"`
		}
		if err := json.Unmarshal(out.Bytes(), &reports); err != nil || len(reports) != 1 {
			t.Fatalf("%s: %v\n%s", tc.name, err, out.String())
		}
		r := reports[0]
		if r.SRMP == nil || r.SRM != tc.srm || !strings.Contains(strings.Join(r.Notes, "\n"), "checked against the weights its exposures record") {
			t.Errorf("%s: srm_p %v, srm %v (want %v); notes %q", tc.name, r.SRMP, r.SRM, tc.srm, r.Notes)
		}
	}
}

// TestReportSRMAndNoVariance: the text report notes a sample ratio
// mismatch and the units a stop moved, -json carries srm_p and
// moved_units, and a difference between two constant samples is shown
// without a p-value (it once read "+10.0 p=0 *").
func TestReportSRMAndNoVariance(t *testing.T) {
	e := experiment.Experiment{Name: "split", Status: experiment.StatusRunning, Control: "a", Salt: "s",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}, {Name: "c", Stopped: "operator"}}}
	var events []experiment.Event
	add := func(arm, unit string, ms float64, assigned string) {
		q := 80.0
		events = append(events,
			experiment.Event{Type: experiment.Exposure, Experiment: e.Name, Arm: arm, Unit: unit, Assigned: assigned},
			experiment.Event{Type: experiment.Outcome, Experiment: e.Name, Arm: arm, Unit: unit, View: unit, Quality: &q, LatencyMS: ms, Status: "translated"})
	}
	for i := range 1000 {
		add("a", fmt.Sprint("a-", i), 300, "")
	}
	for i := range 500 {
		add("b", fmt.Sprint("b-", i), 310, "")
	}
	for i := range 7 {
		add("a", fmt.Sprint("c-", i), 300, "c") // moved by c's stop
	}
	r := experiment.Analyze(e, events)
	var out bytes.Buffer
	writeReport(&out, r)
	report := out.String()
	t.Logf("report:\n%s", report)
	for _, tt := range []struct{ name, want string }{
		{"constant samples: no test", "+10.0 p=n/a"},
		{"mismatch noted", "note: sample ratio mismatch: units a 1000, b 500 against 750.0, 750.0 expected"},
		{"moved units noted", "note: 7 units moved by a stop"},
	} {
		if !strings.Contains(report, tt.want) {
			t.Errorf("%s: report lacks %q", tt.name, tt.want)
		}
	}
	if strings.Contains(report, "p=0 *") {
		t.Errorf("report shows a p of 0 from constant samples:\n%s", report)
	}
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"srm_p":`, `"srm":true`, `"moved_units":7`, `"no_variance":true`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("json lacks %s: %s", want, data)
		}
	}
}
