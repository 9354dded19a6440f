package cayley

import (
	"context"
	"fmt"
	"slices"

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

// hop is one direct edge seen from one of its ends, by IDs.
type hop struct {
	other string
	pred  graph.Predicate
	rel   string // graph.RelationID
	out   bool   // the edge leaves the node
}

// walker follows the in-memory adjacency along some predicates. Callers
// hold the read lock for as long as they use it.
type walker struct {
	a    *adjacency
	mask uint16 // bit i: graph.Predicates[i]
}

func (s *Store) walker(preds []graph.Predicate) (*walker, error) {
	w := &walker{a: s.adj}
	for _, p := range preds {
		i, ok := predIndex(p)
		if !ok {
			return nil, graph.Errorf(graph.EINVALID, "unknown predicate %q", p)
		}
		w.mask |= 1 << i
	}
	if len(preds) == 0 {
		w.mask = allPreds
	}
	return w, nil
}

// hops returns node n's arcs along the walker's predicates, ordered by
// neighbour ID, predicate and relation ID. The slice is shared when no
// predicate is filtered out: callers must not change it.
func (w *walker) hops(n int32) []uint32 {
	return w.a.arcsOf(n, w.mask, nil)
}

// follows reports whether the walker follows arc x's predicate.
func (w *walker) follows(x uint32) bool { return w.mask&(1<<arcPred(x)) != 0 }

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

// Neighborhood walks the direct edges breadth first, both directions, up to
// opt.Depth hops (0: the entity alone, at most 5) and opt.Limit nodes (0: no
// cap), and returns the nodes in visiting order with every edge among them.
// It reads only memory: the adjacency and the entity index.
func (s *Store) Neighborhood(ctx context.Context, id string, opt graph.NeighborhoodOptions) (graph.Subgraph, error) {
	var sg graph.Subgraph
	var order []int32
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
	if err := ctx.Err(); err != nil {
		return sg, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	start := s.index.entity(id)
	if start.ID == "" {
		return sg, graph.Errorf(graph.ENOTFOUND, "entity %q not found", id)
	}
	a := s.adj
	first, ok := a.num[id]
	if !ok { // no edge ever touched it
		sg.Nodes = []graph.Entity{start}
		return sg, nil
	}
	// pos[n] is n's place in order plus one (0: not visited): a dense
	// slice from the store's pool, cleared again before it goes back.
	pos := s.positions(len(a.ids))
	defer s.releasePositions(pos, &order)
	order = append(order, first)
	pos[first] = 1
	frontier := []int32{first}
	for d := 0; d < depth && len(frontier) > 0 && !sg.Truncated; d++ {
		var next []int32
		for _, n := range frontier {
			for _, x := range w.hops(n) {
				m := arcOther(x)
				if pos[m] != 0 {
					continue
				}
				if opt.Limit > 0 && len(order) >= opt.Limit {
					sg.Truncated = true
					break
				}
				order = append(order, m)
				pos[m] = int32(len(order))
				next = append(next, m)
			}
		}
		frontier = next
	}
	// Each edge among the nodes once, from the end visited first; counted
	// first (twins included), so the list is allocated once.
	count := 0
	for i, n := range order {
		for _, x := range a.arcs[n] {
			if w.follows(x) && pos[arcOther(x)] > int32(i) {
				count++
			}
		}
	}
	sg.Edges = make([]graph.Edge, 0, count)
	for i, n := range order {
		for j, x := range a.arcs[n] {
			if w.follows(x) && pos[arcOther(x)] > int32(i) && !a.twin(n, x) {
				sg.Edges = append(sg.Edges, a.edgeAt(n, j))
			}
		}
	}
	sg.Nodes = make([]graph.Entity, len(order))
	for i, n := range order {
		sg.Nodes[i] = orID(s.index.entity(a.ids[n]), a.ids[n])
	}
	return sg, nil
}

// positions returns a zeroed []int32 of at least n entries, from the pool.
func (s *Store) positions(n int) []int32 {
	if p, ok := s.posPool.Get().(*[]int32); ok && len(*p) >= n {
		return *p
	}
	return make([]int32, n+n/4)
}

// releasePositions zeroes the entries of order and pools pos.
func (s *Store) releasePositions(pos []int32, order *[]int32) {
	for _, n := range *order {
		pos[n] = 0
	}
	s.posPool.Put(&pos)
}

// Paths finds up to opt.Limit (default 10) simple paths of at most
// opt.MaxLength (default 4, at most 8) edges between two entities, along
// direct edges in either direction: all shortest ones first, then longer
// ones, each length in lexical order of (neighbour, predicate) choices.
//
// The shortest length comes from a bidirectional BFS (expanding the smaller
// frontier); paths are then enumerated depth first from `from`, pruned by
// the distances to `to` the backward search learnt, so only nodes within
// reach of both ends are expanded (at most maxPathSteps of them). It reads
// only memory: the adjacency and the entity index.
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
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("paths %q → %q: %w", from, to, err)
	}
	ends := map[string]graph.Entity{}
	for _, id := range []string{from, to} {
		if ends[id] = s.index.entity(id); ends[id].ID == "" {
			return nil, graph.Errorf(graph.ENOTFOUND, "entity %q not found", id)
		}
	}
	if from == to {
		return []graph.Path{{Nodes: []graph.Entity{ends[from]}}}, nil
	}
	fn, ok1 := s.adj.num[from]
	tn, ok2 := s.adj.num[to]
	if !ok1 || !ok2 {
		return []graph.Path{}, nil
	}
	b := &bidi{w: w, fwd: newBall(fn), back: newBall(tn)}
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
		e := enum{w: w, back: b.back, to: tn, length: l, limit: limit - len(found),
			onPath: map[int32]bool{fn: true}, budget: &budget}
		if err := e.walk(ctx, fn, nil); err != nil {
			return nil, fmt.Errorf("paths %q → %q: %w", from, to, err)
		}
		found = append(found, e.found...)
	}
	return s.buildPaths(from, found), nil
}

// step is one arc of a path, from node `from`.
type step struct {
	from int32
	x    uint32
}

func (s *Store) buildPaths(from string, found [][]step) []graph.Path {
	a := s.adj
	out := make([]graph.Path, 0, len(found))
	start := orID(s.index.entity(from), from)
	for _, p := range found {
		path := graph.Path{Nodes: []graph.Entity{start}}
		for _, st := range p {
			id := a.ids[arcOther(st.x)]
			path.Nodes = append(path.Nodes, orID(s.index.entity(id), id))
			path.Edges = append(path.Edges, a.edge(st.from, st.x))
		}
		out = append(out, path)
	}
	return out
}

// ball is a BFS from one end: dist of every node within radius.
type ball struct {
	dist     map[int32]int
	frontier []int32
	radius   int
}

func newBall(n int32) *ball {
	return &ball{dist: map[int32]int{n: 0}, frontier: []int32{n}}
}

// expand adds one BFS level.
func (b *ball) expand(ctx context.Context, w *walker) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var next []int32
	for _, n := range b.frontier {
		for _, x := range w.hops(n) {
			m := arcOther(x)
			if _, ok := b.dist[m]; !ok {
				b.dist[m] = b.radius + 1
				next = append(next, m)
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
func (b *ball) lowerBound(n int32) int {
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
	to     int32
	length int
	limit  int
	onPath map[int32]bool
	found  [][]step
	budget *int // nodes the search may still visit, shared by all lengths
}

func (e *enum) walk(ctx context.Context, n int32, path []step) error {
	if len(e.found) >= e.limit || *e.budget <= 0 {
		return nil
	}
	*e.budget--
	if *e.budget%1024 == 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if n == e.to {
		if len(path) == e.length {
			e.found = append(e.found, slices.Clone(path))
		}
		return nil
	}
	for _, x := range e.w.hops(n) {
		m := arcOther(x)
		if e.onPath[m] || len(path)+1+e.back.lowerBound(m) > e.length {
			continue
		}
		e.onPath[m] = true
		err := e.walk(ctx, m, append(path, step{from: n, x: x}))
		delete(e.onPath, m)
		if err != nil || len(e.found) >= e.limit {
			return err
		}
	}
	return nil
}
