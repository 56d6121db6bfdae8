package translate

// FlightWaiters is how many requests wait for c's calls in flight, over
// every key: a test waits for a request to have joined a call rather than
// sleep and hope it has.
func (c *Chain) FlightWaiters() int {
	c.flights.mu.Lock()
	defer c.flights.mu.Unlock()
	n := 0
	for _, f := range c.flights.m {
		n += f.waiters
	}
	return n
}
