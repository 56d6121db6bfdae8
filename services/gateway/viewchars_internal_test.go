package gateway

import (
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// TestViewChars: a view costs its message's characters unless it
// translates nothing: a deleted message, or one posted in a language the
// reader reads, which the pipeline decides as it does: the same base
// language in the same script. Another region is free, another script
// (zh-Hans read in zh-Hant, sr-Cyrl in sr-Latn) is a translation.
func TestViewChars(t *testing.T) {
	st := &messagesState{}
	tests := []struct {
		name   string
		msg    api.Message
		locale string
		want   int64
	}{
		{"another language", api.Message{Text: "hello", Source: "en"}, "es", 5},
		{"undeclared", api.Message{Text: "hello"}, "en", 5},
		{"undetermined", api.Message{Text: "hello", Source: api.Undetermined}, "en", 5},
		{"deleted", api.Message{Text: "hello", Source: "en", Deleted: true}, "es", 0},
		{"same language", api.Message{Text: "hello", Source: "en"}, "en", 0},
		{"another region", api.Message{Text: "colour", Source: "en-GB"}, "en-US", 0},
		{"another script", api.Message{Text: "我明天早上把报告发给你。", Source: "zh-Hans"}, "zh-Hant", 12},
		{"simplified read in Taiwan", api.Message{Text: "我明天早上把报告发给你。", Source: "zh-Hans"}, "zh-TW", 12},
		{"traditional read in Taiwan", api.Message{Text: "我明天早上把報告發給你。", Source: "zh-Hant"}, "zh-TW", 0},
		{"cyrillic read in latin", api.Message{Text: "сутра", Source: "sr-Cyrl"}, "sr-Latn", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := st.viewChars(tt.msg, tt.locale); got != tt.want {
				t.Errorf("viewChars(%q in %s, %s) = %d, want %d", tt.msg.Text, tt.msg.Source, tt.locale, got, tt.want)
			}
		})
	}
}
