package web_test

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/ties-graph/ties/web"
)

// TestAssetsReferenced checks that the embedded page loads only files the
// binary carries: a stale or partial dist/ fails here, not in a browser.
func TestAssetsReferenced(t *testing.T) {
	index, err := fs.ReadFile(web.Assets(), "index.html")
	if err != nil {
		t.Fatalf("dist lacks index.html (run scripts/build-web.sh): %v", err)
	}
	refs := regexp.MustCompile(`(?:src|href)="(assets/[^"]+)"`).FindAllStringSubmatch(string(index), -1)
	if len(refs) < 2 {
		t.Fatalf("index.html references %d assets, want the script and the style sheet", len(refs))
	}
	for _, m := range refs {
		if _, err := fs.Stat(web.Assets(), m[1]); err != nil {
			t.Errorf("index.html references %s, not embedded: %v", m[1], err)
		}
	}
}

func TestHandler(t *testing.T) {
	h := web.Handler()
	tests := []struct {
		path   string
		status int
		ctype  string
		body   string
	}{
		{"/", http.StatusOK, "text/html", "<title>ties explorer</title>"},
		{"/assets/app.js", http.StatusOK, "javascript", "graphql"},
		{"/assets/style.css", http.StatusOK, "text/css", ".docview"},
		{"/assets/missing.js", http.StatusNotFound, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			if rec.Code != tc.status {
				t.Fatalf("GET %s: %d, want %d", tc.path, rec.Code, tc.status)
			}
			if !strings.Contains(rec.Header().Get("Content-Type"), tc.ctype) || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("GET %s: %s, %d bytes; want %s containing %q", tc.path, rec.Header().Get("Content-Type"), rec.Body.Len(), tc.ctype, tc.body)
			}
		})
	}
}
