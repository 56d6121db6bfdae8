package api

import (
	"strings"
	"testing"
)

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

func TestChineseNotJapanese(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		// Japanese in kanji only: headlines and notices.
		{"年次株主総会開催。", false},
		{"東京駅八重洲中央口前集合。", false},
		{"東京都在住者限定", false},
		{"経済的支援策発表", false},
		{"本日終了", false},
		{"新製品発表会開催決定", false},
		// Chinese: a simplified character Japanese does not write, a
		// traditional one Japanese writes otherwise, a particle, or two
		// function characters.
		{"会议明天中午开始，请大家准时参加。", true},
		{"我們明天在辦公室見面", true},
		{"明天上午十點開會", true},
		{"你吃饭了吗", true},
		{"他是我的朋友", true},
		{"您好", true},
		{"hello", false},
	} {
		if got := ChineseNotJapanese(tc.text); got != tc.want {
			t.Errorf("ChineseNotJapanese(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	// The exceptions are simplified forms of the table that Japanese
	// writes: a typo there would excuse Chinese.
	for _, r := range japaneseHan {
		if hanVariant[r] != 'S' {
			t.Errorf("%q of japaneseHan is no simplified form of hanPairs", r)
		}
	}
	for _, r := range chineseOnly {
		if strings.ContainsRune(japaneseHan, r) {
			t.Errorf("%q is both Japanese and Chinese only", r)
		}
	}
}
