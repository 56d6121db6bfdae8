package llm

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/parley-chat/parley/services/translate/backend"
)

// fakeChat answers every call with answer (or fails with err), charging
// 7 prompt and 3 completion tokens, and records the call.
func fakeChat(answer string, err error, got *Call) ChatFunc {
	return func(_ context.Context, c Call, usage *backend.Usage) (string, error) {
		*got = c
		if usage != nil {
			usage.Prompt, usage.Completion = 7, 3
		}
		return answer, err
	}
}

func TestTranslate(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name      string
		req       backend.Request
		answer    string
		err       error
		wantModel string
		wantText  string
		wantErr   error
	}{
		{"default model", backend.Request{Text: "Hi @bob", Source: "en", Target: "es"},
			`{"translation":"Hola ⟦0⟧"}`, nil, "base:1b", "Hola @bob", nil},
		{"request names the model", backend.Request{Text: "Hi", Source: "en", Target: "es", Model: "routed:7b"},
			`{"translation":"Hola"}`, nil, "routed:7b", "Hola", nil},
		{"chat fails", backend.Request{Text: "Hi", Source: "en", Target: "es"}, "", boom, "base:1b", "", boom},
		{"answer not JSON", backend.Request{Text: "Hi", Source: "en", Target: "es"}, "Hola", nil, "base:1b", "", backend.ErrBadOutput},
		{"sentinel lost", backend.Request{Text: "Hi @bob", Source: "en", Target: "es"},
			`{"translation":"Hola"}`, nil, "base:1b", "", backend.ErrProtected},
		// The source's leading and trailing white space comes back as
		// written, whatever the model did with it (it was trimmed away).
		{"spaces around", backend.Request{Text: "   good morning team   ", Source: "en", Target: "de"},
			`{"translation":"gut Morgen Team"}`, nil, "base:1b", "   gut Morgen Team   ", nil},
		{"indented code block", backend.Request{Text: "    npm install parley\nrun this", Source: "en", Target: "de"},
			`{"translation":"npm install parley\nführe das aus"}`, nil, "base:1b", "    npm install parley\nführe das aus", nil},
		{"blank lines", backend.Request{Text: "\n\nHi\n\n", Source: "en", Target: "es"},
			`{"translation":"  Hola \n"}`, nil, "base:1b", "\n\nHola\n\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var call Call
			r := NewRung("fake", "base:1b", nil, Limits{}, nil, fakeChat(tt.answer, tt.err, &call))
			res, err := r.Translate(context.Background(), tt.req)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if call.Model != tt.wantModel || call.Batch || call.System == "" || call.User == "" || call.NumCtx <= 0 || call.NumPredict <= 0 {
				t.Errorf("call = %+v", call)
			}
			// A failed answer still names its model and the tokens it cost.
			if res.Model != tt.wantModel || res.Usage != (backend.Usage{Prompt: 7, Completion: 3}) || res.Text != tt.wantText {
				t.Errorf("result = %+v", res)
			}
			if err == nil && res.PromptID != Single.ID {
				t.Errorf("prompt id %q, want %q", res.PromptID, Single.ID)
			}
		})
	}
}

func TestTranslateBatch(t *testing.T) {
	reqs := []backend.Request{
		{Text: "Hi", Source: "en", Target: "es", Model: "routed:7b"},
		{Text: "  Bye\n", Source: "en", Target: "es"},
	}
	var call Call
	r := NewRung("fake", "base:1b", nil, Limits{}, nil,
		fakeChat(`{"items":[{"id":"1","translation":"Hola"},{"id":"2","translation":"Adiós"}]}`, nil, &call))
	res, err := r.TranslateBatch(context.Background(), reqs)
	if err != nil {
		t.Fatal(err)
	}
	if call.Model != "routed:7b" || !call.Batch {
		t.Errorf("call = %+v", call)
	}
	if len(res) != 2 || res[0].Text != "Hola" || res[1].Text != "  Adiós\n" {
		t.Fatalf("results = %+v", res)
	}
	// The call's tokens go on the first result only.
	if res[0].Usage != (backend.Usage{Prompt: 7, Completion: 3}) || res[1].Usage != (backend.Usage{}) {
		t.Errorf("usage %+v, %+v", res[0].Usage, res[1].Usage)
	}
	r = NewRung("fake", "base:1b", nil, Limits{}, nil, fakeChat(`{"items":[]}`, nil, &call))
	if _, err := r.TranslateBatch(context.Background(), reqs); !errors.Is(err, backend.ErrBadOutput) {
		t.Errorf("short batch answer: err = %v", err)
	}
}

func TestLanguages(t *testing.T) {
	tests := []struct {
		name           string
		langs          []string
		source, target string
		want           bool
	}{
		{"none configured means any", nil, "en", "ja", true},
		{"both listed", []string{"en", "es"}, "en", "es", true},
		{"regional tags by base", []string{"en-US", "pt"}, "en-GB", "pt-BR", true},
		{"target missing", []string{"en", "es"}, "en", "de", false},
		{"source missing", []string{"en", "es"}, "fr", "es", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewLanguages(tt.langs).Supports(tt.source, tt.target); got != tt.want {
				t.Errorf("Supports(%s, %s) = %v, want %v", tt.source, tt.target, got, tt.want)
			}
		})
	}
}

func TestRungDescribesItself(t *testing.T) {
	down := errors.New("down")
	h := NewHealth("fake", func(context.Context) error { return down }, time.Hour, time.Second, slog.New(slog.DiscardHandler))
	langs := []string{"en", "es"}
	r := NewRung("fake", "base:1b", langs, Limits{}, h, nil)
	defer r.Close()
	if r.Name() != "fake" || r.Model() != "base:1b" || !r.MasksEntities() {
		t.Errorf("name %q model %q masks %v", r.Name(), r.Model(), r.MasksEntities())
	}
	if r.PromptRef() != Single.Ref() || r.BatchPromptRef() != Batch.Ref() {
		t.Errorf("prompt refs %q, %q", r.PromptRef(), r.BatchPromptRef())
	}
	if h.Check(context.Background()) || r.Available() {
		t.Error("available although the probe fails")
	}
	info := r.Info(context.Background())
	langs[0] = "de" // Info hands out its own copy
	if info.Name != "fake" || info.Model != "base:1b" || info.Available || len(info.Languages) != 2 || info.Languages[0] != "en" {
		t.Errorf("info = %+v", info)
	}
	h.Set(true, "")
	if !r.Available() || !r.Info(context.Background()).Available {
		t.Error("not available after a success")
	}
}

func TestKeepSpace(t *testing.T) {
	tests := []struct{ source, translation, want string }{
		{"Hi", "Hola", "Hola"},
		{"   good morning team   ", "gut Morgen Team", "   gut Morgen Team   "},
		{"    npm install parley\nrun this", " npm install parley\nführe das aus\n", "    npm install parley\nführe das aus"},
		{"\n\nHi\n\n", "Hola", "\n\nHola\n\n"},
		{"\tHi", "Hola  ", "\tHola"},
		{"   ", "x", "x"},
	}
	for _, tt := range tests {
		if got := KeepSpace(tt.source, tt.translation); got != tt.want {
			t.Errorf("KeepSpace(%q, %q) = %q, want %q", tt.source, tt.translation, got, tt.want)
		}
	}
}
