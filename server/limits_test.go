package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders/structured"
	"github.com/ties-graph/ties/server"
)

func TestLimitsAndErrorCodes(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t)})
	tests := []struct {
		name  string
		query string
		code  string
	}{
		{"page cap", `{ search(text: "krakow", first: 101) { edges { cursor } } }`, "invalid"},
		{"negative page", `{ documents(first: -1) { totalCount } }`, "invalid"},
		{"relations page cap", `{ entity(id: "krakow") { relations(first: 1000) { totalCount } } }`, "invalid"},
		{"depth cap", `{ neighborhood(id: "krakow", depth: 4) { truncated } }`, "invalid"},
		{"node cap", `{ neighborhood(id: "krakow", first: 100000) { truncated } }`, "invalid"},
		{"path length cap", `{ paths(from: "krakow", to: "congress", maxLength: 7) { length } }`, "invalid"},
		{"bad cursor", `{ documents(after: "bm9wZQ") { totalCount } }`, "invalid"},
		{"cursor of another list", `{ search(text: "krakow", after: "ZG9jOmNvZS50eHQ") { edges { cursor } } }`, "invalid"},
		{"empty search", `{ search(text: "  ") { edges { cursor } } }`, "invalid"},
		{"unknown entity", `{ neighborhood(id: "atlantis") { truncated } }`, "not_found"},
		{"unknown enum", `{ search(text: "x", types: [PLANET]) { edges { cursor } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{"syntax", `{ search(text: `, "GRAPHQL_PARSE_FAILED"},
		{"complexity", `{ search(text: "krakow", first: 100) { edges { node {
			relations(first: 100) { edges { node { evidence { sentence } } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := post(t, h, "", tc.query, nil)
			if !slices.Equal(r.codes(), []string{tc.code}) {
				t.Errorf("codes %v, want [%s] (errors %+v)", r.codes(), tc.code, r.Errors)
			}
			for _, e := range r.Errors {
				if e.Message == "" || strings.Contains(e.Message, "internal") {
					t.Errorf("unhelpful message %q", e.Message)
				}
			}
		})
	}

	t.Run("moderate nesting passes the complexity limit", func(t *testing.T) {
		var v any
		query(t, h, `{ search(text: "krakow") { edges { node {
			relations { edges { node { subject { name } object { name } evidence { sentence document { title } } } } } } } } }`, nil, &v)
	})

	t.Run("introspection", func(t *testing.T) {
		var v struct {
			Schema struct {
				Types []struct{ Name string }
			} `json:"__schema"`
		}
		query(t, h, `{ __schema { types { name } } }`, nil, &v)
		if !slices.ContainsFunc(v.Schema.Types, func(x struct{ Name string }) bool { return x.Name == "Entity" }) {
			t.Error("introspection does not list Entity")
		}
	})
}

func TestBodyLimit(t *testing.T) {
	h := server.New(server.Options{Store: newStore(t), Loader: &structured.JSONLines{}, MaxBodyBytes: 1024})
	big := `{"query":"mutation { loadDocument(name: \"a.txt\", text: \"` + strings.Repeat("x", 4096) + `\") { entities } }"}`
	req := httptest.NewRequest(http.MethodPost, server.GraphQLPath, bytes.NewReader([]byte(big)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413: %s", rec.Code, rec.Body)
	}
}

// slowStore is the real store whose Paths waits until the request is out of
// time before answering, as a search over a huge graph would.
type slowStore struct{ graph.Store }

func (s slowStore) Paths(ctx context.Context, from, to string, opt graph.PathOptions) ([]graph.Path, error) {
	<-ctx.Done()
	return s.Store.Paths(ctx, from, to, opt)
}

func TestRequestTimeout(t *testing.T) {
	for _, d := range []time.Duration{time.Nanosecond, 20 * time.Millisecond} {
		h := server.New(server.Options{Store: slowStore{newStore(t)}, RequestTimeout: d})
		r := post(t, h, "", `{ paths(from: "krakow", to: "congress") { length } }`, nil)
		if !slices.Equal(r.codes(), []string{"timeout"}) {
			t.Errorf("timeout %v: codes %v, want [timeout] (%+v)", d, r.codes(), r.Errors)
		}
	}
}

func TestRoutes(t *testing.T) {
	store := newStore(t)
	h := server.New(server.Options{Store: store})
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{server.HealthPath, http.StatusOK, `"status":"ok"`},
		{server.GraphiQLPath, http.StatusOK, "graphiql"},
		{"/", http.StatusOK, "<title>ties explorer</title>"},
		{"/assets/app.js", http.StatusOK, "fcose"},
		{"/nothing", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("GET %s: %d %q, want %d with %q", tc.path, rec.Code, rec.Body, tc.status, tc.body)
			}
		})
	}
	t.Run("query over GET", func(t *testing.T) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, server.GraphQLPath+`?query=%7Bentity(id:%22krakow%22)%7Bname%7D%7D`, nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"name":"Kraków"`) {
			t.Errorf("GET query: %d %s", rec.Code, rec.Body)
		}
	})
	t.Run("health of a closed store", func(t *testing.T) {
		store.Close()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, server.HealthPath, nil))
		if rec.Code != http.StatusServiceUnavailable {
			t.Errorf("status %d, want 503", rec.Code)
		}
	})
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "127.1.2.3:1": true,
		":8080": false, "0.0.0.0:8080": false, "192.168.1.5:8080": false, "example.org:80": false, "nonsense": false,
	} {
		if got := server.IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestRunShutsDownOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, "127.0.0.1:0", server.Options{Store: newStore(t)}, func(u string) { urls <- u })
	}()
	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("Run returned early: %v", err)
	}
	resp, err := http.Get(base + server.HealthPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("health status %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after cancel: %v", err)
	}
	if _, err := http.Get(base + server.HealthPath); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// TestRunReadOnlyBeyondLoopback: listening on every interface without a
// token, Run serves queries and refuses mutations.
func TestRunReadOnlyBeyondLoopback(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, ":0", server.Options{Store: newStore(t), Loader: &structured.JSONLines{}},
			func(u string) { urls <- u })
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	base := <-urls
	port := base[strings.LastIndex(base, ":")+1:]
	body := `{"query":"mutation { removeDocument(id: \"krakow.txt\") }"}`
	resp, err := http.Post("http://127.0.0.1:"+port+server.GraphQLPath, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r response
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.codes(), []string{"forbidden"}) {
		t.Errorf("mutation on a tokenless public listener: codes %v, want [forbidden]", r.codes())
	}
}
