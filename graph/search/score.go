package search

import (
	"cmp"
	"slices"
	"strings"
)

// Scores (best first): an exact name or alias 1; the query as a prefix of
// one 0.8–0.9; otherwise by tokens, where an exact token counts 1, the same
// stem with a different short ending (inflection: a common prefix of at
// least 4 runes, endings of at most 3) 0.85, a token prefix 0.7 and
// trigram similarity less; a whole-string trigram similarity (at most 0.5)
// is the fallback. An entity scores its best form; ties go to the shorter
// matched form, then the entity ID. Hits score at least MinScore.
const MinScore = 0.3

const (
	scoreInflected = 0.85
	scorePrefix    = 0.7
	tokenWeight    = 0.75 // of the token score in a form's score
	wholeWeight    = 0.5  // of the whole-string similarity
	minTokenSim    = 0.4  // the least trigram similarity of two tokens that counts
)

type gram [3]rune

// form is one name, alias or query, ready for matching.
type form struct {
	key    string // Key(text)
	grams  []gram // of the whole key, sorted, distinct
	tokens []token
}

type token struct {
	text  string
	runes []rune
	grams []gram // sorted, distinct
}

func newForm(text string) form {
	key := Key(text)
	f := form{key: key, grams: trigrams([]rune(key), nil)}
	for _, t := range strings.Fields(key) {
		r := []rune(t)
		f.tokens = append(f.tokens, token{text: t, runes: r, grams: trigrams(r, nil)})
	}
	return f
}

// score is the score of form f for query q. The index computes the same
// from its postings (see scorer); this is the definition, kept for the
// tests that check the index against it.
func score(q, f form) float64 {
	if q.key == f.key {
		return 1
	}
	if strings.HasPrefix(f.key, q.key) {
		return prefixScore(len(q.key), len(f.key))
	}
	best := wholeWeight * jaccard(q.grams, f.grams)
	if len(q.tokens) == 0 || len(f.tokens) == 0 {
		return best
	}
	var sum float64
	used := make([]bool, len(f.tokens))
	for _, qt := range q.tokens {
		bt, bi := 0.0, -1
		for i, ft := range f.tokens {
			if sc := tokenScore(qt, ft); sc > bt {
				bt, bi = sc, i
			}
		}
		if bi >= 0 {
			used[bi] = true
		}
		sum += bt
	}
	matched := 0
	for _, u := range used {
		if u {
			matched++
		}
	}
	return max(best, tokensScore(sum, len(q.tokens), matched, len(f.tokens)))
}

func prefixScore(qlen, flen int) float64 { return 0.8 + 0.1*float64(qlen)/float64(flen) }

// tokensScore combines the query tokens' best token scores (sum). Tokens
// of the name the query did not match cost a little, so "Kraków" ranks the
// city above "Kraków Technology Park".
func tokensScore(sum float64, nq, matched, nf int) float64 {
	return tokenWeight * sum / float64(nq) * (0.8 + 0.2*float64(matched)/float64(nf))
}

func tokenScore(qt, ft token) float64 {
	if sc := ruleScore(qt.runes, ft.text); sc > 0 {
		return sc
	}
	if !near(qt.runes, ft.runes) {
		return 0
	}
	if sim := jaccard(qt.grams, ft.grams); sim >= minTokenSim {
		return 0.6 * sim
	}
	return 0
}

// near reports whether a name's token b is compared with query token a by
// similarity: when they share their first five runes (four of a five-rune
// a, three of a four-rune one), or b's runes five to seven are a's (or,
// after a letter dropped or added before them, a's shifted by one: a typo,
// or a transliteration such as kh for h).
func near(a, b []rune) bool {
	if k := min(5, len(a)-1); len(a) >= 4 && len(b) >= k && slices.Equal(a[:k], b[:k]) {
		return true
	}
	if len(b) < 7 {
		return false
	}
	for d := -1; d <= 1; d++ {
		if len(a) >= 7+d && slices.Equal(a[4+d:7+d], b[4:7]) {
			return true
		}
	}
	return false
}

// packedGrams is trigrams for the hot path: each trigram packed in a
// uint64 (21 bits a rune), sorted, distinct, in buf's storage.
func packedGrams(s string, buf []uint64) []uint64 {
	out := buf[:0]
	var a, b uint64 = ' ', ' '
	for _, r := range s {
		c := uint64(r)
		out = append(out, a<<42|b<<21|c)
		a, b = b, c
	}
	out = append(out, a<<42|b<<21|' ')
	slices.Sort(out)
	return slices.Compact(out)
}

// packedOverlap counts the trigrams two sorted packed sets share.
func packedOverlap(a, b []uint64) int {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return inter
}

// ruleScore scores token b for query token a by the exact, inflection and
// prefix rules; 0 when none applies.
func ruleScore(a []rune, b string) float64 {
	p, lb := 0, 0
	for _, r := range b {
		if p == lb && p < len(a) && a[p] == r {
			p++
		}
		lb++
	}
	switch {
	case p == len(a) && p == lb:
		return 1
	case p >= 4 && len(a)-p <= 3 && lb-p <= 3:
		return scoreInflected // same stem, different ending: an inflected form
	case p == len(a) && p >= 3:
		return scorePrefix // the query token starts the name's token
	}
	return 0
}

// jaccard is the Jaccard similarity of two sorted trigram sets.
func jaccard(a, b []gram) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := overlap(a, b)
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// overlap counts the trigrams two sorted sets share.
func overlap(a, b []gram) int {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := cmpGram(a[i], b[j]); {
		case c == 0:
			inter++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return inter
}

func cmpGram(a, b gram) int {
	for i := range a {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	return 0
}

// trigrams returns the padded trigrams of r ("  x", " xy", …, "z "),
// sorted and distinct, in buf's storage.
func trigrams(r []rune, buf []gram) []gram {
	out := buf[:0]
	at := func(i int) rune {
		if i < 2 || i-2 >= len(r) {
			return ' '
		}
		return r[i-2]
	}
	for i := 0; i+3 <= len(r)+3; i++ {
		out = append(out, gram{at(i), at(i + 1), at(i + 2)})
	}
	slices.SortFunc(out, cmpGram)
	return slices.Compact(out)
}
