package messages

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/pipeline"
)

// glossaryBucket is the glossary service's bucket
// (services/glossary/natsstore.BucketKV), which the gateway follows.
const glossaryBucket = "parley_glossaries"

// versionedServices answer every pipeline step at once; prepare consults
// glossary "g" at the version the glossary replica has loaded (loaded),
// and translate renders the term by that version, as a model given the
// version's hint would.
type versionedServices struct {
	armServices

	mu     sync.Mutex
	loaded int
	calls  int
}

func (f *versionedServices) load(version int) {
	f.mu.Lock()
	f.loaded = version
	f.mu.Unlock()
}

func (f *versionedServices) Prepare(context.Context, api.GlossaryPrepareRequest) (*api.GlossaryPrepareResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return &api.GlossaryPrepareResponse{Version: fmt.Sprint("g@", f.loaded), Glossaries: []api.GlossaryRef{{ID: "g", Version: f.loaded}}}, nil
}

func (f *versionedServices) Translate(_ context.Context, req api.TranslateRequest) (*api.TranslateResponse, error) {
	f.mu.Lock()
	f.calls++
	f.mu.Unlock()
	return &api.TranslateResponse{Text: "abre el hilo (" + req.GlossaryVersion + ")", Status: api.StatusTranslated, Backend: "fake"}, nil
}

// TestViewCacheFollowsGlossaryChanges: a view read right after a glossary
// change is rendered with the new version, not served from the view
// cache for up to a minute; a view rendered by a glossary replica that
// had not loaded the change yet is served but not cached; and without a
// change views stay cached.
func TestViewCacheFollowsGlossaryChanges(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	js, err := jetstream.New(natstest.Conn(t, natstest.RunServer(t)))
	if err != nil {
		t.Fatal(err)
	}
	kv, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: glossaryBucket, History: 1})
	if err != nil {
		t.Fatal(err)
	}
	commit := func(version int) {
		t.Helper()
		data, _ := json.Marshal(api.GlossaryVersion{Glossary: "g", Version: version, Action: "update"})
		if _, err := kv.Put(ctx, "head.g", data); err != nil {
			t.Fatal(err)
		}
	}
	commit(1)
	heads, err := OpenGlossaryHeads(ctx, kv, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(heads.Close)

	f := &versionedServices{loaded: 1}
	r := &Renderer{
		Pipeline:   &pipeline.Pipeline{Detect: f, Translate: f, Glossary: f, Quality: f, Safety: f},
		Cache:      NewViewCache(time.Minute, 100),
		Glossaries: heads,
	}
	m := api.Message{ID: "m1", Conversation: "c1", Text: "open the thread", Source: "en", Revision: 1}
	view := func(want string, renders int) {
		t.Helper()
		v, _, err := r.ViewAndJSON(ctx, m, "es", "", false)
		if err != nil {
			t.Fatal(err)
		}
		if v.Text != want || f.calls != renders {
			t.Fatalf("view %q after %d renders, want %q after %d", v.Text, f.calls, want, renders)
		}
	}
	// changed waits for the heads to show a commit: the watcher delivers
	// it within milliseconds.
	changed := func(from uint64) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); heads.Revision() == from; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the glossary change did not reach the heads")
			}
		}
	}

	view("abre el hilo (g@1)", 1)
	view("abre el hilo (g@1)", 1) // cached

	// A change the glossary replica has loaded: the next read renders
	// with it.
	rev := heads.Revision()
	f.load(2)
	commit(2)
	changed(rev)
	view("abre el hilo (g@2)", 2)
	view("abre el hilo (g@2)", 2) // cached again

	// A change the replica has not loaded yet: the view it renders is of
	// the older version, served but not cached, so the next read renders
	// again, and once the replica has it, that view is cached.
	rev = heads.Revision()
	commit(3)
	changed(rev)
	view("abre el hilo (g@2)", 3)
	view("abre el hilo (g@2)", 4)
	f.load(3)
	view("abre el hilo (g@3)", 5)
	view("abre el hilo (g@3)", 5)

	// A page read takes the same keys.
	views, err := r.Views(ctx, []api.Message{m}, "es", "", false)
	if err != nil || views[0].Text != "abre el hilo (g@3)" || f.calls != 5 {
		t.Fatalf("page %+v (%v) after %d renders", views, err, f.calls)
	}
}
