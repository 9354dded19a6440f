package cayley

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ties-graph/ties/graph"
)

// crashExit is the exit code of the child process that dies at the
// failpoint in TestBoltReplaceCrash.
const crashExit = 42

// TestBoltReplaceCrash kills a process in the middle of a shrinking replace
// on bolt (between the additions and the removals, where a two-transaction
// write would have committed the first) and checks that the reopened store
// holds exactly the old version of the document: nothing of the new one,
// nothing of the old one missing.
func TestBoltReplaceCrash(t *testing.T) {
	v1, v2 := synth(1, 10, 0), synth(1, 10, 1)
	if dir := os.Getenv("TIES_CRASH_STORE"); dir != "" {
		crashChild(dir, v1, v2)
		return
	}
	dir := filepath.Join(t.TempDir(), "store")
	cmd := exec.Command(os.Args[0], "-test.run=^TestBoltReplaceCrash$")
	cmd.Env = append(os.Environ(), "TIES_CRASH_STORE="+dir)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != crashExit {
		t.Fatalf("child did not die at the failpoint: %v\n%s", err, out)
	}

	ctx := context.Background()
	want := open(t, "memory")
	if err := want.PutDocument(ctx, v1); err != nil {
		t.Fatal(err)
	}
	s := open(t, dir)
	got := quadSet(t, s, v1.Document.ID)
	old := quadSet(t, want, v1.Document.ID)
	if len(old) == 0 {
		t.Fatal("no quads for the old version")
	}
	for q := range got {
		if !old[q] {
			t.Errorf("after the crash the store holds %s, not in the old version", q)
		}
	}
	for q := range old {
		if !got[q] {
			t.Errorf("after the crash the store lacks %s of the old version", q)
		}
	}
	gs, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := want.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gs.Quads != ws.Quads || gs.Statements != ws.Statements {
		t.Errorf("stats after the crash %+v, want %+v", gs, ws)
	}
	// And the store still takes the new version.
	if err := s.PutDocument(ctx, v2); err != nil {
		t.Fatal(err)
	}
	if st, err := s.DocumentStatements(ctx, v2.Document.ID); err != nil || len(st) != len(v2.Statements) {
		t.Errorf("after replacing: %d statements, %v; want %d", len(st), err, len(v2.Statements))
	}
}

// crashChild stores v1, then dies halfway through replacing it with v2.
func crashChild(dir string, v1, v2 graph.Extraction) {
	ctx := context.Background()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		os.Stderr.WriteString("open: " + err.Error() + "\n")
		os.Exit(3)
	}
	if err := s.PutDocument(ctx, v1); err != nil {
		os.Stderr.WriteString("put v1: " + err.Error() + "\n")
		os.Exit(3)
	}
	s.afterAdds = func() { os.Exit(crashExit) }
	err = s.PutDocument(ctx, v2)
	os.Stderr.WriteString("the replace finished without reaching the failpoint\n")
	if err != nil {
		os.Stderr.WriteString("put v2: " + err.Error() + "\n")
	}
	os.Exit(4)
}

// quadSet returns the document's quads as strings.
func quadSet(t *testing.T, s *Store, id string) map[string]bool {
	t.Helper()
	qs, _, err := s.documentQuads(context.Background(), id)
	if err != nil {
		t.Fatalf("quads of %s: %v", id, err)
	}
	out := make(map[string]bool, len(qs))
	for _, q := range qs {
		out[q.String()] = true
	}
	return out
}
