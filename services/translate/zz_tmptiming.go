package translate

import "time"

// TmpTiming is temporary instrumentation.
var TmpTiming func(string, time.Duration)

func tmpt(k string, t0 time.Time) {
	if TmpTiming != nil {
		TmpTiming(k, time.Since(t0))
	}
}
