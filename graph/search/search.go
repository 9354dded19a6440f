package search

import (
	"context"
	"slices"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// Tuning of the candidate walk.
const (
	// hubPostings: a query token whose matching tokens list more entities
	// than this (a generic word: "Fundacja", "Rada") is read only when its
	// entities can still enter the top k (see Search).
	hubPostings = 20000
	// maxQueryTokens query tokens are tracked per candidate (one bit each
	// in a uint16, the top bit marks a scored entity); further tokens
	// count as possibly matched by every candidate.
	maxQueryTokens = 15
	scoredBit      = 1 << 15
	// buckets of the candidates' score bounds, walked best first.
	buckets = 256
)

// scoreBudget is how many entities one search scores at most, however
// many could tie for the last places: generic words shared by hundreds of
// thousands of names would otherwise make every search of them read them
// all. The best candidates by bound come first, so only the order among
// weak hits at the end of the list is affected.
func scoreBudget(k int) int { return 100 + 20*k }

// wholeOnlyBudget is how many of those entities are scored whose token
// bound is already below the k-th score, for their whole-string
// similarity alone.
const wholeOnlyBudget = 64

// match is a vocabulary token matching a query token.
type match struct {
	tok int32
	sc  float64 // tokenScore
	ov  int     // trigrams shared with the query token
}

// qtoken is a query token with what matches it.
type qtoken struct {
	token
	matches []match // best score first
	best    float64 // matches[0].sc
	cost    int     // entities listed by the matches
}

// scratch is per-search working memory, dense by entity and token number
// and pooled: clearing it costs what the search touched, not the index's
// size.
type scratch struct {
	gen     []uint32 // by entity: the search that last touched it
	acc     []float32
	ov      []uint16
	mask    []uint16
	touched []int32
	cur     uint32 // this search's mark in gen
	packed  []uint64
}

func (ix *Index) scratch() *scratch {
	s, _ := ix.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if n := len(ix.slots); len(s.gen) < n {
		n += n / 8
		s.gen, s.acc, s.ov, s.mask = make([]uint32, n), make([]float32, n), make([]uint16, n), make([]uint16, n)
	}
	s.cur++
	if s.cur == 0 { // wrapped: forget every mark
		clear(s.gen)
		s.cur = 1
	}
	s.touched = s.touched[:0]
	return s
}

// Search returns the entities best matching text, at most opt.Limit
// (default 20), of opt.Types when given, best first. It fails with
// EINVALID on a text without letters or digits, an unknown type or a
// negative limit.
//
// The walk: (1) per query token, the vocabulary tokens that score for it
// (see matchToken). (2) The entities of names the query starts (score ≥
// 0.8) are scored. (3) The query tokens whose matches list few entities
// are read into dense per-entity bounds (token scores, and the trigrams a
// name can share for the whole-string similarity; the unread tokens
// counted as matched); candidates are scored exactly in order of their
// token bound, skipped when no bound reaches the k-th best score, until
// none can. (4) Only if entities matching nothing but the unread (generic)
// tokens could still enter the top k are those read, until they cannot.
// At most scoreBudget entities are scored (and wholeOnlyBudget for their
// whole-string similarity alone), so among many weak hits tied at the end
// of the list the order can depend on the order entities were added.
func (ix *Index) Search(ctx context.Context, text string, opt graph.SearchOptions) ([]graph.SearchHit, error) {
	q := newForm(text)
	if q.key == "" {
		return nil, graph.Errorf(graph.EINVALID, "search text %q has no letters or digits", text)
	}
	for _, t := range opt.Types {
		if !t.Valid() {
			return nil, graph.Errorf(graph.EINVALID, "unknown entity type %q", t)
		}
	}
	if opt.Limit < 0 {
		return nil, graph.Errorf(graph.EINVALID, "negative limit %d", opt.Limit)
	}
	k := opt.Limit
	if k == 0 {
		k = 20
	}
	if len(ix.ids) == 0 {
		return nil, nil
	}
	s := ix.scratch()
	defer ix.pool.Put(s)
	w := &walk{ix: ix, s: s, q: q, qpacked: packedGrams(q.key, nil), types: opt.Types, top: topK{k: k}, budget: scoreBudget(k)}
	w.qset = newGramSet(w.qpacked)
	w.qt = make([]qtoken, len(q.tokens))
	for i, t := range q.tokens {
		w.qt[i] = qtoken{token: t}
		ix.matchToken(s, &w.qt[i])
	}
	w.table = map[int32][]float64{}
	for i, t := range w.qt {
		for _, m := range t.matches {
			row := w.table[m.tok]
			if row == nil {
				row = make([]float64, len(w.qt))
				w.table[m.tok] = row
			}
			row[i] = m.sc
		}
	}
	w.prefixes()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w.tokens()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hits := make([]graph.SearchHit, len(w.top.hits))
	for i, h := range w.top.hits {
		e, _ := ix.Entity(ix.slots[h.n].e.ID)
		hits[i] = graph.SearchHit{Entity: e, Score: h.score, Matched: h.matched}
	}
	return hits, nil
}

// matchToken finds the vocabulary tokens scoring for query token t: the
// exact token; from the four-rune prefix list, the inflected, prefix and
// similar ones; from the middle lists, the similar ones with a typo among
// the first four runes.
func (ix *Index) matchToken(s *scratch, t *qtoken) {
	a := t.runes
	qg := packedGrams(t.text, nil)
	found := map[int32]bool{}
	add := func(tok int32, sc float64, ov int) {
		found[tok] = true
		t.matches = append(t.matches, match{tok: tok, sc: sc, ov: ov})
	}
	// similar scores a near token by trigram similarity.
	qs := newGramSet(qg)
	similar := func(tok int32) {
		// The shared trigrams first, by probing the query's set: a token
		// sharing fewer than 40% of them cannot be similar (Jaccard ≤
		// shared/|A|), and most candidates stop here, unsorted.
		if c := qs.shared(ix.tokens[tok]); len(qg) <= 64 && float64(c) < minTokenSim*float64(len(qg)) {
			return
		}
		g := packedGrams(ix.tokens[tok], s.packed)
		s.packed = g
		c := packedOverlap(qg, g)
		if sim := float64(c) / float64(len(qg)+len(g)-c); sim >= minTokenSim {
			add(tok, 0.6*sim, c)
		}
	}
	if tok, ok := ix.vocab[t.text]; ok {
		add(tok, 1, len(qg))
	}
	rule := func(tok int32) bool {
		sc := ruleScore(a, ix.tokens[tok])
		if sc > 0 {
			g := packedGrams(ix.tokens[tok], s.packed)
			s.packed = g
			add(tok, sc, packedOverlap(qg, g))
		}
		return sc > 0
	}
	switch {
	case len(a) >= 4:
		// The exact, prefix and inflected tokens start with all but the
		// last three runes (at least four) of the query token; similar
		// ones share the first five (see near).
		l := ix.pre4[string(a[:4])]
		wide := ix.textRange(l, string(a[:max(4, len(a)-3)]))
		i, j := ix.rangeOf(wide, t.text)
		for _, tok := range wide[i:j] { // the query token starts these
			if !found[tok] {
				rule(tok)
			}
		}
		// The others share fewer runes, so to be inflected forms they are
		// at most two runes longer than the query token.
		for _, part := range [][]int32{wide[:i], wide[j:]} {
			for _, tok := range part {
				if n := int(ix.tlen[tok]); (n <= len(a)+2 || n == 255) && !found[tok] {
					rule(tok)
				}
			}
		}
		switch k := min(5, len(a)-1); k {
		case 3:
			for _, key := range ix.ext[string(a[:3])] {
				for _, tok := range ix.pre4[key] {
					if !found[tok] {
						similar(tok)
					}
				}
			}
		default:
			for _, tok := range ix.textRange(l, string(a[:k])) {
				if !found[tok] {
					similar(tok)
				}
			}
		}
	case len(a) == 3:
		// Tokens starting with it: the prefix rule.
		for _, key := range ix.ext[t.text] {
			for _, tok := range ix.pre4[key] {
				if !found[tok] {
					rule(tok)
				}
			}
		}
	}
	var keys []string // see midKeys
	for d := -1; d <= 1; d++ {
		if len(a) >= 7+d {
			if k := string(a[4+d : 7+d]); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	for _, k := range keys {
		for _, tok := range ix.mid3[k] {
			if !found[tok] { // a token a rule scores shares the first four runes: found above
				similar(tok)
			}
		}
	}
	slices.SortFunc(t.matches, func(x, y match) int {
		if x.sc != y.sc {
			if x.sc > y.sc {
				return -1
			}
			return 1
		}
		return int(x.tok - y.tok)
	})
	for _, mt := range t.matches {
		t.cost += ix.postingLen(mt.tok)
	}
	if len(t.matches) > 0 {
		t.best = t.matches[0].sc
	}
}

// gramSet is a query token's packed trigrams in a small open-addressing
// table, for counting what a candidate token shares without sorting its
// trigrams.
type gramSet struct {
	slot [128]uint64 // 0: empty (a packed trigram is never 0)
	seen [128]uint32 // the candidate that last matched the slot
	cand uint32
}

func newGramSet(grams []uint64) *gramSet {
	s := &gramSet{}
	for _, g := range grams[:min(len(grams), 64)] {
		i := gramHash(g)
		for s.slot[i] != 0 && s.slot[i] != g {
			i = (i + 1) & 127
		}
		s.slot[i] = g
	}
	return s
}

func gramHash(g uint64) uint64 { return (g * 0x9e3779b97f4a7c15) >> 57 }

// shared counts the distinct trigrams of tok in the set.
func (s *gramSet) shared(tok string) int {
	s.next()
	c := 0
	var a, b uint64 = ' ', ' '
	for _, r := range tok {
		if s.hit(a<<42 | b<<21 | uint64(r)) {
			c++
		}
		a, b = b, uint64(r)
	}
	if s.hit(a<<42 | b<<21 | ' ') {
		c++
	}
	return c
}

// next starts counting for another candidate.
func (s *gramSet) next() { s.cand++ }

// hit reports whether g is in the set and not yet counted for this
// candidate.
func (s *gramSet) hit(g uint64) bool {
	for i := gramHash(g); s.slot[i] != 0; i = (i + 1) & 127 {
		if s.slot[i] == g {
			if s.seen[i] == s.cand {
				return false
			}
			s.seen[i] = s.cand
			return true
		}
	}
	return false
}

// textRange is the part of a list sorted by text whose tokens start with
// prefix.
func (ix *Index) textRange(l []int32, prefix string) []int32 {
	i, j := ix.rangeOf(l, prefix)
	return l[i:j]
}

// rangeOf is textRange's bounds.
func (ix *Index) rangeOf(l []int32, prefix string) (int, int) {
	i, _ := slices.BinarySearchFunc(l, prefix, ix.cmpText)
	j := i
	for j < len(l) && strings.HasPrefix(ix.tokens[l[j]], prefix) {
		j++
	}
	return i, j
}

// walk is one search's state.
type walk struct {
	ix      *Index
	s       *scratch
	q       form
	qpacked []uint64 // q.grams packed (see packedGrams)
	qset    *gramSet // the same, to probe
	qt      []qtoken
	table   map[int32][]float64 // token → its score for each query token
	types   []graph.EntityType
	top     topK
	budget  int
}

// prefixes scores the entities having a form that the query key starts:
// those listing the rarest of the query's whole tokens (all but the last,
// which may be cut short), or for a one-token query the tokens it starts.
func (w *walk) prefixes() {
	ix := w.ix
	var toks []int32
	last := len(w.qt) - 1
	if last > 0 {
		rare := int32(-1)
		for _, t := range w.qt[:last] {
			tok, ok := ix.vocab[t.text]
			if !ok {
				return // a whole query token no name has: no name starts with the query
			}
			if rare < 0 || ix.postingLen(tok) < ix.postingLen(rare) {
				rare = tok
			}
		}
		toks = []int32{rare}
	}
	if a := w.qt[last]; len(a.runes) >= 3 {
		// The tokens the last query token starts, if they list fewer.
		var starts []int32
		cost := 0
		for _, m := range a.matches {
			if strings.HasPrefix(ix.tokens[m.tok], a.text) {
				starts = append(starts, m.tok)
				cost += ix.postingLen(m.tok)
			}
		}
		if last == 0 || cost < ix.postingLen(toks[0]) {
			toks = starts
		}
	} else if last == 0 {
		// A one- or two-rune query: the tokens it starts, from the prefix
		// lists (tokens of fewer than three runes only when equal to it).
		if tok, ok := ix.vocab[a.text]; ok {
			toks = append(toks, tok)
		}
		var keys []string
		for k3, ks := range ix.ext {
			if strings.HasPrefix(k3, a.text) {
				keys = append(keys, ks...)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			toks = append(toks, ix.pre4[k]...)
		}
	}
	var buf [1]int32
	checks := 8 * w.budget
	for _, tok := range toks {
		for _, n := range ix.posting(tok, &buf) {
			if w.budget <= 0 || checks <= 0 {
				return
			}
			checks--
			if w.seen(n) {
				continue
			}
			if w.hasPrefixForm(n) {
				w.score(n, wholeWeight)
			}
		}
	}
}

// seen reports whether entity n was scored in this search.
func (w *walk) seen(n int32) bool {
	s := w.s
	return s.gen[n] == s.cur && s.mask[n]&scoredBit != 0
}

// mark starts entity n's bound in this search.
func (w *walk) mark(n int32) {
	s := w.s
	if s.gen[n] != s.cur {
		s.gen[n], s.acc[n], s.ov[n], s.mask[n] = s.cur, 0, 0, 0
		s.touched = append(s.touched, n)
	}
}

// hasPrefixForm reports whether one of entity n's forms starts with the
// query key.
func (w *walk) hasPrefixForm(n int32) bool {
	forms := w.ix.slots[n].forms
	for i := 0; i < len(forms); {
		j := i + 1
		for j < len(forms) && forms[j] >= 0 {
			j++
		}
		if w.startsWith(forms[i+1 : j]) {
			return true
		}
		i = j
	}
	return false
}

// startsWith reports whether the key of a form (its tokens) starts with the
// query key.
func (w *walk) startsWith(ftoks []int32) bool {
	if len(ftoks) < len(w.qt) {
		return false
	}
	last := len(w.qt) - 1
	for i, t := range w.qt {
		ft := w.ix.tokens[ftoks[i]]
		if i < last && ft != t.text || i == last && !strings.HasPrefix(ft, t.text) {
			return false
		}
	}
	return true
}

// tokens reads the cheap query tokens' entities into bounds, scores the
// candidates best bound first, then reads the generic tokens if their
// entities can still enter the top k.
func (w *walk) tokens() {
	ix, s := w.ix, w.s
	nq := len(w.qt)
	order := make([]int, nq)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return w.qt[a].cost - w.qt[b].cost })
	// Read the cheapest query token always, then the others while cheap.
	var deferred []int
	var buf [1]int32
	for r, i := range order {
		t := w.qt[i]
		if r >= maxQueryTokens || r > 0 && t.cost > hubPostings {
			deferred = append(deferred, i)
			continue
		}
		bit := uint16(1) << r
		for _, m := range t.matches {
			for _, n := range ix.posting(m.tok, &buf) {
				w.mark(n)
				if s.mask[n]&bit == 0 {
					s.mask[n] |= bit
					s.acc[n] += float32(m.sc)
					s.ov[n] += uint16(len(t.grams) - m.ov) // trigrams it cannot share

				}
			}
		}
	}
	// What an entity may still get from the unread tokens.
	var dsc float64
	for _, i := range deferred {
		dsc += w.qt[i].best
	}
	// The whole-string similarity is bounded by the trigrams the query
	// shares with the name: all of its tokens' (and the nq-1 spanning two
	// tokens) but those a matched token is known not to share. (A query
	// token matching none of the name's tokens may still share trigrams
	// with them.)
	totalG := 0
	for _, t := range w.qt {
		totalG += len(t.grams)
	}
	whole := func(missing int) float64 {
		return wholeWeight*min(1, float64(totalG-missing+nq-1)/float64(len(w.q.grams))) + 1e-6
	}
	bound := func(acc float64, missing int) float64 {
		return max(tokenWeight*acc/float64(nq)+1e-6, whole(missing)) // float32 sums round
	}
	// Bucket the candidates by their token bound, best first: the
	// whole-string bound is loose (any query token may share trigrams), so
	// ordering by it would score names sharing a generic word before a
	// near match. It still decides what can be skipped and when to stop.
	var bk [buckets][]int32
	maxWhole := 0.0
	tokBound := func(n int32) float64 { return tokenWeight*(float64(s.acc[n])+dsc)/float64(nq) + 1e-6 }
	for _, n := range s.touched {
		if s.mask[n]&scoredBit != 0 {
			continue
		}
		tb, wb := tokBound(n), whole(int(s.ov[n]))
		if max(tb, wb) < MinScore {
			continue
		}
		maxWhole = max(maxWhole, wb)
		i := min(buckets-1, int(tb*buckets))
		bk[i] = append(bk[i], n)
	}
	// Past the token bounds, only the whole-string similarity can lift a
	// candidate: it rarely does, so few are scored for it.
	wholeOnly := wholeOnlyBudget
	for i := buckets - 1; i >= 0; i-- {
		past := w.top.full() && float64(i+1)/buckets < w.top.last()
		if past && maxWhole < w.top.last() {
			break
		}
		for _, n := range bk[i] {
			if w.budget <= 0 || past && wholeOnly <= 0 {
				return
			}
			wb := whole(int(s.ov[n]))
			if w.top.full() && max(tokBound(n), wb) < w.top.last() {
				continue
			}
			if past {
				wholeOnly--
			}
			w.score(n, wb)
		}
	}
	// Entities listed only by the unread tokens.
	if len(deferred) == 0 {
		return
	}
	rest := bound(dsc, 0)
	for _, i := range deferred {
		for _, m := range w.qt[i].matches {
			for _, n := range ix.posting(m.tok, &buf) {
				if rest < MinScore || w.top.full() && rest < w.top.last() || w.budget <= 0 {
					return
				}
				if s.gen[n] == s.cur {
					continue // read, and bounded or scored already
				}
				w.mark(n)
				w.score(n, whole(0))
			}
		}
	}
}

// score scores entity n exactly and offers it to the top k. wub bounds its
// whole-string score (wholeWeight × similarity): the similarity is
// computed only for forms where the bound could still matter.
func (w *walk) score(n int32, wub float64) {
	s := w.s
	w.mark(n)
	s.mask[n] |= scoredBit
	sl := &w.ix.slots[n]
	if len(w.types) > 0 && !slices.Contains(w.types, sl.e.Type) {
		return
	}
	w.budget--
	var best float64
	matched := ""
	forms := sl.forms
	for i := 0; i < len(forms); {
		j := i + 1
		for j < len(forms) && forms[j] >= 0 {
			j++
		}
		text := sl.e.Name
		if x := int(-forms[i]) - 1; x > 0 {
			text = sl.e.Aliases[x-1]
		}
		lim := max(best, w.floor())
		if lim >= wub {
			lim = 1 // the whole-string similarity cannot lift this entity
		}
		sc := w.formScore(forms[i+1:j], lim)
		if sc > best || sc == best && sc > 0 && len(text) < len(matched) {
			best, matched = sc, text
		}
		i = j
	}
	if best >= MinScore {
		w.top.offer(hit{n: n, id: sl.e.ID, score: best, matched: matched})
	}
}

// formScore is score() for a form given by its token numbers, reading the
// token scores from the match table (a pair not in it scores 0: every
// scoring pair was found).
func (w *walk) formScore(ftoks []int32, lim float64) float64 {
	if len(ftoks) == 0 {
		return 0
	}
	ix := w.ix
	flen := len(ftoks) - 1
	for _, t := range ftoks {
		flen += len(ix.tokens[t])
	}
	if flen >= len(w.q.key) && w.startsWith(ftoks) {
		if flen == len(w.q.key) {
			return 1
		}
		return prefixScore(len(w.q.key), flen)
	}
	var sum float64
	var usedBuf [16]bool
	used := usedBuf[:0]
	if len(ftoks) > len(usedBuf) {
		used = make([]bool, len(ftoks))
	} else {
		used = usedBuf[:len(ftoks)]
	}
	for qi := range w.qt {
		bt, bi := 0.0, -1
		for i, ft := range ftoks {
			if row := w.table[ft]; row != nil && row[qi] > bt {
				bt, bi = row[qi], i
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
	tok := tokensScore(sum, len(w.qt), matched, len(ftoks))
	if tok >= wholeWeight || lim >= wholeWeight {
		return tok // the whole-string similarity cannot matter
	}
	// The key's trigrams, packed, straight from its tokens, and those the
	// query shares: similarity ≤ shared/|Q| may already rule it out.
	g := w.s.packed[:0]
	shared := 0
	w.qset.next()
	var a, b uint64 = ' ', ' '
	put := func(x uint64) {
		g = append(g, x)
		if w.qset.hit(x) {
			shared++
		}
	}
	for i, t := range ftoks {
		if i > 0 {
			put(a<<42 | b<<21 | ' ')
			a, b = b, ' '
		}
		for _, r := range ix.tokens[t] {
			c := uint64(r)
			put(a<<42 | b<<21 | c)
			a, b = b, c
		}
	}
	put(a<<42 | b<<21 | ' ')
	w.s.packed = g
	if len(w.qpacked) <= 64 && wholeWeight*float64(shared)/float64(len(w.qpacked)) <= max(tok, lim) {
		return tok
	}
	slices.Sort(g)
	g = slices.Compact(g)
	c := packedOverlap(w.qpacked, g)
	return max(tok, wholeWeight*float64(c)/float64(len(w.qpacked)+len(g)-c))
}

// floor is the least score that can still enter the top k.
func (w *walk) floor() float64 {
	if w.top.full() {
		return w.top.last()
	}
	return MinScore
}

// hit is a scored entity.
type hit struct {
	n       int32
	id      string
	score   float64
	matched string
}

// before orders hits: higher score, then shorter matched form, then ID.
func (a hit) before(b hit) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	if len(a.matched) != len(b.matched) {
		return len(a.matched) < len(b.matched)
	}
	return a.id < b.id
}

// topK keeps the k best hits, in order.
type topK struct {
	k    int
	hits []hit
}

func (t *topK) full() bool { return len(t.hits) >= t.k }

func (t *topK) last() float64 { return t.hits[len(t.hits)-1].score }

func (t *topK) offer(h hit) {
	if t.full() && !h.before(t.hits[len(t.hits)-1]) {
		return
	}
	i, _ := slices.BinarySearchFunc(t.hits, h, func(x, y hit) int {
		if x.before(y) {
			return -1
		}
		return 1
	})
	t.hits = slices.Insert(t.hits, i, h)
	if len(t.hits) > t.k {
		t.hits = t.hits[:t.k]
	}
}
