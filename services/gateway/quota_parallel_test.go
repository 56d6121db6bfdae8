package gateway_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// seventyChars is a text of 70 characters the fake translator knows.
var seventyChars = strings.Repeat("seventy ", 8)[:64] + "chars!"

// Parallel requests of one key cannot all pass the quota check on the same
// count: each reserves its characters at the check, so that at most the
// quota is served (the bound is the quota plus one request's characters),
// and a request that translates nothing, or ends before counting (a
// HEAD), gives its reservation back.
func TestQuotaHoldsUnderParallelRequests(t *testing.T) {
	if n := len([]rune(seventyChars)); n != 70 {
		t.Fatalf("seventyChars has %d characters", n)
	}
	e := startChatWithKeys(t, 100)
	e.mu.Lock()
	e.delay = 300 * time.Millisecond // the requests overlap
	e.mu.Unlock()
	body, _ := json.Marshal(map[string]string{"text": seventyChars, "target": "es"})
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
	)
	for range 20 {
		wg.Go(func() {
			r := do(t, "POST", e.url+"/v1/translate", string(body), bearer(chatPlainKey)...)
			mu.Lock()
			statuses[r.status]++
			mu.Unlock()
		})
	}
	wg.Wait()
	served := statuses[http.StatusOK]
	if served < 1 || int64(served)*70 > 100+70 || served+statuses[http.StatusTooManyRequests] != 20 {
		t.Fatalf("statuses %v: %d of 70 characters served on a quota of 100", statuses, served)
	}
	used := usageOf(t, e, chatPlainKey)
	if used != int64(served)*70 {
		t.Fatalf("usage %d after %d requests of 70 characters", used, served)
	}

	e.mu.Lock()
	e.delay = 0
	e.mu.Unlock()
	// 30 characters are left. Each of these reserves 5 and gives them
	// back: a reservation kept would refuse the sixth.
	m := postAs(t, e, chatPlainKey, "quota-parallel", "hello")
	for i := range 8 {
		r := do(t, "HEAD", e.url+"/v1/messages/"+m.ID+"?locale=es", "", bearer(chatPlainKey)...)
		if r.status != http.StatusOK {
			t.Fatalf("HEAD %d: %d", i, r.status)
		}
	}
	untranslated, _ := json.Marshal(map[string]string{"text": strings.Repeat("z", 26), "target": "es"})
	for i := range 3 {
		if r := do(t, "POST", e.url+"/v1/translate", string(untranslated), bearer(chatPlainKey)...); r.status != http.StatusOK {
			t.Fatalf("untranslated %d: %d %s", i, r.status, r.body)
		}
	}
	if got := usageOf(t, e, chatPlainKey); got != used {
		t.Fatalf("usage %d, want %d: nothing translated since", got, used)
	}
}
