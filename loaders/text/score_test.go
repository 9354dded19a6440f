package text

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ties-graph/ties/internal/sharedcorpus"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/text/morph"
)

type scoreResult struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Several   int     `json:"entities_in_several_documents"`
	Merged    int     `json:"merged"`
}

// score runs the extractor over files, writes the records and scores them
// with the shared scorer.
func score(t *testing.T, x *Extractor, scorer, gold string, files []string) scoreResult {
	t.Helper()
	var buf bytes.Buffer
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ex, err := x.Load(context.Background(), loaders.Input{Name: filepath.Base(f), Source: f, Data: data})
		if err != nil {
			t.Fatalf("Load %s: %v", f, err)
		}
		if err := loaders.WriteRecords(&buf, loaders.Records(ex)); err != nil {
			t.Fatal(err)
		}
	}
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := os.WriteFile(pred, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", scorer, "--gold", gold, "--pred", pred, "--json").Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	var r scoreResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("score.py output: %v", err)
	}
	return r
}

// TestScores measures the extractor on the shared seeds and dev documents
// and on the package's own composed documents, and fails below floors set
// just under the scores reached, so regressions show.
func TestScores(t *testing.T) {
	if testing.Short() {
		t.Skip("scoring runs python3; skipped in -short mode")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not found: cannot run score.py")
	}
	shared, err := sharedcorpus.Dir()
	if _, serr := os.Stat(filepath.Join(shared, "eval", "score.py")); err != nil || serr != nil {
		shared = ""
	}
	// The ties command runs with the hunspell dictionaries: score that
	// set-up too when they are installed.
	withMorph := map[bool]*Extractor{false: extractor(t)}
	if _, err := os.Stat(morph.DefaultDir); err == nil {
		an, err := morph.Open(context.Background(), morph.Options{Dir: morph.DefaultDir, Logger: slog.New(slog.DiscardHandler)})
		if err != nil {
			t.Fatalf("morph.Open: %v", err)
		}
		x, err := New(context.Background(), Options{Morph: an})
		if err != nil {
			t.Fatal(err)
		}
		withMorph[true] = x
	}
	tests := []struct {
		name, gold, glob string
		needShared       bool
		minP, minF1      float64
	}{
		{"seeds", "gold/seeds.json", "seeds/*.txt", true, 0.97, 0.96},
		{"dev", "gold/dev.json", "dev/docs/*.txt", true, 0.97, 0.94},
		{"composed", "", "", false, 0.98, 0.97},
	}
	for _, tc := range tests {
		for _, useMorph := range []bool{false, true} {
			x := withMorph[useMorph]
			name := tc.name
			if useMorph {
				name += "+morph"
			}
			t.Run(name, func(t *testing.T) {
				if x == nil {
					t.Skipf("no hunspell dictionaries in %s", morph.DefaultDir)
				}
				if shared == "" {
					t.Skip("../shared with eval/score.py is absent: cannot score")
				}
				scorer := filepath.Join(shared, "eval", "score.py")
				gold := filepath.Join(shared, tc.gold)
				files, _ := filepath.Glob(filepath.Join(shared, tc.glob))
				if !tc.needShared {
					gold = filepath.Join("testdata", "composed", "gold.json")
					files, _ = filepath.Glob(filepath.Join("testdata", "composed", "*.txt"))
				}
				if len(files) == 0 {
					t.Skipf("no documents for %s", tc.name)
				}
				r := score(t, x, scorer, gold, files)
				t.Logf("%s: precision=%.3f recall=%.3f f1=%.3f; entities in several documents %d, one node %d",
					name, r.Precision, r.Recall, r.F1, r.Several, r.Merged)
				if r.Precision < tc.minP || r.F1 < tc.minF1 {
					t.Errorf("%s below floor: precision %.3f (min %.2f), f1 %.3f (min %.2f)", name, r.Precision, tc.minP, r.F1, tc.minF1)
				}
			})
		}
	}
}
