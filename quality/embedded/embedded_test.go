package embedded_test

import (
	"context"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/parley-chat/parley/quality/embedded"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
)

func TestStartAndClose(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole suite")
	}
	s, err := embedded.Start(context.Background(), embedded.Options{
		Env:       map[string]string{"TRANSLATE_CHAIN": "apertium"},
		Languages: []string{"en", "es"},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The suite's server requires its own password.
	if nc, err := nats.Connect(s.NATSURL, nats.MaxReconnects(0)); err == nil {
		nc.Close()
		t.Error("the embedded server took a connection without the suite's password")
	}
	nc, err := s.Connect(t.Name())
	if err != nil {
		t.Fatal(err)
	}
	langs, err := client.Translate{NC: nc}.Languages(context.Background())
	nc.Close()
	if err != nil {
		t.Fatal(err)
	}
	// The config's environment reached the translate service.
	if len(langs.Backends) != 1 || langs.Backends[0].Name != "apertium" {
		t.Errorf("chain %+v, want apertium alone", langs.Backends)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// After Close nothing answers on that port.
	if nc, err := nats.Connect(s.NATSURL, nats.MaxReconnects(0)); err == nil {
		err = client.Ping(context.Background(), nc, api.ServiceTranslate)
		nc.Close()
		t.Errorf("suite still reachable after Close (ping: %v)", err)
	}
}

func TestStartFailsOnBadSettings(t *testing.T) {
	if testing.Short() {
		t.Skip("starts part of the suite")
	}
	_, err := embedded.Start(context.Background(), embedded.Options{Env: map[string]string{"TRANSLATE_CHAIN": "babelfish"}, Languages: []string{"en", "es"}})
	if err == nil || !strings.Contains(err.Error(), "babelfish") {
		t.Fatalf("error %v, want one naming the unknown backend", err)
	}
}
