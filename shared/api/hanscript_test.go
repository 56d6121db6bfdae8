package api

import "testing"

func TestHanPairsAreDistinct(t *testing.T) {
	seen := map[rune]bool{}
	for _, r := range hanPairs {
		if seen[r] {
			t.Errorf("%q is listed twice", r)
		}
		seen[r] = true
	}
	if n := len([]rune(hanPairs)); n%2 != 0 {
		t.Errorf("hanPairs has %d characters, not pairs", n)
	}
}

func TestHanVariants(t *testing.T) {
	for _, tc := range []struct {
		text       string
		simp, trad int
	}{
		{"我明天早上把报告发给你。", 3, 0},
		{"我明天早上把報告發給你。", 0, 3},
		{"你好，这个报告发给谁？", 6, 0},
		{"你好", 0, 0},
		{"hello", 0, 0},
		{"我们們", 1, 1},
	} {
		s, tr := HanVariants(tc.text)
		if s != tc.simp || tr != tc.trad {
			t.Errorf("HanVariants(%q) = %d, %d; want %d, %d", tc.text, s, tr, tc.simp, tc.trad)
		}
	}
}

func TestScriptChanges(t *testing.T) {
	for _, tc := range []struct {
		text, source, target string
		want                 bool
	}{
		{"我明天早上把报告发给你。", "zh-Hans", "zh-Hant", true},
		{"我明天早上把报告发给你。", "zh", "zh-TW", true},
		{"我明天早上把報告發給你。", "zh-Hant", "zh-Hans", true},
		// Written alike in both scripts: the copy is the right answer.
		{"我明天早上", "zh-Hans", "zh-Hant", false},
		{"我明天早上把報告發給你。", "zh-Hans", "zh-Hant", false},
		{"Zdravo svete", "sr-Latn", "sr-Cyrl", true},
		{"我明天早上把报告发给你。", "zh-Hans", "zh-CN", false},
		{"hello world", "en", "fr", false},
		{"hello world", "en-US", "en-GB", false},
		{"x", "not a tag!", "zh-Hant", false},
	} {
		if got := ScriptChanges(tc.text, tc.source, tc.target); got != tc.want {
			t.Errorf("ScriptChanges(%q, %s, %s) = %v, want %v", tc.text, tc.source, tc.target, got, tc.want)
		}
	}
}
