// Package sharedcorpus reads the team's annotated corpus, kept read-only in
// ../shared beside the repository, for tests that measure against it. A
// user's clone has no such folder: the tests skip with a clear message.
package sharedcorpus

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Document is one annotated document with its gold language.
type Document struct {
	Set, Name, Lang, Text string
}

// Dir returns the corpus folder: "shared" beside the module root found
// from the working directory, which go test sets to the package's folder.
func Dir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Documents returns the documents of the dev and seed sets, ordered by set
// and name, and skips t when the corpus is absent.
func Documents(t testing.TB) []Document {
	t.Helper()
	dir, err := Dir()
	if err != nil {
		t.Skipf("shared corpus not available (%v); skipping", err)
	}
	var docs []Document
	for _, s := range []struct{ set, gold, docs string }{
		{"dev", "gold/dev.json", "dev/docs"},
		{"seeds", "gold/seeds.json", "seeds"},
	} {
		raw, err := os.ReadFile(filepath.Join(dir, s.gold))
		if err != nil {
			t.Skipf("shared corpus not available (%v); skipping", err)
		}
		var gold struct {
			Documents map[string]struct {
				Language string `json:"language"`
			} `json:"documents"`
		}
		if err := json.Unmarshal(raw, &gold); err != nil {
			t.Fatalf("parse %s: %v", s.gold, err)
		}
		names := make([]string, 0, len(gold.Documents))
		for name := range gold.Documents {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			text, err := os.ReadFile(filepath.Join(dir, s.docs, name))
			if err != nil {
				t.Fatalf("read %s: %v", name, err)
			}
			docs = append(docs, Document{s.set, name, gold.Documents[name].Language, string(text)})
		}
	}
	return docs
}

// Path returns a file or folder of the corpus (elem joined under Dir) and
// skips t when it is absent.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	dir, err := Dir()
	if err != nil {
		t.Skipf("shared corpus not available (%v); skipping", err)
	}
	p := filepath.Join(append([]string{dir}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus not available (%v); skipping", err)
	}
	return p
}
