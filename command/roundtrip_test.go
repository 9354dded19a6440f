package command

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/ties-graph/ties/export"
	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/structured"
)

// TestExportLoadsAgain stores documents in a bolt store, dumps every quad
// of it as N-Quads (what an export of ties is), and loads that file with
// the N-Quads loader: the same ties come back, with their evidence.
func TestExportLoadsAgain(t *testing.T) {
	ctx := context.Background()
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Getenv: func(string) string { return "" }}
	reg, err := newLoader(ctx, env, false)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "ties.db")
	store, err := openStore(ctx, env, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, f := range []string{"en-ombudsman-meeting.txt", "ties.csv", "ties.nq"} {
		path := filepath.Join("..", "examples", f)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		x, err := reg.Load(ctx, loaders.Input{Name: f, Source: path, Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if err := store.PutDocument(ctx, x); err != nil {
			t.Fatal(err)
		}
		for _, s := range x.Statements {
			want[tieKey(s)] = true
		}
	}
	if len(want) < 5 {
		t.Fatalf("only %d ties loaded from the examples", len(want))
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}

	qs, err := cgraph.NewQuadStore("bolt", dir, nil)
	if err != nil {
		t.Fatalf("open bolt directly: %v", err)
	}
	var dump bytes.Buffer
	w := nquads.NewWriter(&dump)
	n, err := quad.Copy(w, cgraph.NewQuadStoreReader(qs))
	qs.Close()
	if err != nil {
		t.Fatalf("dump quads: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	x, err := (&structured.NQuads{}).Load(ctx, loaders.Input{Name: "export.nq", Data: dump.Bytes()})
	if err != nil {
		t.Fatalf("load the export (%d quads): %v", n, err)
	}
	got := map[string]bool{}
	for _, s := range x.Statements {
		got[tieKey(s)] = true
		if s.Subject.Name == "" || s.Subject.Type == "" {
			t.Errorf("subject of %s lost its name or type: %+v", tieKey(s), s.Subject)
		}
	}
	for _, k := range sorted(want) {
		if !got[k] {
			t.Errorf("tie lost in the export: %s", k)
		}
	}
	for _, k := range sorted(got) {
		if !want[k] {
			t.Errorf("tie the export did not hold: %s", k)
		}
	}
}

// tieKey is what an export must keep of a statement.
func tieKey(s graph.Statement) string {
	return fmt.Sprintf("%s -%s-> %s conf=%.2f rule=%s from=%s until=%s %q",
		s.Subject.ID, s.Predicate, s.Object.ID, s.Confidence, s.Rule, s.Start, s.End, s.Evidence.Sentence)
}

func sorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestLoadBackup loads a store's N-Quads export into an empty store: every
// document comes back as it was, under its own ID.
func TestLoadBackup(t *testing.T) {
	ctx := context.Background()
	tmp := t.TempDir()
	src, dst := filepath.Join(tmp, "src.db"), filepath.Join(tmp, "dst.db")
	if code, _, errs := run(t, "load", "--store", src, filepath.Join("..", "examples")); code != 0 {
		t.Fatalf("load examples: exit %d: %s", code, errs)
	}
	env := &Env{Stdout: io.Discard, Stderr: io.Discard, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	store, err := openStore(ctx, env, src)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(tmp, "backup.nq")
	f, err := os.Create(backup)
	if err != nil {
		t.Fatal(err)
	}
	werr := export.Write(ctx, f, store, export.Options{Format: export.NQuads})
	f.Close()
	store.Close()
	if werr != nil {
		t.Fatalf("export: %v", werr)
	}

	code, out, errs := run(t, "load", "--store", dst, backup)
	if code != 0 {
		t.Fatalf("load backup: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "loaded 9 documents") {
		t.Errorf("summary %q, want the 9 example documents", out)
	}
	if a, b := stats(t, src), stats(t, dst); a != b {
		t.Errorf("restored store %+v, original %+v", b, a)
	}
}
