package suite_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

const hello = "Hello, how are you?"

// env is a running suite: embedded NATS, every real service, the gateway,
// and a fake Ollama that speaks the real protocol.
type env struct {
	gateway string
	nats    string
	ollama  *fakellm.Server
	out     *syncBuffer
}

func startSuite(t *testing.T, translations map[string]string) *env {
	t.Helper()
	ollama := fakellm.StartOllama(t, fakellm.Config{
		Models:     []string{"qwen2.5:3b"},
		Translator: fakellm.Dictionary(translations),
	})
	gwAddr := freeAddr(t)
	natsAddr := freeAddr(t)
	_, natsPort, _ := net.SplitHostPort(natsAddr)
	_, file, _, _ := runtime.Caller(0)
	vars := map[string]string{
		"PARLEY_NATS_PORT": natsPort,
		"PARLEY_STATE_DIR": t.TempDir(),
		"GATEWAY_ADDR":     gwAddr,
		"OLLAMA_HOST":      ollama.URL(),
		"OLLAMA_MODEL":     "qwen2.5:3b",
		"TRANSLATE_CHAIN":  "ollama,apertium",
		"GLOSSARY_DIR":     filepath.Join(filepath.Dir(file), "..", "..", "..", "glossaries"),
		// A small language set keeps lingua's memory and load time low.
		"DETECT_LANGUAGES": "en,es,fr,de,pt,ca",
		// Load the models before the first request, and give each request
		// room: -race on a loaded 2-core CI machine is slow.
		"DETECT_PRELOAD":         "true",
		"GATEWAY_TIMEOUT":        "60s",
		"QUALITY_DETECT_TIMEOUT": "30s",
		"LOG_LEVEL":              "error",
	}
	out, _ := runSuite(t, vars)
	e := &env{gateway: "http://" + gwAddr, nats: "nats://" + natsAddr, ollama: ollama, out: out}
	return e
}

func TestEndToEnd(t *testing.T) {
	e := startSuite(t, map[string]string{
		hello: "Hola, ¿cómo estás?",
		// Do-not-translate terms reach the model as numbered sentinels.
		"The ⟦0⟧ workspace":         "El espacio de trabajo de ⟦0⟧",
		"Please restart the router": "Please restart the router", // an LLM that answers with the input
	})

	t.Run("five services answer $SRV.PING", func(t *testing.T) {
		nc, err := nats.Connect(e.nats)
		if err != nil {
			t.Fatal(err)
		}
		defer nc.Close()
		names := pingAll(t, nc)
		for _, want := range api.Services {
			if !names[want] {
				t.Errorf("%s did not answer $SRV.PING (got %v)", want, names)
			}
		}
	})

	t.Run("ollama translates", func(t *testing.T) {
		v := translate(t, e, `{"text":"Hello, how are you?","target":"es"}`)
		if v.Status != api.StatusTranslated || v.Backend != "ollama" || v.Text != "Hola, ¿cómo estás?" {
			t.Fatalf("view %+v", v)
		}
		if v.SourceLanguage != "en" || v.Detection == nil || v.Detection.Language != "en" {
			t.Fatalf("source not detected as en: %+v", v.Detection)
		}
		if v.Quality == nil || v.Quality.Decision != api.DecisionAccept || v.Safety == nil || !v.Safety.Source.Safe {
			t.Fatalf("quality/safety missing: %+v %+v", v.Quality, v.Safety)
		}
		if len(v.Degraded) != 0 {
			t.Fatalf("degraded: %v", v.Degraded)
		}
		if v.PromptID == "" || v.PromptVersion == 0 {
			t.Fatalf("the view does not name its prompt: %+v", v)
		}
	})

	t.Run("glossary term kept and reported", func(t *testing.T) {
		v := translate(t, e, `{"text":"The Parley workspace","source":"en","target":"es"}`)
		if v.Status != api.StatusTranslated || !strings.Contains(v.Text, "Parley") {
			t.Fatalf("view %+v", v)
		}
		if v.Glossary == nil || len(v.Glossary.Terms) == 0 {
			t.Fatalf("no glossary report: %+v", v)
		}
		found := false
		for _, term := range v.Glossary.Terms {
			if term.Source == "Parley" && term.Status == api.TermProtected {
				found = true
			}
		}
		if !found {
			t.Fatalf("Parley not reported protected: %+v", v.Glossary)
		}
		// The DNT term reached the LLM as a placeholder, not as text to translate.
		last := e.ollama.Requests()[len(e.ollama.Requests())-1]
		if strings.Contains(last.Messages[len(last.Messages)-1].Content, "Parley") {
			t.Fatalf("protected term sent to the model verbatim: %q", last.Messages[len(last.Messages)-1].Content)
		}
	})

	t.Run("untranslated LLM answer is rejected and the chain moves on", func(t *testing.T) {
		v := translate(t, e, `{"text":"Please restart the router","source":"en","target":"es"}`)
		if v.Backend == "ollama" {
			t.Fatalf("a verbatim copy was served as a translation: %+v", v)
		}
		// The chain's own output checks or quality estimation may catch
		// it; either way the rejected rung is visible.
		if !hasAttempt(v, "ollama", "") {
			t.Fatalf("rejection not visible in attempts: %+v", v.Attempts)
		}
	})

	t.Run("LLM failing falls back to apertium, visibly", func(t *testing.T) {
		e.ollama.SetMode(fakellm.Busy)
		defer e.ollama.SetMode(fakellm.OK)
		// A text not translated before, so no cache can answer it.
		const text = "Where is the train station?"
		v := translate(t, e, `{"text":"`+text+`","source":"en","target":"es"}`)
		if !hasAttempt(v, "ollama", "") {
			t.Fatalf("ollama failure not visible: %+v", v.Attempts)
		}
		if !apertium.Available() {
			if v.Status != api.StatusOriginal || v.Text != text {
				t.Fatalf("without apertium the original must be served: %+v", v)
			}
			t.Skip("apertium is not installed (make deps installs it as root); checked the original fallback only")
		}
		// The in-process engine with the service's defaults (chat fixes on)
		// is what the translate service ran.
		want, ok := apertiumTranslation(t, text, "en", "es")
		if !ok {
			t.Skip("apertium cannot translate en to es here")
		}
		if v.Status != api.StatusTranslated || v.Backend != "apertium" || v.Text != want {
			t.Fatalf("view %+v, want apertium's %q", v, want)
		}
	})

	t.Run("languages lists the chain", func(t *testing.T) {
		res, err := http.Get(e.gateway + "/v1/languages")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var langs api.LanguagesResponse
		if err := json.NewDecoder(res.Body).Decode(&langs); err != nil || res.StatusCode != 200 {
			t.Fatalf("status %d err %v", res.StatusCode, err)
		}
		if len(langs.Backends) == 0 || langs.Backends[0].Name != "ollama" || !langs.Backends[0].Available {
			t.Fatalf("backends %+v", langs.Backends)
		}
	})

	t.Run("unsupported language is a 422", func(t *testing.T) {
		res, err := http.Post(e.gateway+"/v1/translate", "application/json",
			strings.NewReader(`{"text":"hello","target":"tlh"}`))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body api.ErrorBody
		_ = json.NewDecoder(res.Body).Decode(&body)
		if res.StatusCode != 422 || body.Error.Code != api.CodeUnsupportedLanguage {
			t.Fatalf("status %d body %+v", res.StatusCode, body)
		}
	})

	t.Run("detect", func(t *testing.T) {
		res, err := http.Post(e.gateway+"/v1/detect", "application/json",
			strings.NewReader(`{"text":"¿Dónde está la estación de tren?"}`))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var d api.DetectResponse
		if err := json.NewDecoder(res.Body).Decode(&d); err != nil || d.Language != "es" {
			t.Fatalf("detect = %+v, %v", d, err)
		}
	})

	if !strings.Contains(e.out.String(), "gateway") {
		t.Errorf("start-up summary does not name the gateway:\n%s", e.out.String())
	}
}

func translate(t *testing.T, e *env, body string) api.View {
	t.Helper()
	res, err := http.Post(e.gateway+"/v1/translate", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var v api.View
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %+v", res.StatusCode, v)
	}
	return v
}

func hasAttempt(v api.View, backend, errContains string) bool {
	for _, a := range v.Attempts {
		if a.Backend == backend && strings.Contains(a.Error, errContains) {
			return true
		}
	}
	return false
}

// pingAll collects the $SRV.PING answers that arrive until every service
// of api.Services has answered, or for 10 s (a second was short for five
// services under -race on a loaded machine).
func pingAll(t *testing.T, nc *nats.Conn) map[string]bool {
	t.Helper()
	inbox := nats.NewInbox()
	sub, err := nc.SubscribeSync(inbox)
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	if err := nc.PublishRequest("$SRV.PING", inbox, nil); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	all := func() bool {
		for _, name := range api.Services {
			if !names[name] {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(10 * time.Second)
	for !all() && time.Now().Before(deadline) {
		msg, err := sub.NextMsg(time.Until(deadline))
		if err != nil {
			break
		}
		var pong micro.Ping
		if err := json.Unmarshal(msg.Data, &pong); err == nil {
			names[pong.Name] = true
		}
	}
	return names
}

// handedOut holds the addresses freeAddr has returned in this process.
var handedOut = struct {
	sync.Mutex
	addrs map[string]bool
}{addrs: map[string]bool{}}

// freeAddr returns a loopback address with a port free now, never one it
// returned before: the system may hand a closed listener's port out again
// to the next, and a test that asked for a gateway's and a NATS server's
// got the same one ("bind: address already in use", a CI run of
// December 2026).
func freeAddr(t *testing.T) string {
	t.Helper()
	handedOut.Lock()
	defer handedOut.Unlock()
	for {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		if !handedOut.addrs[addr] {
			handedOut.addrs[addr] = true
			return addr
		}
	}
}

func waitFor(t *testing.T, total time.Duration, f func() error) {
	t.Helper()
	deadline := time.Now().Add(total)
	var err error
	for time.Now().Before(deadline) {
		if err = f(); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("not ready after %s: %v", total, err)
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// suiteVars is the configuration the moderation and console tests start
// from: free ports, a throw-away state directory, the repository's
// glossaries, the fake Ollama as the only rung, English and Spanish
// detection and generous timeouts for -race on a loaded machine; extra
// adds or overrides settings.
func suiteVars(t *testing.T, ollama *fakellm.Server, extra map[string]string) (vars map[string]string, gwAddr, natsAddr string) {
	t.Helper()
	gwAddr, natsAddr = freeAddr(t), freeAddr(t)
	_, natsPort, _ := net.SplitHostPort(natsAddr)
	_, file, _, _ := runtime.Caller(0)
	vars = map[string]string{
		"PARLEY_NATS_PORT": natsPort,
		"PARLEY_STATE_DIR": t.TempDir(),
		"GATEWAY_ADDR":     gwAddr,
		"OLLAMA_HOST":      ollama.URL(),
		"OLLAMA_MODEL":     "qwen2.5:3b",
		"TRANSLATE_CHAIN":  "ollama",
		"GLOSSARY_DIR":     filepath.Join(filepath.Dir(file), "..", "..", "..", "glossaries"),
		"DETECT_LANGUAGES": "en,es",
		"GATEWAY_TIMEOUT":  "60s",
		"LOG_LEVEL":        "error",
	}
	maps.Copy(vars, extra)
	return vars, gwAddr, natsAddr
}
