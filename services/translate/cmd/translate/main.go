// Command translate runs Parley's translate service on its own.
package main

import (
	"github.com/parley-chat/parley/services/translate"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("translate", translate.Start) }
