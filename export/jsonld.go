package export

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"net/url"

	"github.com/ties-graph/ties/graph"
)

// Context is the published JSON-LD context (context.jsonld): it maps the
// entity types and predicates to schema.org terms (inverse ones as
// @reverse properties), and the tie classes to FollowTheMoney's
// interval schemata, after ../shared/gold/vocabulary.md. Terms without a
// counterpart live in the ties namespace. The server serves it at
// /export/context.jsonld.
//
//go:embed context.jsonld
var Context []byte

// ftmClass is the FollowTheMoney schema a tie of each predicate is an
// instance of (vocabulary.md's FollowTheMoney column; UnknownLink where it
// names only properties or nothing).
var ftmClass = map[graph.Predicate]string{
	graph.MemberOf:   "Membership",
	graph.Represents: "Representation",
	graph.Funded:     "Payment",
}

// IRIs of the quad model (the same as graph/cayley's), so that JSON-LD and
// N-Quads exports name nodes alike.
func entityIRI(id string) string   { return "ties:e/" + url.PathEscape(id) }
func documentIRI(id string) string { return "ties:d/" + url.PathEscape(id) }
func relationIRI(id string) string { return "ties:r/" + id }

type ref struct {
	ID string `json:"@id"`
}

// WriteJSONLD writes g as one JSON-LD document with the context inline (so
// readers need no network): each entity a node with its type, name,
// aliases and one property per outgoing tie (schema.org's where there is
// one); each relation also a node of type Tie (and its FollowTheMoney
// class) with subject, predicate, object, weight, confidence and evidence;
// each document the evidence comes from a node with its title and language.
func WriteJSONLD(w io.Writer, g *Graph) error {
	var ctx struct {
		Context json.RawMessage `json:"@context"`
	}
	if err := json.Unmarshal(Context, &ctx); err != nil {
		return fmt.Errorf("write JSON-LD: context: %w", err)
	}
	links := map[string]map[string][]ref{}
	for _, r := range g.Relations {
		m := links[r.Subject.ID]
		if m == nil {
			m = map[string][]ref{}
			links[r.Subject.ID] = m
		}
		m[string(r.Predicate)] = append(m[string(r.Predicate)], ref{entityIRI(r.Object.ID)})
	}
	var nodes []map[string]any
	for _, n := range g.Nodes {
		node := map[string]any{"@id": entityIRI(n.ID), "name": label(n)}
		if n.Type != "" {
			node["@type"] = string(n.Type)
		}
		if len(n.Aliases) > 0 {
			node["alternateName"] = n.Aliases
		}
		if len(n.Languages) > 0 {
			node["languages"] = n.Languages
		}
		for p, to := range links[n.ID] {
			node[p] = to
		}
		nodes = append(nodes, node)
	}
	for _, r := range g.Relations {
		class := ftmClass[r.Predicate]
		if class == "" {
			class = "UnknownLink"
		}
		var ev []map[string]any
		for _, e := range r.Evidence {
			m := map[string]any{"document": documentIRI(e.Document), "sentence": e.Sentence,
				"start": e.Evidence.Start, "end": e.Evidence.End, "confidence": e.Confidence}
			if e.Rule != "" {
				m["rule"] = e.Rule
			}
			if e.Start != "" {
				m["from"] = e.Start
			}
			if e.End != "" {
				m["until"] = e.End
			}
			ev = append(ev, m)
		}
		nodes = append(nodes, map[string]any{
			"@id": relationIRI(r.ID), "@type": []string{"Tie", class},
			"subject": entityIRI(r.Subject.ID), "predicate": string(r.Predicate), "object": entityIRI(r.Object.ID),
			"weight": weight(r), "confidence": r.Confidence, "evidence": ev,
		})
	}
	for _, d := range g.Documents {
		node := map[string]any{"@id": documentIRI(d.ID), "@type": "Document", "title": d.Title}
		if d.Language != "" {
			node["inLanguage"] = d.Language
		}
		if d.Format != "" {
			node["format"] = d.Format
		}
		nodes = append(nodes, node)
	}
	if nodes == nil {
		nodes = []map[string]any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	// Encoding a struct keeps @context first; map keys are sorted, so the
	// output is deterministic.
	if err := enc.Encode(struct {
		Context json.RawMessage  `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}{ctx.Context, nodes}); err != nil {
		return fmt.Errorf("write JSON-LD: %w", err)
	}
	return nil
}
