package logging_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/parley-chat/parley/shared/logging"
)

// TestDurationsAreReadable: both formats write a duration as Go writes it
// ("took":"4.046s"), not as integer nanoseconds ("took":4046000000, the
// JSON handler's own), in groups too.
func TestDurationsAreReadable(t *testing.T) {
	for _, tt := range []struct{ format, want string }{
		{"json", `"took":"4.046s"`},
		{"text", `took=4.046s`},
	} {
		var buf bytes.Buffer
		log, _, err := logging.New(&buf, "info", tt.format)
		if err != nil {
			t.Fatal(err)
		}
		log.Info("rung failed", "took", 4046*time.Millisecond, slog.Group("call", slog.Duration("wait", 250*time.Millisecond)), "n", 3)
		line := buf.String()
		if !strings.Contains(line, tt.want) || strings.Contains(line, "4046000000") {
			t.Errorf("%s: %s, want %s", tt.format, line, tt.want)
		}
		if tt.format != "json" {
			continue
		}
		var m struct {
			Took string `json:"took"`
			Call struct {
				Wait string `json:"wait"`
			} `json:"call"`
			N int `json:"n"`
		}
		if err := json.Unmarshal(buf.Bytes(), &m); err != nil || m.Took != "4.046s" || m.Call.Wait != "250ms" || m.N != 3 {
			t.Errorf("json: %+v %v from %s", m, err, line)
		}
	}
}
