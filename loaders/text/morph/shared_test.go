package morph

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/ties-graph/ties/internal/sharedcorpus"
)

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
	docs := sharedcorpus.Documents(t)
	a := openSystem(t, "pl", "uk", "lt", "en")
	floor := map[string]float64{"pl": 0.85, "uk": 0.85, "lt": 0.80, "en": 0.90}
	known, total := map[string]int{}, map[string]int{}
	var all [][2]string
	for _, d := range docs {
		if !a.Has(d.Lang) {
			continue
		}
		for _, w := range words(d.Text) {
			total[d.Lang]++
			if a.Known(d.Lang, w) {
				known[d.Lang]++
			}
			all = append(all, [2]string{d.Lang, w})
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
