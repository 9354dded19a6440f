package gql

import (
	"bytes"
	"context"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/ties-graph/ties/graph"
)

// plainPath writes the answers of `neighborhood` and `paths` straight to
// JSON when every field asked below them is a plain value (IDs, names,
// types, weights, the edges' ends): no field there fans out, so gqlgen's
// executor, which spends a goroutine, a field context and a field set on
// every node and edge, adds nothing but time and garbage to a subgraph of
// thousands of edges. Anything else (a field that needs a resolver, such
// as Edge.relation, a @defer, an argument or resolver error) goes the
// ordinary way, and the answers are the same byte for byte (see
// TestPlainPathMatchesExecutor). An error costs the store call twice (here,
// then in the executor, which reports it), and fields under these two run
// no field middleware (the handler has none).
type plainPath struct {
	es     *executableSchema
	r      *Resolver
	served atomic.Int64 // answers written here, for tests
}

// aroundRootFields is the root field middleware.
func (p *plainPath) aroundRootFields(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	rfc := graphql.GetRootFieldContext(ctx)
	if rfc == nil || (rfc.Field.Name != "neighborhood" && rfc.Field.Name != "paths") ||
		graphql.GetOperationContext(ctx).Operation.Operation != ast.Query {
		return next(ctx)
	}
	if out, ok := p.serve(ctx, rfc.Field); ok {
		p.served.Add(1)
		return out
	}
	return next(ctx)
}

// serve answers one root field, or reports false when the executor must.
func (p *plainPath) serve(ctx context.Context, field graphql.CollectedField) (out graphql.Marshaler, ok bool) {
	defer func() {
		if v := recover(); v != nil {
			p.r.log().ErrorContext(ctx, "plain answer panicked; the executor answers", "panic", v, "field", field.Name)
			out, ok = nil, false
		}
	}()
	oc := graphql.GetOperationContext(ctx)
	ec := newExecutionContext(oc, p.es, nil)
	q := &queryResolver{p.r}
	// The answer is written when the executor marshals the response, into
	// its buffer: building it here first would copy it once more.
	var write func(*bytes.Buffer)
	size := 64
	switch field.Name {
	case "neighborhood":
		sel, ok := planSubgraph(oc, field.Selections)
		if !ok {
			return nil, false
		}
		args, err := ec.field_Query_neighborhood_args(ctx, field.ArgumentMap(oc.Variables))
		if err != nil {
			return nil, false
		}
		g, err := q.subgraph(ctx, args["id"].(string), args["depth"].(*int), args["predicates"].([]graph.Predicate), args["first"].(*int))
		if err != nil {
			return nil, false
		}
		byID, err := endsOf(ctx, p.r.loaders(ctx), g.Nodes, g.Edges)
		if err != nil {
			return nil, false
		}
		// About what a node and an edge take with a few fields (an
		// edge with its ends' IDs: 120 to 160 bytes): growing by doubling
		// would copy a large answer several times.
		size = 160 * (len(g.Nodes) + len(g.Edges))
		write = func(b *bytes.Buffer) { sel.write(b, &plainSubgraph{Subgraph: g, ends: byID}) }
	case "paths":
		sel, ok := planPath(oc, field.Selections)
		if !ok {
			return nil, false
		}
		args, err := ec.field_Query_paths_args(ctx, field.ArgumentMap(oc.Variables))
		if err != nil {
			return nil, false
		}
		ps, err := q.Paths(ctx, args["from"].(string), args["to"].(string), args["maxLength"].(*int),
			args["predicates"].([]graph.Predicate), args["first"].(*int))
		if err != nil {
			return nil, false
		}
		write = func(b *bytes.Buffer) {
			b.WriteByte('[')
			for i := range ps {
				if i > 0 {
					b.WriteByte(',')
				}
				sel.write(b, &ps[i])
			}
			b.WriteByte(']')
		}
	default:
		return nil, false
	}
	return graphql.WriterFunc(func(w io.Writer) {
		if b, ok := w.(*bytes.Buffer); ok { // the executor's
			b.Grow(size)
			write(b)
			return
		}
		var b bytes.Buffer
		b.Grow(size)
		write(&b)
		w.Write(b.Bytes())
	}), true
}

// plainSubgraph is what the plain path writes a neighbourhood from: the
// store's subgraph and its edges' ends, without the []Edge the executor
// needs (a copy of every edge).
type plainSubgraph struct {
	graph.Subgraph
	ends map[string]*graph.Entity
}

// each calls f with every edge, its ends resolved, in one reused Edge.
func (g *plainSubgraph) each(f func(*Edge)) {
	e := new(Edge)
	for i := range g.Edges {
		ge := &g.Edges[i]
		*e = Edge{Edge: *ge, SourceEntity: g.ends[ge.Source], TargetEntity: g.ends[ge.Target]}
		f(e)
	}
}

// A plan is the fields asked of one object, in answer order: each with its
// JSON key (quoted alias and colon) and, for objects, the plan below it.
type plan[T any] []planField[T]

type planField[T any] struct {
	key   []byte
	write func(b *bytes.Buffer, v T)
}

func (pl plan[T]) write(b *bytes.Buffer, v T) {
	b.WriteByte('{')
	for i, f := range pl {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(f.key)
		f.write(b, v)
	}
	b.WriteByte('}')
}

// collect lists the fields of sel for an object of the given type names,
// as the executor does (fragments, @include, @skip, aliases), dropping a
// repeated alias as the executor's output does; ok is false when a field
// is deferred.
func collect(oc *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) ([]graphql.CollectedField, bool) {
	var out []graphql.CollectedField
	seen := map[string]bool{}
	for _, f := range graphql.CollectFields(oc, sel, satisfies) {
		if len(f.Deferrables) > 0 {
			return nil, false
		}
		if !seen[f.Alias] {
			seen[f.Alias] = true
			out = append(out, f)
		}
	}
	return out, true
}

func key(alias string) []byte {
	var b bytes.Buffer
	graphql.MarshalString(alias).MarshalGQL(&b)
	b.WriteByte(':')
	return b.Bytes()
}

func str(b *bytes.Buffer, s string) { graphql.MarshalString(s).MarshalGQL(b) }

func strs(b *bytes.Buffer, ss []string) {
	b.WriteByte('[')
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(',')
		}
		str(b, s)
	}
	b.WriteByte(']')
}

// planEntity plans the plain fields of Entity; ok is false when another
// field is asked.
func planEntity(oc *graphql.OperationContext, sel ast.SelectionSet) (plan[*graph.Entity], bool) {
	fs, ok := collect(oc, sel, entityImplementors)
	if !ok {
		return nil, false
	}
	pl := make(plan[*graph.Entity], len(fs))
	for i, f := range fs {
		var w func(*bytes.Buffer, *graph.Entity)
		switch f.Name {
		case "__typename":
			w = func(b *bytes.Buffer, _ *graph.Entity) { str(b, "Entity") }
		case "id":
			w = func(b *bytes.Buffer, e *graph.Entity) { graphql.MarshalID(e.ID).MarshalGQL(b) }
		case "name":
			w = func(b *bytes.Buffer, e *graph.Entity) { str(b, e.Name) }
		case "type":
			// The executor's enum marshaller, so an unknown type reads the same.
			w = func(b *bytes.Buffer, e *graph.Entity) {
				str(b, marshalNEntityType2githubᚗcomᚋtiesᚑgraphᚋtiesᚋgraphᚐEntityType[e.Type])
			}
		case "aliases":
			w = func(b *bytes.Buffer, e *graph.Entity) { strs(b, e.Aliases) }
		case "languages":
			w = func(b *bytes.Buffer, e *graph.Entity) { strs(b, e.Languages) }
		case "resolution":
			w = func(b *bytes.Buffer, e *graph.Entity) {
				if e.Resolution == "" {
					b.WriteString("null")
				} else {
					str(b, e.Resolution)
				}
			}
		default:
			return nil, false
		}
		pl[i] = planField[*graph.Entity]{key: key(f.Alias), write: w}
	}
	return pl, true
}

func planEdge(oc *graphql.OperationContext, sel ast.SelectionSet) (plan[*Edge], bool) {
	fs, ok := collect(oc, sel, edgeImplementors)
	if !ok {
		return nil, false
	}
	pl := make(plan[*Edge], len(fs))
	for i, f := range fs {
		var w func(*bytes.Buffer, *Edge)
		switch f.Name {
		case "__typename":
			w = func(b *bytes.Buffer, _ *Edge) { str(b, "Edge") }
		case "id":
			w = func(b *bytes.Buffer, e *Edge) { graphql.MarshalID(e.ID).MarshalGQL(b) }
		case "predicate":
			w = func(b *bytes.Buffer, e *Edge) {
				str(b, marshalNPredicate2githubᚗcomᚋtiesᚑgraphᚋtiesᚋgraphᚐPredicate[e.Predicate])
			}
		case "weight":
			w = func(b *bytes.Buffer, e *Edge) { graphql.MarshalInt(e.Weight).MarshalGQL(b) }
		case "source", "target":
			ent, ok := planEntity(oc, f.Selections)
			if !ok {
				return nil, false
			}
			if f.Name == "source" {
				w = func(b *bytes.Buffer, e *Edge) { ent.write(b, e.SourceEntity) }
			} else {
				w = func(b *bytes.Buffer, e *Edge) { ent.write(b, e.TargetEntity) }
			}
		default:
			return nil, false
		}
		pl[i] = planField[*Edge]{key: key(f.Alias), write: w}
	}
	return pl, true
}

// planLists plans the nodes and edges fields common to Subgraph and Path.
func planLists[T any](oc *graphql.OperationContext, f graphql.CollectedField, nodes func(T) []graph.Entity, edges func(T, func(*Edge))) (func(*bytes.Buffer, T), bool) {
	switch f.Name {
	case "nodes":
		ent, ok := planEntity(oc, f.Selections)
		if !ok {
			return nil, false
		}
		return func(b *bytes.Buffer, v T) {
			ns := nodes(v)
			b.WriteByte('[')
			for i := range ns {
				if i > 0 {
					b.WriteByte(',')
				}
				ent.write(b, &ns[i])
			}
			b.WriteByte(']')
		}, true
	case "edges":
		edge, ok := planEdge(oc, f.Selections)
		if !ok {
			return nil, false
		}
		return func(b *bytes.Buffer, v T) {
			b.WriteByte('[')
			first := true
			edges(v, func(e *Edge) {
				if !first {
					b.WriteByte(',')
				}
				first = false
				edge.write(b, e)
			})
			b.WriteByte(']')
		}, true
	}
	return nil, false
}

func planSubgraph(oc *graphql.OperationContext, sel ast.SelectionSet) (plan[*plainSubgraph], bool) {
	fs, ok := collect(oc, sel, subgraphImplementors)
	if !ok {
		return nil, false
	}
	pl := make(plan[*plainSubgraph], len(fs))
	for i, f := range fs {
		var w func(*bytes.Buffer, *plainSubgraph)
		switch f.Name {
		case "__typename":
			w = func(b *bytes.Buffer, _ *plainSubgraph) { str(b, "Subgraph") }
		case "truncated":
			w = func(b *bytes.Buffer, g *plainSubgraph) { graphql.MarshalBoolean(g.Truncated).MarshalGQL(b) }
		default:
			if w, ok = planLists(oc, f, func(g *plainSubgraph) []graph.Entity { return g.Nodes }, (*plainSubgraph).each); !ok {
				return nil, false
			}
		}
		pl[i] = planField[*plainSubgraph]{key: key(f.Alias), write: w}
	}
	return pl, true
}

func planPath(oc *graphql.OperationContext, sel ast.SelectionSet) (plan[*Path], bool) {
	fs, ok := collect(oc, sel, pathImplementors)
	if !ok {
		return nil, false
	}
	pl := make(plan[*Path], len(fs))
	for i, f := range fs {
		var w func(*bytes.Buffer, *Path)
		switch f.Name {
		case "__typename":
			w = func(b *bytes.Buffer, _ *Path) { str(b, "Path") }
		case "length":
			w = func(b *bytes.Buffer, p *Path) { graphql.MarshalInt(p.Length()).MarshalGQL(b) }
		default:
			if w, ok = planLists(oc, f, func(p *Path) []graph.Entity { return p.Nodes }, eachPathEdge); !ok {
				return nil, false
			}
		}
		pl[i] = planField[*Path]{key: key(f.Alias), write: w}
	}
	return pl, true
}

func eachPathEdge(p *Path, f func(*Edge)) {
	for i := range p.Edges {
		f(&p.Edges[i])
	}
}
