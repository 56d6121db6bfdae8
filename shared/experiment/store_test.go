package experiment_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
)

// TestPutDocumentKeepsStops: storing an experiment's document again (the
// operator's file, which does not say "stopped") keeps the stop a
// guardrail made; "stopped": "" restarts the arm explicitly.
func TestPutDocumentKeepsStops(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	const file = `{"name": "model-bake-off", "status": "running", "salt": "s1", "control": "control", "arms": [
		{"name": "control"}, {"name": "qwen7b", "backend": "ollama"%s}, {"name": "hosted", "backend": "openai"}]}`
	const guard = "guardrail: mean quality 60.0 is 20.0 points below control's 80.0"
	tests := []struct {
		name   string
		stored bool   // the experiment is stored, qwen7b stopped by a guardrail
		qwen7b string // what the document says of qwen7b's stop
		want   string // qwen7b's stop after the put
		kept   []string
	}{
		{name: "the file again keeps the guardrail's stop", stored: true, qwen7b: "", want: guard, kept: []string{"qwen7b"}},
		{name: `"stopped": "" restarts the arm`, stored: true, qwen7b: `, "stopped": ""`, want: ""},
		{name: "an operator's own reason replaces it", stored: true, qwen7b: `, "stopped": "operator: enough data"`, want: "operator: enough data"},
		{name: "a new experiment is stored as written", stored: false, qwen7b: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := experiment.Open(ctx, natstest.Conn(t, natstest.RunServer(t)), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			if tt.stored {
				if _, err := s.Put(ctx, threeArms()); err != nil {
					t.Fatal(err)
				}
				if ok, err := s.StopArm(ctx, "model-bake-off", "qwen7b", guard); err != nil || !ok {
					t.Fatalf("stop: %v %v", ok, err)
				}
			}
			e, rev, kept, err := s.PutDocument(ctx, []byte(fmt.Sprintf(file, tt.qwen7b)))
			if err != nil || rev == 0 {
				t.Fatalf("put: %v (revision %d)", err, rev)
			}
			if a, _ := e.Arm("qwen7b"); a.Stopped != tt.want || !slices.Equal(kept, tt.kept) {
				t.Fatalf("qwen7b stopped %q (kept %v), want %q (%v)", a.Stopped, kept, tt.want, tt.kept)
			}
			// The mirror must hold this put, not an earlier state that
			// reads the same (the first Put was not stopped either).
			var got experiment.Experiment
			eventually(t, "the stored experiment", func() bool {
				var ok bool
				got, ok = s.Get("model-bake-off")
				a, _ := got.Arm("qwen7b")
				return ok && a.Stopped == tt.want && got.UpdatedAt.Equal(e.UpdatedAt)
			})
			// Assignment follows: a stopped arm's units are served by control.
			for i := range 200 {
				as, _ := got.Assign(experiment.Attributes{Conversation: fmt.Sprintf("c%d", i)})
				if as.Assigned == "qwen7b" && (as.Arm.Name == "qwen7b") != (tt.want == "") {
					t.Fatalf("unit of qwen7b served by %s with stop %q", as.Arm.Name, tt.want)
				}
			}
		})
	}
	t.Run("an invalid document is refused", func(t *testing.T) {
		s, err := experiment.Open(ctx, natstest.Conn(t, natstest.RunServer(t)), nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		if _, _, _, err := s.PutDocument(ctx, []byte(`{"name": "x", "status": "running", "control": "a", "arms": [{"name": "a"}]}`)); err == nil {
			t.Fatal("a one-arm experiment was stored")
		}
	})
}
