// Command messages runs Parley's messages service (see docs/messages.md).
package main

import (
	"github.com/parley-chat/parley/services/messages"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("messages", messages.Start) }
