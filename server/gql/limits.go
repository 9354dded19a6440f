package gql

import (
	"github.com/ties-graph/ties/graph"
)

// Limits of the API, applied before any store call.
const (
	DefaultFirst = 20
	MaxFirst     = 100

	DefaultDepth = 1
	MaxDepth     = 3

	DefaultNeighborhoodNodes = 100
	MaxNeighborhoodNodes     = 500

	DefaultPathLength = 4
	MaxPathLength     = 6
	DefaultPaths      = 5
	MaxPaths          = 20

	// ComplexityLimit caps a query's cost as computed by Complexity: each
	// field costs 1, a list costs its page size times its children.
	ComplexityLimit = 20000
)

// bound returns *v or def when v is nil, and EINVALID when the value lies
// outside [lo, hi]; name is the argument name for the message.
func bound(name string, v *int, def, lo, hi int) (int, error) {
	if v == nil {
		return def, nil
	}
	if *v < lo || *v > hi {
		return 0, graph.Errorf(graph.EINVALID, "%s must be between %d and %d, got %d", name, lo, hi, *v)
	}
	return *v, nil
}

// orDefault is the value a complexity function uses for an optional
// argument: invalid values are priced as the maximum, the resolver rejects
// them anyway.
func orDefault(v *int, def, hi int) int {
	switch {
	case v == nil:
		return def
	case *v < 0 || *v > hi:
		return hi
	}
	return *v
}

// Complexity prices list fields by their page size so that nested pages
// multiply, as they do in the work the server does.
func Complexity() ComplexityRoot {
	var c ComplexityRoot
	page := func(child int, first *int) int {
		return 1 + orDefault(first, DefaultFirst, MaxFirst)*child
	}
	c.Query.Search = func(child int, _ string, _ []graph.EntityType, first *int, _ *string) int {
		return page(child, first)
	}
	c.Query.Documents = func(child int, first *int, _ *string) int { return page(child, first) }
	c.Entity.Relations = func(child int, _ *graph.Predicate, _ *graph.Direction, first *int, _ *string) int {
		return page(child, first)
	}
	c.Query.Neighborhood = func(child int, _ string, _ *int, _ []graph.Predicate, first *int) int {
		// Child counts nodes and edges once; a neighbourhood holds up to
		// first nodes and, in these sparse graphs, about as many edges.
		return 1 + orDefault(first, DefaultNeighborhoodNodes, MaxNeighborhoodNodes)*child
	}
	c.Query.Paths = func(child int, _, _ string, maxLength *int, _ []graph.Predicate, first *int) int {
		return 1 + orDefault(first, DefaultPaths, MaxPaths)*orDefault(maxLength, DefaultPathLength, MaxPathLength)*child
	}
	// Lists without page arguments: price them at a typical size.
	typical := func(child int) int { return 1 + 10*child }
	c.Entity.Documents = typical
	c.Relation.Evidence = typical
	c.Document.Relations = typical
	return c
}
