package experiment_test

import (
	"testing"

	"github.com/parley-chat/parley/shared/experiment"
)

func TestArmPromptMustBeCompiledTemplate(t *testing.T) {
	for _, tt := range []struct {
		prompt string
		ok     bool
	}{{"", true}, {"chat-translate@2", true}, {"chat-translate@3", true}, {"chat-translate@99", false}, {"nope", false}} {
		t.Run(tt.prompt, func(t *testing.T) {
			e := experiment.Experiment{Name: "p", Status: experiment.StatusRunning, Control: "a",
				Arms: []experiment.Arm{{Name: "a"}, {Name: "b", Prompt: tt.prompt}}}
			if err := e.Validate(); (err == nil) != tt.ok {
				t.Fatalf("Validate = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
