package natsdetect

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

func TestDetector(t *testing.T) {
	s := natstest.RunServer(t)
	d := New(natstest.Conn(t, s))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	// Nothing runs yet: both calls fail fast as unavailable.
	if _, err := d.Detect(ctx, api.DetectRequest{Text: "hello there"}); api.ErrorCode(err) != api.CodeUnavailable {
		t.Fatalf("Detect without service: %v, want unavailable", err)
	}
	if _, err := d.Languages(ctx); api.ErrorCode(err) != api.CodeUnavailable {
		t.Fatalf("Languages without service: %v, want unavailable", err)
	}

	stop, err := detect.Start(ctx, svcmain.Deps{NC: natstest.Conn(t, s), Env: config.NewReader(config.Map(map[string]string{
		// Registered when Start returns (the default background preload
		// registers once the models are in).
		"DETECT_LANGUAGES": "fr,en,es", "DETECT_ACCURACY": "low", "DETECT_PRELOAD": "true",
	}))})
	if err != nil {
		t.Fatal(err)
	}
	langs, err := d.Languages(ctx)
	if err != nil || !slices.Equal(langs, []string{"en", "es", "fr"}) {
		t.Fatalf("Languages = %v, %v; want [en es fr]", langs, err)
	}
	res, err := d.Detect(ctx, api.DetectRequest{Text: "Nos vemos mañana en la oficina."})
	if err != nil || res.Language != "es" {
		t.Fatalf("Detect = %+v, %v; want es", res, err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	// The list is cached, so a short detect outage does not lose it.
	if langs, err := d.Languages(ctx); err != nil || len(langs) != 3 {
		t.Errorf("cached Languages = %v, %v", langs, err)
	}
}
