package command

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ties-graph/ties/internal/sharedcorpus"
)

// TestExtractSeedsScores runs `ties extract` on the seed documents and feeds
// the output to the scorer, as the README's evaluation step does.
func TestExtractSeedsScores(t *testing.T) {
	sharedDir := sharedcorpus.Path(t)
	seeds, _ := filepath.Glob(filepath.Join(sharedDir, "seeds", "*.txt"))
	if len(seeds) == 0 {
		t.Skipf("no seed documents under %s/seeds: the shared corpus is absent", sharedDir)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed: cannot run eval/score.py")
	}
	code, out, errs := run(t, append([]string{"extract"}, seeds...)...)
	if code != 0 {
		t.Fatalf("ties extract: exit %d:\n%s", code, errs)
	}
	pred := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(pred, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join(sharedDir, "eval", "score.py"),
		"--gold", filepath.Join(sharedDir, "gold", "seeds.json"), "--pred", pred)
	score, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, score)
	}
	m := regexp.MustCompile(`precision=([0-9.]+) recall=([0-9.]+) f1=([0-9.]+)`).FindStringSubmatch(string(score))
	if m == nil {
		t.Fatalf("score.py printed no scores:\n%s", score)
	}
	t.Logf("seeds: %s (%d records)", m[0], strings.Count(out, "\n"))
	if m[2] == "0.000" {
		t.Errorf("extract found none of the gold relations: %s", m[0])
	}
}
