package suite_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
)

// TestExperimentsAndFlagsEndToEnd runs an A/B experiment and a kill
// switch through the whole suite: arms are assigned by conversation and
// recorded in the view, outcome events (with the quality score) and
// reader feedback reach the stream, and no_llm takes the LLM out of
// service for one conversation.
func TestExperimentsAndFlagsEndToEnd(t *testing.T) {
	e := startSuite(t, map[string]string{hello: "Hola, ¿cómo estás?"})
	nc, err := nats.Connect(e.nats)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	ctx := t.Context()
	exps, err := experiment.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = exps.Close() })
	exp := experiment.Experiment{Name: "register", Status: experiment.StatusRunning, Control: "plain", Salt: "e2e",
		Targets: []string{"es"},
		Arms: []experiment.Arm{
			{Name: "plain"},
			{Name: "informal", Options: map[string]string{experiment.OptionFormality: api.FormalityInformal}},
		}}
	if _, err := exps.Put(ctx, exp); err != nil {
		t.Fatal(err)
	}
	body := func(conv string) string {
		return fmt.Sprintf(`{"text":%q,"source":"en","target":"es","conversation_id":%q}`, hello, conv)
	}
	// The translate service sees the experiment within a second; each
	// poll is a whole view, so a loaded machine gets slack.
	waitFor(t, 20*time.Second, func() error {
		if v := translate(t, e, body("conv-0")); v.Experiment == nil {
			return fmt.Errorf("no experiment in the view")
		}
		return nil
	})
	arms := map[string]int{}
	const n = 12
	for i := range n {
		conv := fmt.Sprintf("conv-%d", i)
		v := translate(t, e, body(conv))
		as, _ := exp.Assign(experiment.Attributes{Target: "es", Conversation: conv})
		if v.Experiment == nil || v.Experiment.Arm != as.Arm.Name || v.Status != api.StatusTranslated {
			t.Fatalf("%s: view %+v, want arm %s", conv, v.Experiment, as.Arm.Name)
		}
		arms[v.Experiment.Arm]++
	}
	if arms["plain"] == 0 || arms["informal"] == 0 {
		t.Fatalf("arms %v", arms)
	}

	// conv-0 is translated again: the same text in the same unit is one
	// sample, whose outcome was published once.
	for range 3 {
		translate(t, e, body("conv-0"))
	}
	// A reader of a view of arm informal rates it, naming the view by the
	// X-Request-Id of its answer.
	extra := ""
	for i := n; extra == ""; i++ {
		if as, _ := exp.Assign(experiment.Attributes{Target: "es", Conversation: fmt.Sprintf("conv-%d", i)}); as.Arm.Name == "informal" {
			extra = fmt.Sprintf("conv-%d", i)
		}
	}
	req, err := http.NewRequest("POST", e.gateway+"/v1/translate", strings.NewReader(body(extra)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "view-to-rate")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("X-Request-Id") != "view-to-rate" {
		t.Fatalf("translate %s: status %d, request id %q", extra, res.StatusCode, res.Header.Get("X-Request-Id"))
	}
	for range 2 { // the reader clicks twice: counted once
		res, err = http.Post(e.gateway+"/v1/feedback", "application/json", strings.NewReader(
			`{"original":"Hello, how are you?","translation":"Hola, ¿cómo estás?","rating":5,"target_lang":"es","experiment":"register","arm":"informal","request_id":"view-to-rate"}`))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("feedback: status %d", res.StatusCode)
		}
	}

	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	var evs []experiment.Event
	count := func(typ string) int {
		c := 0
		for _, ev := range evs {
			if ev.Type == typ {
				c++
			}
		}
		return c
	}
	// Every request made an exposure; every unit's view (one text per
	// conversation) one outcome, however often conv-0 was translated.
	waitFor(t, 10*time.Second, func() error {
		evs, err = experiment.Read(ctx, js, exp.Name)
		if err != nil {
			return err
		}
		if count(experiment.Outcome) != n+1 || count(experiment.Feedback) != 2 || count(experiment.Exposure) < n+4 {
			return fmt.Errorf("events: %d outcomes, %d exposures, %d feedback", count(experiment.Outcome), count(experiment.Exposure), count(experiment.Feedback))
		}
		return nil
	})
	for _, ev := range evs {
		if ev.Type == experiment.Outcome && (ev.Quality == nil || ev.LatencyMS <= 0 || ev.Backend != "ollama" || ev.Unit == "" || ev.View == "") {
			data, _ := json.Marshal(ev)
			t.Fatalf("outcome without score, latency, unit or view: %s", data)
		}
	}
	// The report counts units and credits the rating to its view once.
	r := experiment.Analyze(exp, evs)
	units := 0
	for _, a := range r.Arms {
		units += a.Units
		if a.Views != a.Units || a.WithoutUnit != 0 {
			t.Fatalf("arm %s: %d views of %d units (%d without unit)", a.Name, a.Views, a.Units, a.WithoutUnit)
		}
		if a.Name == "informal" && (a.Feedback.Counted != 1 || a.Feedback.Duplicates != 1 || a.Rating.N != 1) {
			t.Fatalf("informal feedback %+v, ratings %+v", a.Feedback, a.Rating)
		}
	}
	if units != n+1 {
		t.Fatalf("%d units, want %d", units, n+1)
	}

	fl, err := flags.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = fl.Close() })
	if _, err := fl.Set(ctx, flags.NoLLM, flags.Flag{Enabled: true, Conversations: []string{"conv-killed"}}); err != nil {
		t.Fatal(err)
	}
	// The one-second contract is checked where no HTTP round trip is
	// timed (translate's and safety's tests); here a loaded machine gets
	// slack, since each poll is a whole view.
	deadline := time.Now().Add(10 * time.Second)
	for {
		v := translate(t, e, body("conv-killed"))
		if v.Backend != "ollama" {
			if v.Experiment != nil {
				t.Fatalf("a killed request still in the experiment: %+v", v.Experiment)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no_llm not in effect")
		}
	}
	if v := translate(t, e, body("conv-1")); v.Backend != "ollama" {
		t.Fatalf("no_llm leaked to another conversation: %+v", v)
	}
}

// TestExperimentSplitByUserEndToEnd: an experiment split by user assigns
// /v1/translate requests by their user_id and message views by the
// reader's user_id, through the real translate service; requests without
// a user id are outside it.
func TestExperimentSplitByUserEndToEnd(t *testing.T) {
	e := startSuite(t, map[string]string{hello: "Hola, ¿cómo estás?"})
	nc, err := nats.Connect(e.nats)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	ctx := t.Context()
	exps, err := experiment.Open(ctx, nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = exps.Close() })
	exp := experiment.Experiment{Name: "per-user", Status: experiment.StatusRunning, By: flags.ByUser, Control: "plain", Salt: "e2e-user",
		Targets: []string{"es"},
		Arms: []experiment.Arm{
			{Name: "plain"},
			{Name: "informal", Options: map[string]string{experiment.OptionFormality: api.FormalityInformal}},
		}}
	if _, err := exps.Put(ctx, exp); err != nil {
		t.Fatal(err)
	}
	armFor := func(user string) string {
		as, ok := exp.Assign(experiment.Attributes{Target: "es", Conversation: "shared-room", User: user})
		if !ok {
			return ""
		}
		return as.Arm.Name
	}
	body := func(user string) string {
		return fmt.Sprintf(`{"text":%q,"source":"en","target":"es","conversation_id":"shared-room","user_id":%q}`, hello, user)
	}
	waitFor(t, 20*time.Second, func() error {
		if v := translate(t, e, body("user-0")); v.Experiment == nil {
			return fmt.Errorf("no experiment in the view")
		}
		return nil
	})
	arms := map[string]int{}
	for i := range 8 {
		u := fmt.Sprintf("user-%d", i)
		v := translate(t, e, body(u))
		if v.Experiment == nil || v.Experiment.Arm != armFor(u) {
			t.Fatalf("%s: view %+v, want arm %s", u, v.Experiment, armFor(u))
		}
		arms[v.Experiment.Arm]++
	}
	if arms["plain"] == 0 || arms["informal"] == 0 {
		t.Fatalf("one conversation, eight users, arms %v: not split by user", arms)
	}
	if v := translate(t, e, body("")); v.Experiment != nil {
		t.Fatalf("a request without a user id in an experiment split by user: %+v", v.Experiment)
	}

	// A message read by two readers on different arms.
	res, err := http.Post(e.gateway+"/v1/messages", "application/json", strings.NewReader(
		fmt.Sprintf(`{"conversation":"shared-room","text":%q,"source":"en"}`, hello)))
	if err != nil {
		t.Fatal(err)
	}
	var m api.Message
	err = json.NewDecoder(res.Body).Decode(&m)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusCreated {
		t.Fatalf("post: %d %v", res.StatusCode, err)
	}
	view := func(user string) api.MessageView {
		t.Helper()
		res, err := http.Get(e.gateway + "/v1/messages/" + m.ID + "?locale=es&user_id=" + user)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var v api.MessageView
		if err := json.NewDecoder(res.Body).Decode(&v); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("view: %d %v", res.StatusCode, err)
		}
		return v
	}
	// The gateway's own view of the bucket may lag the translate service's.
	waitFor(t, 20*time.Second, func() error {
		if v := view("user-0"); v.Experiment == nil {
			return fmt.Errorf("no experiment in the message view")
		}
		return nil
	})
	for i := range 8 {
		u := fmt.Sprintf("user-%d", i)
		if v := view(u); v.Experiment == nil || v.Experiment.Arm != armFor(u) {
			t.Fatalf("message view for %s: %+v, want arm %s", u, v.Experiment, armFor(u))
		}
	}
	if v := view(""); v.Experiment != nil {
		t.Fatalf("a message view without a reader in an experiment split by user: %+v", v.Experiment)
	}
}
