package export

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/ties-graph/ties/graph"
)

// The tests here parse each format with a real third-party reader (NetworkX,
// rdflib, Python's csv, zipfile and json) and check what it read against
// the store.

func export(t *testing.T, s graph.Store, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, s, opt); err != nil {
		t.Fatalf("Write(%+v): %v", opt, err)
	}
	return buf.Bytes()
}

type nxGraph struct {
	Directed bool
	Nodes    map[string]map[string]any
	Edges    []map[string]any
}

// checkNX checks a graph NetworkX read against the collected graph.
func checkNX(t *testing.T, got nxGraph, g *Graph, mutual bool) {
	t.Helper()
	if !got.Directed {
		t.Error("read as undirected")
	}
	if len(got.Nodes) != len(g.Nodes) {
		t.Errorf("%d nodes, want %d", len(got.Nodes), len(g.Nodes))
	}
	for _, n := range g.Nodes {
		d, ok := got.Nodes[n.ID]
		if !ok {
			t.Errorf("node %q missing", n.ID)
			continue
		}
		if d["label"] != label(n) || d["type"] != string(n.Type) {
			t.Errorf("node %q: label %v, type %v; want %q, %q", n.ID, d["label"], d["type"], label(n), n.Type)
		}
	}
	want := len(g.Relations)
	if mutual {
		for _, r := range g.Relations {
			if r.Predicate.Symmetric() {
				want++ // a mutual edge reads as two
			}
		}
	}
	if len(got.Edges) != want {
		t.Errorf("%d edges, want %d", len(got.Edges), want)
	}
	weights := map[[3]string]float64{}
	for _, e := range got.Edges {
		w, _ := e["weight"].(float64)
		weights[[3]string{e["source"].(string), e["target"].(string), e["label"].(string)}] = w
	}
	for _, r := range g.Relations {
		k := [3]string{r.Subject.ID, r.Object.ID, string(r.Predicate)}
		if w, ok := weights[k]; !ok || w != float64(weight(r)) {
			t.Errorf("edge %v: weight %v (found %v), want %d", k, w, ok, weight(r))
		}
		if r.Predicate.Symmetric() && mutual {
			if _, ok := weights[[3]string{r.Object.ID, r.Subject.ID, string(r.Predicate)}]; !ok {
				t.Errorf("symmetric edge %v not read both ways", k)
			}
		}
	}
}

var scopes = []struct {
	name string
	opt  Options
}{
	{"whole", Options{}},
	{"document", Options{Document: "b notes.md"}},
	{"entity", Options{Entity: "gdansk", Depth: 2}},
}

func TestGEXFNetworkX(t *testing.T) {
	s := openFixture(t)
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			opt := sc.opt
			opt.Format = GEXF
			g, err := Collect(context.Background(), s, opt)
			if err != nil {
				t.Fatal(err)
			}
			var got nxGraph
			readWith(t, "networkx", "read_gexf.py", "ties.gexf", export(t, s, opt), &got)
			checkNX(t, got, g, true)
			if sc.name == "whole" {
				if n := got.Nodes["torun"]; n["aliases"] != "Thorn | Toruniu | Toruń" || n["languages"] != "en | pl" {
					t.Errorf("torun read as %v", n)
				}
				if len(got.Nodes) != fixtureEntities || len(got.Edges) != fixtureRelations+fixturePartnerOf {
					t.Errorf("%d nodes, %d edges; the store has %d entities, %d relations (%d symmetric)",
						len(got.Nodes), len(got.Edges), fixtureEntities, fixtureRelations, fixturePartnerOf)
				}
			}
		})
	}
}

func TestGraphMLNetworkX(t *testing.T) {
	s := openFixture(t)
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			opt := sc.opt
			opt.Format = GraphML
			g, err := Collect(context.Background(), s, opt)
			if err != nil {
				t.Fatal(err)
			}
			var got nxGraph
			readWith(t, "networkx", "read_graphml.py", "ties.graphml", export(t, s, opt), &got)
			checkNX(t, got, g, false)
			for _, e := range got.Edges {
				if e["predicate"] != e["label"] {
					t.Errorf("edge %v: predicate and label differ", e)
				}
				if sym := e["predicate"] == string(graph.PartnerOf); e["symmetric"] != sym {
					t.Errorf("edge %v: symmetric = %v, want %v", e, e["symmetric"], sym)
				}
			}
			if sc.name == "whole" && (len(got.Nodes) != fixtureEntities || len(got.Edges) != fixtureRelations) {
				t.Errorf("%d nodes, %d edges; the store has %d entities, %d relations",
					len(got.Nodes), len(got.Edges), fixtureEntities, fixtureRelations)
			}
		})
	}
}

func TestCSVPython(t *testing.T) {
	s := openFixture(t)
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			opt := sc.opt
			opt.Format = CSV
			g, err := Collect(context.Background(), s, opt)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Names []string
				Nodes []map[string]string `json:"nodes.csv"`
				Edges []map[string]string `json:"edges.csv"`
			}
			readWith(t, "csv", "read_csv.py", "ties.zip", export(t, s, opt), &got)
			if len(got.Names) != 2 || len(got.Nodes) != len(g.Nodes) || len(got.Edges) != len(g.Relations) {
				t.Fatalf("zip %v: %d nodes, %d edges; want %d, %d", got.Names, len(got.Nodes), len(got.Edges), len(g.Nodes), len(g.Relations))
			}
			for i, n := range g.Nodes {
				if r := got.Nodes[i]; r["Id"] != n.ID || r["Label"] != label(n) || r["type"] != string(n.Type) {
					t.Errorf("node row %d = %v, want %s", i, r, n.ID)
				}
			}
			for i, rel := range g.Relations {
				r := got.Edges[i]
				if r["Source"] != rel.Subject.ID || r["Target"] != rel.Object.ID || r["predicate"] != string(rel.Predicate) ||
					r["Weight"] != strconv.Itoa(weight(rel)) {
					t.Errorf("edge row %d = %v, want %s %s %s", i, r, rel.Subject.ID, rel.Predicate, rel.Object.ID)
				}
			}
			if sc.name == "whole" && (len(got.Nodes) != fixtureEntities || len(got.Edges) != fixtureRelations) {
				t.Errorf("%d nodes, %d edges; the store has %d entities, %d relations",
					len(got.Nodes), len(got.Edges), fixtureEntities, fixtureRelations)
			}
		})
	}
}

func TestNQuadsRDFLib(t *testing.T) {
	ctx := context.Background()
	s := openFixture(t)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Quads  int
		Graphs []string
		Titles map[string]string
		Texts  map[string]string
	}
	readWith(t, "rdflib", "read_nquads.py", "ties.nq", export(t, s, Options{Format: NQuads}), &got)
	if got.Quads != st.Quads {
		t.Errorf("rdflib read %d quads, the store holds %d", got.Quads, st.Quads)
	}
	if len(got.Graphs) != st.Documents {
		t.Errorf("rdflib read %d graphs (%v), the store holds %d documents", len(got.Graphs), got.Graphs, st.Documents)
	}
	for _, x := range fixture(t) {
		iri := documentIRI(x.Document.ID)
		if got.Titles[iri] != x.Document.Title || got.Texts[iri] != x.Document.Text {
			t.Errorf("document %q read as title %q, text %q; want %q, %q", x.Document.ID,
				got.Titles[iri], got.Texts[iri], x.Document.Title, x.Document.Text)
		}
	}

	// One document: its quads only.
	quads, err := s.DocumentQuads(ctx, "c.de.txt")
	if err != nil {
		t.Fatal(err)
	}
	readWith(t, "rdflib", "read_nquads.py", "c.nq", export(t, s, Options{Format: NQuads, Document: "c.de.txt"}), &got)
	if got.Quads != len(quads) || len(got.Graphs) != 1 || got.Graphs[0] != "ties:d/c.de.txt" {
		t.Errorf("rdflib read %d quads in %v, want %d in ties:d/c.de.txt", got.Quads, got.Graphs, len(quads))
	}
}

func TestJSONLDRDFLib(t *testing.T) {
	const schema = "http://schema.org/"
	s := openFixture(t)
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			opt := sc.opt
			opt.Format = JSONLD
			g, err := Collect(context.Background(), s, opt)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Triples    int
				Predicates map[string]int
				Types      map[string][]string
				Names      map[string]string
				Headlines  map[string]string
				Edges      [][3]string
			}
			readWith(t, "rdflib", "read_jsonld.py", "ties.jsonld", export(t, s, opt), &got)
			if n := len(got.Types["https://github.com/ties-graph/ties/ns#Tie"]); n != len(g.Relations) {
				t.Errorf("%d Tie nodes, want %d relations", n, len(g.Relations))
			}
			named := 0
			for iri := range got.Names {
				if len(iri) > 7 && iri[:7] == "ties:e/" {
					named++
				}
			}
			if named != len(g.Nodes) {
				t.Errorf("%d named entities, want %d", named, len(g.Nodes))
			}
			if n := len(got.Types["http://schema.org/CreativeWork"]); n != len(g.Documents) || n == 0 {
				t.Errorf("%d documents, want %d", n, len(g.Documents))
			}
			for _, d := range g.Documents {
				if got.Headlines[documentIRI(d.ID)] != d.Title {
					t.Errorf("document %q: title %q, want %q", d.ID, got.Headlines[documentIRI(d.ID)], d.Title)
				}
			}
			if n := got.Predicates["https://github.com/ties-graph/ties/ns#evidence"]; n != len(g.Statements) {
				t.Errorf("%d evidence links, want %d statements", n, len(g.Statements))
			}
			// Each relation is one direct triple, with the schema.org
			// property (reversed where schema.org names the inverse).
			if len(got.Edges) != len(g.Relations) {
				t.Errorf("%d entity-to-entity triples, want %d relations: %v", len(got.Edges), len(g.Relations), got.Edges)
			}
			edges := map[[3]string]bool{}
			for _, e := range got.Edges {
				edges[e] = true
			}
			for _, r := range g.Relations {
				subj, obj := entityIRI(r.Subject.ID), entityIRI(r.Object.ID)
				var want [3]string
				switch r.Predicate {
				case graph.MemberOf:
					want = [3]string{subj, schema + "memberOf", obj}
				case graph.Attended:
					want = [3]string{obj, schema + "attendee", subj}
				case graph.Organized:
					want = [3]string{obj, schema + "organizer", subj}
				case graph.Funded:
					want = [3]string{obj, schema + "funder", subj}
				default:
					want = [3]string{subj, "https://github.com/ties-graph/ties/ns#" + string(r.Predicate), obj}
				}
				if !edges[want] {
					t.Errorf("relation %s %s %s: triple %v missing", r.Subject.ID, r.Predicate, r.Object.ID, want)
				}
			}
			if sc.name == "whole" {
				if got.Names[entityIRI("delta fund")] != `Delta "Green" Fund` {
					t.Errorf("names: %v", got.Names)
				}
				if n := len(got.Types["https://schema.followthemoney.tech/#Membership"]); n != 1 {
					t.Errorf("%d ftm:Membership ties, want 1", n)
				}
			}
		})
	}
}

func TestJSONLPython(t *testing.T) {
	s := openFixture(t)
	for _, sc := range scopes {
		t.Run(sc.name, func(t *testing.T) {
			opt := sc.opt
			opt.Format = JSONL
			g, err := Collect(context.Background(), s, opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []struct {
				Document  string
				Predicate string
				Subject   struct{ ID string }
				Object    struct{ ID string }
				Evidence  string
				Start     int
			}
			readWith(t, "json", "read_jsonl.py", "ties.jsonl", export(t, s, opt), &got)
			if len(got) != len(g.Statements) {
				t.Fatalf("%d records, want %d statements", len(got), len(g.Statements))
			}
			for i, st := range g.Statements {
				r := got[i]
				if r.Document != st.Evidence.Document || r.Predicate != string(st.Predicate) || r.Evidence != st.Evidence.Sentence ||
					r.Start != st.Evidence.Start {
					t.Errorf("record %d = %+v, want %+v", i, r, st)
				}
			}
			if sc.name == "whole" && len(got) != fixtureStatements {
				t.Errorf("%d records, the store has %d statements", len(got), fixtureStatements)
			}
		})
	}
}
