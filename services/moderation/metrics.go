package moderation

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/parley-chat/parley/shared/api"
)

// collector reports the queue at scrape time from the store's mirror, so
// that the numbers are right on every replica without counting events.
type collector struct {
	s      *Service
	cases  *prometheus.Desc
	oldest *prometheus.Desc
}

// Collector returns a Prometheus collector of the queue:
// parley_moderation_cases{status} and
// parley_moderation_oldest_waiting_seconds (the age of the oldest open or
// escalated case; 0 when none waits), the number to alert on.
func Collector(s *Service) prometheus.Collector {
	return &collector{
		s: s,
		cases: prometheus.NewDesc("parley_moderation_cases", "Moderation cases by status.",
			[]string{"status"}, nil),
		oldest: prometheus.NewDesc("parley_moderation_oldest_waiting_seconds",
			"Age of the oldest case waiting for a moderator (open or escalated).", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.cases
	ch <- c.oldest
}

// Collect implements prometheus.Collector.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	now := c.s.now()
	counts := map[string]int{api.CaseOpen: 0, api.CaseClaimed: 0, api.CaseEscalated: 0, api.CaseDecided: 0}
	var oldest float64
	for _, cs := range c.s.cfg.Store.Cases() {
		status := cs.Status
		if status == api.CaseClaimed && cs.Claim != nil && !now.Before(cs.Claim.ExpiresAt) {
			status = api.CaseOpen
			if cs.Escalated {
				status = api.CaseEscalated
			}
		}
		counts[status]++
		if status == api.CaseOpen || status == api.CaseEscalated {
			oldest = max(oldest, now.Sub(cs.CreatedAt).Seconds())
		}
	}
	for status, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.cases, prometheus.GaugeValue, float64(n), status)
	}
	ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, oldest)
}
