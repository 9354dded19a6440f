package gql

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/server/dataload"
)

// Error codes the API adds to graph's (graph.ENOTFOUND…), for access control.
const (
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
)

// Resolver is the root resolver. Its fields are set once; per-request state
// (the dataloaders) travels in the context.
type Resolver struct {
	Store  graph.Store
	Loader loaders.Loader
	Logger *slog.Logger
	// CanWrite, when set, is asked before every mutation; a non-nil error
	// (EUNAUTHORIZED, EFORBIDDEN) refuses it.
	CanWrite func(ctx context.Context) error
}

// loaders returns the request's dataloaders, or fresh ones when the caller
// did not install any (then nothing is shared between fields).
func (r *Resolver) loaders(ctx context.Context) *dataload.Loaders {
	if l := dataload.FromContext(ctx); l != nil {
		return l
	}
	return dataload.New(r.Store)
}

// notFoundAsNil turns ENOTFOUND into a null result, as nullable lookups
// (entity, document, node) answer.
func notFoundAsNil[T any](v T, err error) (*T, error) {
	if graph.ErrorCode(err) == graph.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return &v, nil
}

func (r *Resolver) Document() DocumentResolver { return &documentResolver{r} }
func (r *Resolver) DocumentConnection() DocumentConnectionResolver {
	return &documentConnectionResolver{r}
}
func (r *Resolver) Edge() EdgeResolver         { return &edgeResolver{r} }
func (r *Resolver) Entity() EntityResolver     { return &entityResolver{r} }
func (r *Resolver) Evidence() EvidenceResolver { return &evidenceResolver{r} }
func (r *Resolver) Mutation() MutationResolver { return &mutationResolver{r} }
func (r *Resolver) Query() QueryResolver       { return &queryResolver{r} }
func (r *Resolver) Relation() RelationResolver { return &relationResolver{r} }

type queryResolver struct{ *Resolver }

func (r *queryResolver) Node(ctx context.Context, id string) (Node, error) {
	l := r.loaders(ctx)
	entity, document := l.Entity, l.Document
	if alone(ctx) {
		entity, document = l.EntityNow, l.DocumentNow
	}
	if e, err := notFoundAsNil(entity(ctx, id)); err != nil || e != nil {
		return nodeOrNil(e, err)
	}
	if rel, err := notFoundAsNil(r.Store.Relation(ctx, id)); err != nil || rel != nil {
		return nodeOrNil(rel, err)
	}
	return nodeOrNil(notFoundAsNil(document(ctx, id)))
}

// nodeOrNil keeps a nil pointer from becoming a non-nil Node interface.
func nodeOrNil[T any](v *T, err error) (Node, error) {
	if v == nil || err != nil {
		return nil, err
	}
	return v, nil
}

func (r *queryResolver) Entity(ctx context.Context, id string) (*graph.Entity, error) {
	if alone(ctx) {
		return notFoundAsNil(r.loaders(ctx).EntityNow(ctx, id))
	}
	return notFoundAsNil(r.loaders(ctx).Entity(ctx, id))
}

func (r *queryResolver) Relation(ctx context.Context, id string) (*graph.Relation, error) {
	return notFoundAsNil(r.Store.Relation(ctx, id))
}

func (r *queryResolver) Search(ctx context.Context, text string, types []graph.EntityType, first *int, after *string) (*EntityConnection, error) {
	n, err := bound("first", first, DefaultFirst, 0, MaxFirst)
	if err != nil {
		return nil, err
	}
	offset, err := decodeOffset("search", after)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, graph.Errorf(graph.EINVALID, "search text is empty")
	}
	// One more hit than asked tells whether there is a next page.
	hits, err := r.Store.Search(ctx, text, graph.SearchOptions{Types: types, Limit: offset + n + 1})
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", text, err)
	}
	hits = hits[min(offset, len(hits)):]
	more := len(hits) > n
	hits = hits[:min(n, len(hits))]
	conn := &EntityConnection{Edges: make([]EntityEdge, len(hits))}
	cursors := make([]string, len(hits))
	l := r.loaders(ctx)
	for i, h := range hits {
		l.PrimeEntities(h.Entity)
		cursors[i] = encodeCursor("search", fmt.Sprint(offset+i))
		conn.Edges[i] = EntityEdge{Cursor: cursors[i], Node: &hits[i].Entity, Score: h.Score, Matched: h.Matched}
	}
	conn.PageInfo = pageInfo(cursors, more, offset > 0)
	return conn, nil
}

func (r *queryResolver) Neighborhood(ctx context.Context, id string, depth *int, predicates []graph.Predicate, first *int) (*Subgraph, error) {
	g, err := r.subgraph(ctx, id, depth, predicates, first)
	if err != nil {
		return nil, err
	}
	edges, err := ends(ctx, r.loaders(ctx), g.Nodes, g.Edges)
	if err != nil {
		return nil, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	return &Subgraph{Nodes: g.Nodes, Edges: edges, Truncated: g.Truncated}, nil
}

// subgraph checks the arguments of neighborhood and asks the store.
func (r *queryResolver) subgraph(ctx context.Context, id string, depth *int, predicates []graph.Predicate, first *int) (graph.Subgraph, error) {
	d, err := bound("depth", depth, DefaultDepth, 0, MaxDepth)
	if err != nil {
		return graph.Subgraph{}, err
	}
	n, err := bound("first", first, DefaultNeighborhoodNodes, 1, MaxNeighborhoodNodes)
	if err != nil {
		return graph.Subgraph{}, err
	}
	g, err := r.Store.Neighborhood(ctx, id, graph.NeighborhoodOptions{Depth: d, Predicates: predicates, Limit: n})
	if err != nil {
		return graph.Subgraph{}, fmt.Errorf("neighborhood of %q: %w", id, err)
	}
	return g, nil
}

func (r *queryResolver) Paths(ctx context.Context, from string, to string, maxLength *int, predicates []graph.Predicate, first *int) ([]Path, error) {
	m, err := bound("maxLength", maxLength, DefaultPathLength, 1, MaxPathLength)
	if err != nil {
		return nil, err
	}
	n, err := bound("first", first, DefaultPaths, 1, MaxPaths)
	if err != nil {
		return nil, err
	}
	ps, err := r.Store.Paths(ctx, from, to, graph.PathOptions{MaxLength: m, Predicates: predicates, Limit: n})
	if err != nil {
		return nil, fmt.Errorf("paths from %q to %q: %w", from, to, err)
	}
	out := make([]Path, len(ps))
	for i, p := range ps {
		edges, err := ends(ctx, r.loaders(ctx), p.Nodes, p.Edges)
		if err != nil {
			return nil, fmt.Errorf("paths from %q to %q: %w", from, to, err)
		}
		out[i] = Path{Nodes: p.Nodes, Edges: edges}
	}
	return out, nil
}

func (r *queryResolver) Documents(ctx context.Context, first *int, after *string) (*DocumentConnection, error) {
	n, err := bound("first", first, DefaultFirst, 0, MaxFirst)
	if err != nil {
		return nil, err
	}
	last, err := decodeCursor("doc", after)
	if err != nil {
		return nil, err
	}
	docs, err := r.Store.Documents(ctx, graph.ListOptions{After: last, Limit: n + 1})
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	more := len(docs) > n
	docs = docs[:min(n, len(docs))]
	conn := &DocumentConnection{Edges: make([]DocumentEdge, len(docs))}
	cursors := make([]string, len(docs))
	for i := range docs {
		cursors[i] = encodeCursor("doc", docs[i].ID)
		conn.Edges[i] = DocumentEdge{Cursor: cursors[i], Node: &docs[i]}
	}
	conn.PageInfo = pageInfo(cursors, more, last != "")
	return conn, nil
}

func (r *queryResolver) Document(ctx context.Context, id string) (*graph.Document, error) {
	if alone(ctx) {
		return notFoundAsNil(r.loaders(ctx).DocumentNow(ctx, id))
	}
	return notFoundAsNil(r.loaders(ctx).Document(ctx, id))
}

func (r *queryResolver) Stats(ctx context.Context) (*graph.Stats, error) {
	s, err := r.Store.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return &s, nil
}

type documentConnectionResolver struct{ *Resolver }

// TotalCount is resolved only when asked: the store has no count, so it
// lists every document (without texts), which is cheaper than Stats.
func (r *documentConnectionResolver) TotalCount(ctx context.Context, _ *DocumentConnection) (int, error) {
	docs, err := r.Store.Documents(ctx, graph.ListOptions{})
	if err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return len(docs), nil
}

type entityResolver struct{ *Resolver }

func (r *entityResolver) Relations(ctx context.Context, obj *graph.Entity, predicate *graph.Predicate, direction *graph.Direction, first *int, after *string) (*RelationConnection, error) {
	n, err := bound("first", first, DefaultFirst, 0, MaxFirst)
	if err != nil {
		return nil, err
	}
	last, err := decodeCursor("rel", after)
	if err != nil {
		return nil, err
	}
	// A page of none still counts them: ask for one and show none.
	k := dataload.RelationPageKey{RelationKey: dataload.RelationKey{Entity: obj.ID, Direction: graph.Both},
		After: last, First: max(n, 1)}
	if predicate != nil {
		k.Predicate = *predicate
	}
	if direction != nil {
		k.Direction = *direction
	}
	load := r.loaders(ctx).RelationPage
	if alone(ctx) {
		load = r.loaders(ctx).RelationPageNow
	}
	p, err := load(ctx, k)
	if err != nil {
		return nil, fmt.Errorf("relations of %q: %w", obj.ID, err)
	}
	if p.Start < 0 {
		return nil, graph.Errorf(graph.EINVALID, "cursor %q names a relation %q no longer has", *after, obj.ID)
	}
	page := p.Relations[:min(n, len(p.Relations))]
	conn := &RelationConnection{Edges: make([]RelationEdge, len(page)), TotalCount: p.Total}
	cursors := make([]string, len(page))
	for i := range page {
		cursors[i] = encodeCursor("rel", page[i].ID)
		conn.Edges[i] = RelationEdge{Cursor: cursors[i], Node: &page[i]}
	}
	conn.PageInfo = pageInfo(cursors, p.Start+len(page) < p.Total, p.Start > 0)
	return conn, nil
}

func (r *entityResolver) Resolution(_ context.Context, obj *graph.Entity) (*string, error) {
	return optional(obj.Resolution), nil
}

func (r *entityResolver) Documents(ctx context.Context, obj *graph.Entity) ([]graph.Document, error) {
	l := r.loaders(ctx)
	ids, err := l.EntityDocuments(ctx, obj.ID)
	if err != nil {
		return nil, fmt.Errorf("documents of %q: %w", obj.ID, err)
	}
	docs, err := l.Documents(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("documents of %q: %w", obj.ID, err)
	}
	return docs, nil
}

type relationResolver struct{ *Resolver }

// Subject and Object use the entities the relation carries when the store
// filled them in (the cayley store does), and the batched entity loader
// otherwise.
func (r *relationResolver) Subject(ctx context.Context, obj *graph.Relation) (*graph.Entity, error) {
	return r.end(ctx, obj.ID, obj.Subject)
}

func (r *relationResolver) Object(ctx context.Context, obj *graph.Relation) (*graph.Entity, error) {
	return r.end(ctx, obj.ID, obj.Object)
}

func (r *relationResolver) end(ctx context.Context, rel string, e graph.Entity) (*graph.Entity, error) {
	if e.Name != "" && e.Type != "" {
		return &e, nil
	}
	got, err := r.loaders(ctx).Entity(ctx, e.ID)
	if err != nil {
		return nil, fmt.Errorf("entity %q of relation %s: %w", e.ID, rel, err)
	}
	return &got, nil
}

type evidenceResolver struct{ *Resolver }

func (r *evidenceResolver) Start(_ context.Context, obj *graph.RelationEvidence) (int, error) {
	return obj.Evidence.Start, nil
}

func (r *evidenceResolver) End(_ context.Context, obj *graph.RelationEvidence) (int, error) {
	return obj.Evidence.End, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (r *evidenceResolver) Rule(_ context.Context, obj *graph.RelationEvidence) (*string, error) {
	return optional(obj.Rule), nil
}

func (r *evidenceResolver) From(_ context.Context, obj *graph.RelationEvidence) (*string, error) {
	return optional(obj.Start), nil
}

func (r *evidenceResolver) Until(_ context.Context, obj *graph.RelationEvidence) (*string, error) {
	return optional(obj.End), nil
}

func (r *evidenceResolver) Document(ctx context.Context, obj *graph.RelationEvidence) (*graph.Document, error) {
	d, err := r.loaders(ctx).Document(ctx, obj.Document)
	if err != nil {
		return nil, fmt.Errorf("document of evidence: %w", err)
	}
	return &d, nil
}

type documentResolver struct{ *Resolver }

func (r *documentResolver) Text(ctx context.Context, obj *graph.Document) (string, error) {
	if obj.Text != "" {
		return obj.Text, nil
	}
	d, err := r.loaders(ctx).DocumentText(ctx, obj.ID)
	if err != nil {
		return "", fmt.Errorf("text of %q: %w", obj.ID, err)
	}
	return d.Text, nil
}

func (r *documentResolver) StatementCount(ctx context.Context, obj *graph.Document) (int, error) {
	ss, err := r.loaders(ctx).DocumentStatements(ctx, obj.ID)
	if err != nil {
		return 0, fmt.Errorf("statements of %q: %w", obj.ID, err)
	}
	return len(ss), nil
}

// Relations maps the document's statements to the relations they support,
// reading the relations of each subject in one batched call.
func (r *documentResolver) Relations(ctx context.Context, obj *graph.Document) ([]graph.Relation, error) {
	l := r.loaders(ctx)
	ss, err := l.DocumentStatements(ctx, obj.ID)
	if err != nil {
		return nil, fmt.Errorf("statements of %q: %w", obj.ID, err)
	}
	type want struct{ id, subject string }
	var wants []want
	seen := map[string]bool{}
	for _, s := range ss {
		id := graph.RelationID(s.Subject.ID, s.Predicate, s.Object.ID)
		if !seen[id] {
			seen[id] = true
			wants = append(wants, want{id, s.Subject.ID})
		}
	}
	thunks := make([]func() ([]graph.Relation, error), len(wants))
	for i, w := range wants {
		thunks[i] = l.RelationsThunk(ctx, dataload.RelationKey{Entity: w.subject, Direction: graph.Both})
	}
	out := make([]graph.Relation, 0, len(wants))
	for i, w := range wants {
		rels, err := thunks[i]()
		if err != nil {
			return nil, fmt.Errorf("relations of %q: %w", obj.ID, err)
		}
		for _, rel := range rels {
			if rel.ID == w.id {
				out = append(out, rel)
				break
			}
		}
	}
	return out, nil
}

type edgeResolver struct{ *Resolver }

// Relation finds the edge's relation among its source's relations, so the
// edges of a subgraph cost one batched call; a direct lookup is the fallback.
func (r *edgeResolver) Relation(ctx context.Context, obj *Edge) (*graph.Relation, error) {
	rels, err := r.loaders(ctx).Relations(ctx, dataload.RelationKey{Entity: obj.Source, Direction: graph.Both})
	if err != nil {
		return nil, fmt.Errorf("relation of edge %s: %w", obj.ID, err)
	}
	for i := range rels {
		if rels[i].ID == obj.ID {
			return &rels[i], nil
		}
	}
	rel, err := r.Store.Relation(ctx, obj.ID)
	if err != nil {
		return nil, fmt.Errorf("relation of edge %s: %w", obj.ID, err)
	}
	return &rel, nil
}

type mutationResolver struct{ *Resolver }

func (r *mutationResolver) canWrite(ctx context.Context) error {
	if r.CanWrite == nil {
		return nil
	}
	return r.CanWrite(ctx)
}

func (r *mutationResolver) LoadDocument(ctx context.Context, name string, text string, format *string) (*LoadResult, error) {
	if err := r.canWrite(ctx); err != nil {
		return nil, err
	}
	if r.Loader == nil {
		return nil, graph.Errorf(EFORBIDDEN, "this server has no document loader")
	}
	if name == "" || strings.ContainsAny(name, `/\`) {
		return nil, graph.Errorf(graph.EINVALID, "document name %q must be a non-empty file name without slashes", name)
	}
	in := loaders.Input{Name: name, Source: "graphql:" + name, Data: []byte(text)}
	if format != nil {
		in.Format = *format
	}
	x, err := r.Loader.Load(ctx, in)
	if err != nil {
		if ctx.Err() == nil && graph.ErrorCode(err) == graph.EINTERNAL {
			// Loaders report bad input as plain errors naming the line.
			return nil, graph.Errorf(graph.EINVALID, "%v", err)
		}
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	_, err = r.Store.Document(ctx, x.Document.ID)
	replaced := err == nil
	if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	if err := r.Store.PutDocument(ctx, x); err != nil {
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	doc, err := r.Store.Document(ctx, x.Document.ID)
	if err != nil {
		return nil, fmt.Errorf("load %s: read back: %w", name, err)
	}
	r.log().InfoContext(ctx, "document loaded", "document", doc.ID, "format", doc.Format,
		"entities", len(x.Entities), "statements", len(x.Statements), "replaced", replaced)
	return &LoadResult{Document: &doc, Entities: len(x.Entities), Statements: len(x.Statements), Replaced: replaced}, nil
}

func (r *mutationResolver) RemoveDocument(ctx context.Context, id string) (bool, error) {
	if err := r.canWrite(ctx); err != nil {
		return false, err
	}
	if err := r.Store.RemoveDocument(ctx, id); err != nil {
		return false, fmt.Errorf("remove %s: %w", id, err)
	}
	r.log().InfoContext(ctx, "document removed", "document", id)
	return true, nil
}

func (r *Resolver) log() *slog.Logger {
	if r.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return r.Logger
}
