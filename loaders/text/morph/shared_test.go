package morph

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// sharedDir is the team's read-only corpus, next to the repository.
const sharedDir = "../../../../shared"

type sharedDoc struct {
	name, lang, text string
}

// readShared loads the annotated documents of the shared corpus with their
// gold language, skipping the test when the corpus is absent.
func readShared(t testing.TB) []sharedDoc {
	t.Helper()
	var docs []sharedDoc
	for _, s := range []struct{ gold, dir string }{{"gold/dev.json", "dev/docs"}, {"gold/seeds.json", "seeds"}} {
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
			text, err := os.ReadFile(filepath.Join(sharedDir, s.dir, name))
			if err != nil {
				t.Fatalf("read %s: %v", name, err)
			}
			docs = append(docs, sharedDoc{name, d.Language, string(text)})
		}
	}
	return docs
}

// words splits text into letter runs (apostrophes kept inside words).
func words(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != 'ʼ'
	})
}

// TestSharedCorpusCoverage measures, per language, the share of word
// tokens of the shared documents that the dictionary analyses, and the
// speed of Lemma on them. The coverage floors are well under what the
// dictionaries reach, so that a broken parser or stemmer fails loudly.
func TestSharedCorpusCoverage(t *testing.T) {
	docs := readShared(t)
	a := openSystem(t, "pl", "uk", "lt", "en")
	floor := map[string]float64{"pl": 0.85, "uk": 0.85, "lt": 0.80, "en": 0.90}
	known, total := map[string]int{}, map[string]int{}
	var all [][2]string
	for _, d := range docs {
		if !a.Has(d.lang) {
			continue
		}
		for _, w := range words(d.text) {
			total[d.lang]++
			if a.Known(d.lang, w) {
				known[d.lang]++
			}
			all = append(all, [2]string{d.lang, w})
		}
	}
	for lang, n := range total {
		cov := float64(known[lang]) / float64(n)
		t.Logf("%s: %d of %d word tokens known to the dictionary (%.1f%%)", lang, known[lang], n, 100*cov)
		if f, ok := floor[lang]; ok && cov < f {
			t.Errorf("%s coverage %.3f under %.2f", lang, cov, f)
		}
	}
	nc, err := Open(t.Context(), Options{Langs: []string{"pl", "uk", "lt", "en"}, Logger: quiet(), CacheSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range all {
		nc.Lemma(w[0], w[1]) // learn the guess models first
	}
	start := time.Now()
	for _, w := range all {
		nc.Lemma(w[0], w[1])
	}
	el := time.Since(start)
	t.Logf("uncached Lemma: %d tokens in %v (%.2f µs/token)", len(all), el, float64(el.Microseconds())/float64(len(all)))
	// With the cache, from empty, one pass: what a batch of new documents costs.
	c, err := Open(t.Context(), Options{Langs: []string{"pl", "uk", "lt", "en"}, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"pl", "uk", "lt", "en"} {
		c.Guess(l, "Xyz")
	}
	start = time.Now()
	for _, w := range all {
		c.Lemma(w[0], w[1])
	}
	el = time.Since(start)
	t.Logf("cached Lemma, one pass from empty: %.2f µs/token, %.0f µs per document of %d",
		float64(el.Microseconds())/float64(len(all)), float64(el.Microseconds())/float64(len(docs)), len(docs))
}
