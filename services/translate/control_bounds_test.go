package translate_test

import (
	"strings"
	"testing"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/experiment"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/natsutil"
)

// TestControlsOnASmallStore: on a JetStream store too small for the
// experiment streams' default bounds, the controls fail to open with an
// error that names the stream once (it said "experiment events:
// experiment events: create ...") and the setting to lower; with the
// bounds lowered (EXPERIMENTS_MAX_BYTES, EXPERIMENTS_FEEDBACK_MAX_BYTES)
// they open.
func TestControlsOnASmallStore(t *testing.T) {
	s, err := natsutil.RunEmbedded(natsutil.EmbedConfig{Port: -1, StoreDir: t.TempDir(), MaxFileStore: 36 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	nc := natstest.Conn(t, s)

	_, _, err = translate.OpenControls(t.Context(), nc, 1, nil)
	if err == nil {
		t.Fatal("opened with 1 GiB of events reserved in a 36 MiB store")
	}
	if msg := err.Error(); strings.Count(msg, "experiment events:") != 1 || !strings.Contains(msg, "lower EXPERIMENTS_MAX_BYTES") {
		t.Fatalf("error %q: want the stream named once and the setting to lower", msg)
	}

	_, closeCtl, err := translate.OpenControls(t.Context(), nc, 1, nil, experiment.Bounds{Events: 4 << 20, Feedback: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	closeCtl()
}
