package registry_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/registry"
)

func TestPromptEntriesMustBeCompiledTemplates(t *testing.T) {
	tests := []struct {
		name, version string
		ok            bool
	}{
		{"chat-translate", "2", true},
		{"chat-translate", "3", true},
		{"chat-translate", "99", false},
		{"chat-translate-batch", "1", false}, // batch templates are not routed
		{"other", "1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name+"@"+tt.version, func(t *testing.T) {
			e := registry.Entry{Kind: registry.KindPrompt, Name: tt.name, Version: tt.version, Languages: []string{"en", "es"}, Status: registry.StatusCandidate}
			if err := e.Validate(); (err == nil) != tt.ok {
				t.Fatalf("Validate = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
