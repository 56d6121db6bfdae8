package suite_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/fakellm"
)

// burstTranslations are the fake model's answers by target language, with
// the message's two numbers put back: a translation in the target's script
// that quality accepts.
var burstTranslations = map[string]string{
	"Spanish":  "Mensaje %s: el despliegue de la versión %s ha terminado, revisad el panel.",
	"German":   "Nachricht %s: Die Bereitstellung von Build %s ist fertig, bitte prüft das Dashboard.",
	"Japanese": "メッセージ%s：ビルド%sのデプロイが完了しました。ダッシュボードを確認してください。",
	"Arabic":   "الرسالة %s: اكتمل نشر الإصدار %s، يرجى مراجعة لوحة المعلومات.",
	"Chinese":  "消息%s：构建%s的部署已完成，请查看仪表板。",
	"Russian":  "Сообщение %s: развёртывание сборки %s завершено, проверьте панель.",
	"Hindi":    "संदेश %s: बिल्ड %s की तैनाती पूरी हो गई है, कृपया डैशबोर्ड देखें।",
	"Thai":     "ข้อความ %s: การติดตั้งบิลด์ %s เสร็จแล้ว โปรดตรวจสอบแดชบอร์ด",
}

var burstNumbers = regexp.MustCompile(`\d+`)

// burstModel answers at once in the language the prompt asks for.
func burstModel(r fakellm.Request) (string, error) {
	nums := burstNumbers.FindAllString(r.Data(), 2)
	if len(nums) != 2 {
		return "", fmt.Errorf("no message numbers in %q", r.Data())
	}
	for name, tmpl := range burstTranslations {
		if strings.Contains(r.System, "into "+name) || strings.Contains(r.System, "into Simplified "+name) {
			return fmt.Sprintf(tmpl, nums[0], nums[1]), nil
		}
	}
	return "", fmt.Errorf("no known target language in the system prompt")
}

// TestGroupChatBurstOfPageReads is the group-chat probe: 8 English
// messages, then readers in 8 locales open the conversation at the same
// moment, with the translate service at its default pool (8 workers, a
// queue of 32). Every view is translated (none "translation unavailable:
// overloaded"), and the fake model is asked once per (message, locale):
// concurrent readers of one view share its render.
func TestGroupChatBurstOfPageReads(t *testing.T) {
	locales := []string{"es", "de", "ja", "ar", "zh-Hans", "ru", "hi", "th"}
	for _, readers := range []int{16, 30} {
		t.Run(fmt.Sprint(readers, "readers"), func(t *testing.T) {
			ollama := fakellm.StartOllama(t, fakellm.Config{Models: []string{"qwen2.5:3b"}, Translator: burstModel})
			vars, gwAddr, _ := suiteVars(t, ollama, map[string]string{
				"PARLEY_API_KEYS":   "app:client:" + modClientKey,
				"TRANSLATE_WORKERS": "8",
				"TRANSLATE_QUEUE":   "32",
			})
			runSuite(t, vars)
			gw := "http://" + gwAddr
			const conv, messages = "room-burst", 8
			for i := range messages {
				body := fmt.Sprintf(`{"conversation":%q,"id":"burst-%d","text":"Message %d: the deploy of build %d is done, please check the dashboard.","source":"en"}`,
					conv, i, i+1, 100+i)
				if st := modCall(t, "POST", gw+"/v1/messages", modClientKey, body, nil); st != http.StatusCreated {
					t.Fatalf("post %d: %d", i, st)
				}
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			untranslated := map[string]int{}
			views := 0
			start := make(chan struct{})
			for r := range readers {
				loc := locales[r%len(locales)]
				wg.Go(func() {
					<-start
					var page api.MessagePage
					if st := modCall(t, "GET", gw+"/v1/conversations/"+conv+"/messages?locale="+loc, modClientKey, "", &page); st != 200 {
						t.Errorf("page in %s: %d", loc, st)
						return
					}
					mu.Lock()
					defer mu.Unlock()
					for _, v := range page.Messages {
						views++
						if v.Status != api.StatusTranslated {
							untranslated[v.Status+": "+v.Reason]++
						}
					}
				})
			}
			close(start)
			wg.Wait()
			if want := readers * messages; views != want || len(untranslated) > 0 {
				t.Fatalf("%d views of %d; not translated: %v", views, want, untranslated)
			}
			if calls, want := len(ollama.Requests()), messages*len(locales); calls != want {
				t.Fatalf("the model was called %d times for %d (message, locale) pairs", calls, want)
			}
		})
	}
}
