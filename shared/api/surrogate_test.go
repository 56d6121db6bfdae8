package api

import "testing"

func TestLoneSurrogate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"plain", `{"text":"hello"}`, false},
		{"pair", `{"text":"\ud83d\ude00 hi"}`, false},
		{"pair upper case", `{"text":"\uD83D\uDE00"}`, false},
		{"bmp escape", `{"text":"caf\u00e9 \n \" \\"}`, false},
		{"lone high", `{"text":"Hello \ud83d friends"}`, true},
		{"lone high at end", `{"text":"\ud83d"}`, true},
		{"high then bmp", `{"text":"\ud83d\u0041"}`, true},
		{"lone low", `{"text":"\ude00"}`, true},
		{"two highs", `{"text":"\ud83d\ud83d\ude00"}`, true},
		{"escaped backslash", `{"text":"\\ud83d"}`, false},
		{"escaped backslash then real pair", `{"text":"\\\ud83d\ude00"}`, false},
		{"malformed escape", `{"text":"\uZZZZ"}`, false},
		{"trailing backslash", `\`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LoneSurrogate([]byte(tt.in)); got != tt.want {
				t.Errorf("LoneSurrogate(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
