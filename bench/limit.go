package bench

import (
	"github.com/ties-graph/ties/graph"
)

// adjacency is the practical limit: the same ties in a plain Go map of
// entity indexes, no store, no strings on the hot path.
type adjacency struct {
	index map[string]int32
	adj   [][]int32
	// forms maps every folded alias to the entities that carry it.
	forms map[string][]int32
}

func newAdjacency(c *Corpus) *adjacency {
	a := &adjacency{index: make(map[string]int32, len(c.Entities)), adj: make([][]int32, len(c.Entities)),
		forms: map[string][]int32{}}
	for i, e := range c.Entities {
		a.index[e.ID] = int32(i)
		for _, f := range e.Forms {
			for _, s := range f {
				k := graph.Fold(s)
				a.forms[k] = append(a.forms[k], int32(i))
			}
		}
	}
	seen := map[[2]int32]bool{}
	for _, x := range c.Docs {
		for _, s := range x.Statements {
			u, v := a.index[s.Subject.ID], a.index[s.Object.ID]
			if u > v {
				u, v = v, u
			}
			if seen[[2]int32{u, v}] {
				continue
			}
			seen[[2]int32{u, v}] = true
			a.adj[u] = append(a.adj[u], v)
			a.adj[v] = append(a.adj[v], u)
		}
	}
	return a
}

func (a *adjacency) oneHop(id string) int {
	return min(len(a.adj[a.index[id]]), 50)
}

func (a *adjacency) search(text string) int {
	return min(len(a.forms[graph.Fold(text)]), 10)
}

// hood is a BFS to depth, cut at limit nodes, then the edges among the
// nodes: nodes plus edges, as Cayley's hood.
func (a *adjacency) hood(id string, depth, limit int) int {
	start := a.index[id]
	seen := map[int32]bool{start: true}
	frontier := []int32{start}
	for d := 0; d < depth && len(seen) < limit; d++ {
		var next []int32
		for _, n := range frontier {
			for _, m := range a.adj[n] {
				if !seen[m] && len(seen) < limit {
					seen[m] = true
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	edges := 0
	for n := range seen {
		for _, m := range a.adj[n] {
			if n < m && seen[m] {
				edges++
			}
		}
	}
	return len(seen) + edges
}

// path is the length of a shortest path by bidirectional BFS, 0 when none
// within maxLen.
func (a *adjacency) path(from, to string, maxLen int) int {
	s, t := a.index[from], a.index[to]
	if s == t {
		return 0
	}
	dist := [2]map[int32]int{{s: 0}, {t: 0}}
	front := [2][]int32{{s}, {t}}
	for length := 0; length < maxLen; length++ {
		k := 0
		if len(front[1]) < len(front[0]) {
			k = 1
		}
		if len(front[k]) == 0 {
			return 0
		}
		var next []int32
		for _, n := range front[k] {
			for _, m := range a.adj[n] {
				if _, ok := dist[k][m]; ok {
					continue
				}
				dist[k][m] = dist[k][n] + 1
				if d, ok := dist[1-k][m]; ok {
					return dist[k][m] + d
				}
				next = append(next, m)
			}
		}
		front[k] = next
	}
	return 0
}
