package detect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// startService runs the detect service on an embedded NATS server with the
// given environment and returns a client connection once the service is
// registered (with the default background preload, once its models are
// loaded).
func startService(t *testing.T, env map[string]string) *nats.Conn {
	t.Helper()
	s := natstest.RunServer(t)
	stop, err := Start(context.Background(), svcmain.Deps{NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(env))})
	if err != nil {
		t.Fatalf("start detect: %v", err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	nc := natstest.Conn(t, s)
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := client.Ping(ctx, nc, api.ServiceDetect)
		cancel()
		if err == nil {
			return nc
		}
		if time.Now().After(deadline) {
			t.Fatalf("detect not registered after a minute: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestServiceDetect(t *testing.T) {
	nc := startService(t, map[string]string{
		"DETECT_LANGUAGES": "en,es,de,ru",
		"DETECT_PRELOAD":   "true",
		"DETECT_WORKERS":   "4",
	})
	det := client.Detect{NC: nc}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	tests := []struct {
		text string
		want string
	}{
		{"Where is the nearest train station?", "en"},
		{"¿Dónde está la estación de tren más cercana?", "es"},
		{"Wo ist der nächste Bahnhof?", "de"},
		{"Где ближайший вокзал?", "ru"},
		{"🚆 12:45 https://example.com", api.Undetermined},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, err := det.Detect(ctx, api.DetectRequest{Text: tt.text})
			if err != nil {
				t.Fatalf("Detect(%q): %v", tt.text, err)
			}
			if got.Language != tt.want {
				t.Fatalf("Detect(%q) = %+v, want %s", tt.text, got, tt.want)
			}
			if tt.want == api.Undetermined && got.Reason == "" {
				t.Errorf("und without a reason")
			}
		})
	}

	t.Run("parallel", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for i := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				txt, want := tests[i%4].text, tests[i%4].want
				got, err := det.Detect(ctx, api.DetectRequest{Text: txt})
				switch {
				case err != nil:
					errs <- err
				case got.Language != want:
					errs <- fmt.Errorf("%q: got %s, want %s", txt, got.Language, want)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}

// Invalid UTF-8 cannot be tested here: encoding/json replaces it with
// U+FFFD on both ends, so it never reaches the service as such (the unit
// test covers the check itself).
func TestServiceBadInput(t *testing.T) {
	// Errors come back from pooled workers (shared/service replies on the
	// connection, so micro's own error bookkeeping is not involved).
	nc := startService(t, map[string]string{
		"DETECT_LANGUAGES": "en,es", "DETECT_ACCURACY": "low", "DETECT_WORKERS": "4",
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	tests := []struct {
		name string
		text string
		code api.Code
	}{
		{"empty", "", api.CodeEmptyText},
		{"blank", "  \n\t ", api.CodeEmptyText},
		{"too long", strings.Repeat("hola ", api.MaxTextRunes/5+1), api.CodeTextTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := client.Detect{NC: nc}.Detect(ctx, api.DetectRequest{Text: tt.text})
			var ae *api.Error
			if !errors.As(err, &ae) || ae.Code != tt.code || ae.Field != "text" {
				t.Fatalf("err = %v, want %s on field text", err, tt.code)
			}
		})
	}

	t.Run("invalid json", func(t *testing.T) {
		msg, err := nc.RequestWithContext(ctx, api.SubjectDetect, []byte(`{"text":`))
		if err != nil {
			t.Fatal(err)
		}
		if code := msg.Header.Get(micro.ErrorCodeHeader); code != "400" {
			t.Fatalf("error code header %q, want 400", code)
		}
		if e := api.ParseServiceError("400", "", msg.Data); e.Code != api.CodeInvalidJSON {
			t.Errorf("code %s, want %s", e.Code, api.CodeInvalidJSON)
		}
	})
}

func TestServiceInfo(t *testing.T) {
	nc := startService(t, map[string]string{"DETECT_LANGUAGES": "es, en ,tl", "DETECT_ACCURACY": "low"})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := client.Ping(ctx, nc, api.ServiceDetect); err != nil {
		t.Fatalf("ping: %v", err)
	}
	subj, err := micro.ControlSubject(micro.InfoVerb, api.ServiceDetect, "")
	if err != nil {
		t.Fatal(err)
	}
	msg, err := nc.RequestWithContext(ctx, subj, nil)
	if err != nil {
		t.Fatal(err)
	}
	var info micro.Info
	if err := json.Unmarshal(msg.Data, &info); err != nil {
		t.Fatal(err)
	}
	if info.Version != Version || info.Metadata["languages"] != "en,es,fil" || info.Metadata["accuracy"] != "low" {
		t.Errorf("info = version %q metadata %v", info.Version, info.Metadata)
	}
	if len(info.Endpoints) != 2 || info.Endpoints[0].Subject != api.SubjectDetect || info.Endpoints[1].Subject != api.SubjectDetectBatch {
		t.Errorf("endpoints = %+v, want %s and %s", info.Endpoints, api.SubjectDetect, api.SubjectDetectBatch)
	}
	if info.Metadata["preload"] != "background" {
		t.Errorf("preload metadata %q, want background (the default)", info.Metadata["preload"])
	}
}

func TestStartBadConfig(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"accuracy", map[string]string{"DETECT_ACCURACY": "medium"}, "DETECT_ACCURACY"},
		{"confidence", map[string]string{"DETECT_MIN_CONFIDENCE": "high"}, "DETECT_MIN_CONFIDENCE"},
		{"distance range", map[string]string{"DETECT_MIN_DISTANCE": "2"}, "distance 2 is outside"},
		{"workers", map[string]string{"DETECT_WORKERS": "0"}, "DETECT_WORKERS"},
		{"workers not int", map[string]string{"DETECT_WORKERS": "many"}, "DETECT_WORKERS"},
		{"preload", map[string]string{"DETECT_PRELOAD": "maybe"}, "DETECT_PRELOAD"},
		{"languages", map[string]string{"DETECT_LANGUAGES": "en,klingon"}, "klingon"},
		{"prior", map[string]string{"DETECT_PRIOR_SENDER": "0.9", "DETECT_PRIOR_RECENT": "0.2"}, "add up to"},
		{"prior not a number", map[string]string{"DETECT_PRIOR_ACCEPT": "lots"}, "DETECT_PRIOR_ACCEPT"},
		{"phrases", map[string]string{"DETECT_PHRASES": "some"}, "DETECT_PHRASES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// No connection is needed: configuration is checked first.
			stop, err := Start(context.Background(), svcmain.Deps{Env: config.NewReader(config.Map(tt.env))})
			if err == nil {
				_ = stop()
				t.Fatal("Start succeeded, want a configuration error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestReadSettingsDefaults(t *testing.T) {
	s, err := ReadSettings(config.NewReader(config.Map(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(s.Detector.Languages, ",") != strings.Join(DefaultLanguages, ",") ||
		s.Detector.LowAccuracy || s.Preload != PreloadBackground ||
		s.Detector.MinConfidence != DefaultMinConfidence || s.Detector.MinDistance != DefaultMinDistance ||
		s.Detector.MinDistanceShort != DefaultMinDistanceShort || s.Detector.MinDistanceWord != DefaultMinDistanceWord ||
		s.Detector.Priors != DefaultPriorWeights || s.Workers < 1 || s.Detector.SkipPhrases {
		t.Errorf("defaults = %+v", s)
	}
}

func TestReadSettingsPhrasesOff(t *testing.T) {
	s, err := ReadSettings(config.NewReader(config.Map(map[string]string{"DETECT_PHRASES": "false"})))
	if err != nil || !s.Detector.SkipPhrases {
		t.Fatalf("DETECT_PHRASES=false: %+v, %v", s.Detector, err)
	}
}

func TestServiceBatch(t *testing.T) {
	nc := startService(t, map[string]string{"DETECT_LANGUAGES": "en,es,de,ru", "DETECT_ACCURACY": "low", "DETECT_PRELOAD": "true"})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	got, err := client.Detect{NC: nc}.DetectBatch(ctx, api.DetectBatchRequest{Items: []api.DetectBatchItem{
		{ID: "1", DetectRequest: api.DetectRequest{Text: "Where is the nearest train station?"}},
		{ID: "2", DetectRequest: api.DetectRequest{Text: ""}},
		{ID: "3", DetectRequest: api.DetectRequest{Text: "¿Dónde está la estación de tren más cercana?", Spans: true}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 3 || got.Items[0].DetectResponse == nil || got.Items[0].Language != "en" ||
		got.Items[1].Error == nil || got.Items[1].Error.Code != api.CodeEmptyText || got.Items[1].Error.Field != "items[1].text" ||
		got.Items[2].DetectResponse == nil || got.Items[2].Language != "es" || len(got.Items[2].Spans) != 1 {
		t.Fatalf("batch = %+v", got.Items)
	}

	_, err = client.Detect{NC: nc}.DetectBatch(ctx, api.DetectBatchRequest{})
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Code != api.CodeInvalidArgument || ae.Field != "items" {
		t.Fatalf("empty batch: err = %v, want invalid_argument on items", err)
	}
}

func TestServiceAnswersWhileLoading(t *testing.T) {
	// Models loaded on demand (DETECT_PRELOAD=false): the service is
	// registered before the models are in; a script shortcut needs none,
	// and a text that needs them waits (within its deadline) instead of
	// failing.
	nc := startService(t, map[string]string{"DETECT_LANGUAGES": "ko,th,sw,yo", "DETECT_ACCURACY": "low", "DETECT_PRELOAD": "false"})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	det := client.Detect{NC: nc}
	for text, want := range map[string]string{"고마워요": "ko", "ขอบคุณมาก": "th", "Habari yako rafiki yangu mpendwa": "sw"} {
		got, err := det.Detect(ctx, api.DetectRequest{Text: text})
		if err != nil || got.Language != want {
			t.Errorf("Detect(%q) = %+v, %v; want %s", text, got, err, want)
		}
	}
}

// With DETECT_PRELOAD=background the process is not ready (/readyz, via
// svcmain.Readiness) until the models are loaded, and then it is; and the
// service joins its queue group only then: a NATS queue group is not
// gated by readiness, so a replica in it before would take its share of
// requests and hold each until the models were in. A script shortcut
// needs no model: a registered service answers it at once.
func TestServiceReadyOnceModelsLoad(t *testing.T) {
	s := natstest.RunServer(t)
	ready := &svcmain.Readiness{}
	stop, err := Start(context.Background(), svcmain.Deps{NC: natstest.Conn(t, s), Readiness: ready,
		Env: config.NewReader(config.Map(map[string]string{"DETECT_LANGUAGES": "en,es,de,ru,fr,it", "DETECT_PRELOAD": "background"}))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = stop() })
	nc := natstest.Conn(t, s)
	loading := 0
	deadline := time.Now().Add(60 * time.Second)
	for {
		if err := ready.Err(); err != nil && !strings.Contains(err.Error(), "language models are still loading") {
			t.Fatalf("not ready for another reason: %v", err)
		}
		_, err := nc.Request(api.SubjectDetect, []byte(`{"text":"고마워요"}`), 5*time.Second)
		if err == nil {
			// Answered: registered, so the models are in.
			if err := ready.Err(); err != nil {
				t.Fatalf("the service answered while the process is not ready: %v", err)
			}
			break
		}
		if !errors.Is(err, nats.ErrNoResponders) {
			t.Fatal(err)
		}
		loading++
		if time.Now().After(deadline) {
			t.Fatalf("not registered after a minute (ready: %v)", ready.Err())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if loading == 0 {
		// Loading six languages takes far longer than reaching the first
		// request, but a fast machine may have finished.
		t.Log("the models loaded before the first request")
	}
	if err := ready.Err(); err != nil {
		t.Fatalf("registered, not ready: %v", err)
	}
}
