package quality

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// analysed validates and analyses a request the way Score does, for
// testing one signal at a time.
func analysed(t *testing.T, req api.QualityRequest) *input {
	t.Helper()
	in, err := validate(req)
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	in.analyse()
	return in
}

func TestExtractEntities(t *testing.T) {
	tests := []struct {
		text    string
		protect []string
		want    []string // kind:key
	}{
		{"see https://example.com/a?b=1, then reply", nil, []string{"link:https://example.com/a?b=1"}},
		{"(www.example.org/x).", nil, []string{"link:www.example.org/x"}},
		{"mail Ana.Lopez@example.co.uk now", nil, []string{"email:ana.lopez@example.co.uk"}},
		{"@ana and @bob_2, not a@b or foo@", nil, []string{"mention:@ana", "mention:@bob_2"}},
		{"join #general or #dev-ops; C# and #1 are no channels", nil, []string{"channel:#general", "channel:#dev-ops", "number:1"}},
		{"<@123456> in <#987> :wave: <:party:42>", nil, []string{"chat_token:<@123456>", "chat_token:<#987>", "shortcode::wave:", "chat_token:<:party:42>"}},
		{"Hello {name}, you have {{count}} items, {0} and ${user.id}", nil, []string{"placeholder:{name}", "placeholder:{{count}}", "placeholder:{0}", "placeholder:${user.id}"}},
		{"%s sent %d files (%1$s, %(name)s) at 50% off", nil, []string{"placeholder:%s", "placeholder:%d", "placeholder:%1$s", "placeholder:%(name)s", "number:50"}},
		{"total 1,250.50 or 1.250,50 or 1 250,50 or 05 or 0.5", nil, []string{"number:1250.5", "number:1250.5", "number:1250.5", "number:5", "number:0.5"}},
		{"١٢٣ and ४२", nil, []string{"number:123", "number:42"}},
		{"at 12:30:45 it's fine", nil, []string{"number:12:30:45"}},
		{"👍🏽 🇪🇸 ❤️ 🎉🎉", nil, []string{"emoji:👍", "emoji:🇪🇸", "emoji:❤", "emoji:🎉", "emoji:🎉"}},
		// A ZWJ sequence, a flag, a tag sequence and a keycap are one
		// emoji each; skin tones and variation selectors are left out.
		{"Family \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 here. \U0001F469\U0001F3FD\u200d\U0001F4BB", nil,
			[]string{"emoji:\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466", "emoji:\U0001F469\u200d\U0001F4BB"}},
		{"\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F \U0001F3F3\ufe0f\u200d\U0001F308 #\ufe0f\u20e3 \U0001F1EA\U0001F1F8\U0001F1EB\U0001F1F7", nil,
			[]string{"emoji:\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", "emoji:\U0001F3F3\u200d\U0001F308", "emoji:#\u20e3", "emoji:\U0001F1EA\U0001F1F8", "emoji:\U0001F1EB\U0001F1F7"}},
		{"The Parley 2 workspace", []string{"Parley 2"}, []string{"protected:Parley 2"}},
		{"leaked ⟦0⟧ and ⟦/1⟧", nil, []string{"sentinel:⟦0⟧", "sentinel:⟦/1⟧"}},
		// Combining marks continue a mention or channel.
		{"नमस्ते, #चैनल देखो और @राहुल को बताओ", nil, []string{"channel:#चैनल", "mention:@राहुल"}},
		{"อ่าน #ข่าวสาร วันนี้", nil, []string{"channel:#ข่าวสาร"}},
		{"நன்றி @கார்த்திக்", nil, []string{"mention:@கார்த்திக்"}},
		{"شكرا @مُحَمَّد", nil, []string{"mention:@مُحَمَّد"}},
		{"תודה @שָׁלוֹם", nil, []string{"mention:@שָׁלוֹם"}},
		// A link, address or channel ends where the text written against
		// it begins, so that text is judged as the translation's words.
		{"请看 https://example.com/文档。谢谢大家的帮助", nil, []string{"link:https://example.com/文档"}},
		{"詳細は https://example.com/docsを見てください。", nil, []string{"link:https://example.com/docs"}},
		{"자세한 내용은 https://example.com/docs에서 확인하세요.", nil, []string{"link:https://example.com/docs"}},
		{"انظر https://example.com/docs،شكرا", nil, []string{"link:https://example.com/docs"}},
		{"メールはtaro@example.co.jpまでお願いします", nil, []string{"email:taro@example.co.jp"}},
		{"詳しくは、#一般チャンネルを見てください", nil, []string{"channel:#一般"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, e := range extractEntities(tt.text, tt.protect).entities {
				got = append(got, e.kind+":"+e.key)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("entities\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestEntitySignal(t *testing.T) {
	tests := []struct {
		name        string
		source, tr  string
		protect     []string
		value       float64
		weight      float64
		reasonParts []string
	}{
		{"nothing to keep", "See you tomorrow", "Hasta mañana", nil, 1, 0, []string{"neutral"}},
		{"all kept, numbers reformatted", "@ana pay 1,000.50 by 3/4 👍", "@ana paga 1.000,50 antes del 3/4 👍", nil, 1, WeightEntities, []string{"all 5"}},
		{"skin tone dropped", "great 👍🏽", "genial 👍", nil, 1, WeightEntities, nil},
		{"lost mention", "@ana can you check?", "¿puedes revisarlo?", nil, 0, WeightEntities, []string{`mention "@ana"`}},
		{"mention case changed", "@Ana can you check?", "@ana ¿puedes revisarlo?", nil, 1, WeightEntities, nil},
		{"lost placeholder", "Hello {name}!", "¡Hola!", nil, 0, WeightEntities, []string{`placeholder "{name}"`}},
		{"translated placeholder", "Hello {name}!", "¡Hola {nombre}!", nil, 0, WeightEntities, []string{`missing from the translation: placeholder "{name}"`, `not in the source: placeholder "{nombre}"`}},
		{"changed number", "Meet in room 204", "Nos vemos en la sala 240", nil, 0, WeightEntities, []string{`numbers changed: "204" → "240"`}},
		{"lost number", "Meet in room 204", "Nos vemos en la sala", nil, 0.5, WeightEntities, []string{`missing from the translation: number "204"`}},
		{"lost emoji", "Done 🎉", "Hecho", nil, 0.75, WeightEntities, []string{`emoji "🎉"`}},
		// A ZWJ sequence broken into its parts is a lost emoji (a family
		// is not four people); a skin tone dropped inside one is not.
		{"ZWJ sequence broken", "Family \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466 here.", "Familia \U0001F468\U0001F469\U0001F467\U0001F466 aquí.", nil, 0.75, WeightEntities,
			[]string{`emoji "👨\u200d👩\u200d👧\u200d👦"`}},
		{"skin tone dropped in a ZWJ sequence", "dev \U0001F469\U0001F3FD\u200d\U0001F4BB", "dev \U0001F469\u200d\U0001F4BB", nil, 1, WeightEntities, nil},
		{"flag kept, keycap lost", "\U0001F1EA\U0001F1F8 #\ufe0f\u20e3", "\U0001F1EA\U0001F1F8 #", nil, 0.75, WeightEntities, []string{"emoji \"#\ufe0f\u20e3\""}},
		{"invented link", "Check the docs", "Mira la documentación en https://evil.example.com", nil, 0, WeightEntities, []string{`not in the source: link "https://evil.example.com"`}},
		{"added number is fine", "I have two cats", "Tengo 2 gatos", nil, 1, 0, []string{"neutral"}},
		{"protected term lost", "Open Parley Desk now", "Abre el escritorio ahora", []string{"Parley Desk"}, 0, WeightEntities, []string{`protected "Parley Desk"`}},
		{"leaked sentinel", "The Parley workspace", "El espacio de ⟦0⟧", []string{"Parley"}, 0, WeightEntities, []string{`protected "Parley"`, `sentinel "⟦0⟧"`}},
		{"one of two mentions lost", "@ana @ana ping", "@ana ping", nil, 0, WeightEntities, []string{`mention "@ana"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: "en", TargetLang: "es", Protect: tt.protect})
			sg := entitySignal(in)
			if sg.Value != tt.value || sg.Weight != tt.weight {
				t.Errorf("got %+v, want value %v weight %v", sg, tt.value, tt.weight)
			}
			for _, p := range tt.reasonParts {
				if !strings.Contains(sg.Reason, p) {
					t.Errorf("reason %q lacks %q", sg.Reason, p)
				}
			}
		})
	}
}

func TestSplitWords(t *testing.T) {
	got := splitWords("Yesterday NASA and my iPhone met Paris. Then we don't care 東京")
	var names, words []string
	for _, w := range got {
		words = append(words, w.lower)
		if w.name {
			names = append(names, w.lower)
		}
	}
	wantWords := []string{"yesterday", "nasa", "and", "my", "iphone", "met", "paris", "then", "we", "don't", "care", "東", "京"}
	if !slices.Equal(words, wantWords) {
		t.Errorf("words %q, want %q", words, wantWords)
	}
	if want := []string{"nasa", "iphone", "paris"}; !slices.Equal(names, want) {
		t.Errorf("names %q, want %q (sentence-initial capitals are not names)", names, want)
	}
}

// TestWordsLeaveOutMarkupAndCode: the words the copy, script and
// repetition signals count are the prose's, not a tag's name and
// attributes, code, an element marked untranslatable, a character
// reference or a link, in HTML and chat text alike.
func TestWordsLeaveOutMarkupAndCode(t *testing.T) {
	tests := []struct{ text, want string }{
		{`<p class="note" title="Read me">Click <a href="https://example.com/x">here</a></p>`, "click here"},
		{"<p>Thank you <code>npm install --save @parley/client@latest</code></p>", "thank you"},
		{`Keep <span translate="no">Parley Desk</span> and <b class="notranslate">Big Plan</b> as&nbsp;they&amp;are`, "keep and as they are"},
		{"<script>var message = 'hi'</script><style>p{color:red}</style>See <pre>make all</pre> and <kbd>Ctrl</kbd>", "see and"},
		{"run `npm install` then\n```\ngo test ./...\n```\nand {count} {name} more", "run then and more"},
		{"a <b>bold</b> move &lt;3", "a bold move"},
		{"plain text with no markup", "plain text with no markup"},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range splitWords(extractEntities(tt.text, nil).rest) {
			got = append(got, w.lower)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("words of %q: %q, want %q", tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

func TestUntranslatedCopy(t *testing.T) {
	tests := []struct {
		name       string
		src, tr    string
		sl, tl     string
		value      float64
		wantReason string
	}{
		{"full copy", "Please restart the router", "Please restart the router", "en", "es", 0, "unchanged"},
		{"partial copy", "Please restart the router now", "Por favor, restart the router now", "en", "es", 0.4, "80% of the source's words"},
		{"names and brands may stay", "Ask Maria about the GitHub Enterprise invoice", "Pregúntale a Maria por la factura de GitHub Enterprise", "en", "es", 1, "0%"},
		{"protected words may stay", "Open the Parley Desk settings page", "Abre la página de ajustes de Parley Desk", "en", "es", 1, "0%"},
		{"related languages share words", "La casa es grande y bonita", "A casa é grande e bonita", "es", "pt", 1, "related languages"},
		{"related languages copied", "La casa es grande y muy bonita", "La casa es grande y muy bonita hoy", "es", "pt", 0, "reappear untranslated"},
		{"too few words to count", "Thanks a lot", "Muchas gracias", "en", "es", 1, "differs"},
		{"han characters copied into japanese", "明天办公室见面", "明天办公室见面", "zh", "ja", 0, "unchanged"},
		{"unknown source", "see you at the office", "see you at the office", "", "es", 1, "neutral"},
		{"html attributes and code are no words", `<p class="note">Click <a href="/docs" title="Docs">here</a> if you need <code>make install</code></p>`, `<p class="note">Haz clic <a href="/docs" title="Docs">aquí</a> si necesitas <code>make install</code></p>`, "en", "es", 1, "0%"},
		{"untranslated prose beside code", "Please restart the router now with `sudo reboot`", "Por favor, restart the router now with `sudo reboot`", "en", "es", 0.33, "83% of the source's words"},
		// A change of script is a translation: its copy is one, with or
		// without spaces, unless both scripts write the text alike.
		{"simplified copied for traditional", "我明天早上把报告发给你。", "我明天早上把报告发给你。", "zh-Hans", "zh-Hant", 0, "unchanged"},
		{"simplified copied with a comma", "你好，这个报告发给谁？", "你好，这个报告发给谁？", "zh-Hans", "zh-Hant", 0, "unchanged"},
		{"simplified copied for taiwan", "我明天早上把报告发给你。", "我明天早上把报告发给你。", "zh-CN", "zh-TW", 0, "unchanged"},
		{"latin copied for cyrillic", "Vidimo se sutra u kancelariji", "Vidimo se sutra u kancelariji", "sr-Latn", "sr-Cyrl", 0, "unchanged"},
		{"written alike in both scripts", "我明天早上到", "我明天早上到", "zh-Hans", "zh-Hant", 1, "neutral"},
		{"script converted", "我明天早上把报告发给你。", "我明天早上把報告發給你。", "zh-Hans", "zh-Hant", 1, "neutral"},
		{"same writing copied", "我明天早上把报告发给你。", "我明天早上把报告发给你。", "zh-Hans", "zh-CN", 1, "neutral"},
		{"region only copied", "See you tomorrow at the office", "See you tomorrow at the office", "en-US", "en-GB", 1, "neutral"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.src, Translation: tt.tr, SourceLang: tt.sl, TargetLang: tt.tl, Protect: []string{"Parley Desk"}})
			sg := untranslatedCopy(in)
			if sg.Value != tt.value || !strings.Contains(sg.Reason, tt.wantReason) {
				t.Errorf("got %+v, want value %v and reason containing %q", sg, tt.value, tt.wantReason)
			}
		})
	}
}

func TestHanScript(t *testing.T) {
	tests := []struct {
		name, tr, tl string
		judged       bool
		value        float64
		reason       string
	}{
		{"simplified for traditional", "我明天早上把报告发给你。", "zh-Hant", true, 0, "written in simplified Chinese (3 characters"},
		{"simplified for taiwan", "我明天早上把报告发给你。", "zh-TW", true, 0, "not zh-TW"},
		{"traditional for simplified", "我們明天開會討論這個問題", "zh-Hans", true, 0, "written in traditional Chinese"},
		{"mostly simplified for traditional", "我們这个报告发给谁", "zh-Hant", true, 0.14, "simplified"},
		{"traditional as requested", "我明天早上把報告發給你。", "zh-Hant", false, 0, ""},
		// A share of the other script's characters costs in proportion;
		// one stray character (a name) never flags, a half-converted
		// text does (and was served as an accept with 100 before).
		{"a simplified name in traditional text", "這個報告發給王国强", "zh-Hant", true, 0.83, "a name, or a stray character"},
		{"half converted", "我們的會議改到下午三点了，请准时参加。", "zh-Hant", true, 0.45, "3 of 6 characters that only one script writes are simplified: only partly converted"},
		{"a few simplified characters", "我們的會議改到下午三點了，請準時參加，這個報告发給誰？说", "zh-Hant", true, 0.45, "2 of 13"},
		{"one in twenty-two", "我們這個報告發給誰，請問說話的時間還沒決定嗎？會議開始了，問题", "zh-Hant", true, 0.95, "1 of 22"},
		{"half converted for simplified", "我们的會議改到下午三点了，请准时参加。", "zh-Hans", true, 0.45, "traditional Chinese into the simplified"},
		{"written alike", "我明天早上到", "zh-Hant", false, 0, ""},
		{"no script named", "我明天早上把報告發給你。", "zh", false, 0, ""},
		{"not chinese", "Nos vemos mañana", "es", false, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: "I'll send you the report tomorrow morning.", Translation: tt.tr, SourceLang: "en", TargetLang: tt.tl})
			sg, ok := hanScript(in)
			if ok != tt.judged {
				t.Fatalf("judged = %v (%+v), want %v", ok, sg, tt.judged)
			}
			if ok && (sg.Value != tt.value || sg.Weight != WeightTargetLanguage || !strings.Contains(sg.Reason, tt.reason)) {
				t.Errorf("got %+v, want value %v and reason containing %q", sg, tt.value, tt.reason)
			}
		})
	}
}

func TestScriptSignal(t *testing.T) {
	tests := []struct {
		name    string
		src, tr string
		target  string
		value   float64
		weight  float64
		reason  string
	}{
		{"latin for spanish", "Good morning everyone", "Buenos días a todos", "es", 1, WeightScript, "Latin"},
		{"cyrillic for spanish", "Good morning everyone", "Доброе утро всем", "es", 0, WeightScript, "Cyrillic"},
		{"russian name kept in spanish", "Встреча с Москвой завтра утром", "Reunión con Москвой mañana por la mañana", "es", 1, WeightScript, "Latin"},
		{"latin for russian", "Good morning everyone", "Good morning everyone again", "ru", 0, WeightScript, "Latin"},
		{"serbian latin", "Good morning everyone", "Dobro jutro svima", "sr-Latn", 1, WeightScript, "Latin"},
		{"serbian defaults to cyrillic", "Good morning everyone", "Добро јутро свима", "sr", 1, WeightScript, "Cyrillic"},
		{"japanese mixes kanji and kana", "See you at the office tomorrow", "明日オフィスで会いましょう", "ja", 1, WeightScript, "Japanese"},
		{"chinese for japanese passes the script check", "See you tomorrow", "明天见", "ja", 1, 0, "too few"},
		{"korean", "See you tomorrow at the office", "내일 사무실에서 봐요", "ko", 1, WeightScript, "Korean"},
		{"english for korean", "See you tomorrow at the office", "See ya tomorrow in the office", "ko", 0, WeightScript, "Latin"},
		{"mostly right with a foreign word", "We need the report by Monday please", "Нам нужен отчёт к понедельнику, thanks a lot friends", "ru", 0.26, WeightScript, "40% are Latin"},
		{"too short", "Hi", "Hi", "ru", 1, 0, "too few"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.src, Translation: tt.tr, SourceLang: "en", TargetLang: tt.target})
			sg := scriptSignal(in)
			if sg.Value != tt.value || sg.Weight != tt.weight || !strings.Contains(sg.Reason, tt.reason) {
				t.Errorf("got %+v, want value %v weight %v reason containing %q", sg, tt.value, tt.weight, tt.reason)
			}
		})
	}
}

func TestExpectedScript(t *testing.T) {
	for tag, want := range map[string]string{"es": "Latn", "ru": "Cyrl", "zh": "Hans", "zh-TW": "Hant", "ja": "Jpan", "ko": "Kore", "sr": "Cyrl", "sr-Latn": "Latn", "ar": "Arab", "hi": "Deva"} {
		if got, ok := ExpectedScript(tag); got != want || !ok {
			t.Errorf("ExpectedScript(%q) = %q, %v; want %q", tag, got, ok, want)
		}
	}
}

func TestRepetition(t *testing.T) {
	tests := []struct {
		name    string
		src, tr string
		value   float64
		weight  float64
	}{
		{"ordinary", "Thanks for your help, see you tomorrow at the office.", "Gracias por tu ayuda, nos vemos mañana en la oficina.", 1, WeightRepetition},
		{"token loop", "Thanks for your help", "Gracias gracias gracias gracias gracias gracias gracias gracias", 0, WeightRepetition},
		{"emphasis is chat", "no no no, not that one", "no no no, ese no", 1, WeightRepetition},
		{"sentence loop", "See you tomorrow.", "Nos vemos mañana en la oficina. Nos vemos mañana en la oficina. Nos vemos mañana en la oficina.", 0, WeightRepetition},
		{"short stutter", "Please send the signed contract to the legal team before Friday noon so we can close the deal on time.",
			"Por favor envía el contrato firmado al equipo al equipo al equipo legal antes del viernes al mediodía para que podamos cerrar el trato a tiempo y sin problemas con el cliente nuevo.", 0.5, WeightRepetition},
		{"repetitive source", "ha ha ha ha ha ha", "ja ja ja ja ja ja", 1, WeightRepetition},
		{"cjk loop", "Thank you so much", "谢谢谢谢谢谢谢谢谢谢谢谢", 0, WeightRepetition},
		{"too short", "ok", "vale", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.src, Translation: tt.tr, SourceLang: "en", TargetLang: "es"})
			sg := repetitionSignal(in)
			if sg.Value != tt.value || sg.Weight != tt.weight {
				t.Errorf("got %+v, want value %v weight %v", sg, tt.value, tt.weight)
			}
		})
	}
}

func TestRefusalAndCommentary(t *testing.T) {
	const src = "Can you send me the report before noon?"
	tests := []struct {
		name   string
		source string
		tr     string
		target string
		value  float64
		reason string
	}{
		{"clean", src, "¿Puedes enviarme el informe antes del mediodía?", "es", 1, "no commentary"},
		{"russian refusal", src, "Извините, но я не могу помочь с этим.", "ru", 0, `refusal "я не могу помочь с этим"`},
		{"chinese preamble", src, "以下是翻译：你能在中午之前把报告发给我吗？", "zh", 0, `preamble "以下是翻译"`},
		{"chinese refusal with punctuation", src, "抱歉，我不能翻译这个。", "zh", 0, "refusal"},
		{"japanese ai identity", src, "AIとして、私はこれを翻訳できません。", "ja", 0, "ai_identity"},
		{"label word", src, "Translation: ¿Puedes enviarme el informe antes del mediodía?", "es", valueLabel, `label "Translation:"`},
		{"language label in bold", src, "**Spanish translation:** ¿Puedes enviarme el informe antes del mediodía?", "es", valueLabel, "label"},
		{"native language label", src, "Español: ¿Puedes enviarme el informe antes del mediodía?", "es", valueLabel, "label"},
		{"label in the source too", "Translation: pending review", "Traducción: pendiente de revisión", "es", 1, "no commentary"},
		{"ordinary colon", "Reminder: the meeting moved", "Recordatorio: la reunión se movió", "es", 1, "no commentary"},
		{"note in parentheses", src, "¿Puedes enviarme el informe antes del mediodía? (Nota: he usado el tuteo.)", "es", valueNote, "translator's note"},
		{"literally", "It's raining cats and dogs", "Llueve a cántaros (literally: it rains pitchers)", "es", valueNote, "translator's note"},
		{"note line", src, "¿Puedes enviarme el informe antes del mediodía?\nNote: informal register.", "es", valueNote, "translator's note"},
		{"parentheses that are content", "Send it (the PDF) today", "Envíalo (el PDF) hoy", "es", 1, "no commentary"},
		{"quoted answer", src, "«¿Puedes enviarme el informe antes del mediodía?»", "es", valueQuotes, "quotes"},
		{"quoted source", `"Can you send me the report?"`, `"¿Puedes enviarme el informe?"`, "es", 1, "no commentary"},
		{"two quotations", `He said yes and she said no`, `"Sí" dijo él y ella dijo "no"`, "es", 1, "no commentary"},
		{"preamble and label both", src, "Sure! Here is the translation:\nTranslation: ¿Puedes enviarme el informe?", "es", 0, "preamble"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: tt.source, Translation: tt.tr, SourceLang: "en", TargetLang: tt.target})
			sg := refusal(in)
			if sg.Value != tt.value || sg.Weight != WeightRefusal || !strings.Contains(sg.Reason, tt.reason) {
				t.Errorf("got %+v, want value %v reason containing %q", sg, tt.value, tt.reason)
			}
		})
	}
}

func TestGlossarySignal(t *testing.T) {
	terms := []api.TermHint{{Source: "invoice", Target: "factura"}, {Source: "workspace", Target: "espacio de trabajo"}, {Source: "Parley", Target: "Parley"}}
	tests := []struct {
		name   string
		tr     string
		report *api.GlossaryReport
		value  float64
		weight float64
		reason string
	}{
		{"terms used", "Tus facturas están en el espacio de trabajo de Parley", nil, 1, WeightGlossary, "all 2"},
		{"one term missing", "Tus recibos están en el espacio de trabajo de Parley", nil, 0.5, WeightGlossary, `"factura" for "invoice"`},
		{"report applied", "whatever", &api.GlossaryReport{Compliance: 1, Terms: []api.TermReport{
			{Source: "invoice", Target: "factura", Status: api.TermApplied}, {Source: "Parley", Status: api.TermProtected}}}, 1, WeightGlossary, "all 1"},
		{"report violations", "whatever", &api.GlossaryReport{Compliance: 0.33, Terms: []api.TermReport{
			{Source: "invoice", Target: "factura", Status: api.TermMissing},
			{Source: "workspace", Target: "espacio de trabajo", Status: api.TermForbidden, Found: []string{"área de trabajo"}},
			{Source: "team", Target: "equipo", Status: api.TermRepaired}}}, 0.33, WeightGlossary, "forbidden rendering área de trabajo"},
		{"report without terms", "whatever", &api.GlossaryReport{Compliance: 1}, 1, 0, "neutral"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: "Your invoices are in the Parley workspace", Translation: tt.tr, SourceLang: "en", TargetLang: "es",
				Terms: terms, Protect: []string{"Parley"}, Glossary: tt.report})
			sg := glossarySignal(in)
			if sg.Value != tt.value || sg.Weight != tt.weight || !strings.Contains(sg.Reason, tt.reason) {
				t.Errorf("got %+v, want value %v weight %v reason containing %q", sg, tt.value, tt.weight, tt.reason)
			}
		})
	}
	in := analysed(t, api.QualityRequest{Source: "hello", Translation: "hola", SourceLang: "en", TargetLang: "es"})
	if sg := glossarySignal(in); sg.Weight != 0 {
		t.Errorf("no terms: %+v, want neutral", sg)
	}
	// In HTML (the LibreTranslate and DeepL APIs' HTML mode) a translation
	// writes the target "AT&T" as "AT&amp;T"; it is used.
	in = analysed(t, api.QualityRequest{Source: "<p>Call AT&amp;T</p>", Translation: "<p>Llama a AT&amp;T</p>", SourceLang: "en", TargetLang: "es",
		Terms: []api.TermHint{{Source: "AT&amp;T", Target: "AT&T"}}})
	if sg := glossarySignal(in); sg.Value != 1 || sg.Weight != WeightGlossary {
		t.Errorf("escaped target term: %+v, want it used", sg)
	}
}

func TestUnknownWords(t *testing.T) {
	tests := []struct {
		name    string
		tr      string
		backend string
		count   int
		value   float64
		weight  float64
		reason  string
	}{
		{"apertium marks", "La *xyzzy casa es *plonk muy grande hoy por la tarde", "apertium", 0, 0.55, WeightUnknownWords, "2 of 11 words were unknown to the engine: xyzzy, plonk"},
		{"apertium clean", "La casa es muy grande", "apertium", 0, 1, WeightUnknownWords, "no words"},
		{"count from the request", "La casa es muy grande hoy", "apertium", 3, 0, WeightUnknownWords, "3 of 6"},
		{"emphasis is not a mark", "La casa es *muy* grande", "", 0, 1, 0, "neutral"},
		{"emphasis of several words is not a mark", "*hasta mañana*", "apertium", 0, 1, WeightUnknownWords, "no words"},
		{"emphasis of several words before punctuation", "Vale, *la casa roja*! Y *otra más*.", "apertium", 0, 1, WeightUnknownWords, "no words"},
		{"a mark with a later emphasis", "La *xyzzy casa es *muy grande*", "apertium", 0, 0.58, WeightUnknownWords, "xyzzy"},
		{"asterisk inside a word", "qué m*erda de casa", "", 0, 1, 0, "neutral"},
		{"llm asterisks are not marks", "La *casa es grande", "ollama", 0, 1, 0, "neutral"},
		{"unknown backend with marks", "La *casa es grande", "", 0, 0.38, WeightUnknownWords, "casa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysed(t, api.QualityRequest{Source: "The house is *very* big", Translation: tt.tr, SourceLang: "en", TargetLang: "es", Backend: tt.backend, UnknownWords: tt.count})
			sg := unknownWords(in)
			if sg.Value != tt.value || sg.Weight != tt.weight || !strings.Contains(sg.Reason, tt.reason) {
				t.Errorf("got %+v, want value %v weight %v reason containing %q", sg, tt.value, tt.weight, tt.reason)
			}
		})
	}
}

func TestLengthBands(t *testing.T) {
	bands, err := ParseLengthBands(" en-zh=0.2:0.6, pt_BR-EN=0.5:1.5 ")
	if err != nil {
		t.Fatal(err)
	}
	if bands["en-zh"] != (Band{0.2, 0.6}) || bands["pt-en"] != (Band{0.5, 1.5}) || len(bands) != 2 {
		t.Fatalf("bands = %v", bands)
	}
	for _, bad := range []string{"en-zh", "en=0.2:0.6", "en-zh=0.6:0.2", "en-zh=x:1", "en-zh=0:1"} {
		if _, err := ParseLengthBands(bad); err == nil {
			t.Errorf("ParseLengthBands(%q) succeeded", bad)
		}
	}
	// The override applies to its pair only.
	req := api.QualityRequest{Source: "See you tomorrow at the office, bring the slides", Translation: "明天办公室见，带上幻灯片", SourceLang: "en", TargetLang: "zh"}
	scorer := NewScorer(nil, Config{LengthBands: map[string]Band{"en-zh": {0.5, 1}}}, nil)
	got, err := scorer.Score(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if sg := signal(t, got, SignalLengthRatio); sg.Value == 1 || !strings.Contains(sg.Reason, "outside 0.50-1.00") {
		t.Errorf("override not applied: %+v", sg)
	}
	got, err = NewScorer(nil, Config{}, nil).Score(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if sg := signal(t, got, SignalLengthRatio); sg.Value != 1 {
		t.Errorf("default band: %+v", sg)
	}
}

// TestSignalsNeverPanic feeds odd texts through every signal.
func TestSignalsNeverPanic(t *testing.T) {
	odd := []string{"*", "**", "⟦", "⟦0", "{", "}", "%", "@", "#", ":", "(", "\u200d", "🇪", "🏽", "'", "`\u200b``", "٫", "1,", ",1", "a\nb", "3時", "下午3点半", "오후 3시 ", "12:", "12:3", "3 h", "3 p.", "1’", "٫٣", "99:99", "0.5 mg 5 mg", "no\n\nnot", strings.Repeat("ab ", 300)}
	scorer := NewScorer(nil, defaults, nil)
	for _, src := range odd {
		if strings.TrimFunc(src, invisible) == "" {
			continue // a blank source is bad input
		}
		for _, tr := range odd {
			got, err := scorer.Score(context.Background(), api.QualityRequest{Source: src, Translation: tr, SourceLang: "en", TargetLang: "es", Backend: "apertium"})
			if err != nil {
				t.Fatalf("Score(%q, %q): %v", src, tr, err)
			}
			if got.Score < 0 || got.Score > 100 || got.Decision == "" {
				t.Fatalf("Score(%q, %q) = %+v", src, tr, got)
			}
		}
	}
}
