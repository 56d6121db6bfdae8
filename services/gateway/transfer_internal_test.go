package gateway

import (
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// The console's import and export pages are transfers as the API's are;
// its other pages, and paths that only look like them, are not.
func TestIsTransfer(t *testing.T) {
	tests := []struct {
		route, path string
		want        bool
	}{
		{"/v1/glossaries/:id/import", "/v1/glossaries/demo/import", true},
		{"/v1/glossaries/:id/export", "/v1/glossaries/demo/export", true},
		{"/v1/glossaries/:id", "/v1/glossaries/demo", false},
		{"/console/*", "/console/glossaries/demo/import", true},
		{"/console/*", "/console/glossaries/demo/export", true},
		{"/console/*", "/console/glossaries/demo", false},
		{"/console/*", "/console/glossaries/demo/import/x", false},
		{"/console/*", "/console/cases/import", false},
		{"/v1/translate", "/console/glossaries/demo/import", false},
	}
	e := echo.New()
	for _, tt := range tests {
		c := e.NewContext(httptest.NewRequest("GET", tt.path, nil), httptest.NewRecorder())
		c.SetPath(tt.route)
		if got := isTransfer(c); got != tt.want {
			t.Errorf("isTransfer(%s at %s) = %v, want %v", tt.path, tt.route, got, tt.want)
		}
	}
}
