package command

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ties-graph/ties/internal/sharedcorpus"
)

// serving runs `ties serve ARGS` on a free loopback port until the test
// ends and returns the GraphQL URL it printed.
func serving(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var stderr bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: pw, Stderr: &syncWriter{w: &stderr},
		Logger: slog.New(slog.DiscardHandler), Getenv: func(k string) string { return env[k] }}
	done := make(chan error, 1)
	go func() {
		err := runServe(ctx, e, append([]string{"--addr", "127.0.0.1:0", "--store", "memory"}, args...))
		pw.Close()
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve stopped with %v", err)
		}
	})
	url := regexp.MustCompile(`GraphQL:\s+(\S+)`)
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		if m := url.FindStringSubmatch(sc.Text()); m != nil {
			go io.Copy(io.Discard, pr)
			return m[1]
		}
	}
	t.Fatalf("serve printed no GraphQL URL: %v; stderr: %s", <-done, stderr.String())
	return ""
}

// syncWriter serialises writes from the serving goroutine and the test.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

type gqlResult struct {
	Data   json.RawMessage `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func gqlPost(t *testing.T, url, token, query string, vars map[string]any, v any) gqlResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r gqlResult
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("status %d: %v", resp.StatusCode, err)
	}
	if v != nil {
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", query, r.Errors)
		}
		if err := json.Unmarshal(r.Data, v); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestServeLoadsPathsAndGuardsMutations(t *testing.T) {
	dir := t.TempDir()
	doc := `{"document":"x","subject":{"name":"Kraków","type":"City"},"predicate":"member_of","object":{"name":"Eurocities","type":"Network"},"evidence":"Kraków is a member of Eurocities."}` + "\n"
	if err := os.WriteFile(filepath.Join(dir, "eurocities.jsonl"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	url := serving(t, map[string]string{"TIES_TOKEN": "tok"}, dir)
	var d struct{ Stats struct{ Documents int } }
	gqlPost(t, url, "", `{ stats { documents } }`, nil, &d)
	if d.Stats.Documents != 1 {
		t.Errorf("stats: %d documents, want 1", d.Stats.Documents)
	}
	const rm = `mutation { removeDocument(id: "eurocities.jsonl") }`
	if r := gqlPost(t, url, "", rm, nil, nil); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "unauthorized" {
		t.Errorf("mutation without TIES_TOKEN: %+v", r.Errors)
	}
	var ok struct{ RemoveDocument bool }
	gqlPost(t, url, "tok", rm, nil, &ok)
	if !ok.RemoveDocument {
		t.Error("mutation with the token failed")
	}
}

func TestServeRejectsBadAddr(t *testing.T) {
	e := &Env{Stdout: io.Discard, Stderr: io.Discard, Logger: slog.New(slog.DiscardHandler), Getenv: func(string) string { return "" }}
	if err := runServe(context.Background(), e, []string{"--addr", "8080", "--store", "memory"}); err == nil ||
		!strings.Contains(err.Error(), "host:port") {
		t.Errorf("err = %v, want a host:port complaint", err)
	}
}

// TestAcceptanceSeeds is the end-to-end check: the five seed documents,
// loaded with the real loader registry by `ties serve`, answer the
// questions the project is for, over GraphQL.
func TestAcceptanceSeeds(t *testing.T) {
	seeds := sharedcorpus.Path(t, "seeds")
	url := serving(t, nil, seeds)

	type hit struct {
		Node struct{ ID, Name, Type string }
	}
	search := func(text string) []hit {
		var r struct{ Search struct{ Edges []hit } }
		gqlPost(t, url, "", `query($t: String!) { search(text: $t, first: 5) { edges { node { id name type } } } }`,
			map[string]any{"t": text}, &r)
		return r.Search.Edges
	}
	first := func(text string) string {
		hs := search(text)
		if len(hs) == 0 {
			t.Errorf("search %q found nothing", text)
			return ""
		}
		return hs[0].Node.ID
	}
	// find returns the best hit whose name contains want.
	find := func(text, want string) string {
		for _, h := range search(text) {
			if strings.Contains(strings.ToLower(h.Node.Name), strings.ToLower(want)) {
				return h.Node.ID
			}
		}
		t.Errorf("search %q found no %q", text, want)
		return ""
	}

	krakow := first("Krakowie")
	t.Run("Krakowie finds Kraków first", func(t *testing.T) {
		var e struct{ Entity struct{ Name, Type string } }
		gqlPost(t, url, "", `query($id: ID!) { entity(id: $id) { name type } }`, map[string]any{"id": krakow}, &e)
		if e.Entity.Name != "Kraków" || e.Entity.Type != "CITY" {
			t.Errorf("first hit for Krakowie is %q (%s), want the city Kraków", e.Entity.Name, e.Entity.Type)
		}
	})
	coe := first("Rada Europy")
	t.Run("Rada Europy finds the Council of Europe", func(t *testing.T) {
		var e struct{ Entity struct{ Name string } }
		gqlPost(t, url, "", `query($id: ID!) { entity(id: $id) { name } }`, map[string]any{"id": coe}, &e)
		if e.Entity.Name != "Council of Europe" {
			t.Errorf("first hit for Rada Europy is %q, want Council of Europe", e.Entity.Name)
		}
	})
	t.Run("Kraków's neighbourhood holds Femcities and ICORN", func(t *testing.T) {
		var r struct {
			Neighborhood struct{ Nodes []struct{ ID, Name string } }
		}
		gqlPost(t, url, "", `query($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { id name } } }`,
			map[string]any{"id": krakow}, &r)
		for _, want := range []string{find("Femcities", "femcities"), find("ICORN", "refuge")} {
			if !slices.ContainsFunc(r.Neighborhood.Nodes, func(n struct{ ID, Name string }) bool { return n.ID == want }) {
				t.Errorf("neighbourhood of Kraków lacks %q: %+v", want, r.Neighborhood.Nodes)
			}
		}
	})
	t.Run("Kraków's MEMBER_OF relations have evidence", func(t *testing.T) {
		var r struct {
			Entity struct {
				Relations struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Object   struct{ Name string }
							Evidence []struct {
								Sentence string
								Document struct{ ID string }
							}
						}
					}
				}
			}
		}
		gqlPost(t, url, "", `query($id: ID!) { entity(id: $id) { relations(predicate: MEMBER_OF, first: 100) {
			totalCount edges { node { object { name } evidence { sentence document { id } } } } } } }`,
			map[string]any{"id": krakow}, &r)
		if r.Entity.Relations.TotalCount == 0 {
			t.Fatal("Kraków has no MEMBER_OF relations")
		}
		for _, e := range r.Entity.Relations.Edges {
			if len(e.Node.Evidence) == 0 {
				t.Errorf("member_of %s has no evidence", e.Node.Object.Name)
			}
			for _, ev := range e.Node.Evidence {
				if strings.TrimSpace(ev.Sentence) == "" || ev.Document.ID == "" {
					t.Errorf("member_of %s: empty evidence %+v", e.Node.Object.Name, ev)
				}
			}
		}
	})
	t.Run("path Kraków → ICC ← Council of Europe ← Congress", func(t *testing.T) {
		icc := find("Intercultural Cities", "intercultural")
		congress := find("Congress of Local and Regional Authorities", "congress")
		var r struct {
			Paths []struct {
				Nodes []struct{ ID string }
			}
		}
		gqlPost(t, url, "", `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxLength: 6, first: 20) { nodes { id } } }`,
			map[string]any{"from": krakow, "to": congress}, &r)
		want := []string{krakow, icc, coe, congress}
		for _, p := range r.Paths {
			var ids []string
			for _, n := range p.Nodes {
				ids = append(ids, n.ID)
			}
			if slices.Equal(ids, want) {
				return
			}
		}
		t.Errorf("no path %v among %d paths: %+v", want, len(r.Paths), r.Paths)
	})
}
