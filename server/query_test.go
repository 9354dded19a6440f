package server_test

import (
	"slices"
	"testing"

	"github.com/ties-graph/ties/server"
)

type entityJSON struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Type      string   `json:"type"`
	Aliases   []string `json:"aliases"`
	Languages []string `json:"languages"`
}

type pageInfoJSON struct {
	HasNextPage     bool   `json:"hasNextPage"`
	HasPreviousPage bool   `json:"hasPreviousPage"`
	EndCursor       string `json:"endCursor"`
}

func TestSearch(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	const q = `query($text: String!, $types: [EntityType!], $first: Int, $after: String) {
		search(text: $text, types: $types, first: $first, after: $after) {
			edges { cursor score matched node { id name type } }
			pageInfo { hasNextPage hasPreviousPage endCursor }
		}
	}`
	type result struct {
		Search struct {
			Edges []struct {
				Cursor  string     `json:"cursor"`
				Score   float64    `json:"score"`
				Matched string     `json:"matched"`
				Node    entityJSON `json:"node"`
			} `json:"edges"`
			PageInfo pageInfoJSON `json:"pageInfo"`
		} `json:"search"`
	}
	tests := []struct {
		name  string
		vars  map[string]any
		first string // ID of the first hit
	}{
		{"exact name", map[string]any{"text": "Kraków"}, "krakow"},
		{"no diacritics", map[string]any{"text": "krakow"}, "krakow"},
		{"alias in another language", map[string]any{"text": "Rada Europy"}, "council-of-europe"},
		{"acronym", map[string]any{"text": "ICORN"}, "icorn"},
		{"type filter", map[string]any{"text": "Europe", "types": []string{"PUBLIC_BODY"}}, "council-of-europe"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			query(t, h, q, tc.vars, &r)
			if len(r.Search.Edges) == 0 {
				t.Fatalf("no hits for %v", tc.vars)
			}
			e := r.Search.Edges[0]
			if e.Node.ID != tc.first {
				t.Errorf("first hit %q, want %q (all: %+v)", e.Node.ID, tc.first, r.Search.Edges)
			}
			if e.Score <= 0 || e.Matched == "" || e.Cursor == "" {
				t.Errorf("edge lacks score, matched form or cursor: %+v", e)
			}
			for _, e := range r.Search.Edges {
				if types, ok := tc.vars["types"]; ok && !slices.Contains(types.([]string), e.Node.Type) {
					t.Errorf("hit %s of type %s despite filter %v", e.Node.ID, e.Node.Type, types)
				}
			}
		})
	}

	t.Run("pages", func(t *testing.T) {
		var all, p1, p2 result
		query(t, h, q, map[string]any{"text": "cities"}, &all)
		if len(all.Search.Edges) < 2 {
			t.Fatalf("want at least 2 hits for paging, got %d", len(all.Search.Edges))
		}
		query(t, h, q, map[string]any{"text": "cities", "first": 1}, &p1)
		if len(p1.Search.Edges) != 1 || !p1.Search.PageInfo.HasNextPage || p1.Search.PageInfo.HasPreviousPage {
			t.Fatalf("first page: %+v", p1.Search)
		}
		query(t, h, q, map[string]any{"text": "cities", "first": 1, "after": p1.Search.PageInfo.EndCursor}, &p2)
		if len(p2.Search.Edges) != 1 || !p2.Search.PageInfo.HasPreviousPage {
			t.Fatalf("second page: %+v", p2.Search)
		}
		if p2.Search.Edges[0].Node.ID != all.Search.Edges[1].Node.ID {
			t.Errorf("second page holds %s, want %s", p2.Search.Edges[0].Node.ID, all.Search.Edges[1].Node.ID)
		}
	})
}

func TestEntityAndNode(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	var r struct {
		Entity  *entityJSON `json:"entity"`
		Missing *entityJSON `json:"missing"`
		E       struct {
			Typename string `json:"__typename"`
			ID       string `json:"id"`
		} `json:"e"`
		D struct {
			Typename string `json:"__typename"`
			Title    string `json:"title"`
		} `json:"d"`
		None *struct{} `json:"none"`
	}
	query(t, h, `{
		entity(id: "krakow") { id name type aliases languages }
		missing: entity(id: "atlantis") { id }
		e: node(id: "icorn") { __typename id }
		d: node(id: "coe.txt") { __typename ... on Document { title } }
		none: node(id: "nothing") { id }
	}`, nil, &r)
	if r.Entity == nil || r.Entity.Name != "Kraków" || r.Entity.Type != "CITY" || !slices.Contains(r.Entity.Aliases, "Krakowie") {
		t.Errorf("entity: %+v", r.Entity)
	}
	if r.Missing != nil || r.None != nil {
		t.Errorf("missing entity/node should be null: %+v %+v", r.Missing, r.None)
	}
	if r.E.Typename != "Entity" || r.E.ID != "icorn" {
		t.Errorf("node(icorn): %+v", r.E)
	}
	if r.D.Typename != "Document" || r.D.Title == "" {
		t.Errorf("node(coe.txt): %+v", r.D)
	}
}

type relationJSON struct {
	ID         string     `json:"id"`
	Predicate  string     `json:"predicate"`
	Confidence float64    `json:"confidence"`
	Subject    entityJSON `json:"subject"`
	Object     entityJSON `json:"object"`
	Evidence   []struct {
		Sentence   string  `json:"sentence"`
		Start      int     `json:"start"`
		End        int     `json:"end"`
		Confidence float64 `json:"confidence"`
		Rule       *string `json:"rule"`
		From       *string `json:"from"`
		Document   struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		} `json:"document"`
	} `json:"evidence"`
}

func TestRelations(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	const q = `query($id: ID!, $p: Predicate, $d: Direction, $first: Int, $after: String) {
		entity(id: $id) {
			relations(predicate: $p, direction: $d, first: $first, after: $after) {
				totalCount
				pageInfo { hasNextPage hasPreviousPage endCursor }
				edges { cursor node {
					id predicate confidence
					subject { id name } object { id name type }
					evidence { sentence start end confidence rule from document { id text } }
				} }
			}
		}
	}`
	type result struct {
		Entity struct {
			Relations struct {
				TotalCount int          `json:"totalCount"`
				PageInfo   pageInfoJSON `json:"pageInfo"`
				Edges      []struct {
					Node relationJSON `json:"node"`
				} `json:"edges"`
			} `json:"relations"`
		} `json:"entity"`
	}

	t.Run("member_of with evidence", func(t *testing.T) {
		var r result
		query(t, h, q, map[string]any{"id": "krakow", "p": "MEMBER_OF"}, &r)
		rels := r.Entity.Relations
		if rels.TotalCount != 3 || len(rels.Edges) != 3 {
			t.Fatalf("want 3 member_of relations, got %d (%d edges)", rels.TotalCount, len(rels.Edges))
		}
		var objects []string
		for _, e := range rels.Edges {
			n := e.Node
			objects = append(objects, n.Object.ID)
			if n.Predicate != "MEMBER_OF" || n.Subject.ID != "krakow" || n.Subject.Name != "Kraków" {
				t.Errorf("relation %+v", n)
			}
			if len(n.Evidence) == 0 {
				t.Errorf("relation %s has no evidence", n.ID)
			}
			for _, ev := range n.Evidence {
				// The offsets point at the sentence in the document's text.
				runes := []rune(ev.Document.Text)
				if ev.Start < 0 || ev.End > len(runes) || string(runes[ev.Start:ev.End]) != ev.Sentence {
					t.Errorf("evidence %q at [%d,%d) does not match text of %s", ev.Sentence, ev.Start, ev.End, ev.Document.ID)
				}
				if ev.Rule == nil || *ev.Rule == "" {
					t.Errorf("evidence %q has no rule", ev.Sentence)
				}
			}
		}
		if want := []string{"femcities", "icc", "icorn"}; !slices.Equal(objects, want) {
			t.Errorf("objects %v, want %v (ordered by the other entity)", objects, want)
		}
		// Femcities is stated by two documents: two evidences, best confidence.
		fem := rels.Edges[0].Node
		if len(fem.Evidence) != 2 || fem.Confidence != 0.9 {
			t.Errorf("femcities relation: %d evidences, confidence %v; want 2 and 0.9", len(fem.Evidence), fem.Confidence)
		}
		icorn := rels.Edges[2].Node
		if ev := icorn.Evidence[0]; ev.From == nil || *ev.From != "2011" {
			t.Errorf("icorn evidence from = %v, want 2011", ev.From)
		}
	})

	t.Run("direction", func(t *testing.T) {
		for _, tc := range []struct {
			dir  string
			want int
		}{{"OUT", 1}, {"IN", 0}, {"BOTH", 1}} {
			var r result
			query(t, h, q, map[string]any{"id": "icc", "p": "PART_OF", "d": tc.dir}, &r)
			if got := r.Entity.Relations.TotalCount; got != tc.want {
				t.Errorf("icc part_of %s: %d relations, want %d", tc.dir, got, tc.want)
			}
		}
	})

	t.Run("pages", func(t *testing.T) {
		var p1, p2 result
		query(t, h, q, map[string]any{"id": "krakow", "first": 2}, &p1)
		if len(p1.Entity.Relations.Edges) != 2 || !p1.Entity.Relations.PageInfo.HasNextPage {
			t.Fatalf("first page: %+v", p1.Entity.Relations)
		}
		query(t, h, q, map[string]any{"id": "krakow", "first": 2, "after": p1.Entity.Relations.PageInfo.EndCursor}, &p2)
		rels := p2.Entity.Relations
		if len(rels.Edges) != 1 || rels.PageInfo.HasNextPage || !rels.PageInfo.HasPreviousPage || rels.Edges[0].Node.Object.ID != "icorn" {
			t.Fatalf("second page: %+v", rels)
		}
	})
}

type edgeJSON struct {
	ID        string `json:"id"`
	Predicate string `json:"predicate"`
	Weight    int    `json:"weight"`
	Source    struct {
		ID string `json:"id"`
	} `json:"source"`
	Target struct {
		ID string `json:"id"`
	} `json:"target"`
	Relation struct {
		ID       string `json:"id"`
		Evidence []struct {
			Sentence string `json:"sentence"`
		} `json:"evidence"`
	} `json:"relation"`
}

func TestNeighborhood(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	const q = `query($id: ID!, $depth: Int, $first: Int, $p: [Predicate!]) {
		neighborhood(id: $id, depth: $depth, first: $first, predicates: $p) {
			nodes { id }
			edges { id predicate weight source { id } target { id } relation { id evidence { sentence } } }
			truncated
		}
	}`
	type result struct {
		Neighborhood struct {
			Nodes     []struct{ ID string } `json:"nodes"`
			Edges     []edgeJSON            `json:"edges"`
			Truncated bool                  `json:"truncated"`
		} `json:"neighborhood"`
	}
	ids := func(r result) []string {
		var out []string
		for _, n := range r.Neighborhood.Nodes {
			out = append(out, n.ID)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name      string
		vars      map[string]any
		want      []string
		truncated bool
	}{
		{"depth 1", map[string]any{"id": "krakow"}, []string{"femcities", "icc", "icorn", "krakow"}, false},
		{"depth 2", map[string]any{"id": "krakow", "depth": 2}, []string{"council-of-europe", "femcities", "icc", "icorn", "krakow"}, false},
		{"depth 3", map[string]any{"id": "krakow", "depth": 3}, []string{"congress", "council-of-europe", "femcities", "icc", "icorn", "krakow"}, false},
		{"predicate filter", map[string]any{"id": "icc", "depth": 2, "p": []string{"PART_OF"}}, []string{"congress", "council-of-europe", "icc"}, false},
		{"node cap", map[string]any{"id": "krakow", "depth": 3, "first": 2}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r result
			query(t, h, q, tc.vars, &r)
			if tc.want != nil && !slices.Equal(ids(r), tc.want) {
				t.Errorf("nodes %v, want %v", ids(r), tc.want)
			}
			if r.Neighborhood.Truncated != tc.truncated {
				t.Errorf("truncated = %v, want %v", r.Neighborhood.Truncated, tc.truncated)
			}
			if tc.truncated && len(r.Neighborhood.Nodes) > 2 {
				t.Errorf("node cap 2 gave %d nodes", len(r.Neighborhood.Nodes))
			}
			for _, e := range r.Neighborhood.Edges {
				if e.Relation.ID != e.ID || len(e.Relation.Evidence) == 0 || e.Weight < 1 || e.Source.ID == "" || e.Target.ID == "" {
					t.Errorf("edge %+v", e)
				}
			}
		})
	}
}

func TestPaths(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	var r struct {
		Paths []struct {
			Length int                   `json:"length"`
			Nodes  []struct{ ID string } `json:"nodes"`
			Edges  []edgeJSON            `json:"edges"`
		} `json:"paths"`
		None []struct{} `json:"none"`
	}
	query(t, h, `{
		paths(from: "krakow", to: "congress", maxLength: 4) { length nodes { id } edges { predicate source { id } target { id } } }
		none: paths(from: "krakow", to: "congress", maxLength: 2) { length }
	}`, nil, &r)
	if len(r.Paths) == 0 {
		t.Fatal("no path from krakow to congress")
	}
	p := r.Paths[0]
	var nodes []string
	for _, n := range p.Nodes {
		nodes = append(nodes, n.ID)
	}
	if want := []string{"krakow", "icc", "council-of-europe", "congress"}; !slices.Equal(nodes, want) || p.Length != 3 || len(p.Edges) != 3 {
		t.Errorf("path %v (length %d), want %v", nodes, p.Length, want)
	}
	if got := []string{p.Edges[0].Predicate, p.Edges[1].Predicate, p.Edges[2].Predicate}; !slices.Equal(got, []string{"MEMBER_OF", "PART_OF", "PART_OF"}) {
		t.Errorf("predicates %v", got)
	}
	if len(r.None) != 0 {
		t.Errorf("maxLength 2 found %d paths of a 3-hop distance", len(r.None))
	}
}

func TestDocuments(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	const q = `query($first: Int, $after: String) {
		documents(first: $first, after: $after) {
			totalCount
			pageInfo { hasNextPage endCursor }
			edges { node { id title language format loadedAt statementCount relations { id predicate } } }
		}
	}`
	type result struct {
		Documents struct {
			TotalCount int          `json:"totalCount"`
			PageInfo   pageInfoJSON `json:"pageInfo"`
			Edges      []struct {
				Node struct {
					ID             string `json:"id"`
					Title          string `json:"title"`
					LoadedAt       string `json:"loadedAt"`
					StatementCount int    `json:"statementCount"`
					Relations      []struct {
						ID string `json:"id"`
					} `json:"relations"`
				} `json:"node"`
			} `json:"edges"`
		} `json:"documents"`
	}
	var p1, p2 result
	query(t, h, q, map[string]any{"first": 1}, &p1)
	d := p1.Documents
	if d.TotalCount != 2 || len(d.Edges) != 1 || !d.PageInfo.HasNextPage || d.Edges[0].Node.ID != "coe.txt" {
		t.Fatalf("first page: %+v", d)
	}
	if n := d.Edges[0].Node; n.StatementCount != 3 || len(n.Relations) != 3 || n.LoadedAt == "" {
		t.Errorf("coe.txt: %+v", n)
	}
	query(t, h, q, map[string]any{"first": 1, "after": d.PageInfo.EndCursor}, &p2)
	if d := p2.Documents; len(d.Edges) != 1 || d.PageInfo.HasNextPage || d.Edges[0].Node.ID != "krakow.txt" {
		t.Fatalf("second page: %+v", d)
	}

	var one struct {
		Document struct {
			Text string `json:"text"`
		} `json:"document"`
		Missing   *struct{} `json:"missing"`
		Stats     map[string]int
		Documents []struct{} `json:"documents"`
		Entity    struct {
			Documents []struct{ ID string } `json:"documents"`
		} `json:"entity"`
	}
	query(t, h, `{
		document(id: "krakow.txt") { text }
		missing: document(id: "nope") { id }
		stats: stats { documents entities statements relations quads }
		entity(id: "femcities") { documents { id } }
	}`, nil, &one)
	if one.Document.Text == "" || one.Missing != nil {
		t.Errorf("document: %+v, missing: %+v", one.Document, one.Missing)
	}
	if one.Stats["documents"] != 2 || one.Stats["entities"] != 6 || one.Stats["relations"] != 5 {
		t.Errorf("stats %v", one.Stats)
	}
	if len(one.Entity.Documents) != 2 {
		t.Errorf("femcities is in %d documents, want 2", len(one.Entity.Documents))
	}
}
