package translate_test

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/cache"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// BenchmarkChain measures the chain's own cost per request (validation,
// prompt, JSON, HTTP to a loopback model that answers at once, sentinel
// restore): the overhead Parley adds on top of the model's time.
func BenchmarkChain(b *testing.B) {
	req := api.TranslateRequest{Text: "Parley ships on Friday.", Source: "en", Target: "es", Protect: []string{"Parley"}}
	b.Run("ollama", func(b *testing.B) {
		c, _ := newLLMChain(b, time.Second, translate.ChainConfig{})
		b.ReportAllocs()
		for b.Loop() {
			resp, err := c.Translate(b.Context(), req)
			if err != nil || resp.Backend != "ollama" {
				b.Fatalf("%+v %v", resp, err)
			}
		}
	})
	b.Run("fallback-to-openai", func(b *testing.B) {
		// Without the retry of the busy rung, whose backoff would
		// dominate: this measures the chain's own cost of a fallback.
		c, f := newLLMChain(b, time.Second, translate.ChainConfig{Retries: -1})
		f.ollama.SetMode(fakellm.Busy)
		b.ReportAllocs()
		for b.Loop() {
			resp, err := c.Translate(b.Context(), req)
			if err != nil || resp.Backend != "openai" {
				b.Fatalf("%+v %v", resp, err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		c, _ := newLLMChain(b, time.Second, translate.ChainConfig{Cache: cache.New(cache.Config{}, cache.NewMemory(), nil)})
		b.ReportAllocs()
		for b.Loop() {
			resp, err := c.Translate(b.Context(), req)
			if err != nil || resp.Backend != "ollama" {
				b.Fatalf("%+v %v", resp, err)
			}
		}
	})
	b.Run("cached-message", func(b *testing.B) {
		// A hit for a chat message (many readers of one message): the
		// message is indexed once, not on every hit.
		c, _ := newLLMChain(b, time.Second, translate.ChainConfig{Cache: cache.New(cache.Config{}, cache.NewMemory(), nil)})
		req := req
		req.ConversationID, req.MessageID = "c1", "m1"
		b.ReportAllocs()
		for b.Loop() {
			resp, err := c.Translate(b.Context(), req)
			if err != nil || resp.Backend != "ollama" {
				b.Fatalf("%+v %v", resp, err)
			}
		}
	})
	b.Run("ollama-parallel", func(b *testing.B) {
		c, _ := newLLMChain(b, time.Second, translate.ChainConfig{})
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				resp, err := c.Translate(b.Context(), req)
				if err != nil || resp.Backend != "ollama" {
					b.Errorf("%+v %v", resp, err)
					return
				}
			}
		})
	})
}
