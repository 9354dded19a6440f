package command

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBench(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in the report file (code 0) or on stderr
	}{
		{"tiny memory run", []string{"--quads", "2k", "--backends", "memory", "--queries", "5", "--replace", "1", "--extract", "0", "--search-entities", "0"}, 0,
			"## memory, 2k quads"},
		{"search index alone", []string{"--quads", "2k", "--backends", "memory", "--queries", "5", "--replace", "1", "--extract", "0", "--search-entities", "3000"}, 0,
			"## Search index, 3k entities"},
		{"bad size", []string{"--quads", "lots"}, 1, `size "lots"`},
		{"unknown backend", []string{"--quads", "2k", "--backends", "sqlite"}, 1, `unknown backend "sqlite"`},
		{"postgres without URL", []string{"--quads", "2k", "--backends", "postgres=1k"}, 1, "needs a URL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if os.Getenv("TIES_TEST_POSTGRES") != "" && strings.Contains(tc.want, "needs a URL") {
				t.Skip("TIES_TEST_POSTGRES is set: ties bench takes the URL from it")
			}
			out := filepath.Join(t.TempDir(), "BENCHMARKS.md")
			var stdout, stderr bytes.Buffer
			env := []string{"bench", "--out", out, "--dir", t.TempDir()}
			code := Main(context.Background(), append(env, tc.args...), strings.NewReader(""), &stdout, &stderr)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			got := stderr.String()
			if code == 0 {
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				got = string(b)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("want %q in:\n%s", tc.want, got)
			}
		})
	}
}
