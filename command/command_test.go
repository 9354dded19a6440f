package command

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// run runs the ties command in-process and returns its exit code and output.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runIn(t, "", args...)
}

// runIn is run with stdin.
func runIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func stats(t *testing.T, store string) graph.Stats {
	t.Helper()
	code, out, errs := run(t, "stats", "--store", store, "--json")
	if code != 0 {
		t.Fatalf("ties stats: exit %d: %s", code, errs)
	}
	var st graph.Stats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("stats --json output %q: %v", out, err)
	}
	return st
}

func TestLoadFolder(t *testing.T) {
	mixed := filepath.Join("testdata", "mixed")
	db := filepath.Join(t.TempDir(), "ties.db")
	for _, store := range []string{"memory", db} {
		t.Run(filepath.Base(store), func(t *testing.T) {
			code, out, errs := run(t, "load", "--store", store, mixed)
			if code != 1 {
				t.Errorf("exit code %d, want 1 (some files fail)", code)
			}
			for _, want := range []string{
				"testdata/mixed/bad.csv:3: column 2 (predicate): unknown predicate \"befriends\"",
				"testdata/mixed/empty.txt: empty file",
				"testdata/mixed/binary.txt: binary file",
				"3 errors loading 5 files",
			} {
				if !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errs)
				}
			}
			for _, hidden := range []string{".hidden", ".dotfile", "notes.pdf"} {
				if strings.Contains(errs, hidden) {
					t.Errorf("stderr mentions %s, which a folder load skips:\n%s", hidden, errs)
				}
			}
			if want := "loaded 2 documents: 3 statements, 4 entities, 3 errors"; !strings.Contains(out, want) {
				t.Errorf("summary %q lacks %q", out, want)
			}
		})
	}

	st := stats(t, db)
	if st.Documents != 2 || st.Statements != 3 || st.Entities != 4 {
		t.Errorf("stats after load: %+v, want 2 documents, 3 statements, 4 entities", st)
	}
	t.Run("again", func(t *testing.T) {
		if code, _, errs := run(t, "load", "--store", db, mixed); code != 1 {
			t.Errorf("second load: exit %d, want 1: %s", code, errs)
		}
		if again := stats(t, db); again != st {
			t.Errorf("stats after loading twice %+v, want %+v", again, st)
		}
	})
	t.Run("rm", func(t *testing.T) {
		code, out, errs := run(t, "rm", "--store", db, "good.csv", "no-such.txt")
		if code != 1 {
			t.Errorf("rm with a missing document: exit %d, want 1", code)
		}
		if !strings.Contains(out, "removed good.csv") || !strings.Contains(errs, "no-such.txt") || !strings.Contains(errs, graph.ENOTFOUND) {
			t.Errorf("rm output %q, stderr %q", out, errs)
		}
		st := stats(t, db)
		if st.Documents != 1 || st.Statements != 1 || st.Entities != 2 {
			t.Errorf("stats after rm: %+v, want 1 document (ties.nq) with 1 statement and 2 entities", st)
		}
		if code, _, errs := run(t, "rm", "--store", db, "ties.nq"); code != 0 {
			t.Errorf("rm ties.nq: exit %d: %s", code, errs)
		}
		if st := stats(t, db); st != (graph.Stats{}) {
			t.Errorf("stats after removing everything: %+v, want zeros", st)
		}
	})
	t.Run("human stats", func(t *testing.T) {
		code, out, _ := run(t, "stats", "--store", db)
		if code != 0 || !strings.Contains(out, "documents   0") {
			t.Errorf("stats: exit %d, output %q", code, out)
		}
	})
}

func TestLoadNamedFiles(t *testing.T) {
	mixed := filepath.Join("testdata", "mixed")
	t.Setenv("TIES_STORE", filepath.Join(t.TempDir(), "env.db"))
	tests := []struct {
		name  string
		paths []string
		code  int
		docs  int
		want  string // in stderr
	}{
		{"good", []string{filepath.Join(mixed, "good.csv"), filepath.Join(mixed, "sub", "ties.nq")}, 0, 2, ""},
		{"unsupported", []string{filepath.Join(mixed, "notes.pdf")}, 1, 0, `notes.pdf: unsupported file type ".pdf"`},
		{"hidden named", []string{filepath.Join(mixed, ".dotfile.csv")}, 1, 0, `.dotfile.csv:2: column 2 (predicate)`},
		{"missing", []string{filepath.Join(mixed, "nope.txt")}, 1, 0, "nope.txt: no such file"},
		{"same name twice", []string{filepath.Join(mixed, "sub", "ties.nq"), filepath.Join("..", "examples", "ties.nq")}, 1, 1, `document "ties.nq" was already loaded from`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, append([]string{"load"}, tt.paths...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errs)
			}
			if tt.want != "" && !strings.Contains(errs, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, errs)
			}
			if !strings.Contains(out, "loaded "+strconv.Itoa(tt.docs)+" documents") {
				t.Errorf("summary %q, want %d documents", out, tt.docs)
			}
		})
	}
}

// TestExtract checks that extract prints records that parse back, in
// argument order, the same on every run.
func TestExtract(t *testing.T) {
	args := []string{"extract", filepath.Join("testdata", "mixed", "sub"), filepath.Join("testdata", "mixed", "good.csv")}
	code, out, errs := run(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var docs []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		var r loaders.Record
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if r.Subject.ID == "" || r.Object.ID == "" || !r.Predicate.Valid() || r.Evidence == "" {
			t.Errorf("incomplete record %+v", r)
		}
		if len(docs) == 0 || docs[len(docs)-1] != r.Document {
			docs = append(docs, r.Document)
		}
	}
	if got := strings.Join(docs, ","); got != "ties.nq,good.csv" {
		t.Errorf("documents in order %s, want ties.nq,good.csv", got)
	}
	if _, again, _ := run(t, args...); again != out {
		t.Errorf("second run differs:\n%s\nvs\n%s", again, out)
	}

	t.Run("stdin", func(t *testing.T) {
		csv := "subject,predicate,object\nKaunas,member_of,Union of Baltic Cities\n"
		code, out, errs := runIn(t, csv, "extract", filepath.Join("testdata", "mixed", "good.csv"), "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[2], `{"document":"stdin","subject":{"id":"kaunas"`) {
			t.Errorf("output, want good.csv's 2 records then stdin's:\n%s", out)
		}
		if code, _, errs := runIn(t, "", "extract", "-"); code != 1 || !strings.Contains(errs, "stdin: empty file") {
			t.Errorf("empty stdin: exit %d, stderr %q", code, errs)
		}
	})
	t.Run("failures", func(t *testing.T) {
		code, out, errs := run(t, "extract", filepath.Join("testdata", "mixed", "empty.txt"), filepath.Join("testdata", "mixed", "good.csv"))
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(errs, "empty.txt: empty file") {
			t.Errorf("stderr %q lacks the empty file", errs)
		}
		if strings.Count(out, "\n") != 2 {
			t.Errorf("good.csv's 2 records missing from output:\n%s", out)
		}
	})
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "ties load"},
		{[]string{"load"}, 1, "no paths to load"},
		{[]string{"extract"}, 1, "no paths to extract"},
		{[]string{"rm", "--store", "memory"}, 1, "no documents to remove"},
		{[]string{"stats", "--store", "memory", "extra"}, 1, "unexpected arguments"},
		{[]string{"load", "--bogus"}, 1, "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errs := run(t, tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.want)
			}
		})
	}
}
