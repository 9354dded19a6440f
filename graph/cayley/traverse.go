package cayley

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// Bounds of traversals, so one request cannot walk the whole graph.
const (
	maxDepth          = 5
	defaultPathLength = 4
	maxPathLength     = 8
	defaultPathLimit  = 10
	// maxPathSteps bounds the depth-first enumeration of one Paths call:
	// in a dense graph, proving there is no path of some length can visit
	// very many partial paths. Paths found before it runs out are returned.
	maxPathSteps = 200_000
)

// hop is one direct edge seen from one of its ends.
type hop struct {
	other string
	pred  graph.Predicate
	rel   string // graph.RelationID
	out   bool   // the edge leaves the node
}

// walker caches adjacency for one traversal.
type walker struct {
	s        *Store
	predIRIs []quad.IRI // the direct-edge predicates to follow
	adj      map[string][]hop
}

func (s *Store) walker(preds []graph.Predicate) (*walker, error) {
	for _, p := range preds {
		if !p.Valid() {
			return nil, graph.Errorf(graph.EINVALID, "unknown predicate %q", p)
		}
	}
	if len(preds) == 0 {
		preds = graph.Predicates
	}
	w := &walker{s: s, adj: map[string][]hop{}}
	for _, p := range preds {
		w.predIRIs = append(w.predIRIs, predicateIRI(p))
	}
	return w, nil
}

// prefetch loads the hops of many nodes at once where the backend makes
// that cheaper (PostgreSQL: one query for the whole BFS frontier instead of
// two per node); elsewhere hops loads each node when asked.
func (w *walker) prefetch(ctx context.Context, ids []string) error {
	if w.s.sqlb == nil {
		return nil
	}
	var nodes []quad.Value
	for _, id := range ids {
		if _, ok := w.adj[id]; !ok {
			nodes = append(nodes, entityIRI(id))
		}
	}
	if len(nodes) == 0 {
		return nil
	}
	qs, err := w.s.sqlb.edges(ctx, nodes, w.predIRIs)
	if err != nil {
		return err
	}
	byNode := make(map[string][]quad.Quad, len(nodes))
	for _, q := range qs {
		sid, _ := entityID(q.Subject)
		oid, _ := entityID(q.Object)
		byNode[sid] = append(byNode[sid], q)
		if oid != sid {
			byNode[oid] = append(byNode[oid], q)
		}
	}
	for _, n := range nodes {
		id, _ := entityID(n)
		w.adj[id] = w.hopsFrom(id, byNode[id])
	}
	return nil
}

// hops returns the direct edges of id in both directions, one per relation
// and neighbour, ordered by neighbour, predicate and relation ID.
func (w *walker) hops(ctx context.Context, id string) ([]hop, error) {
	if h, ok := w.adj[id]; ok {
		return h, nil
	}
	e := entityIRI(id)
	var all []quad.Quad
	for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
		qs, err := w.s.match(ctx, dir, e, w.predIRIs, nil)
		if err != nil {
			return nil, fmt.Errorf("edges of %q: %w", id, err)
		}
		all = append(all, qs...)
	}
	out := w.hopsFrom(id, all)
	w.adj[id] = out
	return out, nil
}

// hopsFrom turns the direct-edge quads touching id into its hops, one per
// relation and neighbour, ordered by neighbour, predicate and relation ID.
func (w *walker) hopsFrom(id string, qs []quad.Quad) []hop {
	seen := map[hop]bool{}
	out := []hop{}
	for _, q := range qs {
		pred, ok := predicateOf(q.Predicate)
		sid, ok1 := entityID(q.Subject)
		oid, ok2 := entityID(q.Object)
		if !ok || !ok1 || !ok2 {
			continue
		}
		var h hop
		switch {
		case sid == id: // a self-loop counts once, outgoing
			h = hop{other: oid, pred: pred, out: true}
		case oid == id:
			h = hop{other: sid, pred: pred}
		default:
			continue
		}
		h.rel = graph.RelationID(sid, pred, oid)
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	slices.SortFunc(out, func(a, b hop) int {
		return cmp.Or(cmp.Compare(a.other, b.other), cmp.Compare(a.pred, b.pred),
			cmp.Compare(a.rel, b.rel), boolCmp(a.out, b.out))
	})
	return out
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// edge builds the graph.Edge of a hop from id; symmetric relations run from
// the lower ID to the higher.
func edgeOf(id string, h hop) graph.Edge {
	src, dst := id, h.other
	if !h.out {
		src, dst = h.other, id
	}
	if h.pred.Symmetric() && dst < src {
		src, dst = dst, src
	}
	return graph.Edge{ID: h.rel, Source: src, Target: dst, Predicate: h.pred}
}

// weigh sets each edge's Weight to the number of statements behind it
// (the statement nodes linked to its relation), in one query on PostgreSQL.
func (s *Store) weigh(ctx context.Context, edges []graph.Edge) error {
	counts := map[quad.Value]int{}
	if s.sqlb != nil {
		var rels []quad.Value
		for _, e := range edges {
			rels = append(rels, relationIRI(e.ID))
		}
		var err error
		if counts, err = s.sqlb.counts(ctx, pRelation, rels); err != nil {
			return fmt.Errorf("weigh edges: %w", err)
		}
	}
	for i, e := range edges {
		r := relationIRI(e.ID)
		n, ok := counts[r]
		if !ok {
			qs, err := s.match(ctx, quad.Object, r, []quad.IRI{pRelation}, nil)
			if err != nil {
				return fmt.Errorf("weigh edge %s: %w", e.ID, err)
			}
			n = len(qs)
			counts[r] = n
		}
		edges[i].Weight = n
	}
	return nil
}

// Neighborhood walks the direct edges breadth first, both directions, up to
// opt.Depth hops (0: the entity alone, at most 5) and opt.Limit nodes (0: no
// cap), and returns the nodes in visiting order with every edge among them.
func (s *Store) Neighborhood(ctx context.Context, id string, opt graph.NeighborhoodOptions) (graph.Subgraph, error) {
	var sg graph.Subgraph
	depth := opt.Depth
	if depth < 0 || depth > maxDepth {
		return sg, graph.Errorf(graph.EINVALID, "depth %d outside 0..%d", opt.Depth, maxDepth)
	}
	if opt.Limit < 0 {
		return sg, graph.Errorf(graph.EINVALID, "negative limit %d", opt.Limit)
	}
	w, err := s.walker(opt.Predicates)
	if err != nil {
		return sg, err
	}
	if err := s.rlock(); err != nil {
		return sg, err
	}
	defer s.mu.RUnlock()
	start, err := s.entity(ctx, id)
	if err != nil {
		return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	if start.ID == "" {
		return sg, graph.Errorf(graph.ENOTFOUND, "entity %q not found", id)
	}
	order := []string{id}
	in := map[string]bool{id: true}
	frontier := []string{id}
	for d := 0; d < depth && len(frontier) > 0 && !sg.Truncated; d++ {
		if err := w.prefetch(ctx, frontier); err != nil {
			return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
		}
		var next []string
		for _, n := range frontier {
			hs, err := w.hops(ctx, n)
			if err != nil {
				return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
			}
			for _, h := range hs {
				if in[h.other] {
					continue
				}
				if opt.Limit > 0 && len(order) >= opt.Limit {
					sg.Truncated = true
					break
				}
				in[h.other] = true
				order = append(order, h.other)
				next = append(next, h.other)
			}
		}
		frontier = next
	}
	if err := w.prefetch(ctx, order); err != nil {
		return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	seen := map[string]bool{}
	for _, n := range order {
		hs, err := w.hops(ctx, n)
		if err != nil {
			return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
		}
		for _, h := range hs {
			if !in[h.other] || seen[h.rel] {
				continue
			}
			seen[h.rel] = true
			sg.Edges = append(sg.Edges, edgeOf(n, h))
		}
	}
	if err := s.weigh(ctx, sg.Edges); err != nil {
		return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	ents, err := s.entityMap(ctx, order)
	if err != nil {
		return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	for _, n := range order {
		sg.Nodes = append(sg.Nodes, orID(ents[n], n))
	}
	return sg, nil
}

// Paths finds up to opt.Limit (default 10) simple paths of at most
// opt.MaxLength (default 4, at most 8) edges between two entities, along
// direct edges in either direction: all shortest ones first, then longer
// ones, each length in lexical order of (neighbour, predicate) choices.
//
// The shortest length comes from a bidirectional BFS (expanding the smaller
// frontier); paths are then enumerated depth first from `from`, pruned by
// the distances to `to` the backward search learnt, so only nodes within
// reach of both ends are expanded (at most maxPathSteps of them).
func (s *Store) Paths(ctx context.Context, from, to string, opt graph.PathOptions) ([]graph.Path, error) {
	maxLen, limit := opt.MaxLength, opt.Limit
	if maxLen == 0 {
		maxLen = defaultPathLength
	}
	if limit == 0 {
		limit = defaultPathLimit
	}
	if maxLen < 0 || maxLen > maxPathLength {
		return nil, graph.Errorf(graph.EINVALID, "max length %d outside 1..%d", opt.MaxLength, maxPathLength)
	}
	if limit < 0 {
		return nil, graph.Errorf(graph.EINVALID, "negative limit %d", opt.Limit)
	}
	w, err := s.walker(opt.Predicates)
	if err != nil {
		return nil, err
	}
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	ends, err := s.entityMap(ctx, []string{from, to})
	if err != nil {
		return nil, fmt.Errorf("paths %q → %q: %w", from, to, err)
	}
	for _, id := range []string{from, to} {
		if ends[id].ID == "" {
			return nil, graph.Errorf(graph.ENOTFOUND, "entity %q not found", id)
		}
	}
	if from == to {
		return []graph.Path{{Nodes: []graph.Entity{ends[from]}}}, nil
	}
	b := &bidi{w: w, fwd: newBall(from), back: newBall(to)}
	shortest, err := b.shortest(ctx, maxLen)
	if err != nil {
		return nil, fmt.Errorf("paths %q → %q: %w", from, to, err)
	}
	if shortest < 0 {
		return []graph.Path{}, nil
	}
	var found [][]step
	budget := maxPathSteps
	for l := shortest; l <= maxLen && len(found) < limit && budget > 0; l++ {
		// The backward ball must reach half the length for the pruning
		// bound to hold at every position past the middle.
		if err := b.back.grow(ctx, w, l/2); err != nil {
			return nil, fmt.Errorf("paths %q → %q: %w", from, to, err)
		}
		e := enum{w: w, back: b.back, to: to, length: l, limit: limit - len(found),
			onPath: map[string]bool{from: true}, budget: &budget}
		if err := e.walk(ctx, from, nil); err != nil {
			return nil, fmt.Errorf("paths %q → %q: %w", from, to, err)
		}
		found = append(found, e.found...)
	}
	return s.buildPaths(ctx, from, found)
}

type step struct {
	from string
	h    hop
}

func (s *Store) buildPaths(ctx context.Context, from string, found [][]step) ([]graph.Path, error) {
	ids := map[string]bool{from: true}
	var edges []graph.Edge
	for _, p := range found {
		for _, st := range p {
			ids[st.h.other] = true
			edges = append(edges, edgeOf(st.from, st.h))
		}
	}
	if err := s.weigh(ctx, edges); err != nil {
		return nil, err
	}
	ents, err := s.entityMap(ctx, sortedKeys(ids))
	if err != nil {
		return nil, err
	}
	out := make([]graph.Path, 0, len(found))
	k := 0
	for _, p := range found {
		path := graph.Path{Nodes: []graph.Entity{orID(ents[from], from)}}
		for _, st := range p {
			path.Nodes = append(path.Nodes, orID(ents[st.h.other], st.h.other))
			path.Edges = append(path.Edges, edges[k])
			k++
		}
		out = append(out, path)
	}
	return out, nil
}

// ball is a BFS from one end: dist of every node within radius.
type ball struct {
	dist     map[string]int
	frontier []string
	radius   int
}

func newBall(id string) *ball {
	return &ball{dist: map[string]int{id: 0}, frontier: []string{id}}
}

// expand adds one BFS level.
func (b *ball) expand(ctx context.Context, w *walker) error {
	if err := w.prefetch(ctx, b.frontier); err != nil {
		return err
	}
	var next []string
	for _, n := range b.frontier {
		hs, err := w.hops(ctx, n)
		if err != nil {
			return err
		}
		for _, h := range hs {
			if _, ok := b.dist[h.other]; !ok {
				b.dist[h.other] = b.radius + 1
				next = append(next, h.other)
			}
		}
	}
	b.frontier = next
	b.radius++
	return nil
}

func (b *ball) grow(ctx context.Context, w *walker, r int) error {
	for b.radius < r && len(b.frontier) > 0 {
		if err := b.expand(ctx, w); err != nil {
			return err
		}
	}
	return nil
}

// lowerBound is a lower bound on the distance from n to the ball's centre.
func (b *ball) lowerBound(n string) int {
	if d, ok := b.dist[n]; ok {
		return d
	}
	if len(b.frontier) == 0 {
		return 1 << 30 // the ball is the whole component: unreachable
	}
	return b.radius + 1
}

type bidi struct {
	w         *walker
	fwd, back *ball
}

// shortest returns the shortest distance up to maxLen, or -1.
func (b *bidi) shortest(ctx context.Context, maxLen int) (int, error) {
	for {
		best := -1
		for n, d := range b.fwd.dist {
			if e, ok := b.back.dist[n]; ok && (best < 0 || d+e < best) {
				best = d + e
			}
		}
		if best >= 0 {
			return best, nil
		}
		if b.fwd.radius+b.back.radius >= maxLen {
			return -1, nil
		}
		grow := b.fwd
		if len(b.back.frontier) < len(b.fwd.frontier) {
			grow = b.back
		}
		if len(grow.frontier) == 0 {
			return -1, nil
		}
		if err := grow.expand(ctx, b.w); err != nil {
			return -1, err
		}
	}
}

// enum lists simple paths of exactly length edges, depth first.
type enum struct {
	w      *walker
	back   *ball
	to     string
	length int
	limit  int
	onPath map[string]bool
	found  [][]step
	budget *int // nodes the search may still visit, shared by all lengths
}

func (e *enum) walk(ctx context.Context, n string, path []step) error {
	if len(e.found) >= e.limit || *e.budget <= 0 {
		return nil
	}
	*e.budget--
	if err := ctx.Err(); err != nil {
		return err
	}
	if n == e.to {
		if len(path) == e.length {
			e.found = append(e.found, slices.Clone(path))
		}
		return nil
	}
	hs, err := e.w.hops(ctx, n)
	if err != nil {
		return err
	}
	for _, h := range hs {
		if e.onPath[h.other] || len(path)+1+e.back.lowerBound(h.other) > e.length {
			continue
		}
		e.onPath[h.other] = true
		err := e.walk(ctx, h.other, append(path, step{from: n, h: h}))
		delete(e.onPath, h.other)
		if err != nil || len(e.found) >= e.limit {
			return err
		}
	}
	return nil
}
