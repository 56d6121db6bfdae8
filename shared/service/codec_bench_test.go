package service_test

import (
	stdjson "encoding/json"
	"testing"

	gojson "github.com/goccy/go-json"

	"github.com/parley-chat/parley/shared/api"
)

// hopMessages are the requests and replies of one view's NATS hops, as
// they look for a short chat message: what the hop codec encodes and
// decodes once each per view.
type hop struct {
	req, resp       any
	newReq, newResp func() any
}

func hopMessages() []hop {
	signals := make([]api.Signal, 0, 9)
	for _, n := range []string{"target_language", "script", "untranslated_copy", "length_ratio", "entities", "glossary", "unknown_words", "repetition", "refusal"} {
		signals = append(signals, api.Signal{Name: n, Value: 1, Weight: 60, Reason: "the translation is in es as requested (confidence 1.00)"})
	}
	text, tr := "Hello, how are you today? 42", "Hola, ¿cómo estás hoy? 42"
	return []hop{
		{api.GlossaryPrepareRequest{Text: text, Source: "en", Target: "es"}, api.GlossaryPrepareResponse{Version: "a1b2c3"},
			func() any { return new(api.GlossaryPrepareRequest) }, func() any { return new(api.GlossaryPrepareResponse) }},
		{api.TranslateRequest{Text: text, Source: "en", Target: "es", MessageID: "m-1", ConversationID: "c-1"},
			api.TranslateResponse{Text: tr, Status: api.StatusTranslated, Backend: "openai", Model: "gpt-4o-mini", PromptID: "chat", PromptVersion: 3, DurationMS: 1},
			func() any { return new(api.TranslateRequest) }, func() any { return new(api.TranslateResponse) }},
		{api.QualityRequest{Source: text, Translation: tr, SourceLang: "en", TargetLang: "es", Backend: "openai", Model: "gpt-4o-mini"},
			api.QualityResponse{Score: 100, Decision: api.DecisionAccept, Signals: signals},
			func() any { return new(api.QualityRequest) }, func() any { return new(api.QualityResponse) }},
		{api.DetectRequest{Text: tr}, api.DetectResponse{Language: "es", Confidence: 1, Script: "Latn", Alternatives: []api.LanguageScore{{Language: "es", Confidence: 1}}},
			func() any { return new(api.DetectRequest) }, func() any { return new(api.DetectResponse) }},
		{api.SafetyRequest{Source: text, Translation: tr, SourceLang: "en", TargetLang: "es"}, api.SafetyResponse{},
			func() any { return new(api.SafetyRequest) }, func() any { return new(api.SafetyResponse) }},
	}
}

// BenchmarkHopCodec encodes and decodes the request and reply of every hop
// of a view with encoding/json (the baseline) and with goccy/go-json, the
// codec the services and clients use.
func BenchmarkHopCodec(b *testing.B) {
	msgs := hopMessages()
	codecs := []struct {
		name      string
		marshal   func(any) ([]byte, error)
		unmarshal func([]byte, any) error
	}{
		{"encoding-json", stdjson.Marshal, stdjson.Unmarshal},
		{"go-json", gojson.Marshal, gojson.Unmarshal},
	}
	for _, c := range codecs {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, m := range msgs {
					// The client encodes the request, the service decodes
					// it, and the reply goes back the same way.
					data, err := c.marshal(m.req)
					if err != nil {
						b.Fatal(err)
					}
					if err := c.unmarshal(data, m.newReq()); err != nil {
						b.Fatal(err)
					}
					data, err = c.marshal(m.resp)
					if err != nil {
						b.Fatal(err)
					}
					if err := c.unmarshal(data, m.newResp()); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
