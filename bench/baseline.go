package bench

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	cgraph "github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/kv/bolt"  // registers "bolt"
	_ "github.com/cayleygraph/cayley/graph/memstore" // registers "memstore"
	"github.com/cayleygraph/cayley/graph/refs"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers "postgres"
	cpath "github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// The few IRIs of ties' quad model the raw baseline queries need. They
// follow graph/cayley's model.go (the store does not export them); the
// quads themselves are the store's own, read back with DocumentQuads.
const (
	entityPrefix = "ties:e/"
	predPrefix   = "ties:"
)

func entityIRI(id string) quad.IRI { return quad.IRI(entityPrefix + url.PathEscape(id)) }

func predIRIs() []any {
	out := make([]any, len(graph.Predicates))
	for i, p := range graph.Predicates {
		out[i] = quad.IRI(predPrefix + string(p))
	}
	return out
}

// raw is a Cayley quadstore opened directly, without ties' layers.
type raw struct {
	qs    cgraph.QuadStore
	preds []any
	// predKeys are the references of the direct-edge predicates.
	predKeys map[any]bool
}

// openRaw opens Cayley's backend of the given kind ("memory", "bolt",
// "postgres") at addr.
func openRaw(kind, addr string) (*raw, error) {
	var qs cgraph.QuadStore
	var err error
	switch kind {
	case "memory":
		qs, err = cgraph.NewQuadStore("memstore", "", nil)
	case "bolt", "postgres":
		if err = cgraph.InitQuadStore(kind, addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			return nil, fmt.Errorf("init cayley %s: %w", kind, err)
		}
		qs, err = cgraph.NewQuadStore(kind, addr, nil)
	default:
		return nil, fmt.Errorf("unknown backend %q", kind)
	}
	if err != nil {
		return nil, fmt.Errorf("open cayley %s: %w", kind, err)
	}
	return &raw{qs: qs, preds: predIRIs()}, nil
}

func (r *raw) close() error { return r.qs.Close() }

// write applies quads as one transaction, the batch ties uses (one
// document).
func (r *raw) write(qs []quad.Quad) error {
	tx := cgraph.NewTransactionN(len(qs))
	for _, q := range qs {
		tx.AddQuad(q)
	}
	if err := r.qs.ApplyDeltas(tx.Deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return fmt.Errorf("cayley write %d quads: %w", len(qs), err)
	}
	r.predKeys = nil
	return nil
}

// oneHop is `relations(first:50)` asked of Cayley's path API: the
// neighbours over the direct edges, both directions, first 50.
func (r *raw) oneHop(ctx context.Context, id string) (int, error) {
	vs, err := cpath.StartPath(r.qs, entityIRI(id)).Both(r.preds...).Limit(50).Iterate(ctx).AllValues(r.qs)
	return len(vs), err
}

// hood is `neighborhood` asked of Cayley: the start and the distinct
// nodes depth Both hops away by its path API (which includes the nearer
// ones reached back), cut at limit as ties cuts its subgraph, then the direct edges among them
// by its quad iterators, each once, with its predicate resolved: the
// subgraph a neighbourhood answer holds. It returns nodes plus edges.
func (r *raw) hood(ctx context.Context, id string, depth, limit int) (int, error) {
	if err := r.loadPredKeys(); err != nil {
		return 0, err
	}
	start, err := r.qs.ValueOf(entityIRI(id))
	if err != nil || start == nil {
		return 0, err
	}
	// The start node, and what the path reaches (less one: the start).
	nodes := map[any]refs.Ref{refs.ToKey(start): start}
	p := cpath.StartPath(r.qs, entityIRI(id))
	for i := 0; i < depth; i++ {
		p = p.Both(r.preds...)
	}
	err = p.Except(cpath.StartPath(r.qs, entityIRI(id))).Unique().Limit(int64(limit-1)).Iterate(ctx).
		EachValuePair(r.qs, func(n refs.Ref, _ quad.Value) error {
			nodes[refs.ToKey(n)] = n
			return nil
		})
	if err != nil {
		return 0, err
	}
	type edge struct{ s, p, o any }
	edges := map[edge]bool{}
	for sk, n := range nodes {
		it := r.qs.QuadIterator(quad.Subject, n).Iterate()
		for it.Next(ctx) {
			q := it.Result()
			pr, err := r.qs.QuadDirection(q, quad.Predicate)
			if err != nil {
				it.Close()
				return 0, err
			}
			pk := refs.ToKey(pr)
			if !r.predKeys[pk] {
				continue
			}
			o, err := r.qs.QuadDirection(q, quad.Object)
			if err != nil {
				it.Close()
				return 0, err
			}
			ok := refs.ToKey(o)
			if _, in := nodes[ok]; !in || edges[edge{sk, pk, ok}] {
				continue
			}
			if _, err := r.qs.NameOf(pr); err != nil {
				it.Close()
				return 0, err
			}
			edges[edge{sk, pk, ok}] = true
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return 0, err
		}
	}
	return len(nodes) + len(edges), nil
}

// alias is `search` asked of Cayley: entities with exactly this alias
// (Cayley has no fuzzy or inflected lookup).
func (r *raw) alias(ctx context.Context, form string) (int, error) {
	vs, err := cpath.StartPath(r.qs, quad.String(form)).In(quad.IRI("ties:alias")).Limit(10).Iterate(ctx).AllValues(r.qs)
	return len(vs), err
}

func (r *raw) loadPredKeys() error {
	if r.predKeys != nil {
		return nil
	}
	r.predKeys = map[any]bool{}
	for _, p := range r.preds {
		ref, err := r.qs.ValueOf(p.(quad.IRI))
		if err != nil {
			return err
		}
		if ref != nil {
			r.predKeys[refs.ToKey(ref)] = true
		}
	}
	return nil
}

// neighbours follows the direct edges of a node both ways over Cayley's
// quad iterators (SP and OPS indexes on kv backends).
func (r *raw) neighbours(ctx context.Context, n refs.Ref) ([]refs.Ref, error) {
	var out []refs.Ref
	for _, d := range [2][2]quad.Direction{{quad.Subject, quad.Object}, {quad.Object, quad.Subject}} {
		it := r.qs.QuadIterator(d[0], n).Iterate()
		for it.Next(ctx) {
			q := it.Result()
			p, err := r.qs.QuadDirection(q, quad.Predicate)
			if err != nil {
				it.Close()
				return nil, err
			}
			if !r.predKeys[refs.ToKey(p)] {
				continue
			}
			o, err := r.qs.QuadDirection(q, d[1])
			if err != nil {
				it.Close()
				return nil, err
			}
			out = append(out, o)
		}
		err := it.Err()
		it.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// path is `paths(maxLength)` as a bidirectional BFS over Cayley's
// iterators: the length of a shortest path (0 when none within maxLen),
// with the nodes on it resolved to values as an answer would need.
func (r *raw) path(ctx context.Context, from, to string, maxLen int) (int, error) {
	if err := r.loadPredKeys(); err != nil {
		return 0, err
	}
	a, err := r.qs.ValueOf(entityIRI(from))
	if err != nil || a == nil {
		return 0, err
	}
	b, err := r.qs.ValueOf(entityIRI(to))
	if err != nil || b == nil {
		return 0, err
	}
	type side struct {
		parent   map[any]refs.Ref
		frontier []refs.Ref
	}
	start := func(n refs.Ref) *side {
		return &side{parent: map[any]refs.Ref{refs.ToKey(n): nil}, frontier: []refs.Ref{n}}
	}
	fw, bw := start(a), start(b)
	if refs.ToKey(a) == refs.ToKey(b) {
		return 0, nil
	}
	for length := 0; length < maxLen; {
		// Expand the smaller frontier.
		s, o := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			s, o = bw, fw
		}
		if len(s.frontier) == 0 {
			return 0, nil
		}
		var next []refs.Ref
		var meet refs.Ref
		for _, n := range s.frontier {
			ns, err := r.neighbours(ctx, n)
			if err != nil {
				return 0, err
			}
			for _, m := range ns {
				k := refs.ToKey(m)
				if _, ok := s.parent[k]; ok {
					continue
				}
				s.parent[k] = n
				next = append(next, m)
				if _, ok := o.parent[k]; ok && meet == nil {
					meet = m
				}
			}
		}
		s.frontier = next
		length++
		if meet != nil {
			// Resolve the nodes of the path, as an answer would.
			var nodes []refs.Ref
			for _, side := range []*side{fw, bw} {
				for n := side.parent[refs.ToKey(meet)]; n != nil; n = side.parent[refs.ToKey(n)] {
					nodes = append(nodes, n)
				}
			}
			nodes = append(nodes, meet)
			for _, n := range nodes {
				if _, err := r.qs.NameOf(n); err != nil {
					return 0, err
				}
			}
			return len(nodes) - 1, nil
		}
	}
	return 0, nil
}
