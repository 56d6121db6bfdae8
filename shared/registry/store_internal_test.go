package registry

import "testing"

// TestCanaryBuckets: a canary takes the buckets its share names, not one
// fewer where percent * 100 falls just short of an integer.
func TestCanaryBuckets(t *testing.T) {
	tests := []struct {
		percent float64
		want    int
	}{
		{0.01, 1},
		{0.29, 29}, // 0.29 * 100 = 28.999999999999996
		{0.57, 57}, // 56.99999999999999
		{5, 500},
		{12.34, 1234},
		{100, 10000},
	}
	for _, tt := range tests {
		if got := canaryBuckets(tt.percent); got != tt.want {
			t.Errorf("canaryBuckets(%v) = %d, want %d", tt.percent, got, tt.want)
		}
	}
}

func TestCheckCanaryPercent(t *testing.T) {
	tests := []struct {
		percent float64
		ok      bool
	}{
		{0.01, true}, {0.29, true}, {5, true}, {12.34, true}, {100, true},
		{0, false}, {-5, false}, {100.01, false},
		{0.001, false}, {0.005, false}, {0.015, false}, {12.345, false},
	}
	for _, tt := range tests {
		if err := CheckCanaryPercent(tt.percent); (err == nil) != tt.ok {
			t.Errorf("CheckCanaryPercent(%v) = %v, want ok %v", tt.percent, err, tt.ok)
		}
	}
}
