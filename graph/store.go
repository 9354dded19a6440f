package graph

import (
	"context"
)

// Store keeps documents and what was extracted from them. Every method is
// safe for concurrent use. Implementations live in sub-packages
// (graph/cayley); graph/graphtest holds the suite every one of them passes.
type Store interface {
	// PutDocument writes one document's extraction as a unit. When the
	// document is already stored, its previous contribution is replaced
	// atomically: readers see the old or the new version, never a mix, and a
	// failed write leaves the old version in place.
	PutDocument(ctx context.Context, x Extraction) error
	// RemoveDocument removes exactly what the document contributed. Entities
	// still mentioned by other documents stay, with the names and aliases
	// those documents gave them. ENOTFOUND when no such document is stored.
	RemoveDocument(ctx context.Context, id string) error

	// Document returns one document, with its text. ENOTFOUND when absent.
	Document(ctx context.Context, id string) (Document, error)
	// Documents lists stored documents ordered by ID, without their text.
	Documents(ctx context.Context, opt ListOptions) ([]Document, error)
	// DocumentStatements returns the statements one document contributed,
	// in the order of their evidence offsets.
	DocumentStatements(ctx context.Context, id string) ([]Statement, error)

	// Entities returns the entities with the given IDs, in the same order;
	// a missing ID yields a zero Entity (empty ID) at its place.
	Entities(ctx context.Context, ids []string) ([]Entity, error)
	// EntityDocuments returns the IDs of the documents that mention each
	// entity, in the order of ids.
	EntityDocuments(ctx context.Context, ids []string) ([][]string, error)
	// Search finds entities by any name or alias, whatever its case,
	// diacritics or inflection, best first.
	Search(ctx context.Context, text string, opt SearchOptions) ([]SearchHit, error)

	// Relations returns, for each entity ID, its relations matching the
	// filter, ordered by predicate and then by the other entity's ID.
	Relations(ctx context.Context, ids []string, f RelationFilter) ([][]Relation, error)
	// RelationPages returns, for each entity ID, one page of the relations
	// Relations returns under the filter: those after the relation
	// page.After (from the first when it is empty), at most page.Limit of
	// them (all when 0), and how many there are in all. A hub's page costs
	// its relations, not all of the hub's.
	RelationPages(ctx context.Context, ids []string, f RelationFilter, page ListOptions) ([]RelationPage, error)
	// Relation returns one relation by its ID. ENOTFOUND when absent.
	Relation(ctx context.Context, id string) (Relation, error)
	// Neighborhood returns the entities within depth hops of id and the
	// edges among them, breadth first, cut at opt.Limit nodes.
	Neighborhood(ctx context.Context, id string, opt NeighborhoodOptions) (Subgraph, error)
	// Paths returns up to opt.Limit shortest paths from one entity to
	// another, following ties in either direction, shortest first.
	Paths(ctx context.Context, from, to string, opt PathOptions) ([]Path, error)

	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	// Close releases the store.
	Close() error
}

// ListOptions pages a listing.
type ListOptions struct {
	// After is the last ID of the previous page; empty for the first page.
	After string
	// Limit caps the number of results; 0 means no limit.
	Limit int
}

// SearchOptions narrows a search.
type SearchOptions struct {
	Types []EntityType
	Limit int
}

// RelationFilter selects relations of an entity.
type RelationFilter struct {
	// Predicates keeps only these predicates; empty keeps all.
	Predicates []Predicate
	// Direction is Outgoing, Incoming or Both (the default).
	Direction Direction
}

// RelationPage is one page of an entity's relations (see
// Store.RelationPages).
type RelationPage struct {
	Relations []Relation
	// Total counts the entity's relations under the filter. Start is the
	// place of the page's first relation among them, or -1 when the page
	// was to start after a relation the entity does not have.
	Total, Start int
}

// NeighborhoodOptions bounds a neighbourhood.
type NeighborhoodOptions struct {
	Depth      int
	Predicates []Predicate
	// Limit caps the number of nodes.
	Limit int
}

// PathOptions bounds a path search.
type PathOptions struct {
	MaxLength  int
	Predicates []Predicate
	Limit      int
}
