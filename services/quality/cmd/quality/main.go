// Command quality runs Parley's translation quality estimation service.
package main

import (
	"github.com/parley-chat/parley/services/quality"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("quality", quality.Start) }
