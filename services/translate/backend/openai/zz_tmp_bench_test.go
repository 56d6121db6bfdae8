package openai_test

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"strconv"
	"testing"

	"github.com/parley-chat/parley/services/translate/backend"
	"github.com/parley-chat/parley/services/translate/backend/openai"
	"github.com/parley-chat/parley/shared/fakellm"
)

func BenchmarkTmpOpenAI(b *testing.B) {
	f := fakellm.StartOpenAI(b, fakellm.Config{Translator: func(r fakellm.Request) (string, error) { return "Hola, ¿cómo estás hoy?", nil }, APIKey: "sk-test"})
	b.Run("backend", func(b *testing.B) {
		var dials atomic.Int64
		tr := http.DefaultTransport.(*http.Transport).Clone()
		d := &net.Dialer{}
		tr.DialContext = func(ctx context.Context, n, a string) (net.Conn, error) { dials.Add(1); return d.DialContext(ctx, n, a) }
		defer func() { b.Logf("dials=%d", dials.Load()) }()
		be, err := openai.New(context.Background(), openai.Config{HTTPClient: &http.Client{Transport: tr}, APIKey: "sk-test", BaseURL: f.BaseURL(), Model: "gpt-4o-mini", Languages: []string{"en", "es"}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for b.Loop() {
			n++
			_, err := be.Translate(context.Background(), backend.Request{Text: "Hello, how are you today? " + strconv.Itoa(n), Source: "en", Target: "es"})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rawhttp", func(b *testing.B) {
		for b.Loop() {
			res, err := http.Get(f.BaseURL() + "/models")
			if err != nil {
				b.Fatal(err)
			}
			res.Body.Close()
		}
	})
}
