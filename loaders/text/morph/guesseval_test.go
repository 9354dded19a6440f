package morph

import (
	"strings"
	"testing"
)

// TestGuessHeldOut measures the suffix rules on proper names the
// dictionaries list: every form the dictionary generates from a sampled
// capitalized stem is guessed by an Analyzer without dictionaries (so the
// stem cannot be looked up), and the stem should come first. Inflected
// singular forms only: the stem itself would test nothing but the identity
// rule, and the model leaves plurals out (see pluralForm).
func TestGuessHeldOut(t *testing.T) {
	if testing.Short() {
		t.Skip("learns three models; skipped in -short mode")
	}
	floor := map[string]float64{"pl": 0.85, "uk": 0.72, "lt": 0.75}
	full := openSystem(t, "pl", "uk", "lt")
	for _, lang := range []string{"pl", "uk", "lt"} {
		d := full.dicts[lang]
		// Learn from nine tenths of the names, test on the rest, without
		// the dictionary boost (the test names are listed).
		heldOut := func(i int) bool { return i%10 == 3 }
		m := d.buildModel(func(i int) bool { return !heldOut(i) })
		guessOf := func(f string) []string {
			return rankGuesses(full.guessers[lang], m, nil, f, lowerString(f))
		}
		modelOnly, rulesOnly := 0, 0
		top1, top3, n := 0, 0, 0
		var misses []string
		for i := 3; i < len(d.entries) && n < 4000; i += 10 * 7 {
			e := &d.entries[i]
			if !isCapitalized(e.form) || len(d.flagsets[e.flags]) == 0 || strings.ContainsAny(e.form, "-. ") {
				continue
			}
			all := full.Forms(lang, e.form)
			lower := make([]string, len(all))
			for i, f := range all {
				lower[i] = lowerString(f)
			}
			// Feminine forms of adjectival names have the feminine as base.
			fem := feminineBase(lang, lowerString(e.form), lower)
			for _, f := range all {
				want := e.form
				if fem != "" && feminineForm(lang, lowerString(f)) {
					want = capitalize(fem)
				}
				if f == want || pluralForm(lang, lowerString(e.form), lowerString(f)) {
					continue
				}
				n++
				g := guessOf(f)
				if g := rankGuesses(nil, m, nil, f, lowerString(f)); g[0] == want {
					modelOnly++
				}
				if g := rankGuesses(full.guessers[lang], nil, nil, f, lowerString(f)); g[0] == want {
					rulesOnly++
				}
				switch {
				case len(g) > 0 && g[0] == want:
					top1++
					top3++
				case len(g) > 2 && (g[1] == want || g[2] == want), len(g) == 2 && g[1] == want:
					top3++
					fallthrough
				default:
					if len(misses) < 30 {
						misses = append(misses, f+"→"+strings.Join(g[:min(len(g), 3)], "|")+" want "+want)
					}
				}
			}
		}
		r1, r3 := float64(top1)/float64(n), float64(top3)/float64(n)
		t.Logf("%s: %d forms of sampled names; stem first %.1f%%, in top 3 %.1f%% (model alone %.1f%%, rules alone %.1f%%)",
			lang, n, 100*r1, 100*r3, 100*float64(modelOnly)/float64(n), 100*float64(rulesOnly)/float64(n))
		if testing.Verbose() {
			t.Logf("%s misses: %s", lang, strings.Join(misses, ", "))
		}
		if r1 < floor[lang] {
			t.Errorf("%s: stem first for %.3f of forms, under %.2f", lang, r1, floor[lang])
		}
	}
}
