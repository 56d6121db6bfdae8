// Command gateway serves Parley's HTTP API against services reached over
// NATS_URL.
package main

import (
	"github.com/parley-chat/parley/services/gateway"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("gateway", gateway.Start) }
