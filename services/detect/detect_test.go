package detect

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
)

// testLanguages is small on purpose: lingua's high-accuracy models take
// seconds and hundreds of megabytes to load per script family, more so
// under the race detector. It still holds the look-alikes that make
// detection hard (es/pt, da/nb, ru/uk).
var testLanguages = []string{"en", "es", "pt", "fr", "de", "da", "nb", "ru", "uk", "zh", "ja", "ar"}

var (
	sharedOnce sync.Once
	shared     *Detector
	sharedErr  error
)

// newTestDetector returns one high-accuracy detector over testLanguages for
// the whole test binary (models are process-wide in lingua anyway).
func newTestDetector(t testing.TB) *Detector {
	t.Helper()
	sharedOnce.Do(func() {
		shared, sharedErr = New(Config{Languages: testLanguages, MinConfidence: DefaultMinConfidence, MinDistance: DefaultMinDistance})
	})
	if sharedErr != nil {
		t.Fatalf("new detector: %v", sharedErr)
	}
	return shared
}

func TestDetectLanguages(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		text string
		want string
	}{
		{"Thanks for your help, see you tomorrow at the office.", "en"},
		{"Gracias por tu ayuda, nos vemos mañana en la oficina.", "es"},
		{"Obrigado pela ajuda, vejo você amanhã no escritório.", "pt"},
		{"Merci pour ton aide, on se voit demain au bureau.", "fr"},
		{"Danke für deine Hilfe, wir sehen uns morgen im Büro.", "de"},
		{"Tak for hjælpen, vi ses i morgen på kontoret.", "da"},
		{"Takk for hjelpen, vi sees i morgen på kontoret.", "nb"},
		{"Спасибо за помощь, увидимся завтра в офисе.", "ru"},
		{"Дякую за допомогу, побачимося завтра в офісі.", "uk"},
		{"谢谢你的帮助，明天办公室见。", "zh"},
		{"手伝ってくれてありがとう、また明日オフィスで会いましょう。", "ja"},
		{"شكرا لمساعدتك، أراك غدا في المكتب.", "ar"},
		// Links and mentions must not drag a message towards English.
		{"@maria mira esto https://example.com/watch?v=abc, ¡es increíble!", "es"},
	}
	for _, tt := range tests {
		t.Run(tt.want+"/"+strings.Fields(tt.text)[0], func(t *testing.T) {
			got, err := det.Detect(context.Background(), api.DetectRequest{Text: tt.text})
			if err != nil {
				t.Fatalf("Detect(%q): %v", tt.text, err)
			}
			if got.Language != tt.want {
				t.Fatalf("Detect(%q) = %s (%.2f, reason %q, alternatives %v), want %s",
					tt.text, got.Language, got.Confidence, got.Reason, got.Alternatives, tt.want)
			}
			if got.Confidence < DefaultMinConfidence || got.Confidence > 1 {
				t.Errorf("confidence %v outside [%v, 1]", got.Confidence, DefaultMinConfidence)
			}
			if got.Reason != "" {
				t.Errorf("reason %q on a determined answer", got.Reason)
			}
			if len(got.Alternatives) > MaxAlternatives {
				t.Errorf("%d alternatives, want at most %d", len(got.Alternatives), MaxAlternatives)
			}
			for _, a := range got.Alternatives {
				if a.Language == got.Language || a.Confidence > got.Confidence {
					t.Errorf("alternative %+v should rank below the answer %s (%.4f)", a, got.Language, got.Confidence)
				}
			}
		})
	}
}

func TestDetectUndetermined(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		name   string
		text   string
		reason string
	}{
		{"emoji", "😀🎉👍", "no letters"},
		{"numbers", "12 345,67 + 89 = ?", "no letters"},
		{"url", "https://example.com/path?q=hello", "no letters"},
		{"links and mentions", "@bob https://example.org www.example.net <@123456> <:party:987654> :thumbsup: 42", "no letters"},
		{"email", "bob.smith@example.com", "no letters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := det.Detect(context.Background(), api.DetectRequest{Text: tt.text})
			if err != nil {
				t.Fatalf("Detect(%q): %v", tt.text, err)
			}
			if got.Language != api.Undetermined || !strings.Contains(got.Reason, tt.reason) {
				t.Fatalf("Detect(%q) = %+v, want und with reason containing %q", tt.text, got, tt.reason)
			}
			if got.Confidence != 0 {
				t.Errorf("confidence %v on an und answer", got.Confidence)
			}
		})
	}
}

func TestDetectThresholds(t *testing.T) {
	// The same sentence under stricter thresholds: the verdict depends only
	// on the configuration, which is what an operator tunes.
	const text = "Hello, how are you?"
	base := newTestDetector(t)
	got, err := base.Detect(context.Background(), api.DetectRequest{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	if got.Language != "en" {
		t.Fatalf("default thresholds: got %+v, want en", got)
	}
	tests := []struct {
		name   string
		cfg    Config
		reason string
	}{
		{"confidence", Config{MinConfidence: 0.99}, "below 0.99"},
		{"distance", Config{MinDistance: 0.99}, "too close to call"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Languages = testLanguages
			det, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := det.Detect(context.Background(), api.DetectRequest{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			if got.Language != api.Undetermined || !strings.Contains(got.Reason, tt.reason) {
				t.Fatalf("got %+v, want und with reason containing %q", got, tt.reason)
			}
			// The candidates stay visible so a caller can still make an
			// informed guess.
			if len(got.Alternatives) == 0 || got.Alternatives[0].Language != "en" {
				t.Errorf("alternatives %v, want en first", got.Alternatives)
			}
		})
	}
}

func TestDetectBadInput(t *testing.T) {
	det := newTestDetector(t)
	tests := []struct {
		name string
		text string
		code api.Code
	}{
		{"empty", "", api.CodeEmptyText},
		{"blank", " \t\n ", api.CodeEmptyText},
		{"invalid utf8", "caf\xe9 au lait", api.CodeInvalidUTF8},
		{"too long", strings.Repeat("a", api.MaxTextRunes+1), api.CodeTextTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := det.Detect(context.Background(), api.DetectRequest{Text: tt.text})
			var ae *api.Error
			if !errors.As(err, &ae) {
				t.Fatalf("Detect = %+v, %v; want *api.Error", got, err)
			}
			if ae.Code != tt.code || ae.Field != "text" {
				t.Errorf("error %+v, want code %s on field text", ae, tt.code)
			}
			if s := ae.Status(); s < 400 || s >= 500 {
				t.Errorf("status %d, want 4xx", s)
			}
		})
	}
}

func TestDetectCanceled(t *testing.T) {
	det := newTestDetector(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := det.Detect(ctx, api.DetectRequest{Text: "Good morning"})
	if api.ErrorCode(err) != api.CodeTimeout {
		t.Fatalf("err = %v, want timeout", err)
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		want    []string // Languages(), when valid
		wantErr string
	}{
		{"iso codes", Config{Languages: []string{"en", "es"}}, []string{"en", "es"}, ""},
		{"tags and duplicates", Config{Languages: []string{"pt-BR", "pt_PT", "EN", "nb"}}, []string{"en", "nb", "pt"}, ""},
		{"tagalog canonical", Config{Languages: []string{"tl", "en"}}, []string{"en", "fil"}, ""},
		{"unknown", Config{Languages: []string{"en", "xx", "tlh"}}, nil, `"xx" is not one lingua can detect`},
		{"not bcp47", Config{Languages: []string{"en", "english!"}}, nil, "not one lingua can detect"},
		{"one language", Config{Languages: []string{"en"}}, nil, "at least two languages"},
		{"confidence", Config{Languages: []string{"en", "es"}, MinConfidence: 1.5}, nil, "confidence 1.5 is outside"},
		{"distance", Config{Languages: []string{"en", "es"}, MinDistance: 1}, nil, "distance 1 is outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			det, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New = %v, want error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := det.Languages(); strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Languages() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDefaultLanguagesAreSupported(t *testing.T) {
	// Low accuracy keeps this test of the full default set light; the
	// language list and the tag mapping are the same in both modes.
	det, err := New(Config{Languages: DefaultLanguages, LowAccuracy: true, MinConfidence: DefaultMinConfidence, MinDistance: DefaultMinDistance})
	if err != nil {
		t.Fatalf("default languages: %v", err)
	}
	if n := len(det.Languages()); n != len(DefaultLanguages) {
		t.Fatalf("%d languages, want %d (duplicates in DefaultLanguages?)", n, len(DefaultLanguages))
	}
	tests := []struct {
		text string
		want string
	}{
		{"Thanks for your help, see you tomorrow at the office.", "en"},
		{"Bedankt voor je hulp, tot morgen op kantoor.", "nl"},
		{"Dziękuję za pomoc, do zobaczenia jutro w biurze.", "pl"},
		{"Yardımın için teşekkürler, yarın ofiste görüşürüz.", "tr"},
		{"Cảm ơn bạn đã giúp đỡ, hẹn gặp lại ngày mai ở văn phòng.", "vi"},
		{"Σε ευχαριστώ για τη βοήθεια, τα λέμε αύριο στο γραφείο.", "el"},
		{"תודה על העזרה, נתראה מחר במשרד.", "he"},
		{"मदद के लिए धन्यवाद, कल ऑफिस में मिलते हैं।", "hi"},
		{"도와줘서 고마워요, 내일 사무실에서 봐요.", "ko"},
		{"ขอบคุณสำหรับความช่วยเหลือ แล้วเจอกันพรุ่งนี้ที่ออฟฟิศ", "th"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, err := det.Detect(context.Background(), api.DetectRequest{Text: tt.text})
			if err != nil {
				t.Fatal(err)
			}
			if got.Language != tt.want {
				t.Fatalf("Detect(%q) = %+v, want %s", tt.text, got, tt.want)
			}
		})
	}
}

func TestStripNonLanguage(t *testing.T) {
	tests := []struct {
		in   string
		want string // after collapsing spaces
	}{
		{"see https://example.com/a?b=c now", "see now"},
		{"mail bob@example.co.uk please", "mail please"},
		{"hey @alice and @bob_2", "hey and"},
		{"nice <:party:123> <a:dance:456> <@789> <#42> :tada:", "nice"},
		{"price 10:30 ok", "price 10:30 ok"},
		{"visit www.example.org today", "visit today"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := strings.Join(strings.Fields(stripNonLanguage(tt.in)), " "); got != tt.want {
				t.Errorf("stripNonLanguage(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	det := newTestDetector(b)
	texts := []string{
		"Thanks for your help, see you tomorrow at the office.",
		"Gracias por tu ayuda, nos vemos mañana en la oficina.",
		"Спасибо за помощь, увидимся завтра в офисе.",
		"lol 😂",
		"谢谢你的帮助，明天办公室见。",
	}
	ctx := context.Background()
	for _, txt := range texts { // load the models outside the timing
		if _, err := det.Detect(ctx, api.DetectRequest{Text: txt}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := det.Detect(ctx, api.DetectRequest{Text: texts[i%len(texts)]}); err != nil {
				b.Error(err)
				return
			}
			i++
		}
	})
}
