package web_test

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
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

// TestDistMatchesSources rebuilds the page from src/ and compares it with
// the embedded dist/, so that sources committed without a rebuild fail.
// It needs node and web/node_modules (scripts/build-web.sh installs them).
func TestDistMatchesSources(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: cannot rebuild the page to compare with dist/")
	}
	if _, err := os.Stat(filepath.Join("node_modules", "esbuild")); err != nil {
		t.Skip("web/node_modules is absent (run scripts/build-web.sh): cannot rebuild the page")
	}
	out := t.TempDir()
	cmd := exec.Command(node, "build.mjs")
	cmd.Env = append(os.Environ(), "TIES_WEB_OUT="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("node build.mjs: %v\n%s", err, msg)
	}
	built := os.DirFS(out)
	seen := map[string]bool{}
	err = fs.WalkDir(built, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		seen[p] = true
		want, _ := fs.ReadFile(built, p)
		got, err := fs.ReadFile(web.Assets(), p)
		if err != nil {
			t.Errorf("dist lacks %s: rerun scripts/build-web.sh and commit web/dist", p)
		} else if !bytes.Equal(got, want) {
			t.Errorf("dist/%s differs from a build of src/: rerun scripts/build-web.sh and commit web/dist", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fs.WalkDir(web.Assets(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !seen[p] {
			t.Errorf("dist/%s is not built from src/ any more: remove it", p)
		}
		return err
	})
}
