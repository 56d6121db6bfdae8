// Command safety runs the safety service on its own.
package main

import (
	"github.com/parley-chat/parley/services/safety"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("safety", safety.Start) }
