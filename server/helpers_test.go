package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/server"
)

// fixtureDoc is one document of testdata/graph.json: statements name
// entities by ID and quote their sentence, whose offsets are computed here.
type fixtureDoc struct {
	Document struct {
		graph.Document
		Text string `json:"text"` // graph.Document.Text is json:"-"
	} `json:"document"`
	Entities   []graph.Entity `json:"entities"`
	Statements []struct {
		Subject    string          `json:"subject"`
		Predicate  graph.Predicate `json:"predicate"`
		Object     string          `json:"object"`
		Sentence   string          `json:"sentence"`
		Confidence float64         `json:"confidence"`
		Rule       string          `json:"rule"`
		Start      string          `json:"start"`
	} `json:"statements"`
}

func readFixture(t *testing.T) []graph.Extraction {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "graph.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []fixtureDoc
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatalf("testdata/graph.json: %v", err)
	}
	var xs []graph.Extraction
	for _, d := range docs {
		ents := map[string]graph.Entity{}
		for _, e := range d.Entities {
			ents[e.ID] = e
		}
		x := graph.Extraction{Document: d.Document.Document, Entities: d.Entities}
		x.Document.Text = d.Document.Text
		x.Document.LoadedAt = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
		for i, s := range d.Statements {
			at := strings.Index(d.Document.Text, s.Sentence)
			if at < 0 {
				t.Fatalf("testdata/graph.json: %s statement %d: sentence not in text", d.Document.ID, i)
			}
			start := utf8.RuneCountInString(d.Document.Text[:at])
			x.Statements = append(x.Statements, graph.Statement{
				Subject: ents[s.Subject], Predicate: s.Predicate, Object: ents[s.Object],
				Evidence:   graph.Evidence{Document: d.Document.ID, Sentence: s.Sentence, Start: start, End: start + utf8.RuneCountInString(s.Sentence)},
				Confidence: s.Confidence, Rule: s.Rule, Start: s.Start,
			})
		}
		xs = append(xs, x)
	}
	return xs
}

// newStore opens a real in-memory cayley store holding the fixture.
func newStore(t *testing.T) *cayley.Store {
	t.Helper()
	ctx := context.Background()
	s, err := cayley.Open(ctx, "memory", cayley.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, x := range readFixture(t) {
		if err := s.PutDocument(ctx, x); err != nil {
			t.Fatalf("put %s: %v", x.Document.ID, err)
		}
	}
	return s
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

func (r response) codes() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, fmt.Sprint(e.Extensions["code"]))
	}
	return out
}

// post sends one GraphQL request through the real handler.
func post(t *testing.T, h http.Handler, token, query string, vars map[string]any) response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, server.GraphQLPath, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := response{Status: rec.Code}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("status %d, body %q: %v", rec.Code, rec.Body.String(), err)
	}
	return resp
}

// query posts and fails the test on any GraphQL error, decoding data into v.
func query(t *testing.T, h http.Handler, q string, vars map[string]any, v any) {
	t.Helper()
	r := post(t, h, "", q, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("query failed: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode %s: %v", r.Data, err)
	}
}

// countingStore is a graph.Store that delegates to a real store and counts
// the calls of each method.
type countingStore struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
}

func newCounting(s graph.Store) *countingStore {
	return &countingStore{Store: s, calls: map[string]int{}}
}

func (c *countingStore) count(m string) {
	c.mu.Lock()
	c.calls[m]++
	c.mu.Unlock()
}

func (c *countingStore) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.calls {
		out[k] = v
	}
	return out
}

func (c *countingStore) reset() {
	c.mu.Lock()
	c.calls = map[string]int{}
	c.mu.Unlock()
}

func (c *countingStore) PutDocument(ctx context.Context, x graph.Extraction) error {
	c.count("PutDocument")
	return c.Store.PutDocument(ctx, x)
}

func (c *countingStore) RemoveDocument(ctx context.Context, id string) error {
	c.count("RemoveDocument")
	return c.Store.RemoveDocument(ctx, id)
}

func (c *countingStore) Document(ctx context.Context, id string) (graph.Document, error) {
	c.count("Document")
	return c.Store.Document(ctx, id)
}

func (c *countingStore) Documents(ctx context.Context, opt graph.ListOptions) ([]graph.Document, error) {
	c.count("Documents")
	return c.Store.Documents(ctx, opt)
}

func (c *countingStore) DocumentStatements(ctx context.Context, id string) ([]graph.Statement, error) {
	c.count("DocumentStatements")
	return c.Store.DocumentStatements(ctx, id)
}

func (c *countingStore) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	c.count("Entities")
	return c.Store.Entities(ctx, ids)
}

func (c *countingStore) EntityDocuments(ctx context.Context, ids []string) ([][]string, error) {
	c.count("EntityDocuments")
	return c.Store.EntityDocuments(ctx, ids)
}

func (c *countingStore) Search(ctx context.Context, text string, opt graph.SearchOptions) ([]graph.SearchHit, error) {
	c.count("Search")
	return c.Store.Search(ctx, text, opt)
}

func (c *countingStore) Relations(ctx context.Context, ids []string, f graph.RelationFilter) ([][]graph.Relation, error) {
	c.count("Relations")
	return c.Store.Relations(ctx, ids, f)
}

// RelationPages counts as a relations read, as Relations does.
func (c *countingStore) RelationPages(ctx context.Context, ids []string, f graph.RelationFilter, page graph.ListOptions) ([]graph.RelationPage, error) {
	c.count("Relations")
	return c.Store.RelationPages(ctx, ids, f, page)
}

func (c *countingStore) Relation(ctx context.Context, id string) (graph.Relation, error) {
	c.count("Relation")
	return c.Store.Relation(ctx, id)
}

func (c *countingStore) Neighborhood(ctx context.Context, id string, opt graph.NeighborhoodOptions) (graph.Subgraph, error) {
	c.count("Neighborhood")
	return c.Store.Neighborhood(ctx, id, opt)
}

func (c *countingStore) Paths(ctx context.Context, from, to string, opt graph.PathOptions) ([]graph.Path, error) {
	c.count("Paths")
	return c.Store.Paths(ctx, from, to, opt)
}

func (c *countingStore) Stats(ctx context.Context) (graph.Stats, error) {
	c.count("Stats")
	return c.Store.Stats(ctx)
}

var _ graph.Store = (*countingStore)(nil)
