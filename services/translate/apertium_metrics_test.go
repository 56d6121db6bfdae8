package translate_test

import (
	"context"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/services/translate/apertium"
	"github.com/parley-chat/parley/shared/api"
	"github.com/parley-chat/parley/shared/client"
	"github.com/parley-chat/parley/shared/config"
	"github.com/parley-chat/parley/shared/natstest"
	"github.com/parley-chat/parley/shared/svcmain"
)

// apertiumValue returns the value of an unlabelled parley_apertium_*
// family, or of its series with reason=reason; -1 when it is missing.
func apertiumValue(t *testing.T, reg *prometheus.Registry, name, reason string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if reason != "" && (len(m.GetLabel()) != 1 || m.GetLabel()[0].GetValue() != reason) {
				continue
			}
			if m.GetCounter() != nil {
				return m.GetCounter().GetValue()
			}
			return m.GetGauge().GetValue()
		}
	}
	return -1
}

// TestApertiumMetrics: the service reports the Apertium programs it runs,
// which its own process_resident_memory_bytes cannot see, and the idle
// stops.
func TestApertiumMetrics(t *testing.T) {
	if !apertium.Available() {
		t.Skip("Apertium is not installed (apt-get install apertium apertium-eng-spa); skipping")
	}
	s := natstest.RunServer(t)
	reg := prometheus.NewRegistry()
	r := config.NewReader(config.Map(map[string]string{
		"TRANSLATE_CHAIN":       "apertium",
		"APERTIUM_PAIRS":        "eng-spa",
		"APERTIUM_TIMEOUT":      "1m",
		"APERTIUM_IDLE_TIMEOUT": "1s",
	}))
	stop, err := translate.Start(t.Context(), svcmain.Deps{NC: natstest.Conn(t, s), Env: r, Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop() })
	want := func(what string, modes, pipelines float64, processes bool, idleStops float64) {
		t.Helper()
		got := []float64{
			apertiumValue(t, reg, "parley_apertium_modes_running", ""),
			apertiumValue(t, reg, "parley_apertium_pipelines_running", ""),
			apertiumValue(t, reg, "parley_apertium_processes_running", ""),
			apertiumValue(t, reg, "parley_apertium_pipeline_stops_total", "idle"),
			apertiumValue(t, reg, "parley_apertium_pipeline_stops_total", "evicted"),
			apertiumValue(t, reg, "parley_apertium_abandoned_requests_total", "drained"),
			apertiumValue(t, reg, "parley_apertium_abandoned_requests_total", "restarted"),
		}
		if got[0] != modes || got[1] != pipelines || (got[2] > 0) != processes || got[3] != idleStops || got[4] != 0 || got[5] != 0 || got[6] != 0 {
			t.Errorf("%s: modes, pipelines, processes, idle and evicted stops, drained and restarted abandons = %v; want %v, %v, >0 %v, %v, 0, 0, 0", what, got, modes, pipelines, processes, idleStops)
		}
	}
	want("before any request", 0, 0, false, 0)

	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	c := client.Translate{NC: natstest.Conn(t, s)}
	resp, err := c.Translate(ctx, api.TranslateRequest{Text: "The house is big.", Source: "en", Target: "es"})
	if err != nil || resp.Backend != apertium.Name {
		t.Fatalf("Translate = %+v, %v; want apertium's answer", resp, err)
	}
	want("after a request", 1, 1, true, 0)

	deadline := time.Now().Add(30 * time.Second)
	for apertiumValue(t, reg, "parley_apertium_processes_running", "") != 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	want("after idling", 0, 0, false, 1)
}
