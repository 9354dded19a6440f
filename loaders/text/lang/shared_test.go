package lang

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir is the team's read-only corpus, next to the repository.
const sharedDir = "../../../../shared"

// TestDetectSharedCorpus checks Detect on every annotated document of the
// shared corpus against its gold language. Skips when the corpus is absent.
func TestDetectSharedCorpus(t *testing.T) {
	sets := []struct{ gold, docs string }{
		{"gold/dev.json", "dev/docs"},
		{"gold/seeds.json", "seeds"},
	}
	n, other := 0, 0
	for _, s := range sets {
		raw, err := os.ReadFile(filepath.Join(sharedDir, s.gold))
		if err != nil {
			t.Skipf("shared corpus not available (%v); skipping", err)
		}
		var gold struct {
			Documents map[string]struct {
				Language string `json:"language"`
			} `json:"documents"`
		}
		if err := json.Unmarshal(raw, &gold); err != nil {
			t.Fatalf("parse %s: %v", s.gold, err)
		}
		for name, d := range gold.Documents {
			text, err := os.ReadFile(filepath.Join(sharedDir, s.docs, name))
			if err != nil {
				t.Fatalf("read %s: %v", name, err)
			}
			n++
			if got := Detect(string(text)); got != d.Language {
				t.Errorf("Detect(%s) = %q, want %q", name, got, d.Language)
			}
			for _, sp := range DetectSentences(string(text)) {
				if sp.Lang != d.Language {
					other++
					t.Logf("%s: %d bytes in %q", name, sp.End-sp.Start, sp.Lang)
				}
			}
		}
	}
	t.Logf("%d documents checked; %d spans in another language than their document", n, other)
}
