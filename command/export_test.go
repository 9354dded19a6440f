package command

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// loadExamples loads the structured examples (N-Quads and CSV: quick, no
// text extraction) into a fresh bolt store and returns its directory.
func loadExamples(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "ties.db")
	code, _, errs := run(t, "load", "--store", db,
		filepath.Join("..", "examples", "ties.nq"), filepath.Join("..", "examples", "ties.csv"))
	if code != 0 {
		t.Fatalf("load examples: exit %d: %s", code, errs)
	}
	return db
}

func TestExportFormats(t *testing.T) {
	db := loadExamples(t)
	dir := t.TempDir()
	tests := []struct {
		format, first string // first: how the output starts
	}{
		{"gexf", `<?xml version="1.0" encoding="UTF-8"?>`},
		{"graphml", `<?xml version="1.0" encoding="UTF-8"?>`},
		{"csv", "PK\x03\x04"},
		{"nquads", "<ties:d/ties.csv> "},
		{"jsonld", `{`},
		{"jsonl", `{"document":"ties.csv",`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			out := filepath.Join(dir, "out."+tt.format)
			code, _, errs := run(t, "export", "--store", db, "--format", tt.format, "--out", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if !strings.Contains(errs, "wrote "+out) {
				t.Errorf("stderr %q does not name the file", errs)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte(tt.first)) {
				t.Errorf("output starts %q, want %q", clipBytes(data), tt.first)
			}
			// The same export on stdout gives the same bytes.
			code, stdout, errs := run(t, "export", "--store", db, "--format", tt.format)
			if code != 0 || stdout != string(data) {
				t.Errorf("stdout export: exit %d (%s), %d bytes; the file has %d", code, errs, len(stdout), len(data))
			}
		})
	}
}

// TestExportRoundTrip: export N-Quads, load them into an empty store with
// `ties load`, export again: the same bytes, the same stats.
func TestExportRoundTrip(t *testing.T) {
	db := loadExamples(t)
	backup := filepath.Join(t.TempDir(), "backup.nq")
	if code, _, errs := run(t, "export", "--store", db, "--format", "nquads", "--out", backup); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	restored := filepath.Join(t.TempDir(), "restored.db")
	if code, _, errs := run(t, "load", "--store", restored, backup); code != 0 {
		t.Fatalf("load backup: exit %d: %s", code, errs)
	}
	code, second, errs := run(t, "export", "--store", restored, "--format", "nquads")
	if code != 0 {
		t.Fatalf("second export: exit %d: %s", code, errs)
	}
	first, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if second != string(first) {
		t.Errorf("second export (%d bytes) differs from the first (%d bytes)", len(second), len(first))
	}
	if a, b := stats(t, db), stats(t, restored); a != b {
		t.Errorf("restored store %+v, original %+v", b, a)
	}
}

func TestExportFilters(t *testing.T) {
	db := loadExamples(t)
	t.Run("csv folder", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "csv") + string(filepath.Separator)
		if code, _, errs := run(t, "export", "--store", db, "--format", "csv", "--document", "ties.csv", "--out", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for name, header := range map[string]string{"nodes.csv": "Id,Label,type", "edges.csv": "Id,Source,Target,Type"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte(header)) || bytes.Count(data, []byte("\n")) < 2 {
				t.Errorf("%s = %q", name, clipBytes(data))
			}
		}
	})
	t.Run("entity", func(t *testing.T) {
		code, out, errs := run(t, "export", "--store", db, "--format", "graphml", "--entity", "gdansk", "--depth", "1")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if !strings.Contains(out, `<node id="gdansk">`) {
			t.Errorf("no gdansk node in %q", clipBytes([]byte(out)))
		}
		whole := func() string {
			_, o, _ := run(t, "export", "--store", db, "--format", "graphml")
			return o
		}()
		if strings.Count(out, "<node ") >= strings.Count(whole, "<node ") {
			t.Errorf("the neighbourhood has as many nodes as the whole store")
		}
	})
	t.Run("document quads", func(t *testing.T) {
		code, out, errs := run(t, "export", "--store", db, "--format", "nq", "--document", "ties.nq")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasSuffix(l, " <ties:d/ties.nq> .") {
				t.Fatalf("line of another document: %s", l)
			}
		}
	})
}

func TestExportErrors(t *testing.T) {
	db := loadExamples(t)
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"no format", nil, "--format is required"},
		{"unknown format", []string{"--format", "svg"}, `unknown export format "svg"`},
		{"arguments", []string{"--format", "gexf", "extra"}, "unexpected arguments"},
		{"both filters", []string{"--format", "gexf", "--document", "ties.nq", "--entity", "krakow"}, "not both"},
		{"nquads of an entity", []string{"--format", "nquads", "--entity", "krakow"}, "whole documents"},
		{"missing document", []string{"--format", "gexf", "--document", "nope.txt"}, `"nope.txt" not found`},
		{"missing entity", []string{"--format", "jsonld", "--entity", "atlantis"}, `"atlantis" not found`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"export", "--store", db, "--out", out}, tt.args...)
			code, _, errs := run(t, args...)
			if code == 0 || !strings.Contains(errs, tt.msg) {
				t.Fatalf("exit %d, stderr %q; want failure with %q", code, errs, tt.msg)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a failed export left %s behind (%v)", out, err)
			}
		})
	}
}

func clipBytes(b []byte) string {
	if len(b) > 120 {
		b = b[:120]
	}
	return string(b)
}
