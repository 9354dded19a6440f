package export

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/graphtest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func TestCollect(t *testing.T) {
	ctx := context.Background()
	s := openFixture(t)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Stats{Documents: fixtureDocuments, Entities: fixtureEntities, Statements: fixtureStatements,
		Relations: fixtureRelations, Quads: st.Quads}
	if st != want {
		t.Fatalf("fixture stats = %+v, want %+v", st, want)
	}
	tests := []struct {
		name                              string
		opt                               Options
		nodes, relations, statement, docs int
	}{
		{"whole store", Options{Format: GEXF}, fixtureEntities, fixtureRelations, fixtureStatements, fixtureDocuments},
		// b mentions the ministry in no statement: it is still a node.
		{"document", Options{Format: GEXF, Document: "b notes.md"}, 6, 3, 3, 1},
		// Gdańsk attended the forum (b) and is Toruń's partner (c);
		// Toruń organized the forum (a): three ties among the three.
		{"entity depth 1", Options{Format: GEXF, Entity: "gdansk", Depth: 1}, 3, 3, 3, 3},
		// …then Toruń's and the forum's other ties: all but the ministry.
		{"entity depth 2", Options{Format: GEXF, Entity: "gdansk", Depth: 2}, 6, 6, 7, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := Collect(ctx, s, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(g.Nodes) != tt.nodes || len(g.Relations) != tt.relations || len(g.Statements) != tt.statement ||
				len(g.Documents) != tt.docs {
				t.Errorf("got %d nodes, %d relations, %d statements, %d documents; want %d, %d, %d, %d",
					len(g.Nodes), len(g.Relations), len(g.Statements), len(g.Documents),
					tt.nodes, tt.relations, tt.statement, tt.docs)
			}
			for _, d := range g.Documents {
				if d.Title == "" || d.Text != "" {
					t.Errorf("document %q: title %q, %d bytes of text", d.ID, d.Title, len(d.Text))
				}
			}
			if !slices.IsSortedFunc(g.Nodes, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) }) {
				t.Error("nodes not sorted by ID")
			}
			ids := map[string]bool{}
			for _, n := range g.Nodes {
				ids[n.ID] = true
			}
			for _, r := range g.Relations {
				if !ids[r.Subject.ID] || !ids[r.Object.ID] {
					t.Errorf("relation %s %s %s has an end outside the nodes", r.Subject.ID, r.Predicate, r.Object.ID)
				}
				if want := graph.RelationID(r.Subject.ID, r.Predicate, r.Object.ID); r.ID != want {
					t.Errorf("relation ID %s, want %s", r.ID, want)
				}
				stored, err := s.Relation(ctx, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if tt.opt.Document == "" && (weight(r) != len(stored.Evidence) || r.Confidence != stored.Confidence ||
					r.Subject.ID != stored.Subject.ID) {
					t.Errorf("relation %s: weight %d, confidence %v, subject %s; the store says %d, %v, %s", r.ID,
						weight(r), r.Confidence, r.Subject.ID, len(stored.Evidence), stored.Confidence, stored.Subject.ID)
				}
			}
		})
	}
}

func TestOptionErrors(t *testing.T) {
	ctx := context.Background()
	s := openFixture(t)
	tests := []struct {
		name string
		opt  Options
		code string
		msg  string
	}{
		{"unknown format", Options{Format: "svg"}, graph.EINVALID, `unknown export format "svg"`},
		{"document and entity", Options{Format: GEXF, Document: "a.txt", Entity: "torun"}, graph.EINVALID, "not both"},
		{"depth without entity", Options{Format: CSV, Depth: 2}, graph.EINVALID, "depth needs an entity"},
		{"negative depth", Options{Format: CSV, Entity: "torun", Depth: -1}, graph.EINVALID, "negative depth"},
		{"nquads of an entity", Options{Format: NQuads, Entity: "torun"}, graph.EINVALID, "whole documents"},
		{"missing document", Options{Format: GEXF, Document: "nope.txt"}, graph.ENOTFOUND, "nope.txt"},
		{"missing document quads", Options{Format: NQuads, Document: "nope.txt"}, graph.ENOTFOUND, "nope.txt"},
		{"missing entity", Options{Format: JSONLD, Entity: "atlantis"}, graph.ENOTFOUND, "atlantis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(ctx, &buf, s, tt.opt)
			if graph.ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("Write = %v, want %s error with %q", err, tt.code, tt.msg)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"GEXF": GEXF, "graphml": GraphML, "nq": NQuads, "json-ld": JSONLD,
		"jsonl": JSONL, " csv ": CSV, "ndjson": JSONL} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		opt  Options
		want string
	}{
		{Options{Format: GEXF}, "ties.gexf"},
		{Options{Format: CSV, Document: "b notes.md"}, "ties-b_notes.md.zip"},
		{Options{Format: NQuads, Document: "../x\"y"}, "ties-_x_y.nq"},
		{Options{Format: JSONLD, Entity: "kraków"}, "ties-krak_w.jsonld"},
	}
	for _, tt := range tests {
		if got := tt.opt.FileName(); got != tt.want {
			t.Errorf("FileName(%+v) = %q, want %q", tt.opt, got, tt.want)
		}
	}
}

// TestGolden pins every format's bytes for the fixture, so that a change of
// output is seen in review (go test ./export -update rewrites them), and
// checks that two exports give the same bytes. Every backend must export
// the same bytes: the order comes from the data, not from the store.
func TestGolden(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{"memory", "bolt", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			addr := backend
			switch backend {
			case "bolt":
				addr = filepath.Join(t.TempDir(), "store")
			case "postgres":
				addr = graphtest.PostgresURL(t)
			}
			s := openFixtureAt(t, addr)
			for _, f := range Formats {
				t.Run(string(f), func(t *testing.T) {
					opt := Options{Format: f}
					var a, b bytes.Buffer
					if err := Write(ctx, &a, s, opt); err != nil {
						t.Fatal(err)
					}
					if err := Write(ctx, &b, s, opt); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(a.Bytes(), b.Bytes()) {
						t.Fatal("two exports of the same store differ")
					}
					golden := filepath.Join("testdata", "fixture."+f.Ext())
					if *update && backend == "memory" {
						if err := os.WriteFile(golden, a.Bytes(), 0o644); err != nil {
							t.Fatal(err)
						}
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run go test ./export -update)", err)
					}
					if !bytes.Equal(a.Bytes(), want) {
						t.Errorf("%s differs from the export (run go test ./export -update and review the diff)", golden)
					}
				})
			}
		})
	}
}
