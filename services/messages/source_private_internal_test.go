package messages

import (
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/api"
)

// TestPrivateUseSource: a private-use source ("x-foo", no language) is
// refused on a new post (400 invalid_language), while a message stored
// with one before ParseLanguage refused it is read with its language
// detected (no source), not skipped.
func TestPrivateUseSource(t *testing.T) {
	for _, src := range []string{"x-foo", "und-x-foo"} {
		err := CheckEvent(&api.MessageEvent{Text: "hola", Source: src})
		if ae := api.AsError(err); err == nil || ae.Code != api.CodeInvalidLanguage || ae.Field != "source" {
			t.Fatalf("write with source %q: %v, want invalid_language on source", src, err)
		}
	}
	at := time.Now()
	l := replay(t, 0, 0, []event{
		{1, at, api.MessageEvent{ID: "m1", Text: "hola", Source: "x-foo"}},
		{3, at, api.MessageEvent{ID: "m3", Text: "hola", Source: "en-x-bar"}},
	})
	if m, ok := l.Get("", "m1"); !ok || m.Source != "" {
		t.Fatalf("m1 = %+v (%v), want it read without its private-use source", m, ok)
	}
	if err := checkEvent(&api.MessageEvent{ID: "m2", Text: "hola", Source: "xx-!!"}, false); err == nil {
		t.Fatal("a stored source that is no tag at all was taken")
	}
	if m, ok := l.Get("", "m3"); !ok || m.Source != "en-x-bar" {
		t.Fatalf("m3 = %+v (%v), want source en-x-bar", m, ok)
	}
}
