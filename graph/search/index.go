// Package search is the fuzzy name index behind graph.Store.Search: every
// entity with its names and aliases, found by any of them whatever their
// case, diacritics, script (Cyrillic is transliterated), inflection or small
// misspellings.
//
// Entities are numbered (int32) and names are split into tokens, each
// stored once in a vocabulary. A token's posting list holds the numbers of
// the entities using it, sorted; a token used by one entity (most stems)
// keeps that number inline. The vocabulary is indexed twice: by the first
// four runes, each list sorted by text (exact, prefix, inflected and
// similar matches are ranges of it), and by runes five to seven (similar
// tokens with a typo among the first four). A search first finds the
// vocabulary tokens that can score for each query token, then reads the
// entities of the cheapest query tokens, bounding each one's best possible
// score, and scores exactly only the candidates whose bound can still
// enter the top k (see Search).
//
// Scores are those of the definition in score.go, where two tokens are
// compared by trigram similarity only when near (see near): a misspelt
// token is found when it keeps its first five runes (fewer in short
// tokens) or runes five to seven. (Trigram lists over a million names'
// tokens are too long to read: names built from common syllables share
// few trigrams.) And an entity is
// a candidate only through a token that scores for a query token, so a
// name matched by its whole-string similarity alone (words run together:
// "Katomatinklas" for "Katoma tinklas") is not found.
package search

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
)

// Index holds entities for search. Search may run concurrently with other
// Searches; Put and Remove need the caller's exclusive lock (the store's
// write lock), as they change shared posting lists in place.
type Index struct {
	ids   map[string]int32 // entity ID → entity number
	slots []slot           // by entity number; a free slot has no ID
	free  []int32          // free entity numbers, reused first

	vocab  map[string]int32 // token → token number
	tokens []string         // by token number; "" once unused (numbers are not reused, so lists stay sorted by append)
	tlen   []uint8          // runes of each token (255 or more: 255), read without touching the text
	// one is the posting of a token used by exactly one entity; -1 none,
	// -2 the list is in many.
	one  []int32
	many map[int32][]int32
	// pre4 lists the tokens by their first four runes (a three-rune token
	// under itself), sorted by text; ext lists the pre4 keys by their
	// first three runes.
	pre4 map[string][]int32
	ext  map[string][]string
	// mid3 lists the tokens by middle runes (see midKeys).
	mid3 map[string][]int32

	pool sync.Pool // *scratch
}

type slot struct {
	e graph.Entity
	// forms holds each distinct form (by key): -(i+1) where i is the
	// text's place in Name, Aliases..., then the key's token numbers.
	forms []int32
}

// New returns an empty index.
func New() *Index {
	return &Index{ids: map[string]int32{}, vocab: map[string]int32{}, many: map[int32][]int32{},
		pre4: map[string][]int32{}, ext: map[string][]string{}, mid3: map[string][]int32{}}
}

// Len is the number of entities.
func (ix *Index) Len() int { return len(ix.ids) }

// Entity returns a copy of the entity with this ID.
func (ix *Index) Entity(id string) (graph.Entity, bool) {
	n, ok := ix.ids[id]
	if !ok {
		return graph.Entity{}, false
	}
	e := ix.slots[n].e
	e.Aliases = slices.Clone(e.Aliases)
	e.Languages = slices.Clone(e.Languages)
	return e, true
}

// Key is the form a name is compared in: folded, Cyrillic transliterated,
// its tokens joined by single spaces.
func Key(text string) string {
	return strings.Join(strings.Fields(graph.Latin(graph.Fold(text))), " ")
}

// Put adds the entity or replaces the one with its ID. Only the tokens
// that appear or disappear with the change touch posting lists, so
// re-putting a much-mentioned entity with the same names costs no posting
// work.
func (ix *Index) Put(e graph.Entity) {
	if e.ID == "" {
		return
	}
	n, ok := ix.ids[e.ID]
	if ok {
		e.ID = ix.slots[n].e.ID // the index's own copy
	} else {
		e.ID = strings.Clone(e.ID) // not part of a larger string the index would keep alive
		if k := len(ix.free); k > 0 {
			n, ix.free = ix.free[k-1], ix.free[:k-1]
		} else {
			n = int32(len(ix.slots))
			ix.slots = append(ix.slots, slot{})
		}
		ix.ids[e.ID] = n
	}
	old := ix.slots[n].forms
	if ok && sameNames(ix.slots[n].e, e) {
		ix.slots[n].e = e // the same forms: no posting changes
		return
	}
	forms := ix.formsOf(e)
	ix.slots[n] = slot{e: e, forms: forms}
	was, now := tokenSet(old), tokenSet(forms)
	for _, t := range now {
		if _, in := slices.BinarySearch(was, t); !in {
			ix.post(t, n)
		}
	}
	for _, t := range was {
		if _, in := slices.BinarySearch(now, t); !in {
			ix.unpost(t, n)
		}
	}
}

// sameNames reports whether a and b have the same forms to index.
func sameNames(a, b graph.Entity) bool {
	return a.Name == b.Name && slices.Equal(a.Aliases, b.Aliases)
}

// Remove drops the entity with this ID, if any.
func (ix *Index) Remove(id string) {
	n, ok := ix.ids[id]
	if !ok {
		return
	}
	for _, t := range tokenSet(ix.slots[n].forms) {
		ix.unpost(t, n)
	}
	delete(ix.ids, id)
	ix.slots[n] = slot{}
	ix.free = append(ix.free, n)
}

// formsOf encodes the entity's distinct forms, creating vocabulary tokens.
// It never returns an empty slice for an entity with a name, and returns
// one marker for an entity without any, so that forms[0] exists.
func (ix *Index) formsOf(e graph.Entity) []int32 {
	var out []int32
	var keys []string
	for i, text := range append([]string{e.Name}, e.Aliases...) {
		toks := strings.Fields(graph.Latin(graph.Fold(text)))
		if len(toks) == 0 {
			continue
		}
		key := strings.Join(toks, " ")
		if slices.Contains(keys, key) {
			continue
		}
		keys = append(keys, key)
		out = append(out, -int32(i+1))
		for _, tok := range toks {
			out = append(out, ix.token(tok))
		}
	}
	if len(out) == 0 {
		out = []int32{-1}
	}
	return slices.Clip(out)
}

// tokenSet is the sorted distinct token numbers of encoded forms.
func tokenSet(forms []int32) []int32 {
	var out []int32
	for _, t := range forms {
		if t >= 0 {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// token returns the number of tok, adding it to the vocabulary when new
// (with an empty posting list: the caller posts it).
func (ix *Index) token(tok string) int32 {
	if t, ok := ix.vocab[tok]; ok {
		return t
	}
	tok = strings.Clone(tok) // not a slice of a longer name
	t := int32(len(ix.tokens))
	ix.vocab[tok] = t
	ix.tokens = append(ix.tokens, tok)
	ix.tlen = append(ix.tlen, uint8(min(utf8.RuneCountInString(tok), 255)))
	ix.one = append(ix.one, -1)
	for _, k := range midKeys(tok) {
		ix.mid3[k] = append(ix.mid3[k], t)
	}
	if k, ok := pre4Key(tok); ok {
		l := ix.pre4[k]
		if len(l) == 0 {
			k3 := firstRunes(k, 3)
			ix.ext[k3] = append(ix.ext[k3], k)
		}
		i, _ := slices.BinarySearchFunc(l, tok, ix.cmpText)
		ix.pre4[k] = slices.Insert(l, i, t)
	}
	return t
}

// dropToken removes an unused token from the vocabulary.
func (ix *Index) dropToken(t int32) {
	tok := ix.tokens[t]
	delete(ix.vocab, tok)
	defer func() { ix.tokens[t] = "" }() // after the lists sorted by text let it go
	for _, k := range midKeys(tok) {
		if l := without(ix.mid3[k], t); len(l) > 0 {
			ix.mid3[k] = l
		} else {
			delete(ix.mid3, k)
		}
	}
	if k, ok := pre4Key(tok); ok {
		l := ix.pre4[k]
		if i, ok := slices.BinarySearchFunc(l, tok, ix.cmpText); ok {
			l = slices.Delete(l, i, i+1)
		}
		if len(l) > 0 {
			ix.pre4[k] = l
		} else {
			delete(ix.pre4, k)
			k3 := firstRunes(k, 3)
			if l := slices.DeleteFunc(ix.ext[k3], func(s string) bool { return s == k }); len(l) > 0 {
				ix.ext[k3] = l
			} else {
				delete(ix.ext, k3)
			}
		}
	}
}

// pre4Key is the key a token is listed under in pre4: its first four
// runes, or the whole token of three; shorter tokens are not listed (no
// prefix or inflection rule applies to them).
func pre4Key(tok string) (string, bool) {
	switch n := utf8.RuneCountInString(tok); {
	case n < 3:
		return "", false
	case n == 3:
		return tok, true
	}
	return firstRunes(tok, 4), true
}

// midKeys are the keys a token is listed under in mid3: runes five to
// seven of a token of seven runes or more.
func midKeys(tok string) []string {
	if r := []rune(tok); len(r) >= 7 {
		return []string{string(r[4:7])}
	}
	return nil
}

// cmpText orders token numbers by their text.
func (ix *Index) cmpText(t int32, text string) int { return strings.Compare(ix.tokens[t], text) }

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// without removes x from the sorted list l.
func without(l []int32, x int32) []int32 {
	if i, ok := slices.BinarySearch(l, x); ok {
		l = slices.Delete(l, i, i+1)
	}
	if cap(l) > 32 && len(l) < cap(l)/4 {
		l = slices.Clip(slices.Clone(l))
	}
	return l
}

// post adds entity n to token t's posting list.
func (ix *Index) post(t, n int32) {
	switch o := ix.one[t]; {
	case o == -1:
		ix.one[t] = n
	case o >= 0:
		ix.one[t] = -2
		ix.many[t] = []int32{min(o, n), max(o, n)}
	default:
		l := ix.many[t]
		i, _ := slices.BinarySearch(l, n)
		ix.many[t] = slices.Insert(l, i, n)
	}
}

// unpost removes entity n from token t's posting list, and the token from
// the vocabulary when no entity uses it any more.
func (ix *Index) unpost(t, n int32) {
	switch o := ix.one[t]; {
	case o == n:
		ix.one[t] = -1
		ix.dropToken(t)
	case o == -2:
		l := without(ix.many[t], n)
		if len(l) == 1 {
			ix.one[t] = l[0]
			delete(ix.many, t)
		} else {
			ix.many[t] = l
		}
	}
}

// posting returns token t's entities (buf holds a single one).
func (ix *Index) posting(t int32, buf *[1]int32) []int32 {
	switch o := ix.one[t]; {
	case o >= 0:
		buf[0] = o
		return buf[:]
	case o == -2:
		return ix.many[t]
	}
	return nil
}

func (ix *Index) postingLen(t int32) int {
	switch o := ix.one[t]; {
	case o >= 0:
		return 1
	case o == -2:
		return len(ix.many[t])
	}
	return 0
}

// Postings lists every token with the IDs of the entities using it,
// sorted: what the index holds, independent of numbering (for tests that
// compare an index kept up to date with one built afresh).
func (ix *Index) Postings() map[string][]string {
	out := make(map[string][]string, len(ix.vocab))
	var buf [1]int32
	for tok, t := range ix.vocab {
		var ids []string
		for _, n := range ix.posting(t, &buf) {
			ids = append(ids, ix.slots[n].e.ID)
		}
		slices.Sort(ids)
		out[tok] = ids
	}
	return out
}

// Check verifies the index's internal structure: every entity's tokens
// posted, every posting list sorted and pointing back, the vocabulary
// lists complete. For tests; it walks everything.
func (ix *Index) Check() error {
	var buf [1]int32
	for id, n := range ix.ids {
		if ix.slots[n].e.ID != id {
			return errorf("entity %q: slot %d holds %q", id, n, ix.slots[n].e.ID)
		}
		for _, t := range tokenSet(ix.slots[n].forms) {
			if _, ok := slices.BinarySearch(ix.posting(t, &buf), n); !ok {
				return errorf("entity %q: token %q does not list it", id, ix.tokens[t])
			}
		}
		if want := ix.formsOf(ix.slots[n].e); !slices.Equal(want, ix.slots[n].forms) {
			return errorf("entity %q: forms %v, want %v", id, ix.slots[n].forms, want)
		}
	}
	for tok, t := range ix.vocab {
		if ix.tokens[t] != tok {
			return errorf("token %q: number %d names %q", tok, t, ix.tokens[t])
		}
		l := ix.posting(t, &buf)
		if len(l) == 0 {
			return errorf("token %q: no entity uses it but it stays", tok)
		}
		if !slices.IsSorted(l) || len(slices.Compact(slices.Clone(l))) != len(l) {
			return errorf("token %q: posting list %v not sorted and distinct", tok, l)
		}
		for _, n := range l {
			if !slices.Contains(tokenSet(ix.slots[n].forms), t) {
				return errorf("token %q lists entity %q, which does not use it", tok, ix.slots[n].e.ID)
			}
		}
		for _, k := range midKeys(tok) {
			if _, ok := slices.BinarySearch(ix.mid3[k], t); !ok {
				return errorf("token %q missing from middle list %q", tok, k)
			}
		}
		if k, ok := pre4Key(tok); ok {
			if i, ok := slices.BinarySearchFunc(ix.pre4[k], tok, ix.cmpText); !ok || ix.pre4[k][i] != t {
				return errorf("token %q missing from prefix list %q", tok, k)
			}
			if !slices.Contains(ix.ext[firstRunes(k, 3)], k) {
				return errorf("prefix list %q missing from %q", k, firstRunes(k, 3))
			}
		}
	}
	for k, l := range ix.pre4 {
		if !slices.IsSortedFunc(l, func(a, b int32) int { return strings.Compare(ix.tokens[a], ix.tokens[b]) }) {
			return errorf("prefix list %q not sorted by text", k)
		}
	}
	for k, l := range ix.mid3 {
		for _, t := range l {
			if ix.tokens[t] == "" {
				return errorf("middle list %q lists dropped token %d", k, t)
			}
		}
	}
	return nil
}

func errorf(format string, args ...any) error { return fmt.Errorf("search index: "+format, args...) }
