// Package dataload batches and caches the store reads of one GraphQL request,
// so that a nested query costs one store call per level, not one per object.
// A Loaders value lives for one request only: its caches never outlive the
// request, so writes by other requests are seen by the next one.
package dataload

import (
	"context"
	"fmt"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/ties-graph/ties/graph"
)

// wait is how long a loader collects keys before it calls the store. Field
// resolvers of one level run concurrently, so a few milliseconds gather a
// level even on a busy machine (dataloadgen's default is 16ms).
const wait = 5 * time.Millisecond

// RelationKey selects the relations of one entity under one filter.
type RelationKey struct {
	Entity    string
	Predicate graph.Predicate // empty for all predicates
	Direction graph.Direction // Outgoing, Incoming or Both
}

// RelationPageKey selects one page of the relations of one entity.
type RelationPageKey struct {
	RelationKey
	After string // the relation the page starts after; empty for the first page
	First int    // the page's size; 0 for all
}

// Loaders holds the per-request loaders over one store.
type Loaders struct {
	store      graph.Store
	entities   *dataloadgen.Loader[string, graph.Entity]
	entityDocs *dataloadgen.Loader[string, []string]
	documents  *dataloadgen.Loader[string, graph.Document]
	texts      *dataloadgen.Loader[string, graph.Document]
	statements *dataloadgen.Loader[string, []graph.Statement]
	relations  *dataloadgen.Loader[RelationKey, []graph.Relation]
	pages      *dataloadgen.Loader[RelationPageKey, graph.RelationPage]
}

// Option changes a default of New.
type Option func(*time.Duration)

// Wait sets how long loaders collect keys (5 ms by default); tests set it
// long to prove a load does not wait.
func Wait(d time.Duration) Option { return func(w *time.Duration) { *w = d } }

// New returns fresh loaders over s, for one request.
func New(s graph.Store, opts ...Option) *Loaders {
	l := &Loaders{store: s}
	w := wait
	for _, o := range opts {
		o(&w)
	}
	opt := dataloadgen.WithWait(w)
	l.entities = dataloadgen.NewLoader(l.fetchEntities, opt)
	l.entityDocs = dataloadgen.NewLoader(l.fetchEntityDocs, opt)
	l.documents = dataloadgen.NewLoader(l.fetchDocuments, opt)
	l.texts = dataloadgen.NewLoader(l.fetchTexts, opt)
	l.statements = dataloadgen.NewLoader(l.fetchStatements, opt)
	l.relations = dataloadgen.NewLoader(l.fetchRelations, opt)
	l.pages = dataloadgen.NewLoader(l.fetchRelationPages, opt)
	return l
}

type ctxKey struct{}

// NewContext returns ctx carrying l.
func NewContext(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// FromContext returns the loaders of ctx, or nil when there are none.
func FromContext(ctx context.Context) *Loaders {
	l, _ := ctx.Value(ctxKey{}).(*Loaders)
	return l
}

// Store is the store the loaders read, for calls that are not batched
// (search, neighbourhood, paths, writes).
func (l *Loaders) Store() graph.Store { return l.store }

// Entity returns one entity; ENOTFOUND when the store has no such entity.
func (l *Loaders) Entity(ctx context.Context, id string) (graph.Entity, error) {
	return l.entities.Load(ctx, id)
}

// Entities returns several entities in the order of ids, in one batch.
func (l *Loaders) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	return l.entities.LoadAll(ctx, ids)
}

// EntityNow returns one entity without waiting for others to batch with:
// for a caller that knows no sibling will ask (a query's only root field).
// The answer is cached like a batched one.
func (l *Loaders) EntityNow(ctx context.Context, id string) (graph.Entity, error) {
	return loadNow(ctx, l.entities, l.fetchEntities, id)
}

// DocumentNow is Document without the wait (see EntityNow).
func (l *Loaders) DocumentNow(ctx context.Context, id string) (graph.Document, error) {
	return loadNow(ctx, l.documents, l.fetchDocuments, id)
}

// RelationsNow is Relations without the wait (see EntityNow).
func (l *Loaders) RelationsNow(ctx context.Context, k RelationKey) ([]graph.Relation, error) {
	if k.Direction == "" {
		k.Direction = graph.Both
	}
	return loadNow(ctx, l.relations, l.fetchRelations, k)
}

// RelationPage returns one page of the relations of k.Entity.
func (l *Loaders) RelationPage(ctx context.Context, k RelationPageKey) (graph.RelationPage, error) {
	if k.Direction == "" {
		k.Direction = graph.Both
	}
	return l.pages.Load(ctx, k)
}

// RelationPageNow is RelationPage without the wait (see EntityNow).
func (l *Loaders) RelationPageNow(ctx context.Context, k RelationPageKey) (graph.RelationPage, error) {
	if k.Direction == "" {
		k.Direction = graph.Both
	}
	return loadNow(ctx, l.pages, l.fetchRelationPages, k)
}

// loadNow fetches one key at once and primes the loader with it. The
// loader's cache is not consulted (dataloadgen cannot peek at it), so only
// a first load of its key should come here.
func loadNow[K comparable, V any](ctx context.Context, ld *dataloadgen.Loader[K, V], fetch func(context.Context, []K) ([]V, []error), k K) (V, error) {
	var zero V
	vs, errs := fetch(ctx, []K{k})
	if len(errs) > 0 && errs[0] != nil {
		return zero, errs[0]
	}
	if len(vs) != 1 {
		return zero, fmt.Errorf("load %v: %d answers for one key", k, len(vs))
	}
	ld.Prime(k, vs[0])
	return vs[0], nil
}

// PrimeEntities puts entities the caller already holds (subgraph nodes,
// search hits) in the cache, so resolving them again costs no store call.
func (l *Loaders) PrimeEntities(es ...graph.Entity) {
	for _, e := range es {
		if e.ID != "" {
			l.entities.Prime(e.ID, e)
		}
	}
}

// EntityDocuments returns the IDs of the documents that mention an entity.
func (l *Loaders) EntityDocuments(ctx context.Context, id string) ([]string, error) {
	return l.entityDocs.Load(ctx, id)
}

// Document returns one document's metadata, possibly without its text (see
// DocumentText); ENOTFOUND when absent.
func (l *Loaders) Document(ctx context.Context, id string) (graph.Document, error) {
	return l.documents.Load(ctx, id)
}

// Documents returns several documents' metadata, in the order of ids.
func (l *Loaders) Documents(ctx context.Context, ids []string) ([]graph.Document, error) {
	return l.documents.LoadAll(ctx, ids)
}

// DocumentText returns one document with its text.
func (l *Loaders) DocumentText(ctx context.Context, id string) (graph.Document, error) {
	return l.texts.Load(ctx, id)
}

// DocumentStatements returns the statements a document contributed.
func (l *Loaders) DocumentStatements(ctx context.Context, id string) ([]graph.Statement, error) {
	return l.statements.Load(ctx, id)
}

// Relations returns the relations of k.Entity under k's filter.
func (l *Loaders) Relations(ctx context.Context, k RelationKey) ([]graph.Relation, error) {
	if k.Direction == "" {
		k.Direction = graph.Both
	}
	return l.relations.Load(ctx, k)
}

func (l *Loaders) fetchEntities(ctx context.Context, ids []string) ([]graph.Entity, []error) {
	es, err := l.store.Entities(ctx, ids)
	if err != nil {
		return nil, []error{fmt.Errorf("load entities: %w", err)}
	}
	if len(es) != len(ids) {
		return nil, []error{fmt.Errorf("load entities: store returned %d entities for %d ids", len(es), len(ids))}
	}
	errs := make([]error, len(ids))
	for i, e := range es {
		if e.ID == "" {
			errs[i] = graph.Errorf(graph.ENOTFOUND, "no entity %q", ids[i])
		}
	}
	return es, errs
}

func (l *Loaders) fetchEntityDocs(ctx context.Context, ids []string) ([][]string, []error) {
	docs, err := l.store.EntityDocuments(ctx, ids)
	if err != nil {
		return nil, []error{fmt.Errorf("load entity documents: %w", err)}
	}
	if len(docs) != len(ids) {
		return nil, []error{fmt.Errorf("load entity documents: store returned %d lists for %d ids", len(docs), len(ids))}
	}
	return docs, nil
}

// fetchDocuments answers a single key with Document and several keys with
// one listing of all documents: the store has no batch lookup by ID, and one
// listing (without texts) is cheaper than one call per document.
func (l *Loaders) fetchDocuments(ctx context.Context, ids []string) ([]graph.Document, []error) {
	if len(ids) == 1 {
		d, err := l.store.Document(ctx, ids[0])
		if err != nil {
			return nil, []error{err}
		}
		l.texts.Prime(d.ID, d)
		return []graph.Document{d}, nil
	}
	all, err := l.store.Documents(ctx, graph.ListOptions{})
	if err != nil {
		return nil, []error{fmt.Errorf("list documents: %w", err)}
	}
	byID := make(map[string]graph.Document, len(all))
	for _, d := range all {
		byID[d.ID] = d
	}
	out := make([]graph.Document, len(ids))
	errs := make([]error, len(ids))
	for i, id := range ids {
		d, ok := byID[id]
		if !ok {
			errs[i] = graph.Errorf(graph.ENOTFOUND, "no document %q", id)
		}
		out[i] = d
	}
	return out, errs
}

// fetchTexts reads documents one by one: only a document's own lookup
// returns its text, and texts are asked for one document at a time.
func (l *Loaders) fetchTexts(ctx context.Context, ids []string) ([]graph.Document, []error) {
	out := make([]graph.Document, len(ids))
	errs := make([]error, len(ids))
	for i, id := range ids {
		out[i], errs[i] = l.store.Document(ctx, id)
	}
	return out, errs
}

func (l *Loaders) fetchStatements(ctx context.Context, ids []string) ([][]graph.Statement, []error) {
	out := make([][]graph.Statement, len(ids))
	errs := make([]error, len(ids))
	for i, id := range ids {
		out[i], errs[i] = l.store.DocumentStatements(ctx, id)
	}
	return out, errs
}

// fetchRelations makes one store call per distinct filter in the batch.
func (l *Loaders) fetchRelations(ctx context.Context, keys []RelationKey) ([][]graph.Relation, []error) {
	return fetchGrouped(keys, func(k RelationKey) relationFilter { return relationFilter{k.Predicate, k.Direction, ""} },
		func(f relationFilter, ids []string, _ []int) ([][]graph.Relation, error) {
			return l.store.Relations(ctx, ids, f.filter())
		})
}

// fetchRelationPages makes one store call per distinct filter and cursor
// in the batch, for the largest page asked with them; each key gets its
// own page of it.
func (l *Loaders) fetchRelationPages(ctx context.Context, keys []RelationPageKey) ([]graph.RelationPage, []error) {
	out, errs := fetchGrouped(keys, func(k RelationPageKey) relationFilter { return relationFilter{k.Predicate, k.Direction, k.After} },
		func(f relationFilter, ids []string, idx []int) ([]graph.RelationPage, error) {
			limit := 0
			for j, i := range idx {
				if keys[i].First == 0 {
					limit = 0 // one key wants them all
					break
				}
				if j == 0 || keys[i].First > limit {
					limit = keys[i].First
				}
			}
			return l.store.RelationPages(ctx, ids, f.filter(), graph.ListOptions{After: f.after, Limit: limit})
		})
	for i, k := range keys {
		if k.First > 0 && len(out[i].Relations) > k.First {
			out[i].Relations = out[i].Relations[:k.First]
		}
	}
	return out, errs
}

// relationFilter is what the keys of one relations call share.
type relationFilter struct {
	p     graph.Predicate
	d     graph.Direction
	after string
}

func (f relationFilter) filter() graph.RelationFilter {
	rf := graph.RelationFilter{Direction: f.d}
	if f.p != "" {
		rf.Predicates = []graph.Predicate{f.p}
	}
	return rf
}

// entityKey is a key of one entity's relations.
type entityKey interface{ entity() string }

func (k RelationKey) entity() string { return k.Entity }

// fetchGrouped makes one call per group of keys sharing a filter, in the
// order each group first appears; call gets the group's entity IDs and
// the places of its keys, and returns one result per ID.
func fetchGrouped[K entityKey, F comparable, V any](keys []K, filterOf func(K) F,
	call func(f F, ids []string, idx []int) ([]V, error)) ([]V, []error) {
	groups := map[F][]int{}
	var order []F
	for i, k := range keys {
		f := filterOf(k)
		if _, ok := groups[f]; !ok {
			order = append(order, f)
		}
		groups[f] = append(groups[f], i)
	}
	out := make([]V, len(keys))
	errs := make([]error, len(keys))
	for _, f := range order {
		idx := groups[f]
		ids := make([]string, len(idx))
		for j, i := range idx {
			ids[j] = keys[i].entity()
		}
		vs, err := call(f, ids, idx)
		if err == nil && len(vs) != len(ids) {
			err = fmt.Errorf("store returned %d results for %d ids", len(vs), len(ids))
		}
		for j, i := range idx {
			if err != nil {
				errs[i] = fmt.Errorf("load relations: %w", err)
				continue
			}
			out[i] = vs[j]
		}
	}
	return out, errs
}

// RelationsThunk starts loading the relations of k and returns a function
// that waits for them, so a caller can queue many keys in one batch.
func (l *Loaders) RelationsThunk(ctx context.Context, k RelationKey) func() ([]graph.Relation, error) {
	if k.Direction == "" {
		k.Direction = graph.Both
	}
	return l.relations.LoadThunk(ctx, k)
}
