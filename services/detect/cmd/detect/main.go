// Command detect runs Parley's language detection service.
package main

import (
	"github.com/parley-chat/parley/services/detect"
	"github.com/parley-chat/parley/shared/svcmain"
)

func main() { svcmain.Main("detect", detect.Start) }
