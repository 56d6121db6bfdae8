package gateway_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
)

func TestFeedbackReachesTheStream(t *testing.T) {
	env := compatGatewayWith(t, "app:client:"+clientKey, gateway.Config{}, nil)
	header := http.Header{"Authorization": {"Bearer " + clientKey}}
	post := func(body any) response {
		t.Helper()
		b, _ := json.Marshal(body)
		return send(t, "POST", env.url+"/v1/feedback", jsonType, string(b), header)
	}
	good := api.FeedbackRequest{Original: "Good morning, everyone!", Translation: "Buenos mañanas", Rating: 2,
		SourceLang: "EN", TargetLang: "es", Backend: "ollama", Experiment: "hosted-vs-local", Arm: "local", Comment: "wrong gender",
		RequestID: "req-of-the-view"}
	st, err := experiment.Open(t.Context(), env.nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if _, err := st.Put(t.Context(), experiment.Experiment{Name: "hosted-vs-local", Status: experiment.StatusRunning, Salt: "s", Control: "local",
		Arms: []experiment.Arm{{Name: "local"}, {Name: "hosted", Backend: "openai"}}}); err != nil {
		t.Fatal(err)
	}
	r := post(good)
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	var fr api.FeedbackResponse
	r.decode(t, &fr)
	if !fr.Recorded || fr.ID == "" {
		t.Fatalf("response %+v", fr)
	}
	js, err := jetstream.New(env.nc)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := experiment.Read(t.Context(), js, "hosted-vs-local")
	if err != nil || len(evs) != 1 {
		t.Fatalf("events %+v, %v", evs, err)
	}
	if ev := evs[0]; ev.Type != experiment.Feedback || ev.Kind != api.FeedbackRating || ev.Rating != 2 || ev.Arm != "local" || ev.Source != "en" || ev.Original != good.Original || ev.Comment != "wrong gender" ||
		ev.ViewRequestID != "req-of-the-view" || ev.View != experiment.ViewKey("hosted-vs-local", "local", "es", "", good.Original) || ev.TextsTruncated {
		t.Fatalf("event %+v", ev)
	}
	// The id the client got names the stored event.
	if evs[0].ID != fr.ID {
		t.Fatalf("stored event id %q, answered %q", evs[0].ID, fr.ID)
	}
	// A reader who asks for the original gives no rating.
	showOriginal := good
	showOriginal.Kind, showOriginal.Rating = api.FeedbackShowOriginal, 0
	if r := post(showOriginal); r.status != http.StatusOK {
		t.Fatalf("show_original: status %d: %s", r.status, r.body)
	}
	evs, err = experiment.Read(t.Context(), js, "hosted-vs-local")
	if err != nil || len(evs) != 2 || evs[1].Kind != api.FeedbackShowOriginal || evs[1].Rating != 0 || evs[1].Unit != "" {
		t.Fatalf("events after show_original %+v, %v", evs, err)
	}
	// Naming its conversation (the experiment's unit) records the unit,
	// hashed, so that a view served again is still credited.
	inConv := good
	inConv.ConversationID = "conv-7"
	if r := post(inConv); r.status != http.StatusOK {
		t.Fatalf("with conversation: status %d: %s", r.status, r.body)
	}
	evs, err = experiment.Read(t.Context(), js, "hosted-vs-local")
	if exp, _ := st.Get("hosted-vs-local"); err != nil || len(evs) != 3 || evs[2].Unit != experiment.UnitID(&exp, "conv-7") {
		t.Fatalf("events after feedback naming its conversation %+v, %v", evs, err)
	}

	tests := []struct {
		name  string
		edit  func(*api.FeedbackRequest)
		field string
	}{
		{"rating too high", func(f *api.FeedbackRequest) { f.Rating = 6 }, "rating"},
		{"no rating", func(f *api.FeedbackRequest) { f.Rating = 0 }, "rating"},
		{"no original", func(f *api.FeedbackRequest) { f.Original = " " }, "original"},
		// The texts are what a reviewer reads; docs/api.md lists them as
		// required with target_lang.
		{"no translation", func(f *api.FeedbackRequest) { f.Translation = "" }, "translation"},
		{"no target", func(f *api.FeedbackRequest) { f.TargetLang = "" }, "target_lang"},
		{"unknown kind", func(f *api.FeedbackRequest) { f.Kind = "like" }, "kind"},
		{"bad translation with a bad rating", func(f *api.FeedbackRequest) { f.Kind, f.Rating = api.FeedbackBadTranslation, 9 }, "rating"},
		{"bad target", func(f *api.FeedbackRequest) { f.TargetLang = "klingon!" }, "target_lang"},
		{"arm without experiment", func(f *api.FeedbackRequest) { f.Experiment = "" }, "experiment"},
		{"experiment without arm", func(f *api.FeedbackRequest) { f.Arm = "" }, "experiment"},
		{"bad experiment name", func(f *api.FeedbackRequest) { f.Experiment = "exp.1" }, "experiment"},
		{"bad arm name", func(f *api.FeedbackRequest) { f.Arm = "a b" }, "arm"},
		// Feedback on an arm names the view it is about.
		{"experiment without its view", func(f *api.FeedbackRequest) { f.RequestID = "" }, "request_id"},
		{"a request id no view has", func(f *api.FeedbackRequest) { f.RequestID = "a b/c" }, "request_id"},
		// A message view's id is 1-64 letters, digits, _ or - (as posted).
		{"a message id with a dot", func(f *api.FeedbackRequest) { f.MessageID = "m.1" }, "message_id"},
		{"a message id with a space", func(f *api.FeedbackRequest) { f.MessageID = "m 1" }, "message_id"},
		{"a message id of 65 characters", func(f *api.FeedbackRequest) { f.MessageID = strings.Repeat("m", 65) }, "message_id"},
		{"a message id alone, bad", func(f *api.FeedbackRequest) { f.RequestID, f.MessageID = "", "m/1" }, "message_id"},
		// Control characters go to no store and no reviewer's screen.
		{"NUL in the original", func(f *api.FeedbackRequest) { f.Original = "Good\x00 morning" }, "original"},
		{"ESC in the translation", func(f *api.FeedbackRequest) { f.Translation = "\x1b[2JBuenos días" }, "translation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := good
			tt.edit(&f)
			r := post(f)
			var eb api.ErrorBody
			r.decode(t, &eb)
			if r.status != http.StatusBadRequest || eb.Error.Field != tt.field {
				t.Fatalf("status %d, error %+v; want 400 on %s", r.status, eb.Error, tt.field)
			}
		})
	}
	// An error message names what was wrong without echoing a long input
	// whole: 5,000 characters of experiment name come back as 64 and a
	// count.
	for _, field := range []string{"experiment", "arm"} {
		t.Run("a long "+field+" is not echoed whole", func(t *testing.T) {
			f := good
			long := strings.Repeat("x.", 2500)
			if field == "experiment" {
				f.Experiment = long
			} else {
				f.Arm = long
			}
			r := post(f)
			var eb api.ErrorBody
			r.decode(t, &eb)
			if r.status != http.StatusBadRequest || eb.Error.Field != field || strings.Contains(eb.Error.Message, long[:200]) ||
				!strings.Contains(eb.Error.Message, strings.Repeat("x.", 32)+`"… (4936 more characters)`) || len(r.body) > 1000 {
				t.Fatalf("status %d, %d bytes: %+v", r.status, len(r.body), eb.Error)
			}
		})
	}
	// A rating that is not an integer (or does not fit one) is refused
	// with what a rating is, not as a wrong JSON type.
	for _, rating := range []string{`3.5`, `1e300`, `-1e300`, `"5"`} {
		t.Run("rating "+rating, func(t *testing.T) {
			body := `{"original":"Good morning","translation":"Buenos días","target_lang":"es","rating":` + rating + `}`
			r := send(t, "POST", env.url+"/v1/feedback", jsonType, body, header)
			var eb api.ErrorBody
			r.decode(t, &eb)
			if r.status != http.StatusBadRequest || eb.Error.Field != "rating" || !strings.Contains(eb.Error.Message, "integer from 1") {
				t.Fatalf("status %d, error %+v; want 400 on rating saying it is an integer from 1 to 5", r.status, eb.Error)
			}
		})
	}
	t.Run("needs a key", func(t *testing.T) {
		b, _ := json.Marshal(good)
		if r := send(t, "POST", env.url+"/v1/feedback", jsonType, string(b), nil); r.status != http.StatusUnauthorized {
			t.Fatalf("status %d without a key", r.status)
		}
	})
}

// TestFeedbackTenantScoped checks that feedback records the key and the
// tenant that sent it, that a client cannot rate an experiment restricted
// to other tenants (404) nor an arm the experiment does not have (400, and
// nothing stored: the report would show it as an arm of its own), and that
// an experiment the bucket does not hold is accepted (deleted since the
// view).
func TestFeedbackTenantScoped(t *testing.T) {
	const (
		acmeKey  = "acme-key-0123456789"
		rivalKey = "rival-key-0123456789"
		opsKey   = "ops-key-0123456789"
	)
	env := compatGatewayWith(t, "acme-app@acme:client:"+acmeKey+",rival-app@rival:client:"+rivalKey+",ops:client:"+opsKey, gateway.Config{}, nil)
	st, err := experiment.Open(t.Context(), env.nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	for _, e := range []experiment.Experiment{
		{Name: "acme-only", Status: experiment.StatusRunning, Salt: "s", Control: "a", Tenants: []string{"acme"}, Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}},
		{Name: "everyone", Status: experiment.StatusRunning, Salt: "s", Control: "a", Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}},
	} {
		if _, err := st.Put(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
	post := func(key, exp, arm string) response {
		t.Helper()
		b, _ := json.Marshal(api.FeedbackRequest{Original: "Good morning", Translation: "Buenos días", Rating: 1,
			TargetLang: "es", Experiment: exp, Arm: arm, MessageID: "m-1"})
		return send(t, "POST", env.url+"/v1/feedback", jsonType, string(b), http.Header{"Authorization": {"Bearer " + key}})
	}
	for _, tc := range []struct {
		name, key, exp, arm string
		want                int
		field               string
	}{
		{"own tenant's experiment", acmeKey, "acme-only", "b", 200, ""},
		{"an arm the experiment does not have", acmeKey, "acme-only", "zzz", http.StatusBadRequest, "arm"},
		{"arms are case-sensitive", acmeKey, "acme-only", "B", http.StatusBadRequest, "arm"},
		{"another tenant's experiment", rivalKey, "acme-only", "b", http.StatusNotFound, "experiment"},
		{"another tenant's experiment, with a wrong arm", rivalKey, "acme-only", "zzz", http.StatusNotFound, "experiment"},
		{"operator key on a tenant's experiment", opsKey, "acme-only", "b", http.StatusNotFound, "experiment"},
		{"experiment for every tenant", rivalKey, "everyone", "b", 200, ""},
		{"experiment for every tenant, a wrong arm", rivalKey, "everyone", "zzz", http.StatusBadRequest, "arm"},
		{"experiment the bucket does not hold", rivalKey, "gone", "b", 200, ""},
		{"experiment names are case-sensitive: unknown", acmeKey, "ACME-ONLY", "zzz", 200, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := post(tc.key, tc.exp, tc.arm)
			if r.status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.status, tc.want, r.body)
			}
			if tc.field != "" {
				var eb api.ErrorBody
				r.decode(t, &eb)
				if eb.Error.Field != tc.field || eb.Error.Status != tc.want {
					t.Fatalf("error %+v", eb.Error)
				}
				if tc.want == http.StatusNotFound && strings.Contains(string(r.body), "its arms") {
					t.Fatalf("the 404 tells of the arms: %s", r.body)
				}
			}
		})
	}
	js, err := jetstream.New(env.nc)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := experiment.Read(t.Context(), js, "acme-only")
	if err != nil || len(evs) != 1 {
		t.Fatalf("acme-only events %+v, %v", evs, err)
	}
	if ev := evs[0]; ev.Tenant != "acme" || !strings.HasPrefix(ev.KeyID, "env-") {
		t.Fatalf("event does not say who sent it: %+v", ev)
	}
	evs, err = experiment.Read(t.Context(), js, "everyone")
	if err != nil || len(evs) != 1 || evs[0].Tenant != "rival" || evs[0].KeyID == "" {
		t.Fatalf("everyone events %+v, %v", evs, err)
	}
	// Feedback on names the bucket does not hold ("gone", "ACME-ONLY") is
	// kept under "_": a key inventing names gets no cap per name.
	fs, err := js.Stream(t.Context(), experiment.FeedbackStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := fs.Info(t.Context(), jetstream.WithSubjectFilter(api.SubjectExperimentFeedback+"._.>"))
	if err != nil {
		t.Fatal(err)
	}
	n := uint64(0)
	for _, c := range info.State.Subjects {
		n += c
	}
	if n != 2 {
		t.Fatalf("%d feedback events on unknown experiments under _, want 2: %v", n, info.State.Subjects)
	}
}

// TestFeedbackChecksTargets: feedback on an experiment that names its
// targets must be about a translation into one of them (a 400 on
// target_lang otherwise, like an unknown arm: no view of its arms was in
// that language), and a message_id must be a message view's id; an
// experiment without targets takes any language.
func TestFeedbackChecksTargets(t *testing.T) {
	env := compatGatewayWith(t, "app:client:"+clientKey, gateway.Config{}, nil)
	st, err := experiment.Open(t.Context(), env.nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	for _, e := range []experiment.Experiment{
		{Name: "spanish", Status: experiment.StatusRunning, Salt: "s", Control: "a", Targets: []string{"es", "pt-BR"}, Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}},
		{Name: "everywhere", Status: experiment.StatusRunning, Salt: "s", Control: "a", Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}},
	} {
		if _, err := st.Put(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name, exp, target, messageID string
		want                         int
		field                        string
	}{
		{"a target of the experiment", "spanish", "es", "m-1", 200, ""},
		{"a region of a target", "spanish", "es-MX", "m-1", 200, ""},
		{"a target written in another case", "spanish", "PT-br", "m-1", 200, ""},
		{"another language", "spanish", "fr", "m-1", http.StatusBadRequest, "target_lang"},
		{"another region than the target's", "spanish", "pt-PT", "m-1", http.StatusBadRequest, "target_lang"},
		{"an experiment without targets", "everywhere", "fr", "m-1", 200, ""},
		{"an experiment the bucket does not hold", "gone", "fr", "m-1", 200, ""},
		{"a bad message id", "everywhere", "fr", "m:1", http.StatusBadRequest, "message_id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := json.Marshal(api.FeedbackRequest{Original: "Good morning", Translation: "Buenos días", Kind: api.FeedbackShowOriginal,
				TargetLang: tc.target, Experiment: tc.exp, Arm: "b", MessageID: tc.messageID})
			r := send(t, "POST", env.url+"/v1/feedback", jsonType, string(b), http.Header{"Authorization": {"Bearer " + clientKey}})
			if r.status != tc.want {
				t.Fatalf("status %d, want %d: %s", r.status, tc.want, r.body)
			}
			if tc.field != "" {
				var eb api.ErrorBody
				r.decode(t, &eb)
				if eb.Error.Field != tc.field || eb.Error.Code != api.CodeInvalidArgument {
					t.Fatalf("error %+v", eb.Error)
				}
			}
		})
	}
}

// TestFeedbackCannotEvictExperimentEvents is the black-box tester's flood:
// 60 posts of 61 KB evicted every exposure and outcome from a 3 MB events
// stream. Feedback has its own stream now, and keeps a chat message's
// worth of each text.
func TestFeedbackCannotEvictExperimentEvents(t *testing.T) {
	env := compatGatewayWith(t, "app:client:"+clientKey, gateway.Config{MaxTextRunes: 20_000, MaxBodyBytes: 1 << 20}, nil)
	ctx := t.Context()
	js, err := jetstream.New(env.nc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.EnsureStream(ctx, js, 1, experiment.MaxBytes(3<<20)); err != nil {
		t.Fatal(err)
	}
	pub := experiment.Publisher{NC: env.nc}
	q := 80.0
	for i := range 50 {
		for _, ev := range []experiment.Event{
			{Type: experiment.Exposure, Experiment: "flood", Arm: "a", Unit: fmt.Sprint("u", i)},
			{Type: experiment.Outcome, Experiment: "flood", Arm: "a", Unit: fmt.Sprint("u", i), Quality: &q},
		} {
			if _, err := pub.PublishAck(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
	}
	big := strings.Repeat("Lorem ipsum dolor sit amet. ", 710) // 19,880 characters
	body, _ := json.Marshal(api.FeedbackRequest{Kind: api.FeedbackBadTranslation, Original: big, Translation: big + big, TargetLang: "es",
		Comment: strings.Repeat("x", 1000)})
	if len(body) < 60_000 {
		t.Fatalf("a post of %d bytes", len(body))
	}
	header := http.Header{"Authorization": {"Bearer " + clientKey}}
	for i := range 60 {
		if r := send(t, "POST", env.url+"/v1/feedback", jsonType, string(body), header); r.status != http.StatusOK {
			t.Fatalf("post %d: status %d: %s", i, r.status, r.body)
		}
	}
	events, err := js.Stream(ctx, experiment.Stream)
	if err != nil {
		t.Fatal(err)
	}
	if info, err := events.Info(ctx); err != nil || info.State.Msgs != 100 {
		t.Fatalf("events stream %+v, %v: want the 100 exposures and outcomes", info.State, err)
	}
	fb, err := js.Stream(ctx, experiment.FeedbackStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := fb.Info(ctx)
	if err != nil || info.State.Msgs != 60 || info.State.Bytes > 60*8<<10 {
		t.Fatalf("feedback stream %+v, %v: want 60 events of a few KB", info.State, err)
	}
	evs, err := experiment.Read(ctx, js, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if ev.Type == experiment.Feedback && (!ev.TextsTruncated || utf8.RuneCountInString(ev.Original) != experiment.MaxFeedbackTextRunes) {
			t.Fatalf("feedback kept %d characters of the original (truncated %v)", utf8.RuneCountInString(ev.Original), ev.TextsTruncated)
		}
	}
}

// TestFeedbackBudgetPerKey: each key has a feedback budget of its own (a
// 429 with Retry-After beyond it), and a key at its cap on an experiment
// in the stream is refused with a 429 too, other keys unaffected.
func TestFeedbackBudgetPerKey(t *testing.T) {
	const otherKey = "other-key-0123456789"
	tests := []struct {
		name   string
		limits gateway.Limits
		cap    int64 // per key and experiment in the stream (0: the default)
		posts  int
		want   []int // statuses of the first key's posts
		retry  bool  // the 429 says when to retry
	}{
		// A token back every 100 s: at one a second, four posts that
		// took over a second (a loaded machine, -race) got a fourth.
		{"budget of 3", gateway.Limits{FeedbackRate: 0.01, FeedbackBurst: 3}, 0, 4, []int{200, 200, 200, 429}, true},
		{"no budget", gateway.Limits{}, 0, 4, []int{200, 200, 200, 200}, false},
		{"cap of 2 in the stream", gateway.Limits{}, 2, 3, []int{200, 200, 429}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := compatGatewayWith(t, "app:client:"+clientKey+",other:client:"+otherKey, gateway.Config{Limits: tt.limits}, nil)
			st, err := experiment.Open(t.Context(), env.nc, nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st.Close() })
			if _, err := st.Put(t.Context(), experiment.Experiment{Name: "budget", Status: experiment.StatusRunning, Salt: "s", Control: "a",
				Arms: []experiment.Arm{{Name: "a"}, {Name: "b"}}}); err != nil {
				t.Fatal(err)
			}
			if tt.cap > 0 {
				js, err := jetstream.New(env.nc)
				if err != nil {
					t.Fatal(err)
				}
				fs, err := js.Stream(t.Context(), experiment.FeedbackStream)
				if err != nil {
					t.Fatalf("the gateway did not create the feedback stream at start: %v", err)
				}
				cfg := fs.CachedInfo().Config
				cfg.MaxMsgsPerSubject = tt.cap
				if _, err := js.UpdateStream(t.Context(), cfg); err != nil {
					t.Fatal(err)
				}
			}
			post := func(key string, i int) response {
				b, _ := json.Marshal(api.FeedbackRequest{Kind: api.FeedbackShowOriginal, Original: "Hello", Translation: "Hola", TargetLang: "es",
					Experiment: "budget", Arm: "b", RequestID: fmt.Sprint("view-", i)})
				return send(t, "POST", env.url+"/v1/feedback", jsonType, string(b), http.Header{"Authorization": {"Bearer " + key}})
			}
			for i := range tt.posts {
				r := post(clientKey, i)
				if r.status != tt.want[i] {
					t.Fatalf("post %d: status %d, want %d: %s", i, r.status, tt.want[i], r.body)
				}
				if r.status == http.StatusTooManyRequests {
					var eb api.ErrorBody
					r.decode(t, &eb)
					if eb.Error.Code != api.CodeRateLimited || (r.header.Get("Retry-After") != "") != tt.retry {
						t.Fatalf("429 %+v, Retry-After %q", eb.Error, r.header.Get("Retry-After"))
					}
				}
			}
			if r := post(otherKey, 0); r.status != http.StatusOK {
				t.Fatalf("another key: status %d: %s", r.status, r.body)
			}
		})
	}
}
