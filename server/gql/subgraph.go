package gql

import (
	"context"
	"fmt"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/server/dataload"
)

// Subgraph is graph.Subgraph as the API serves it: each edge points at its
// ends among the nodes, so `source` and `target` are plain fields. A field
// resolver per edge end would cost gqlgen a goroutine and a loader call for
// every edge of a neighbourhood, thousands per answer.
type Subgraph struct {
	Nodes     []graph.Entity
	Edges     []Edge
	Truncated bool
}

// Edge is graph.Edge with its ends resolved (see Subgraph).
type Edge struct {
	graph.Edge
	SourceEntity *graph.Entity
	TargetEntity *graph.Entity
}

// Path is graph.Path with its edges' ends resolved.
type Path struct {
	Nodes []graph.Entity
	Edges []Edge
}

// Length is the number of edges; a method without context, so gqlgen
// calls it in line.
func (p *Path) Length() int { return len(p.Edges) }

// ends resolves the ends of edges among nodes (see endsOf).
func ends(ctx context.Context, l *dataload.Loaders, nodes []graph.Entity, edges []graph.Edge) ([]Edge, error) {
	byID, err := endsOf(ctx, l, nodes, edges)
	if err != nil {
		return nil, err
	}
	out := make([]Edge, len(edges))
	for i, e := range edges {
		out[i] = Edge{Edge: e, SourceEntity: byID[e.Source], TargetEntity: byID[e.Target]}
	}
	return out, nil
}

// endsOf maps the IDs of the ends of edges to the entities among nodes,
// and loads in one batched call the ends a store left out of nodes.
func endsOf(ctx context.Context, l *dataload.Loaders, nodes []graph.Entity, edges []graph.Edge) (map[string]*graph.Entity, error) {
	byID := make(map[string]*graph.Entity, len(nodes))
	for i := range nodes {
		byID[nodes[i].ID] = &nodes[i]
	}
	var missing []string
	for _, e := range edges {
		for _, id := range [2]string{e.Source, e.Target} {
			if byID[id] == nil {
				byID[id] = &graph.Entity{}
				missing = append(missing, id)
			}
		}
	}
	if len(missing) > 0 {
		es, err := l.Entities(ctx, missing)
		if err != nil {
			return nil, fmt.Errorf("ends of edges: %w", err)
		}
		for i := range es {
			*byID[missing[i]] = es[i]
		}
	}
	return byID, nil
}
