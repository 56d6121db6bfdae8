package gateway_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/flags"
)

// armOf is a view's arm, "" without an experiment.
func armOf(as *api.ExperimentAssignment) string {
	if as == nil {
		return ""
	}
	return as.Experiment + "/" + as.Arm
}

// withExperiments has the chat env's translator assign arms from the
// experiments bucket of its server, and returns a handle to write them.
func withExperiments(t *testing.T, e *chatEnv) *experiment.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	store, err := experiment.Open(ctx, e.nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	e.mu.Lock()
	e.experiments = store
	e.mu.Unlock()
	return store
}

// putExperiment stores exp and waits until store's own copy has it: the
// fake translator assigns from that copy, which a watch fills, so a view
// asked for right after the write could otherwise miss the experiment.
func putExperiment(t *testing.T, store *experiment.Store, exp experiment.Experiment) {
	t.Helper()
	if _, err := store.Put(t.Context(), exp); err != nil {
		t.Fatal(err)
	}
	eventually(t, 15*time.Second, "the experiment in the translator's copy", func() bool {
		_, ok := store.Get(exp.Name)
		return ok
	})
}

func twoArms(name string, by flags.Unit) experiment.Experiment {
	return experiment.Experiment{Name: name, Status: experiment.StatusRunning, By: by, Salt: "views", Control: "a",
		Arms: []experiment.Arm{{Name: "a"}, {Name: "b", Backend: "apertium"}}}
}

// want is the arm exp assigns to a request, as armOf prints it.
func want(exp experiment.Experiment, a experiment.Attributes) string {
	a.Source, a.Target = "en", "es"
	if as, ok := exp.Assign(a); ok {
		return exp.Name + "/" + as.Arm.Name
	}
	return ""
}

// TestMessageViewsCarryTheArm: a message view records the experiment arm
// that served it (one view, a page, an event), so that a reader's
// feedback can be credited to the arm.
func TestMessageViewsCarryTheArm(t *testing.T) {
	e := startChat(t, nil)
	store := withExperiments(t, e)
	exp := twoArms("by-conversation", flags.ByConversation)
	putExperiment(t, store, exp)
	m := postMessage(t, e, "conv-arm", "ana", "hello")
	wantArm := want(exp, experiment.Attributes{Conversation: "conv-arm"})
	if wantArm == "" {
		t.Fatal("the conversation is not in the experiment")
	}
	v := decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+m.ID+"?locale=es", ""), 200)
	if armOf(v.Experiment) != wantArm {
		t.Fatalf("view arm %q, want %q", armOf(v.Experiment), wantArm)
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/conv-arm/messages?locale=es", ""), 200)
	if len(page.Messages) != 1 || armOf(page.Messages[0].Experiment) != wantArm {
		t.Fatalf("page %+v, want arm %q", page.Messages, wantArm)
	}
	// Pre-translated by the messages service, streamed by the gateway.
	es := openEvents(t, e.url+"/v1/conversations/conv-arm/events?locale=de")
	if es.header.Get("Parley-Views") != "pretranslated" {
		t.Fatalf("headers %v", es.header)
	}
	postMessage(t, e, "conv-arm", "bob", "hello")
	if ev := es.next(t); armOf(ev.view.Experiment) != want(exp, experiment.Attributes{Conversation: "conv-arm"}) {
		t.Fatalf("event view arm %q, want %q", armOf(ev.view.Experiment), wantArm)
	}
}

// TestMessageViewsSplitByUser: with an experiment split by user running,
// a view for a reader named by user_id is assigned by that reader (and
// cached for that reader only), a view without one is outside the
// experiment, and /v1/translate assigns by its user_id.
func TestMessageViewsSplitByUser(t *testing.T) {
	e := startChat(t, nil)
	store := withExperiments(t, e)
	m := postMessage(t, e, "conv-users", "ana", "hello")
	viewFor := func(user string) api.MessageView {
		t.Helper()
		q := "?locale=es"
		if user != "" {
			q += "&user_id=" + user
		}
		return decodeAs[api.MessageView](t, do(t, "GET", e.url+"/v1/messages/"+m.ID+q, ""), 200)
	}
	// Nothing splits by user yet: the reader's id is not passed on, and
	// readers share the cached view.
	if v := viewFor("u1"); v.Experiment != nil {
		t.Fatalf("an experiment with none running: %+v", v.Experiment)
	}
	e.mu.Lock()
	users := slices.Clone(e.users["hello"])
	e.mu.Unlock()
	if slices.ContainsFunc(users, func(u string) bool { return u != "" }) {
		t.Fatalf("a user id passed on with nothing splitting by user: %q", users)
	}

	exp := twoArms("by-user", flags.ByUser)
	// The translator's copy first: a view the gateway asks for a user
	// before it has the experiment is cached without an arm.
	putExperiment(t, store, exp)
	// Readers on both arms.
	var readers []string
	seen := map[string]bool{}
	for i := 0; len(readers) < 2 && i < 100; i++ {
		u := fmt.Sprintf("user-%d", i)
		if arm := want(exp, experiment.Attributes{User: u}); !seen[arm] {
			seen[arm] = true
			readers = append(readers, u)
		}
	}
	if len(readers) != 2 {
		t.Fatal("no users on two arms")
	}
	eventually(t, 10*time.Second, "the gateway sees the experiment", func() bool { return viewFor(readers[0]).Experiment != nil })
	for range 2 { // the second round is served from the view cache
		for _, u := range readers {
			if v := viewFor(u); armOf(v.Experiment) != want(exp, experiment.Attributes{User: u}) {
				t.Fatalf("reader %s: arm %q, want %q", u, armOf(v.Experiment), want(exp, experiment.Attributes{User: u}))
			}
		}
		if v := viewFor(""); v.Experiment != nil {
			t.Fatalf("a view without a user in an experiment split by user: %+v", v.Experiment)
		}
	}
	page := decodeAs[api.MessagePage](t, do(t, "GET", e.url+"/v1/conversations/conv-users/messages?locale=es&user_id="+readers[1], ""), 200)
	if len(page.Messages) != 1 || armOf(page.Messages[0].Experiment) != want(exp, experiment.Attributes{User: readers[1]}) {
		t.Fatalf("page for %s: %+v", readers[1], page.Messages)
	}

	// An event stream for a reader renders the reader's own views.
	es := openEvents(t, e.url+"/v1/conversations/conv-users/events?locale=es&user_id="+readers[1])
	if es.header.Get("Parley-Views") != "on-demand" {
		t.Fatalf("a reader's stream uses views rendered for nobody: %v", es.header)
	}
	postMessage(t, e, "conv-users", "bob", "hello")
	if ev := es.next(t); armOf(ev.view.Experiment) != want(exp, experiment.Attributes{User: readers[1]}) {
		t.Fatalf("event for %s: arm %q", readers[1], armOf(ev.view.Experiment))
	}

	// /v1/translate assigns by its user_id, and without one does not.
	for _, u := range append(readers, "") {
		body, _ := json.Marshal(map[string]string{"text": "hello", "source": "en", "target": "es", "conversation_id": "c9", "user_id": u})
		v := decodeAs[api.View](t, do(t, "POST", e.url+"/v1/translate", string(body)), 200)
		if armOf(v.Experiment) != want(exp, experiment.Attributes{User: u}) {
			t.Fatalf("translate for %q: arm %q, want %q", u, armOf(v.Experiment), want(exp, experiment.Attributes{User: u}))
		}
	}

	for _, bad := range []string{"a%20b", "a*", "%3E"} {
		r := do(t, "GET", e.url+"/v1/messages/"+m.ID+"?locale=es&user_id="+bad, "")
		if eb := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest); eb.Error.Field != "user_id" {
			t.Fatalf("user_id %q: %+v", bad, eb.Error)
		}
	}
	r := do(t, "POST", e.url+"/v1/translate", `{"text":"hello","target":"es","user_id":"a b"}`)
	if eb := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest); eb.Error.Field != "user_id" {
		t.Fatalf("translate with a bad user_id: %+v", eb.Error)
	}
}

// TestFeedbackOnViewsServedAgain is the re-check tester's case: one text
// translated 30 times in a conversation of arm b (each answer a new
// X-Request-Id, as every reader of a group chat gets), then show_original
// feedback naming each answer's request id and no conversation_id, while
// another conversation of b was served the same text. Each names the one
// view: 1 counted, 29 duplicates, none unmatched (it was 30 unmatched).
func TestFeedbackOnViewsServedAgain(t *testing.T) {
	e := startChat(t, nil)
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(t.Context(), js, 1); err != nil {
		t.Fatal(err)
	}
	store := withExperiments(t, e)
	exp := twoArms("served-again", "")
	putExperiment(t, store, exp)
	var convs []string
	for i := 0; len(convs) < 2; i++ {
		if c := fmt.Sprintf("c%d", i); want(exp, experiment.Attributes{Conversation: c}) == "served-again/b" {
			convs = append(convs, c)
		}
	}
	translate := func(conv, requestID string) api.View {
		t.Helper()
		body, _ := json.Marshal(map[string]string{"text": "hello", "source": "en", "target": "es", "conversation_id": conv})
		r := do(t, "POST", e.url+"/v1/translate", string(body), "X-Request-Id", requestID)
		if got := r.header.Get("X-Request-Id"); got != requestID {
			t.Fatalf("answered with request id %q, want %q", got, requestID)
		}
		return decodeAs[api.View](t, r, http.StatusOK)
	}
	translate(convs[1], "other-conv")
	var ids []string
	for i := range 30 {
		id := fmt.Sprintf("view-%d", i)
		if v := translate(convs[0], id); armOf(v.Experiment) != "served-again/b" {
			t.Fatalf("arm %q", armOf(v.Experiment))
		}
		ids = append(ids, id)
	}
	for _, id := range ids {
		body, _ := json.Marshal(api.FeedbackRequest{Kind: api.FeedbackShowOriginal, Original: "hello", Translation: "hola",
			SourceLang: "en", TargetLang: "es", Experiment: exp.Name, Arm: "b", RequestID: id})
		if r := do(t, "POST", e.url+"/v1/feedback", string(body)); r.status != http.StatusOK {
			t.Fatalf("feedback on %s: %d %s", id, r.status, r.body)
		}
	}
	var b experiment.ArmResult
	deadline := time.Now().Add(5 * time.Second)
	for {
		evs, err := experiment.Read(t.Context(), js, exp.Name)
		if err != nil {
			t.Fatal(err)
		}
		b = experiment.Analyze(exp, evs).Arms[1]
		if b.Feedback.Events == 30 && b.Feedback.Unmatched == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if f := b.Feedback; f.Counted != 1 || f.Duplicates != 29 || f.Unmatched != 0 || b.Outcomes != 2 || b.Views != 2 {
		t.Fatalf("arm b: feedback %+v, outcomes %d, views %d; want 1 counted, 29 duplicates, 2 views", f, b.Outcomes, b.Views)
	}
}

// TestFeedbackArmMustBeTheViews: feedback naming the request id of a view
// this gateway served under an arm must name that arm (and experiment):
// another would be credited with a rating its arm never earned.
func TestFeedbackArmMustBeTheViews(t *testing.T) {
	e := startChat(t, nil)
	js, err := jetstream.New(e.nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(t.Context(), js, 1); err != nil {
		t.Fatal(err)
	}
	store := withExperiments(t, e)
	exp := twoArms("arm-check", "")
	other := twoArms("arm-other", "")
	for _, x := range []experiment.Experiment{exp, other} {
		putExperiment(t, store, x)
	}
	conv := ""
	for i := 0; conv == ""; i++ {
		if c := fmt.Sprintf("c%d", i); want(exp, experiment.Attributes{Conversation: c}) == "arm-check/b" {
			conv = c
		}
	}
	body, _ := json.Marshal(map[string]string{"text": "hello", "source": "en", "target": "es", "conversation_id": conv})
	r := do(t, "POST", e.url+"/v1/translate", string(body), "X-Request-Id", "view-b")
	if v := decodeAs[api.View](t, r, http.StatusOK); armOf(v.Experiment) != "arm-check/b" {
		t.Fatalf("served under %q", armOf(v.Experiment))
	}
	tests := []struct {
		name, experiment, arm, requestID string
		wantField                        string
	}{
		{name: "the view's arm", experiment: exp.Name, arm: "b", requestID: "view-b"},
		{name: "another arm", experiment: exp.Name, arm: "a", requestID: "view-b", wantField: "arm"},
		{name: "another experiment", experiment: other.Name, arm: "a", requestID: "view-b", wantField: "experiment"},
		// A view this replica did not serve (another replica's, or
		// older than it remembers) is not checked.
		{name: "unknown view", experiment: exp.Name, arm: "a", requestID: "view-elsewhere"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, _ := json.Marshal(api.FeedbackRequest{Kind: api.FeedbackShowOriginal, Original: "hello", Translation: "hola",
				SourceLang: "en", TargetLang: "es", Experiment: tt.experiment, Arm: tt.arm, RequestID: tt.requestID})
			r := do(t, "POST", e.url+"/v1/feedback", string(body))
			if tt.wantField == "" {
				if r.status != http.StatusOK {
					t.Fatalf("%d %s", r.status, r.body)
				}
				return
			}
			if got := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest); got.Error.Field != tt.wantField || got.Error.Code != api.CodeInvalidArgument {
				t.Fatalf("got %+v, want invalid_argument on %s", got.Error, tt.wantField)
			}
		})
	}
}

// TestTranslateRefusesExclude: POST /v1/translate has no exclude option;
// a list is a 400 on the field naming the chain's rungs, rather than a
// request served, silently, by the rung it meant to skip.
func TestTranslateRefusesExclude(t *testing.T) {
	e := startChat(t, nil)
	tests := []struct {
		name, exclude string
		wantIn        []string
	}{
		{name: "typo", exclude: `["olama"]`, wantIn: []string{`"olama"`, "the chain's rungs: fake"}},
		{name: "a rung of the chain", exclude: `["fake"]`, wantIn: []string{"not an option", "the chain's rungs: fake"}},
		{name: "empty list", exclude: `[]`, wantIn: []string{"not an option"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "POST", e.url+"/v1/translate", `{"text":"hello","source":"en","target":"es","exclude":`+tt.exclude+`}`)
			got := decodeAs[api.ErrorBody](t, r, http.StatusBadRequest)
			if got.Error.Field != "exclude" || got.Error.Code != api.CodeInvalidArgument {
				t.Fatalf("got %+v, want invalid_argument on exclude", got.Error)
			}
			for _, w := range tt.wantIn {
				if !strings.Contains(got.Error.Message, w) {
					t.Errorf("message %q lacks %q", got.Error.Message, w)
				}
			}
		})
	}
	// Without it the request is served.
	r := do(t, "POST", e.url+"/v1/translate", `{"text":"hello","source":"en","target":"es"}`)
	decodeAs[api.View](t, r, http.StatusOK)
}
