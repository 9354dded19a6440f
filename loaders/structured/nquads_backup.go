package structured

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// A backup is the N-Quads export of a whole ties store (`ties export
// --format nquads`): the store's own quads, each labelled with the IRI of
// the document that contributed it (graph/cayley's quad model,
// ../shared/design.md). Restore reads it back into one extraction per
// document, as the store held them: titles, texts, load times, the names
// each document gave its entities and every statement with its evidence
// offsets. Storing those extractions gives back the same quads, so
// exporting again gives the same bytes.

const (
	backupDoc    = "ties:d/"
	backupEntity = "ties:e/"
	backupStmt   = "ties:s/"
	backupType   = "ties:type/"
)

// backupPrefixes are the IRIs the export writes in full and the store
// keeps abbreviated (export.Prefixes).
var backupPrefixes = [][2]string{
	{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"schema:", "http://schema.org/"},
	{"xsd:", "http://www.w3.org/2001/XMLSchema#"},
}

// shortIRI abbreviates what the export wrote in full.
func shortIRI(v quad.Value) quad.Value {
	iri, ok := v.(quad.IRI)
	if !ok {
		return v
	}
	for _, p := range backupPrefixes {
		if rest, ok := strings.CutPrefix(string(iri), p[1]); ok {
			return quad.IRI(p[0] + rest)
		}
	}
	return v
}

// IsBackup reports whether data is a ties backup: its first quad is
// labelled with a ties document IRI. Plain N-Quads (no labels, or other
// graphs) are one document for the NQuads loader instead.
func IsBackup(data []byte) bool {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		q, err := nquads.Parse(string(line))
		if err != nil {
			return false
		}
		iri, ok := q.Label.(quad.IRI)
		return ok && strings.HasPrefix(string(iri), backupDoc)
	}
	return false
}

// backupDocument gathers one document's quads.
type backupDocument struct {
	line     int
	doc      graph.Document
	typed    bool
	mentions []string
	stmts    []quad.Value
	ents     map[string]*graph.Entity
	nodes    map[quad.Value]*backupStatement
}

type backupStatement struct {
	line int
	s    graph.Statement
	has  map[string]bool
}

// Restore reads a backup into one extraction per document, in the order the
// documents first appear. Errors name the file and line.
func Restore(ctx context.Context, in loaders.Input) ([]graph.Extraction, error) {
	docs := map[string]*backupDocument{}
	var order []string
	lines := strings.Split(strings.TrimPrefix(string(in.Data), "\ufeff"), "\n")
	for i, raw := range lines {
		if i%1000 == 999 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("%s: %w", where(in), err)
			}
		}
		lineNo := i + 1
		s := strings.TrimSpace(raw)
		if s == "" || s[0] == '#' {
			continue
		}
		q, err := nquads.Parse(s)
		if err != nil {
			return nil, lineError(in, lineNo, "malformed N-Quad (%v): %s", err, clip(s))
		}
		if !q.IsValid() {
			return nil, lineError(in, lineNo, "incomplete N-Quad: %s", clip(s))
		}
		q.Subject, q.Predicate, q.Object = shortIRI(q.Subject), shortIRI(q.Predicate), shortIRI(q.Object)
		id, ok := backupID(q.Label, backupDoc)
		if !ok {
			return nil, lineError(in, lineNo, "quad without a document label (%v): not a ties backup", q.Label)
		}
		d := docs[id]
		if d == nil {
			d = &backupDocument{line: lineNo, doc: graph.Document{ID: id},
				ents: map[string]*graph.Entity{}, nodes: map[quad.Value]*backupStatement{}}
			docs[id] = d
			order = append(order, id)
		}
		if err := d.add(q, lineNo); err != nil {
			return nil, lineError(in, lineNo, "%v", err)
		}
	}
	if len(order) == 0 {
		return nil, graph.Errorf(graph.EINVALID, "%s: no N-Quads in the file", where(in))
	}
	out := make([]graph.Extraction, 0, len(order))
	for _, id := range order {
		x, err := docs[id].extraction()
		if err != nil {
			return nil, lineError(in, docs[id].line, "document %q: %v", id, err)
		}
		out = append(out, x)
	}
	return out, nil
}

func backupID(v quad.Value, prefix string) (string, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), prefix) {
		return "", false
	}
	id, err := url.PathUnescape(string(iri)[len(prefix):])
	return id, err == nil && id != ""
}

// add files one quad under its subject: the document node, an entity or a
// statement node. Direct edges (<subject> <ties:member_of> <object>) are
// skipped: storing the statements makes them again.
func (d *backupDocument) add(q quad.Quad, line int) error {
	pred, ok := q.Predicate.(quad.IRI)
	if !ok {
		return fmt.Errorf("predicate %v is not an IRI", q.Predicate)
	}
	p := string(pred)
	if id, ok := backupID(q.Subject, backupDoc); ok {
		if id != d.doc.ID {
			return fmt.Errorf("document node %q in the graph of document %q", id, d.doc.ID)
		}
		return d.addDocument(p, q.Object)
	}
	if id, ok := backupID(q.Subject, backupEntity); ok {
		if local, ok := strings.CutPrefix(p, "ties:"); ok && graph.Predicate(local).Valid() {
			return nil
		}
		return d.addEntity(id, p, q.Object)
	}
	if iri, ok := q.Subject.(quad.IRI); ok && strings.HasPrefix(string(iri), backupStmt) {
		n := d.nodes[q.Subject]
		if n == nil {
			n = &backupStatement{line: line, has: map[string]bool{}}
			d.nodes[q.Subject] = n
		}
		return n.add(p, q.Object)
	}
	return fmt.Errorf("subject %v is no document, entity or statement node", q.Subject)
}

func (d *backupDocument) addDocument(p string, o quad.Value) error {
	switch p {
	case "rdf:type":
		if o != quad.IRI("ties:Document") {
			return fmt.Errorf("document type %v, want <ties:Document>", o)
		}
		d.typed = true
	case "ties:title":
		d.doc.Title = literal(o)
	case "ties:language":
		d.doc.Language = literal(o)
	case "ties:source":
		d.doc.Source = literal(o)
	case "ties:format":
		d.doc.Format = literal(o)
	case "ties:text":
		d.doc.Text = literal(o)
	case "ties:loadedAt":
		t, ok := o.(quad.Time)
		if !ok {
			return fmt.Errorf("ties:loadedAt %v is not an xsd:dateTime", o)
		}
		d.doc.LoadedAt = time.Time(t).UTC()
	case "ties:mentions":
		id, ok := backupID(o, backupEntity)
		if !ok {
			return fmt.Errorf("ties:mentions %v is not an entity", o)
		}
		d.mentions = append(d.mentions, id)
	case "ties:statement":
		d.stmts = append(d.stmts, o)
	default:
		return fmt.Errorf("unknown document field <%s>", p)
	}
	return nil
}

func (d *backupDocument) addEntity(id, p string, o quad.Value) error {
	e := d.ents[id]
	if e == nil {
		e = &graph.Entity{ID: id}
		d.ents[id] = e
	}
	switch p {
	case "rdf:type":
		t, ok := backupID(o, backupType)
		if !ok || !graph.EntityType(t).Valid() {
			return fmt.Errorf("entity %q has unknown type %v", id, o)
		}
		e.Type = graph.EntityType(t)
	case "schema:name":
		// One name per document; a second one (hand-edited file) is
		// kept as an alias.
		if e.Name == "" {
			e.Name = literal(o)
		} else {
			e.Aliases = append(e.Aliases, literal(o))
		}
	case "ties:alias":
		e.Aliases = append(e.Aliases, literal(o))
	case "ties:lang":
		e.Languages = append(e.Languages, literal(o))
	case "ties:resolution":
		e.Resolution = literal(o)
	default:
		return fmt.Errorf("unknown entity field <%s>", p)
	}
	return nil
}

func (n *backupStatement) add(p string, o quad.Value) error {
	field, ok := strings.CutPrefix(p, "ties:")
	if !ok {
		return fmt.Errorf("unknown statement field <%s>", p)
	}
	n.has[field] = true
	s := &n.s
	switch field {
	case "subject", "object":
		id, ok := backupID(o, backupEntity)
		if !ok {
			return fmt.Errorf("ties:%s %v is not an entity", field, o)
		}
		if field == "subject" {
			s.Subject.ID = id
		} else {
			s.Object.ID = id
		}
	case "predicate":
		iri, _ := o.(quad.IRI)
		pr := graph.Predicate(strings.TrimPrefix(string(iri), "ties:"))
		if !pr.Valid() {
			return fmt.Errorf("unknown predicate %v (want one of %v)", o, graph.Predicates)
		}
		s.Predicate = pr
	case "evidence":
		s.Evidence.Sentence = literal(o)
	case "start", "end":
		f, err := number(o)
		if err != nil {
			return fmt.Errorf("ties:%s: %w", field, err)
		}
		if field == "start" {
			s.Evidence.Start = int(f)
		} else {
			s.Evidence.End = int(f)
		}
	case "confidence":
		f, err := number(o)
		if err != nil {
			return fmt.Errorf("ties:confidence: %w", err)
		}
		s.Confidence = f
	case "rule":
		s.Rule = literal(o)
	case "from":
		s.Start = literal(o)
	case "until":
		s.End = literal(o)
	case "relation", "document":
		// Derived from the rest: the store computes them again.
	default:
		return fmt.Errorf("unknown statement field <%s>", p)
	}
	return nil
}

// extraction checks that the document is whole and returns it.
func (d *backupDocument) extraction() (graph.Extraction, error) {
	if !d.typed {
		return graph.Extraction{}, fmt.Errorf("no <ties:Document> type quad")
	}
	x := graph.Extraction{Document: d.doc}
	for _, id := range slices.Sorted(maps.Keys(d.ents)) {
		x.Entities = append(x.Entities, *d.ents[id])
	}
	for _, id := range d.mentions {
		if d.ents[id] == nil {
			return x, fmt.Errorf("mentions entity %q but says nothing about it", id)
		}
	}
	for _, sv := range d.stmts {
		n := d.nodes[sv]
		if n == nil {
			return x, fmt.Errorf("statement %v has no quads", sv)
		}
		for _, f := range []string{"subject", "predicate", "object", "start", "end", "confidence"} {
			if !n.has[f] {
				return x, fmt.Errorf("statement %v lacks ties:%s", sv, f)
			}
		}
		n.s.Evidence.Document = d.doc.ID
		x.Statements = append(x.Statements, n.s)
	}
	if len(x.Statements) != len(d.nodes) {
		return x, fmt.Errorf("%d statement nodes, but the document lists %d", len(d.nodes), len(x.Statements))
	}
	slices.SortFunc(x.Statements, func(a, b graph.Statement) int {
		return strings.Compare(graph.StatementID(d.doc.ID, a), graph.StatementID(d.doc.ID, b))
	})
	return x, nil
}
