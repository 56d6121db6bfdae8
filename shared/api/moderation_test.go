package api_test

import (
	"regexp"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

func TestFlaggedViewCaseID(t *testing.T) {
	base := func() api.FlaggedView {
		return api.FlaggedView{Tenant: "acme", ConversationID: "c1", MessageID: "m1", Text: "hi",
			View: api.View{SourceLanguage: "en", TargetLanguage: "es", Text: "hola"}}
	}
	id := func(change func(f *api.FlaggedView)) string {
		f := base()
		change(&f)
		return f.CaseID()
	}
	ref := id(func(*api.FlaggedView) {})
	if !regexp.MustCompile(`^c[0-9a-f]{24}$`).MatchString(ref) {
		t.Fatalf("case id %q is not a KV key of the documented shape", ref)
	}
	tests := []struct {
		name   string
		change func(f *api.FlaggedView)
		same   bool
	}{
		{"another reading of the message", func(f *api.FlaggedView) { f.View.Text = "hola!"; f.View.Backend = "x" }, true},
		{"another target", func(f *api.FlaggedView) { f.View.TargetLanguage = "de" }, false},
		{"another message", func(f *api.FlaggedView) { f.MessageID = "m2" }, false},
		{"another conversation", func(f *api.FlaggedView) { f.ConversationID = "c2" }, false},
		{"another tenant", func(f *api.FlaggedView) { f.Tenant = "other" }, false},
		{"ids are not concatenated", func(f *api.FlaggedView) { f.ConversationID, f.MessageID = "c", "1m1" }, false},
		{"no message id: the text decides", func(f *api.FlaggedView) { f.MessageID = "" }, false},
		// An edit is a text no moderator saw: a new case. Revision 1 (and
		// 0, a view published before revisions were carried) keep the ids
		// cases had before.
		{"revision 1", func(f *api.FlaggedView) { f.MessageRevision = 1 }, true},
		{"an edited message", func(f *api.FlaggedView) { f.MessageRevision = 2; f.Text = "worse" }, false},
		{"an edit is not another target", func(f *api.FlaggedView) { f.MessageRevision = 2; f.View.TargetLanguage = "de" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := id(tt.change); (got == ref) != tt.same {
				t.Fatalf("id %s vs %s: same=%v, want %v", got, ref, got == ref, tt.same)
			}
		})
	}
	noID := func(text string) string {
		return id(func(f *api.FlaggedView) { f.MessageID, f.Text = "", text })
	}
	if noID("a") != noID("a") || noID("a") == noID("b") {
		t.Fatal("without a message id, the case id must follow the text")
	}
	rev := func(r int) string { return id(func(f *api.FlaggedView) { f.MessageRevision = r }) }
	if rev(2) == rev(3) || rev(2) != rev(2) {
		t.Fatal("each revision of a message must be its own case, once")
	}
}
