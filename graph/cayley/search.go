package cayley

import (
	"context"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/search"
)

// searchIndex holds every stored entity, as entity() reads it from the
// quads: what the loaded documents say of it, counted (tally), and the
// merged entity in a search.Index, which Search asks and which doubles as
// the entity cache (Entities and the entities in statements, relations and
// subgraphs come from it). It is built from the store at Open and updated
// under the write lock on every Put and Remove (and every change another
// process logs, see follow.go), so readers see it change with the quads.
type searchIndex struct {
	entities map[string]*tally
	text     *search.Index
}

func newSearchIndex() *searchIndex {
	return &searchIndex{entities: map[string]*tally{}, text: search.New()}
}

func (ix *searchIndex) len() int { return ix.text.Len() }

// entity returns a copy of the stored entity, zero when none is stored.
func (ix *searchIndex) entity(id string) graph.Entity {
	e, _ := ix.text.Entity(id)
	return e
}

// Search finds entities by name or alias through the in-memory index (see
// package search for the scores and the walk).
func (s *Store) Search(ctx context.Context, text string, opt graph.SearchOptions) ([]graph.SearchHit, error) {
	if err := s.rlock(); err != nil {
		return nil, err
	}
	defer s.mu.RUnlock()
	return s.index.text.Search(ctx, text, opt)
}
