package command

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildTies builds the ties binary into a temporary folder.
func buildTies(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "ties")
	cmd := exec.Command("go", "build", "-o", bin, "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestConcurrentLoadsSameStore runs two `ties load` processes on one bolt
// folder: while the first holds the store (it is blocked reading a FIFO
// after opening it), the second fails within seconds with "in use".
func TestConcurrentLoadsSameStore(t *testing.T) {
	bin := buildTies(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "ties.db")
	fifo := filepath.Join(dir, "slow.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	var out1, err1 bytes.Buffer
	first := exec.CommandContext(ctx, bin, "load", "--store", db, fifo)
	first.Stdout, first.Stderr = &out1, &err1
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- first.Wait() }()
	// Opening the FIFO for writing blocks until the first process opens it
	// for reading, which it does only after it opened (and locked) the store.
	opened := make(chan *os.File, 1)
	go func() {
		w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			t.Error(err)
		}
		opened <- w
	}()
	var w *os.File
	select {
	case w = <-opened:
		if w == nil {
			t.FailNow()
		}
	case err := <-exited:
		// Unblock the writer goroutine before failing.
		if r, e := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); e == nil {
			defer r.Close()
		}
		t.Fatalf("first load exited before reading its input: %v\n%s", err, err1.String())
	}

	start := time.Now()
	var out2, err2 bytes.Buffer
	second := exec.CommandContext(ctx, bin, "load", "--store", db, filepath.Join("testdata", "mixed", "good.csv"))
	second.Stdout, second.Stderr = &out2, &err2
	err := second.Run()
	took := time.Since(start)
	if code := second.ProcessState.ExitCode(); err == nil || code != 1 {
		t.Errorf("second load: exit %d (%v), want 1", code, err)
	}
	if !strings.Contains(err2.String(), "in use") {
		t.Errorf("second load's stderr lacks \"in use\":\n%s", err2.String())
	}
	if took > 15*time.Second {
		t.Errorf("second load took %s to fail", took)
	}

	// Let the first finish: it loads what comes through the FIFO.
	if _, err := w.WriteString("subject,predicate,object\nKaunas,member_of,Union of Baltic Cities\n"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if err := <-exited; err != nil {
		t.Fatalf("first load: %v\n%s", err, err1.String())
	}
	if !strings.Contains(out1.String(), "loaded 1 documents: 1 statements") {
		t.Errorf("first load's summary %q", out1.String())
	}
}
