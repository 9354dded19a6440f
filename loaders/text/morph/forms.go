package morph

import (
	"strings"
)

// Forms returns the word forms the lang dictionary generates from lemma
// (the lemma itself, then its affixed forms), spelled with the lemma's
// capitalization; nil when the dictionary does not list lemma as a stem.
// Gazetteers use it to match inflected mentions of a known name.
func (a *Analyzer) Forms(lang, lemma string) []string {
	d := a.dicts[lang]
	if d == nil {
		return nil
	}
	w := d.normalize(lemma)
	if w == "" {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	wantCap := isCapitalized(lemma)
	// Entries whose capitalization matches lemma first; others only when
	// none matches.
	var entries []*entry
	for pass := 0; pass < 2 && len(entries) == 0; pass++ {
		d.lookup(w, func(e *entry, fl []flag) bool {
			if d.usable(fl) && (pass == 1 || isCapitalized(e.form) == wantCap) {
				entries = append(entries, e)
			}
			return true
		})
	}
	upper := isAllUpper(lemma)
	for _, e := range entries {
		fl := d.flagsets[e.flags]
		base := lowerString(e.form)
		spell := func(f string) {
			// The dictionary's capitalization of the stem carries over.
			switch {
			case upper:
				f = strings.ToUpper(f)
			case isCapitalized(e.form):
				f = capitalize(f)
			}
			add(f)
		}
		if !hasFlag(fl, d.aff.needAffix) {
			spell(base)
		}
		d.generate(base, fl, spell)
	}
	return out
}

// generate applies the affix rules allowed by fl to the lowercased stem.
func (d *dictionary) generate(stem string, fl []flag, add func(string)) {
	a := d.aff
	type sfxForm struct {
		form string
		r    *affix
	}
	var sfxForms []sfxForm
	for _, f := range fl {
		for _, r := range a.sfxByFlag[f] {
			if !strings.HasSuffix(stem, r.strip) || !r.cond.matchEnd(stem) {
				continue
			}
			form := stem[:len(stem)-len(r.strip)] + r.add
			if form == "" {
				continue
			}
			add(form)
			sfxForms = append(sfxForms, sfxForm{form, r})
			// Twofold: the rule's continuation classes apply to its output.
			for _, c := range r.cont {
				for _, r2 := range a.sfxByFlag[c] {
					if strings.HasSuffix(form, r2.strip) && r2.cond.matchEnd(form) {
						add(form[:len(form)-len(r2.strip)] + r2.add)
					}
				}
			}
		}
	}
	for _, f := range fl {
		for _, r := range a.pfxByFlag[f] {
			if !strings.HasPrefix(stem, r.strip) || !r.cond.matchStart(stem) {
				continue
			}
			add(r.add + stem[len(r.strip):])
			if !r.cross {
				continue
			}
			for _, sf := range sfxForms {
				if sf.r.cross && strings.HasPrefix(sf.form, r.strip) {
					add(r.add + sf.form[len(r.strip):])
				}
			}
		}
	}
}

// capitalize uppercases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
