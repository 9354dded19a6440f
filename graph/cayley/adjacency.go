package cayley

import (
	"cmp"
	"context"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// adjacency holds the direct edges (entity -predicate-> entity) in memory as
// integers, so Neighborhood and Paths walk no backend index: reading a
// node's hops from Cayley means stepping over every name, alias and
// language quad a hub entity collects (bolt: one seek per quad). It is
// built at Open with the search index and updated under the write lock
// after each write commits, like the index.
//
// Entities are numbered in order of first sight; a number is never reused
// (an entity that loses its last edge keeps its number and an empty list).
type adjacency struct {
	ids  []string         // number → entity ID
	num  map[string]int32 // entity ID → number
	arcs [][]uint32       // per node: its arcs, sorted (see arcCmp)
	// arcInfo[n][i] is the place in infos of the edge of arcs[n][i], so a
	// traversal reads an edge's ID and weight without a map lookup.
	arcInfo [][]int32
	// edges maps each edge to its place in infos; infos holds how many
	// documents carry the edge's direct-edge quad (the edge exists while
	// any does), its statements and its relation ID, hashed once when the
	// edge appears rather than once per edge served. Places of removed
	// edges are reused (free).
	edges map[edgeKey]int32
	infos []edgeInfo
	free  []int32
	// stmts counts the statement nodes linked to each relation (its
	// edges' Weight), keyed by relKey: a symmetric relation is one for
	// both directions, as graph.RelationID makes it.
	stmts map[edgeKey]int32
}

// An arc is one direct edge seen from one end, packed: the other end's
// number << 5 | the predicate's index in graph.Predicates << 1 | 1 when the
// edge leaves the node. A self-loop is one outgoing arc.
const (
	arcOut       = 1
	arcPredShift = 1
	arcPredMask  = 0xf
	arcNodeShift = 5
	maxNodes     = 1 << (32 - arcNodeShift)
)

func arcOther(a uint32) int32 { return int32(a >> arcNodeShift) }
func arcPred(a uint32) uint8  { return uint8(a>>arcPredShift) & arcPredMask }
func arcIsOut(a uint32) bool  { return a&arcOut != 0 }

// edgeKey is one direct edge: subject, predicate index, object.
type edgeKey struct {
	s, o int32
	p    uint8
}

// edgeInfo is what the adjacency keeps per edge: no pointers, so the
// garbage collector does not scan the map. stmts mirrors the relation's
// count in adjacency.stmts, so serving an edge takes one lookup.
type edgeInfo struct {
	docs, stmts int32
	rel         relID
}

// relID is a graph.RelationID packed: "r" and 20 hex digits kept as the 10
// bytes they spell. ok is false for an ID of another form, which rel then
// computes again each time.
type relID struct {
	hash [10]byte
	ok   bool
}

func packRelID(id string) relID {
	var r relID
	if len(id) == 1+2*len(r.hash) && id[0] == 'r' {
		_, err := hex.Decode(r.hash[:], []byte(id[1:]))
		// Only a form that prints back the same (lower-case hex) is kept.
		r.ok = err == nil && r.String() == id
	}
	return r
}

func (r relID) String() string {
	var b [1 + 2*len(r.hash)]byte
	b[0] = 'r'
	hex.Encode(b[1:], r.hash[:])
	return string(b[:])
}

// edgeCount is what the quads say about one edge: how many documents
// carry its direct-edge quad and how many statement nodes link to its
// relation.
type edgeCount struct {
	docs, stmts int32
}

// relKey is the key of k's relation in stmts: symmetric predicates run
// from the lower ID to the higher.
func (a *adjacency) relKey(k edgeKey) edgeKey {
	if graph.Predicates[k.p].Symmetric() && a.ids[k.o] < a.ids[k.s] {
		k.s, k.o = k.o, k.s
	}
	return k
}

func newAdjacency() *adjacency {
	return &adjacency{num: map[string]int32{}, edges: map[edgeKey]int32{}, stmts: map[edgeKey]int32{}}
}

// predIndex maps the vocabulary to the 4 bits of an arc.
func predIndex(p graph.Predicate) (uint8, bool) {
	i := slices.Index(graph.Predicates, p)
	return uint8(i), i >= 0
}

// node returns id's number, numbering it when new.
func (a *adjacency) node(id string) int32 {
	if n, ok := a.num[id]; ok {
		return n
	}
	n := int32(len(a.ids))
	a.ids = append(a.ids, id)
	a.arcs = append(a.arcs, nil)
	a.arcInfo = append(a.arcInfo, nil)
	a.num[id] = n
	return n
}

// arcEdge is the edge of arc x of node n.
func arcEdge(n int32, x uint32) edgeKey {
	if arcIsOut(x) {
		return edgeKey{s: n, o: arcOther(x), p: arcPred(x)}
	}
	return edgeKey{s: arcOther(x), o: n, p: arcPred(x)}
}

// rel is the graph.RelationID of arc x of node n.
func (a *adjacency) rel(n int32, x uint32) string {
	k := arcEdge(n, x)
	return a.relationIDOr(k, a.info(k).rel)
}

// info is what the adjacency keeps of edge k (zero when absent).
func (a *adjacency) info(k edgeKey) edgeInfo {
	if i, ok := a.edges[k]; ok {
		return a.infos[i]
	}
	return edgeInfo{}
}

// relationIDOr is the relation ID of edge k: r printed, or hashed again
// when r could not be packed.
func (a *adjacency) relationIDOr(k edgeKey, r relID) string {
	if r.ok {
		return r.String()
	}
	return a.relationID(k)
}

func (a *adjacency) relationID(k edgeKey) string {
	return graph.RelationID(a.ids[k.s], graph.Predicates[k.p], a.ids[k.o])
}

// arcCmp orders the arcs of node n by the other end's ID, predicate,
// relation ID, outgoing first: the order traversals expand them in.
func (a *adjacency) arcCmp(n int32, x, y uint32) int {
	if c := strings.Compare(a.ids[arcOther(x)], a.ids[arcOther(y)]); c != 0 {
		return c
	}
	if c := cmp.Compare(graph.Predicates[arcPred(x)], graph.Predicates[arcPred(y)]); c != 0 {
		return c
	}
	if x == y {
		return 0
	}
	return cmp.Or(strings.Compare(a.rel(n, x), a.rel(n, y)), boolCmp(arcIsOut(x), arcIsOut(y)))
}

func (a *adjacency) insertArc(n int32, x uint32, info int32) {
	l := a.arcs[n]
	i, _ := slices.BinarySearchFunc(l, x, func(e, t uint32) int { return a.arcCmp(n, e, t) })
	a.arcs[n] = slices.Insert(l, i, x)
	a.arcInfo[n] = slices.Insert(a.arcInfo[n], i, info)
}

func (a *adjacency) deleteArc(n int32, x uint32) {
	if i := slices.Index(a.arcs[n], x); i >= 0 {
		a.arcs[n] = slices.Delete(a.arcs[n], i, i+1)
		a.arcInfo[n] = slices.Delete(a.arcInfo[n], i, i+1)
	}
}

// adjust adds d to the counts of edge k, adding its arcs when it appears
// and dropping them when no document carries it any more.
func (a *adjacency) adjust(k edgeKey, d edgeCount) {
	if d.stmts != 0 {
		r := a.relKey(k)
		a.setStmts(r, a.stmts[r]+d.stmts)
	}
	i, had := a.edges[k]
	var c edgeInfo
	if had {
		c = a.infos[i]
	}
	c.docs += d.docs
	switch {
	case c.docs > 0 && had:
		a.infos[i] = c
	case c.docs > 0:
		c.rel = packRelID(a.relationID(k))
		c.stmts = a.stmts[a.relKey(k)]
		if f := len(a.free); f > 0 {
			i = a.free[f-1]
			a.free = a.free[:f-1]
			a.infos[i] = c
		} else {
			i = int32(len(a.infos))
			a.infos = append(a.infos, c)
		}
		a.edges[k] = i
		a.insertArc(k.s, uint32(k.o)<<arcNodeShift|uint32(k.p)<<arcPredShift|arcOut, i)
		if k.s != k.o {
			a.insertArc(k.o, uint32(k.s)<<arcNodeShift|uint32(k.p)<<arcPredShift, i)
		}
	case had:
		delete(a.edges, k)
		a.infos[i] = edgeInfo{}
		a.free = append(a.free, i)
		a.deleteArc(k.s, uint32(k.o)<<arcNodeShift|uint32(k.p)<<arcPredShift|arcOut)
		if k.s != k.o {
			a.deleteArc(k.o, uint32(k.s)<<arcNodeShift|uint32(k.p)<<arcPredShift)
		}
	}
}

// setStmts sets relation r's statement count, in stmts and in the edges
// that carry it (both directions of a symmetric relation).
func (a *adjacency) setStmts(r edgeKey, n int32) {
	if n > 0 {
		a.stmts[r] = n
	} else {
		delete(a.stmts, r)
		n = 0
	}
	for _, k := range [2]edgeKey{r, {s: r.o, o: r.s, p: r.p}} {
		if i, ok := a.edges[k]; ok && a.relKey(k) == r {
			a.infos[i].stmts = n
		}
	}
}

// triple is a direct edge by IDs.
type triple struct {
	s, o string
	p    graph.Predicate
}

func directEdge(q quad.Quad) (triple, bool) {
	p, ok := predicateOf(q.Predicate)
	s, ok1 := entityID(q.Subject)
	o, ok2 := entityID(q.Object)
	return triple{s: s, o: o, p: p}, ok && ok1 && ok2
}

// countQuads adds to d, with sign, what one document's quads say about
// edges: each distinct direct-edge quad one document, each distinct
// statement node one statement of its (subject, predicate, object).
func countQuads(d map[triple]edgeCount, qs []quad.Quad, sign int32) {
	edges := map[triple]bool{}
	stmts := map[quad.Value]*triple{}
	for _, q := range qs {
		if t, ok := directEdge(q); ok {
			edges[t] = true
			continue
		}
		iri, ok := q.Subject.(quad.IRI)
		if !ok || !strings.HasPrefix(string(iri), statementPrefix) {
			continue
		}
		st := stmts[iri]
		if st == nil {
			st = &triple{}
			stmts[iri] = st
		}
		switch q.Predicate {
		case pSubject:
			st.s, _ = entityID(q.Object)
		case pObject:
			st.o, _ = entityID(q.Object)
		case pPredicate:
			st.p, _ = predicateOf(q.Object)
		}
	}
	for t := range edges {
		c := d[t]
		c.docs += sign
		d[t] = c
	}
	for _, t := range stmts {
		if t.s == "" || t.o == "" || t.p == "" {
			continue
		}
		c := d[*t]
		c.stmts += sign
		d[*t] = c
	}
}

// update applies one committed write: before is the document's previous
// quads, after its new ones (nil when removed). Callers hold the write lock.
func (a *adjacency) update(before, after []quad.Quad) {
	d := map[triple]edgeCount{}
	countQuads(d, before, -1)
	countQuads(d, after, 1)
	for t, c := range d {
		if c == (edgeCount{}) {
			continue
		}
		a.apply(t, c)
	}
}

func (a *adjacency) apply(t triple, c edgeCount) {
	p, ok := predIndex(t.p)
	if !ok || len(a.ids) >= maxNodes-2 {
		return
	}
	a.adjust(edgeKey{s: a.node(t.s), o: a.node(t.o), p: p}, c)
}

// arcsOf returns node n's arcs whose predicate is in mask (bit i:
// graph.Predicates[i]), reusing buf when a filter is needed.
func (a *adjacency) arcsOf(n int32, mask uint16, buf []uint32) []uint32 {
	if mask == allPreds {
		return a.arcs[n]
	}
	buf = buf[:0]
	for _, x := range a.arcs[n] {
		if mask&(1<<arcPred(x)) != 0 {
			buf = append(buf, x)
		}
	}
	return buf
}

const allPreds = 1<<11 - 1

// weight is the statement count of arc x of node n.
func (a *adjacency) weight(n int32, x uint32) int {
	return int(a.info(arcEdge(n, x)).stmts)
}

// twin reports whether arc x of node n is the incoming side of a
// symmetric relation whose outgoing side n also has: one relation (one
// graph.RelationID), listed once.
func (a *adjacency) twin(n int32, x uint32) bool {
	if arcIsOut(x) || !graph.Predicates[arcPred(x)].Symmetric() {
		return false
	}
	_, ok := a.edges[edgeKey{s: n, o: arcOther(x), p: arcPred(x)}]
	return ok
}

// edge builds the graph.Edge of arc x of node n (see edgeOf), from one
// lookup of its edge.
func (a *adjacency) edge(n int32, x uint32) graph.Edge {
	k := arcEdge(n, x)
	return a.edgeFrom(n, x, k, a.info(k))
}

// edgeAt is edge for the i-th arc of node n, read through arcInfo.
func (a *adjacency) edgeAt(n int32, i int) graph.Edge {
	x := a.arcs[n][i]
	return a.edgeFrom(n, x, arcEdge(n, x), a.infos[a.arcInfo[n][i]])
}

func (a *adjacency) edgeFrom(n int32, x uint32, k edgeKey, info edgeInfo) graph.Edge {
	rel := a.relationIDOr(k, info.rel)
	h := hop{other: a.ids[arcOther(x)], pred: graph.Predicates[arcPred(x)], rel: rel, out: arcIsOut(x)}
	e := edgeOf(a.ids[n], h)
	e.Weight = int(info.stmts)
	return e
}

// bytes estimates the memory the adjacency holds (slices at capacity, map
// entries at their payload plus Go's per-entry overhead, roughly).
func (a *adjacency) bytes() int {
	n := cap(a.ids)*16 + cap(a.arcs)*24
	for _, id := range a.ids {
		n += len(id)
	}
	for _, l := range a.arcs {
		n += cap(l) * 4
	}
	n += cap(a.arcInfo) * 24
	for _, l := range a.arcInfo {
		n += cap(l) * 4
	}
	n += cap(a.infos)*20 + cap(a.free)*4
	n += len(a.num) * (16 + 4 + 8)   // key header, value, overhead
	n += len(a.edges) * (12 + 4 + 8) // key, value, overhead
	n += len(a.stmts) * (12 + 4 + 8)
	return n
}

// edgeTriples lists the edges by IDs with their counts (for tests and
// comparisons across numberings).
func (a *adjacency) edgeTriples() map[triple]edgeCount {
	out := make(map[triple]edgeCount, len(a.edges))
	for k, i := range a.edges {
		out[triple{s: a.ids[k.s], o: a.ids[k.o], p: graph.Predicates[k.p]}] = edgeCount{docs: a.infos[i].docs, stmts: a.stmts[a.relKey(k)]}
	}
	return out
}

// directPreds are the IRIs of the vocabulary's direct edges.
func directPreds() []quad.IRI {
	out := make([]quad.IRI, len(graph.Predicates))
	for i, p := range graph.Predicates {
		out[i] = predicateIRI(p)
	}
	return out
}

// buildAdjacency turns the labelled direct-edge quads read at Open into the
// adjacency, counting each edge's statements through the object index of
// its relation node (one query per chunk of edges on PostgreSQL).
func (s *Store) buildAdjacency(ctx context.Context, docs map[triple]int32) (*adjacency, error) {
	a := newAdjacency()
	ts := make([]triple, 0, len(docs))
	for t := range docs {
		ts = append(ts, t)
	}
	// Number entities in a stable order, so two builds agree.
	slices.SortFunc(ts, func(x, y triple) int {
		return cmp.Or(strings.Compare(x.s, y.s), cmp.Compare(x.p, y.p), strings.Compare(x.o, y.o))
	})
	rels := make([]quad.Value, len(ts))
	for i, t := range ts {
		rels[i] = relationIRI(graph.RelationID(t.s, t.p, t.o))
	}
	counts, err := s.countLinks(ctx, pRelation, rels)
	if err != nil {
		return nil, fmt.Errorf("count statements: %w", err)
	}
	for i, t := range ts {
		a.apply(t, edgeCount{docs: docs[t]})
		// Both directions of a symmetric relation count its statements
		// once.
		if p, ok := predIndex(t.p); ok && counts[rels[i]] > 0 {
			k := edgeKey{s: a.num[t.s], o: a.num[t.o], p: p}
			a.setStmts(a.relKey(k), int32(counts[rels[i]]))
		}
	}
	a.pack()
	return a, nil
}

// pack moves the per-node arc lists, grown one insert at a time, into two
// slabs (see searchIndex.compacted). Each list is capped at its length, so
// a later insert copies that list out instead of writing over the next.
func (a *adjacency) pack() {
	n := 0
	for _, l := range a.arcs {
		n += len(l)
	}
	arcs, infos := make([]uint32, 0, n), make([]int32, 0, n)
	for i := range a.arcs {
		j := len(arcs)
		arcs = append(arcs, a.arcs[i]...)
		infos = append(infos, a.arcInfo[i]...)
		a.arcs[i], a.arcInfo[i] = arcs[j:len(arcs):len(arcs)], infos[j:len(infos):len(infos)]
	}
}

// countLinks counts, for each object, the quads with predicate pred
// pointing at it: in batched queries on PostgreSQL, elsewhere by walking the
// object index by reference, resolving nothing.
func (s *Store) countLinks(ctx context.Context, pred quad.IRI, objects []quad.Value) (map[quad.Value]int, error) {
	if s.sqlb != nil {
		return s.sqlb.counts(ctx, pred, objects)
	}
	pr, err := s.qs.ValueOf(pred)
	if err != nil {
		return nil, fmt.Errorf("look up %v: %w", pred, err)
	}
	out := make(map[quad.Value]int, len(objects))
	if pr == nil {
		return out, nil
	}
	pk := refs.ToKey(pr)
	for _, o := range objects {
		r, err := s.qs.ValueOf(o)
		if err != nil {
			return nil, fmt.Errorf("look up %v: %w", o, err)
		}
		if r == nil {
			continue
		}
		n := 0
		it := s.qs.QuadIterator(quad.Object, r).Iterate()
		for it.Next(ctx) {
			p, err := s.qs.QuadDirection(it.Result(), quad.Predicate)
			if err != nil {
				it.Close()
				return nil, fmt.Errorf("read quad of %v: %w", o, err)
			}
			if p != nil && refs.ToKey(p) == pk {
				n++
			}
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return nil, fmt.Errorf("scan quads of %v: %w", o, err)
		}
		out[o] = n
	}
	return out, nil
}

// listedRelation is one relation of an entity as the adjacency knows it.
type listedRelation struct {
	id    string
	pred  graph.Predicate
	other string
}

// relationList lists the relations of entity id that Relations returns
// under preds and dir, in its order (predicate, the other entity's ID,
// relation ID): one per relation with statements, a symmetric one once,
// a self-loop in either direction. ok is false when the adjacency stopped
// numbering entities (maxNodes) and cannot say.
func (a *adjacency) relationList(id string, preds []graph.Predicate, dir graph.Direction) ([]listedRelation, bool) {
	if len(a.ids) >= maxNodes-2 {
		return nil, false
	}
	n, ok := a.num[id]
	if !ok {
		return nil, true
	}
	var out []listedRelation
	for i, x := range a.arcs[n] {
		p := graph.Predicates[arcPred(x)]
		if len(preds) > 0 && !slices.Contains(preds, p) {
			continue
		}
		switch {
		case p.Symmetric():
			if a.twin(n, x) {
				continue
			}
		case arcOther(x) == n: // a self-loop: both directions
		case dir == graph.Outgoing && !arcIsOut(x), dir == graph.Incoming && arcIsOut(x):
			continue
		}
		info := a.infos[a.arcInfo[n][i]]
		if info.stmts <= 0 {
			continue
		}
		out = append(out, listedRelation{id: a.relationIDOr(arcEdge(n, x), info.rel), pred: p, other: a.ids[arcOther(x)]})
	}
	slices.SortFunc(out, func(x, y listedRelation) int {
		return cmp.Or(cmp.Compare(x.pred, y.pred), strings.Compare(x.other, y.other), strings.Compare(x.id, y.id))
	})
	return out, true
}
