package morph

import (
	"strings"
	"unicode/utf8"
)

// minCompoundPart is the shortest head or tail, in letters, that compound
// splitting tries.
const minCompoundPart = 3

// linkingElements returns the letters that join the parts of German
// compounds (Partnerschaft-s-vertrag).
func linkingElements() []string { return []string{"s", "es", "n", "en", "er", "e"} }

// compound lemmatizes a German compound the dictionary does not list as a
// whole ("Partnerschaftsverträge" -> "Partnerschaftsvertrag"): the longest
// tail the dictionary knows is lemmatized and the head, a known word
// possibly with a linking element, is kept as written. "" when no split
// works or lang is not German.
func (d *dictionary) compound(w, orig string) string {
	if d.lang != "de" {
		return ""
	}
	n := utf8.RuneCountInString(w)
	if n < 2*minCompoundPart {
		return ""
	}
	// i walks rune boundaries from the start: head w[:i] has k letters.
	i, k := 0, 0
	for k < n-minCompoundPart {
		_, sz := utf8.DecodeRuneInString(w[i:])
		i += sz
		k++
		if k < minCompoundPart {
			continue
		}
		head, tail := w[:i], w[i:]
		if !d.knownWord(head) {
			ok := false
			for _, l := range linkingElements() {
				if h, cut := strings.CutSuffix(head, l); cut && utf8.RuneCountInString(h) >= minCompoundPart && d.knownWord(h) {
					ok = true
					break
				}
			}
			if !ok {
				continue
			}
		}
		ls := d.lemmas(tail, capitalize(tail))
		if len(ls) == 0 {
			continue
		}
		// Keep the head as written (the same number of letters of orig).
		j, m := 0, 0
		for m < k && j < len(orig) {
			_, sz := utf8.DecodeRuneInString(orig[j:])
			j += sz
			m++
		}
		return orig[:j] + lowerString(ls[0])
	}
	return ""
}

// knownWord reports whether the lowercased w has a dictionary reading.
func (d *dictionary) knownWord(w string) bool {
	found := false
	d.analyze(w, func(string, kind) bool {
		found = true
		return false
	})
	return found
}
