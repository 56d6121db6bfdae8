package suite_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/fakellm"
)

// TestSuiteOnASmallDisk: the suite starts on a JetStream store of 40 MiB
// (it exited with "insufficient storage resources available": the 1 GiB
// experiment events bound did not fit), its streams' bounds fitted to the
// store, and a full chat stream refuses posts at once, 503 with a
// Retry-After, while /readyz reports the storage full.
func TestSuiteOnASmallDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole suite")
	}
	ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: fakellm.Dictionary(nil)})
	vars, gwAddr, natsAddr := suiteVars(t, ollama, map[string]string{
		"PARLEY_JS_MAX_FILE_STORE": strconv.Itoa(40 << 20),
		// Set, so that a few posts fill it; the other bounds are fitted.
		"MESSAGES_MAX_BYTES": strconv.Itoa(1 << 20),
	})
	out, _ := runSuite(t, vars)
	if !strings.Contains(out.String(), "at most 40.0 MiB (PARLEY_JS_MAX_FILE_STORE)") {
		t.Errorf("the start-up output does not tell the store's limit:\n%s", out)
	}

	nc, err := nats.Connect("nats://" + natsAddr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int64{
		api.StreamChat:              1 << 20,
		"KV_parley_translate_cache": 10 << 20,
		experiment.Stream:           5 << 20,
		experiment.FeedbackStream:   40 << 20 / 32,
	} {
		st, err := js.Stream(t.Context(), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := st.CachedInfo().Config.MaxBytes; got != want {
			t.Errorf("%s bound %d, want %d", name, got, want)
		}
	}

	gw := "http://" + gwAddr
	text := strings.Repeat("x", 8000)
	for i := 0; ; i++ {
		if i == 1000 {
			t.Fatal("1000 posts of 8000 characters stored in a 1 MiB stream")
		}
		start := time.Now()
		res, err := http.Post(gw+"/v1/messages", "application/json",
			strings.NewReader(fmt.Sprintf(`{"conversation":"room-%d","text":%q}`, i%20, text)))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusCreated {
			continue
		}
		if took := time.Since(start); res.StatusCode != http.StatusServiceUnavailable || took > 2*time.Second ||
			res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "the message store is full") {
			t.Fatalf("post %d: %d after %s, Retry-After %q: %s", i, res.StatusCode, took, res.Header.Get("Retry-After"), body)
		}
		break
	}
	res, err := http.Get(gw + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var st struct{ Status, Storage string }
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || st.Status != "degraded" || st.Storage != "full" {
		t.Fatalf("readyz %d %+v; want 200, degraded, storage full", res.StatusCode, st)
	}
}
