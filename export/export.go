// Package export writes the graph of a store in formats researchers open in
// their own tools: GEXF and GraphML (Gephi, NetworkX), CSV (pandas,
// spreadsheets), N-Quads (RDF stores; also the store's backup), JSON-LD
// (linked data, with a published context) and the JSON lines records of
// `ties extract`.
//
// Every format is deterministic: the same store gives the same bytes.
package export

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// Format names an export format.
type Format string

// The export formats.
const (
	GEXF    Format = "gexf"
	GraphML Format = "graphml"
	CSV     Format = "csv"
	NQuads  Format = "nquads"
	JSONLD  Format = "jsonld"
	JSONL   Format = "jsonl"
)

// Formats lists every format in a stable order.
var Formats = []Format{GEXF, GraphML, CSV, NQuads, JSONLD, JSONL}

// ParseFormat reads a format name, case-insensitive; "nq", "json-ld" and
// "ndjson" are accepted as aliases.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case GEXF, GraphML, CSV, NQuads, JSONLD, JSONL:
		return f, nil
	case "nq":
		return NQuads, nil
	case "json-ld":
		return JSONLD, nil
	case "ndjson":
		return JSONL, nil
	}
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return "", graph.Errorf(graph.EINVALID, "unknown export format %q (want one of %s)", s, strings.Join(names, ", "))
}

// ContentType is the media type of a format's output.
func (f Format) ContentType() string {
	switch f {
	case GEXF:
		return "application/gexf+xml"
	case GraphML:
		return "application/graphml+xml"
	case CSV:
		return "application/zip"
	case NQuads:
		return "application/n-quads"
	case JSONLD:
		return "application/ld+json"
	case JSONL:
		return "application/x-ndjson"
	}
	return "application/octet-stream"
}

// Ext is the file name extension of a format's output, without the dot.
func (f Format) Ext() string {
	switch f {
	case CSV:
		return "zip"
	case NQuads:
		return "nq"
	}
	return string(f)
}

// DefaultLimit caps the nodes of an entity neighbourhood export.
const DefaultLimit = 10000

// Options select what an export holds: the whole store (no filter), one
// document, or an entity's neighbourhood.
type Options struct {
	Format Format
	// Document keeps only what this document contributed.
	Document string
	// Entity keeps the neighbourhood of this entity, Depth hops deep (1
	// when 0), at most Limit nodes (DefaultLimit when 0).
	Entity string
	Depth  int
	Limit  int
}

// Check reports a clear EINVALID error for options that cannot go together.
func (o Options) Check() error {
	if _, err := ParseFormat(string(o.Format)); err != nil {
		return err
	}
	switch {
	case o.Document != "" && o.Entity != "":
		return graph.Errorf(graph.EINVALID, "choose either a document or an entity, not both")
	case o.Depth < 0:
		return graph.Errorf(graph.EINVALID, "negative depth %d", o.Depth)
	case o.Depth > 0 && o.Entity == "":
		return graph.Errorf(graph.EINVALID, "depth needs an entity")
	case o.Limit < 0:
		return graph.Errorf(graph.EINVALID, "negative limit %d", o.Limit)
	case o.Format == NQuads && o.Entity != "":
		return graph.Errorf(graph.EINVALID, "N-Quads exports whole documents: give a document or no filter, not an entity")
	}
	return nil
}

// FileName is the name an export is saved under: ties[-document|-entity].EXT.
func (o Options) FileName() string {
	name := "ties"
	switch {
	case o.Document != "":
		name += "-" + safeName(o.Document)
	case o.Entity != "":
		name += "-" + safeName(o.Entity)
	}
	return name + "." + o.Format.Ext()
}

// safeName keeps a file name portable and header-safe.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, s)
	return strings.Trim(s, ".")
}

// Write writes the export opt selects from store to w.
func Write(ctx context.Context, w io.Writer, store graph.Store, opt Options) error {
	if err := opt.Check(); err != nil {
		return err
	}
	f, _ := ParseFormat(string(opt.Format))
	if f == NQuads {
		return writeNQuads(ctx, w, store, opt.Document)
	}
	g, err := Collect(ctx, store, opt)
	if err != nil {
		return err
	}
	return WriteGraph(w, g, f)
}

// WriteGraph writes a collected graph in a graph format (every format but
// N-Quads, which exports the store's own quads).
func WriteGraph(w io.Writer, g *Graph, f Format) error {
	switch f {
	case GEXF:
		return WriteGEXF(w, g)
	case GraphML:
		return WriteGraphML(w, g)
	case CSV:
		return WriteCSVZip(w, g)
	case JSONLD:
		return WriteJSONLD(w, g)
	case JSONL:
		return WriteJSONL(w, g)
	case NQuads:
		return graph.Errorf(graph.EINVALID, "N-Quads exports the store's quads, not a collected graph")
	}
	return graph.Errorf(graph.EINVALID, "unknown export format %q", f)
}

// Graph is what the graph formats show: entities, the relations among them
// with their evidence, and the statements behind the relations.
type Graph struct {
	// Nodes are ordered by ID.
	Nodes []graph.Entity
	// Relations are ordered by subject ID, predicate and object ID; each
	// one's evidence by document and offsets.
	Relations []graph.Relation
	// Statements are ordered by document, offsets, predicate, subject and
	// object, with full entities.
	Statements []graph.Statement
	// Documents are the documents the statements come from, by ID,
	// without their text.
	Documents []graph.Document
	// Truncated is set when the neighbourhood limit cut the graph short.
	Truncated bool
}

// Lister is what a store offers beyond graph.Store to list everything
// (graph/cayley.Store has it). Without it, Collect lists documents with
// Documents and takes the entities from the statements.
type Lister interface {
	DocumentIDs(ctx context.Context) ([]string, error)
	// DocumentEntities returns the IDs of the entities a document
	// mentions, including those in none of its statements.
	DocumentEntities(ctx context.Context, id string) ([]string, error)
}

// Collect reads the graph opt selects.
func Collect(ctx context.Context, store graph.Store, opt Options) (*Graph, error) {
	if err := opt.Check(); err != nil {
		return nil, err
	}
	if opt.Entity != "" {
		return collectNeighborhood(ctx, store, opt)
	}
	var docs []string
	if opt.Document != "" {
		docs = []string{opt.Document}
	} else {
		var err error
		if docs, err = documentIDs(ctx, store); err != nil {
			return nil, err
		}
	}
	lister, _ := store.(Lister)
	ids := map[string]bool{}
	var stmts []graph.Statement
	for _, d := range docs {
		st, err := store.DocumentStatements(ctx, d)
		if err != nil {
			return nil, fmt.Errorf("export document %q: %w", d, err)
		}
		stmts = append(stmts, st...)
		for _, s := range st {
			ids[s.Subject.ID], ids[s.Object.ID] = true, true
		}
		if lister != nil {
			es, err := lister.DocumentEntities(ctx, d)
			if err != nil {
				return nil, fmt.Errorf("export document %q: %w", d, err)
			}
			for _, e := range es {
				ids[e] = true
			}
		}
	}
	nodes, err := entities(ctx, store, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(stmts, graph.CompareStatements)
	g := &Graph{Nodes: nodes, Relations: aggregate(stmts), Statements: stmts}
	if err := g.fillDocuments(ctx, store); err != nil {
		return nil, err
	}
	return g, nil
}

func documentIDs(ctx context.Context, store graph.Store) ([]string, error) {
	if l, ok := store.(Lister); ok {
		ids, err := l.DocumentIDs(ctx)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		return ids, nil
	}
	docs, err := store.Documents(ctx, graph.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

// entities reads the merged entities of ids, ordered by ID.
func entities(ctx context.Context, store graph.Store, ids map[string]bool) ([]graph.Entity, error) {
	keys := make([]string, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	slices.Sort(keys)
	ents, err := store.Entities(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	for i := range ents {
		if ents[i].ID == "" {
			ents[i].ID = keys[i]
		}
	}
	return ents, nil
}

// collectNeighborhood reads an entity's neighbourhood and the evidence of
// every edge in it.
func collectNeighborhood(ctx context.Context, store graph.Store, opt Options) (*Graph, error) {
	limit := opt.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	sg, err := store.Neighborhood(ctx, opt.Entity, graph.NeighborhoodOptions{Depth: opt.Depth, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("export neighbourhood of %q: %w", opt.Entity, err)
	}
	g := &Graph{Truncated: sg.Truncated, Nodes: slices.Clone(sg.Nodes)}
	slices.SortFunc(g.Nodes, func(a, b graph.Entity) int { return cmp.Compare(a.ID, b.ID) })
	byID := make(map[string]graph.Entity, len(g.Nodes))
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	for _, e := range sg.Edges {
		r, err := store.Relation(ctx, e.ID)
		if err != nil {
			return nil, fmt.Errorf("export neighbourhood of %q: edge %s: %w", opt.Entity, e.ID, err)
		}
		g.Relations = append(g.Relations, r)
		for _, ev := range r.Evidence {
			g.Statements = append(g.Statements, graph.Statement{
				Subject: byIDOr(byID, r.Subject), Predicate: r.Predicate, Object: byIDOr(byID, r.Object),
				Evidence: ev.Evidence, Confidence: ev.Confidence, Rule: ev.Rule, Start: ev.Start, End: ev.End,
			})
		}
	}
	slices.SortFunc(g.Relations, compareRelations)
	slices.SortFunc(g.Statements, graph.CompareStatements)
	if err := g.fillDocuments(ctx, store); err != nil {
		return nil, err
	}
	return g, nil
}

// fillDocuments reads the documents the statements come from.
func (g *Graph) fillDocuments(ctx context.Context, store graph.Store) error {
	var ids []string
	for _, s := range g.Statements {
		if n := len(ids); n == 0 || ids[n-1] != s.Evidence.Document {
			ids = append(ids, s.Evidence.Document)
		}
	}
	slices.Sort(ids)
	for _, id := range slices.Compact(ids) {
		d, err := store.Document(ctx, id)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		d.Text = ""
		g.Documents = append(g.Documents, d)
	}
	return nil
}

func byIDOr(m map[string]graph.Entity, e graph.Entity) graph.Entity {
	if n, ok := m[e.ID]; ok {
		return n
	}
	return e
}

// aggregate groups statements into relations by graph.RelationID, as the
// store does: confidence is the highest of the statements', symmetric
// relations have the lower entity ID as subject.
func aggregate(stmts []graph.Statement) []graph.Relation {
	byID := map[string]int{}
	var rels []graph.Relation
	for _, s := range stmts {
		id := graph.RelationID(s.Subject.ID, s.Predicate, s.Object.ID)
		i, ok := byID[id]
		if !ok {
			subj, obj := s.Subject, s.Object
			if s.Predicate.Symmetric() && obj.ID < subj.ID {
				subj, obj = obj, subj
			}
			i = len(rels)
			byID[id] = i
			rels = append(rels, graph.Relation{ID: id, Subject: subj, Predicate: s.Predicate, Object: obj})
		}
		r := &rels[i]
		r.Confidence = max(r.Confidence, s.Confidence)
		r.Evidence = append(r.Evidence, graph.RelationEvidence{Evidence: s.Evidence,
			Confidence: s.Confidence, Rule: s.Rule, Start: s.Start, End: s.End})
	}
	for i := range rels {
		slices.SortFunc(rels[i].Evidence, compareEvidence)
	}
	slices.SortFunc(rels, compareRelations)
	return rels
}

func compareRelations(a, b graph.Relation) int {
	return cmp.Or(
		cmp.Compare(a.Subject.ID, b.Subject.ID),
		cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Object.ID, b.Object.ID),
		cmp.Compare(a.ID, b.ID),
	)
}

func compareEvidence(a, b graph.RelationEvidence) int {
	return cmp.Or(
		cmp.Compare(a.Document, b.Document),
		cmp.Compare(a.Evidence.Start, b.Evidence.Start),
		cmp.Compare(a.Evidence.End, b.Evidence.End),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Sentence, b.Sentence),
	)
}

// weight is the number of evidences behind a relation.
func weight(r graph.Relation) int { return len(r.Evidence) }

// documentsOf lists the documents a relation's evidence comes from, sorted.
func documentsOf(r graph.Relation) []string {
	var ds []string
	for _, e := range r.Evidence {
		ds = append(ds, e.Document)
	}
	slices.Sort(ds)
	return slices.Compact(ds)
}
