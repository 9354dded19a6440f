package command

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ties-graph/ties/graph/graphtest"
)

// serveProcess starts `ties serve` as its own process on store and a free
// loopback port, stops it (SIGTERM) when the test ends, and returns its
// GraphQL URL.
func serveProcess(t *testing.T, bin, store string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--store", store)
	// No token: mutations are open on loopback.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TIES_TOKEN=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	var stderr bytes.Buffer
	cmd.Stderr = &syncWriter{w: &stderr}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil && ctx.Err() == nil {
			t.Errorf("ties serve stopped with %v; stderr:\n%s", err, stderr.String())
		}
		cancel()
	})
	url := regexp.MustCompile(`GraphQL:\s+(\S+)`)
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := url.FindStringSubmatch(sc.Text()); m != nil {
			go func() {
				for sc.Scan() {
				}
			}()
			return m[1]
		}
	}
	t.Fatalf("ties serve printed no GraphQL URL; stderr:\n%s", stderr.String())
	return ""
}

// TestSharedStoreTwoProcesses runs two `ties serve` processes on one
// PostgreSQL database (issue 6): a document loaded through one is found by
// search and neighborhood through the other within two seconds, and
// removing it through the other removes it from both.
func TestSharedStoreTwoProcesses(t *testing.T) {
	store := graphtest.PostgresURL(t)
	bin := buildTies(t)
	a := serveProcess(t, bin, store)
	b := serveProcess(t, bin, store)

	const doc = `{"document":"x","subject":{"name":"Šiauliai","type":"City"},"predicate":"partner_of","object":{"name":"Jelgava","type":"City"},"evidence":"Šiauliai and Jelgava are partner cities."}` + "\n"
	var loaded struct{ LoadDocument struct{ Statements int } }
	gqlPost(t, a, "", `mutation($t: String!) { loadDocument(name: "partners.jsonl", text: $t, format: "jsonl") { statements } }`,
		map[string]any{"t": doc}, &loaded)
	if loaded.LoadDocument.Statements != 1 {
		t.Fatalf("loadDocument through A: %d statements, want 1", loaded.LoadDocument.Statements)
	}

	type hits struct {
		Search struct {
			Edges []struct{ Node struct{ ID, Name string } }
		}
	}
	search := func(url, text string) string {
		var r hits
		gqlPost(t, url, "", `query($t: String!) { search(text: $t, first: 5) { edges { node { id name } } } }`,
			map[string]any{"t": text}, &r)
		for _, e := range r.Search.Edges {
			if e.Node.Name == text {
				return e.Node.ID
			}
		}
		return ""
	}
	neighbours := func(url, id string) []string {
		var r struct {
			Neighborhood struct{ Nodes []struct{ Name string } }
		}
		res := gqlPost(t, url, "", `query($id: ID!) { neighborhood(id: $id, depth: 1) { nodes { name } } }`,
			map[string]any{"id": id}, nil)
		if len(res.Errors) > 0 {
			return nil // not found (yet)
		}
		if err := json.Unmarshal(res.Data, &r); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range r.Neighborhood.Nodes {
			out = append(out, n.Name)
		}
		return out
	}
	within := func(what string, cond func() bool) time.Duration {
		start := time.Now()
		for !cond() {
			if time.Since(start) > 2*time.Second {
				t.Fatalf("%s: not within 2s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
		return time.Since(start)
	}

	var id string
	put := within("search through B for what A loaded", func() bool { id = search(b, "Šiauliai"); return id != "" })
	if n := neighbours(b, id); !slices.Contains(n, "Jelgava") {
		t.Errorf("neighborhood of %s through B: %v, want Jelgava", id, n)
	}

	var removed struct{ RemoveDocument bool }
	gqlPost(t, b, "", `mutation { removeDocument(id: "partners.jsonl") }`, nil, &removed)
	if !removed.RemoveDocument {
		t.Fatal("removeDocument through B returned false")
	}
	if search(b, "Šiauliai") != "" {
		t.Error("B still finds what it removed")
	}
	rm := within("A forgets what B removed", func() bool { return search(a, "Šiauliai") == "" && len(neighbours(a, id)) == 0 })
	t.Logf("across processes: load seen in %v, remove seen in %v", put.Round(time.Millisecond), rm.Round(time.Millisecond))
}
