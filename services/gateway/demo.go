package gateway

import (
	"embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// demoFiles is the demo chat page: static HTML, CSS and one script, no
// inline script or style, so that the page runs under a strict
// Content-Security-Policy. The script sets message text with textContent
// only, so nothing a user types is ever parsed as HTML.
//
//go:embed demo/index.html demo/app.js demo/app.css
var demoFiles embed.FS

const demoCSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) registerDemo(e *echo.Echo) {
	serve := func(name, contentType string) echo.HandlerFunc {
		body, err := demoFiles.ReadFile(name)
		if err != nil {
			panic(err) // embedded at build time: a missing file is a build error
		}
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", demoCSP)
			h.Set("Referrer-Policy", "no-referrer")
			h.Set(echo.HeaderCacheControl, "no-cache")
			return c.Blob(http.StatusOK, contentType, body)
		}
	}
	e.GET("/", serve("demo/index.html", "text/html; charset=utf-8"))
	e.GET("/demo/app.js", serve("demo/app.js", "text/javascript; charset=utf-8"))
	e.GET("/demo/app.css", serve("demo/app.css", "text/css; charset=utf-8"))
}
