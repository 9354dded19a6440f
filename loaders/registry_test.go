package loaders_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/structured"
	"github.com/ties-graph/ties/loaders/text"
)

// newRegistry builds a registry of the real loaders (the text extractor
// without dictionaries: suffix rules only).
func newRegistry(t *testing.T) *loaders.Registry {
	t.Helper()
	tx, err := text.New(context.Background(), text.Options{})
	if err != nil {
		t.Fatalf("text.New: %v", err)
	}
	return loaders.NewRegistry(append([]loaders.Loader{tx}, structured.Loaders(structured.Options{})...)...)
}

func TestRegistryPicksFormat(t *testing.T) {
	html, err := os.ReadFile(filepath.Join("testdata", "page.html"))
	if err != nil {
		t.Fatal(err)
	}
	nq := "<ties:e/kaunas> <ties:member_of> <ties:e/ubc> .\n"
	csv := "subject,predicate,object\nKaunas,member_of,Union of Baltic Cities\n"
	tests := []struct {
		name, format, data string
		wantFormat         string
		wantText           string // prefix of Document.Text
		wantTitle          string
	}{
		{"page.html", "", string(html), "html", "Mayors meet in Vilnius\nThe mayor of Kaunas", "Mayors meet in Vilnius | City News"},
		{"page.HTM", "", string(html), "html", "Mayors meet in Vilnius\n", "Mayors meet in Vilnius | City News"},
		{"note.md", "", "# Forum\n\nKaunas **hosted** the\nforum.", "markdown", "Forum\nKaunas hosted the forum.", "Forum"},
		{"news.txt", "", "Kaunas hosted the forum.", "text", "Kaunas hosted the forum.", ""},
		{"ties.nq", "", nq, "nquads", nq, ""},
		{"edges.csv", "", csv, "csv", csv, ""},
		{"noext", "", nq, "nquads", nq, ""},
		{"noext-html", "", string(html), "html", "Mayors meet", ""},
		{"data.dat", "", csv, "csv", csv, ""},
		{"upload", "csv", csv, "csv", csv, ""},
		{"forced.txt", "nquads", nq, "nquads", nq, ""},
	}
	reg := newRegistry(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := reg.Load(context.Background(), loaders.Input{Name: tt.name, Format: tt.format, Data: []byte(tt.data)})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if x.Document.Format != tt.wantFormat {
				t.Errorf("format %q, want %q", x.Document.Format, tt.wantFormat)
			}
			if x.Document.ID != tt.name {
				t.Errorf("document ID %q, want %q", x.Document.ID, tt.name)
			}
			if !strings.HasPrefix(x.Document.Text, tt.wantText) {
				t.Errorf("text %q, want it to start with %q", x.Document.Text, tt.wantText)
			}
			if tt.wantTitle != "" && x.Document.Title != tt.wantTitle {
				t.Errorf("title %q, want %q", x.Document.Title, tt.wantTitle)
			}
			// Evidence offsets point into the converted text.
			rs := []rune(x.Document.Text)
			for _, s := range x.Statements {
				if s.Evidence.End > len(rs) || s.Evidence.Start < 0 || s.Evidence.Start > s.Evidence.End {
					t.Errorf("evidence %d..%d outside the text", s.Evidence.Start, s.Evidence.End)
				}
			}
		})
	}
}

func TestRegistryRejects(t *testing.T) {
	reg := newRegistry(t)
	reg.MaxSize = 64
	tests := []struct {
		name, format, data, want string
	}{
		{"empty.txt", "", "", "empty.txt: empty file"},
		{"photo.jpg", "", "\xff\xd8\xff\xe0\x00\x10JFIF", "photo.jpg: binary file"},
		{"old.txt", "", "Krak\xf3w", "old.txt: invalid UTF-8 at line 1 (byte offset 4)"},
		{"big.txt", "", strings.Repeat("word ", 20), "big.txt: 100 bytes, over the 64 byte limit"},
		{"doc.pdf", "pdf", "%PDF-1.4 text", `doc.pdf: unsupported format "pdf"`},
		{"bad.csv", "", "subject,predicate,object\nA,likes,B\n", "bad.csv:2: column 2 (predicate)"},
		{"empty.html", "", "<html><body><script>x()</script></body></html>", "empty.html: no text in the html document"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reg.Load(context.Background(), loaders.Input{Name: tt.name, Format: tt.format, Data: []byte(tt.data)})
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q lacks %q", err, tt.want)
			}
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Errorf("code %q, want %q", graph.ErrorCode(err), graph.EINVALID)
			}
		})
	}
}

func TestRegistrySupports(t *testing.T) {
	reg := loaders.NewRegistry(structured.Loaders(structured.Options{})...)
	for name, want := range map[string]bool{
		"a.csv": true, "a.NQ": true, "a.ndjson": true, "README": true,
		"a.txt": false, "a.html": false, // no text loader in this registry
		"a.pdf": false, "a.docx": false,
	} {
		if got := reg.Supports(name); got != want {
			t.Errorf("Supports(%q) = %v, want %v", name, got, want)
		}
	}
	if got, want := strings.Join(reg.Formats(), ","), "csv,jsonl,nquads"; got != want {
		t.Errorf("Formats() = %s, want %s", got, want)
	}
	if reg.Format() != "auto" {
		t.Errorf("Format() = %q", reg.Format())
	}
}
