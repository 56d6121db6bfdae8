package gateway_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

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
		SourceLang: "EN", TargetLang: "es", Backend: "ollama", Experiment: "hosted-vs-local", Arm: "local", Comment: "wrong gender"}
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
	if ev := evs[0]; ev.Type != experiment.Feedback || ev.Kind != api.FeedbackRating || ev.Rating != 2 || ev.Arm != "local" || ev.Source != "en" || ev.Original != good.Original || ev.Comment != "wrong gender" {
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
	if err != nil || len(evs) != 2 || evs[1].Kind != api.FeedbackShowOriginal || evs[1].Rating != 0 {
		t.Fatalf("events after show_original %+v, %v", evs, err)
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
			TargetLang: "es", Experiment: exp, Arm: arm})
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
}
