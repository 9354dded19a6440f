package cayley

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/graphtest"
)

func open(t *testing.T, addr string) *Store {
	t.Helper()
	s, err := Open(context.Background(), addr, Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", addr, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestMemory(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return open(t, "memory") })
}

func TestBolt(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store {
		return open(t, filepath.Join(t.TempDir(), "store"))
	})
}

func TestPostgres(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return open(t, postgresDB(t)) })
}

// postgresDB is a throwaway database for one test (graphtest.PostgresURL).
func postgresDB(t *testing.T) string {
	t.Helper()
	return graphtest.PostgresURL(t)
}

func TestBoltInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	s := open(t, dir)
	start := time.Now()
	_, err := Open(context.Background(), dir, Options{LockTimeout: 200 * time.Millisecond})
	if graph.ErrorCode(err) != graph.EINUSE {
		t.Fatalf("second Open: %v, want code %s", err, graph.EINUSE)
	}
	if want := "store " + dir + " is in use by another process"; graph.ErrorMessage(err) != want {
		t.Errorf("message %q, want %q", graph.ErrorMessage(err), want)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("second Open took %v", d)
	}
	// Once closed, the directory opens again, with its data.
	if err := s.PutDocument(context.Background(), graph.Extraction{
		Document: graph.Document{ID: "x.txt", Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := open(t, dir)
	if _, err := s2.Document(context.Background(), "x.txt"); err != nil {
		t.Errorf("reopened store: %v", err)
	}
}

// TestBoltInUseOtherProcess holds the store in a child process (this test
// binary) and checks that Open here fails fast instead of hanging.
func TestBoltInUseOtherProcess(t *testing.T) {
	if dir := os.Getenv("TIES_HOLD_STORE"); dir != "" {
		s, err := Open(context.Background(), dir, Options{})
		if err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("ready\n")
		buf := make([]byte, 1)
		os.Stdin.Read(buf) // hold until the parent closes stdin
		s.Close()
		os.Exit(0)
	}
	dir := filepath.Join(t.TempDir(), "store")
	cmd := exec.Command(os.Args[0], "-test.run=^TestBoltInUseOtherProcess$")
	cmd.Env = append(os.Environ(), "TIES_HOLD_STORE="+dir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	ready := make([]byte, 6)
	if _, err := stdout.Read(ready); err != nil || string(ready) != "ready\n" {
		t.Fatalf("child did not open the store: %q %v", ready, err)
	}
	_, err = Open(context.Background(), dir, Options{LockTimeout: 300 * time.Millisecond})
	if graph.ErrorCode(err) != graph.EINUSE {
		t.Fatalf("Open while another process holds it: %v, want %s", err, graph.EINUSE)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 0 {
			t.Fatalf("child: %v", err)
		}
	}
	open(t, dir) // free again
}

// TestReopen checks that a store keeps its documents, entities and search
// index across Close and Open (Cayley's init must accept existing tables).
func TestReopen(t *testing.T) {
	backends := []struct {
		name string
		addr func(t *testing.T) string
	}{
		{"bolt", func(t *testing.T) string { return filepath.Join(t.TempDir(), "store") }},
		{"postgres", postgresDB},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			addr := b.addr(t)
			s, err := Open(ctx, addr, Options{})
			if err != nil {
				t.Fatal(err)
			}
			x := synth(1, 10, 0)
			if err := s.PutDocument(ctx, x); err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Document(ctx, x.Document.ID); err == nil {
				t.Errorf("Document after Close succeeded")
			}
			s = open(t, addr)
			if _, err := s.Document(ctx, x.Document.ID); err != nil {
				t.Fatalf("after reopening: %v", err)
			}
			hits, err := s.Search(ctx, x.Entities[0].Name, graph.SearchOptions{})
			if err != nil || len(hits) == 0 || hits[0].Entity.ID != x.Entities[0].ID {
				t.Errorf("search after reopening: %+v %v", hits, err)
			}
		})
	}
}
