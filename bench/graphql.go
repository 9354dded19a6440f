package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// client posts GraphQL requests to ties' real handler over HTTP. It
// reads every answer into one reused buffer and decodes the data straight
// into the caller's value: the harness, which runs in ties' process, should
// add as little garbage as it can to what it measures (an in-process
// client's allocations slow the server's next GC-bound requests). Not
// safe for concurrent use.
type client struct {
	url  string
	http *http.Client
	buf  bytes.Buffer
}

// The questions of issue 6, as the explorer asks them.
const (
	qSearch = `query($t: String!) { search(text: $t, first: 10) { edges { score matched node { id name type } } } }`
	qEntity = `query($id: ID!) { entity(id: $id) { id name type aliases
		relations(first: 50) { totalCount edges { node { id predicate confidence subject { id name } object { id name } } } } } }`
	qHood = `query($id: ID!, $d: Int!) { neighborhood(id: $id, depth: $d, first: 500) {
		nodes { id name type } edges { id predicate weight source { id } target { id } } truncated } }`
	qPaths = `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4, first: 5) {
		length nodes { id name } edges { id predicate } } }`
)

// do runs one query and decodes its data into out (a pointer); GraphQL
// errors fail.
func (c *client) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("graphql: %w", err)
	}
	defer resp.Body.Close()
	c.buf.Reset()
	if _, err := c.buf.ReadFrom(resp.Body); err != nil {
		return fmt.Errorf("graphql: read response: %w", err)
	}
	r := struct {
		Data   any `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}{Data: out}
	if err := json.Unmarshal(c.buf.Bytes(), &r); err != nil {
		return fmt.Errorf("graphql: HTTP %d: %.200s", resp.StatusCode, c.buf.Bytes())
	}
	if len(r.Errors) > 0 {
		return fmt.Errorf("graphql: %s", r.Errors[0].Message)
	}
	return nil
}

func (c *client) search(ctx context.Context, text string) ([]string, error) {
	var out struct {
		Search struct {
			Edges []struct {
				Node struct{ ID string } `json:"node"`
			} `json:"edges"`
		} `json:"search"`
	}
	if err := c.do(ctx, qSearch, map[string]any{"t": text}, &out); err != nil {
		return nil, err
	}
	ids := make([]string, len(out.Search.Edges))
	for i, e := range out.Search.Edges {
		ids[i] = e.Node.ID
	}
	return ids, nil
}

func (c *client) entity(ctx context.Context, id string) (int, error) {
	var out struct {
		Entity *struct {
			Relations struct {
				Edges []struct{} `json:"edges"`
			} `json:"relations"`
		} `json:"entity"`
	}
	if err := c.do(ctx, qEntity, map[string]any{"id": id}, &out); err != nil {
		return 0, err
	}
	if out.Entity == nil {
		return 0, fmt.Errorf("graphql: entity %q not found", id)
	}
	return len(out.Entity.Relations.Edges), nil
}

func (c *client) hood(ctx context.Context, id string, depth int) (int, error) {
	var out struct {
		Neighborhood struct {
			Nodes []struct{} `json:"nodes"`
		} `json:"neighborhood"`
	}
	if err := c.do(ctx, qHood, map[string]any{"id": id, "d": depth}, &out); err != nil {
		return 0, err
	}
	return len(out.Neighborhood.Nodes), nil
}

func (c *client) paths(ctx context.Context, from, to string) (int, error) {
	var out struct {
		Paths []struct {
			Length int `json:"length"`
		} `json:"paths"`
	}
	if err := c.do(ctx, qPaths, map[string]any{"a": from, "b": to}, &out); err != nil {
		return 0, err
	}
	if len(out.Paths) == 0 {
		return 0, nil
	}
	return out.Paths[0].Length, nil
}
