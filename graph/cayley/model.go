package cayley

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// IRI prefixes of the quad model (../shared/design.md). IDs are path-escaped
// into IRIs so that any document file name stays a valid, reversible IRI.
const (
	entityPrefix    = "ties:e/"
	documentPrefix  = "ties:d/"
	statementPrefix = "ties:s/"
	relationPrefix  = "ties:r/"
	typePrefix      = "ties:type/"
	predPrefix      = "ties:"
)

// Predicates of the quad model. Constants, so that putting one in a quad
// (an interface) allocates nothing.
const (
	pType       = quad.IRI("rdf:type")
	pName       = quad.IRI("schema:name")
	pAlias      = quad.IRI("ties:alias")
	pLang       = quad.IRI("ties:lang")
	pResolution = quad.IRI("ties:resolution")

	pSubject    = quad.IRI("ties:subject")
	pPredicate  = quad.IRI("ties:predicate")
	pObject     = quad.IRI("ties:object")
	pRelation   = quad.IRI("ties:relation")
	pEvidence   = quad.IRI("ties:evidence")
	pStart      = quad.IRI("ties:start")
	pEnd        = quad.IRI("ties:end")
	pConfidence = quad.IRI("ties:confidence")
	pRule       = quad.IRI("ties:rule")
	pFrom       = quad.IRI("ties:from")
	pUntil      = quad.IRI("ties:until")
	pDocument   = quad.IRI("ties:document")

	pTitle     = quad.IRI("ties:title")
	pLanguage  = quad.IRI("ties:language")
	pSource    = quad.IRI("ties:source")
	pFormat    = quad.IRI("ties:format")
	pLoadedAt  = quad.IRI("ties:loadedAt")
	pText      = quad.IRI("ties:text")
	pMentions  = quad.IRI("ties:mentions")
	pStatement = quad.IRI("ties:statement")

	// documentClass is the rdf:type of every document node, so documents
	// can be listed through the object index.
	documentClass = quad.IRI("ties:Document")
)

func entityIRI(id string) quad.IRI   { return quad.IRI(entityPrefix + url.PathEscape(id)) }
func documentIRI(id string) quad.IRI { return quad.IRI(documentPrefix + url.PathEscape(id)) }
func statementIRI(id string) quad.IRI {
	return quad.IRI(statementPrefix + id)
}
func relationIRI(id string) quad.IRI          { return quad.IRI(relationPrefix + id) }
func typeIRI(t graph.EntityType) quad.IRI     { return quad.IRI(typePrefix + string(t)) }
func predicateIRI(p graph.Predicate) quad.IRI { return quad.IRI(predPrefix + string(p)) }

// idOf returns the ID inside an IRI with the given prefix.
func idOf(v quad.Value, prefix string) (string, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), prefix) {
		return "", false
	}
	id, err := url.PathUnescape(string(iri)[len(prefix):])
	if err != nil {
		return "", false
	}
	return id, true
}

func entityID(v quad.Value) (string, bool)   { return idOf(v, entityPrefix) }
func documentID(v quad.Value) (string, bool) { return idOf(v, documentPrefix) }

// predicateOf maps a direct-edge predicate IRI back to the vocabulary.
func predicateOf(v quad.Value) (graph.Predicate, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), predPrefix) {
		return "", false
	}
	p := graph.Predicate(string(iri)[len(predPrefix):])
	return p, p.Valid()
}

func typeOf(v quad.Value) (graph.EntityType, bool) {
	iri, ok := v.(quad.IRI)
	if !ok || !strings.HasPrefix(string(iri), typePrefix) {
		return "", false
	}
	t := graph.EntityType(string(iri)[len(typePrefix):])
	return t, t.Valid()
}

func str(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.IRI:
		return string(v)
	case nil:
		return ""
	default:
		return v.String()
	}
}

func integer(v quad.Value) int {
	switch v := v.(type) {
	case quad.Int:
		return int(v)
	case quad.Float:
		return int(v)
	}
	return 0
}

func float(v quad.Value) float64 {
	switch v := v.(type) {
	case quad.Float:
		return float64(v)
	case quad.Int:
		return float64(v)
	}
	return 0
}

// storedTime is the form LoadedAt is kept in: UTC to the second. Cayley
// hashes a quad.Time by its RFC 3339 form without fractions (quad v1.3.0,
// Time.TypedString), so two load times within one second would be one node
// to the kv backends while comparing unequal: a reload within the second
// then skipped the new quad as a duplicate and removed the old one
// (TestReloadWithinSecond). Whole seconds make equal hashes equal values.
func storedTime(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

// encode turns a validated extraction into the quads it contributes, every
// one labelled with the document IRI, each quad once.
func encode(x graph.Extraction, ents map[string]graph.Entity) []quad.Quad {
	n := 7 + 14*len(x.Statements)
	for _, e := range ents {
		n += 5 + len(e.Aliases) + len(e.Languages)
	}
	qs := make([]quad.Quad, 0, n)
	label := quad.Value(documentIRI(x.Document.ID))
	add := func(s, p, o quad.Value) {
		qs = append(qs, quad.Quad{Subject: s, Predicate: p, Object: o, Label: label})
	}
	d := x.Document
	doc := label
	add(doc, pType, documentClass)
	add(doc, pTitle, quad.String(d.Title))
	add(doc, pLanguage, quad.String(d.Language))
	add(doc, pSource, quad.String(d.Source))
	add(doc, pFormat, quad.String(d.Format))
	add(doc, pLoadedAt, quad.Time(storedTime(d.LoadedAt)))
	add(doc, pText, quad.String(d.Text))

	// Each IRI is made (and boxed as a quad.Value) once per document,
	// however many statements use it.
	iris := make(map[string]quad.Value, len(ents))
	// Types and language codes are few and repeat across entities.
	types := map[graph.EntityType]quad.Value{}
	langs := map[string]quad.Value{}
	for _, id := range sortedKeys(ents) {
		e := ents[id]
		ei := quad.Value(entityIRI(id))
		iris[id] = ei
		add(doc, pMentions, ei)
		if e.Type != "" {
			t, ok := types[e.Type]
			if !ok {
				t = typeIRI(e.Type)
				types[e.Type] = t
			}
			add(ei, pType, t)
		}
		add(ei, pName, quad.String(e.Name))
		for _, a := range e.Aliases {
			add(ei, pAlias, quad.String(a))
		}
		for _, l := range e.Languages {
			v, ok := langs[l]
			if !ok {
				v = quad.String(l)
				langs[l] = v
			}
			add(ei, pLang, v)
		}
		if e.Resolution != "" {
			add(ei, pResolution, quad.String(e.Resolution))
		}
	}
	preds := map[graph.Predicate]quad.Value{}
	type edge struct {
		s, o string
		p    graph.Predicate
	}
	edges := make(map[edge]bool, len(x.Statements))
	for _, s := range x.Statements {
		si := quad.Value(statementIRI(graph.StatementID(d.ID, s)))
		subj, obj := iris[s.Subject.ID], iris[s.Object.ID]
		p, ok := preds[s.Predicate]
		if !ok {
			p = quad.Value(predicateIRI(s.Predicate))
			preds[s.Predicate] = p
		}
		add(doc, pStatement, si)
		add(si, pSubject, subj)
		add(si, pPredicate, p)
		add(si, pObject, obj)
		add(si, pRelation, relationIRI(graph.RelationID(s.Subject.ID, s.Predicate, s.Object.ID)))
		add(si, pDocument, doc)
		add(si, pEvidence, quad.String(s.Evidence.Sentence))
		add(si, pStart, quad.Int(s.Evidence.Start))
		add(si, pEnd, quad.Int(s.Evidence.End))
		add(si, pConfidence, quad.Float(s.Confidence))
		if s.Rule != "" {
			add(si, pRule, quad.String(s.Rule))
		}
		if s.Start != "" {
			add(si, pFrom, quad.String(s.Start))
		}
		if s.End != "" {
			add(si, pUntil, quad.String(s.End))
		}
		// The direct edge, for one-hop traversal: once, however many
		// statements of the document give it.
		if e := (edge{s.Subject.ID, s.Object.ID, s.Predicate}); !edges[e] {
			edges[e] = true
			add(subj, p, obj)
		}
	}
	return qs
}

// statementFromQuads decodes one statement node from its quads (all with the
// statement IRI as subject). Entities carry only their IDs.
func statementFromQuads(qs []quad.Quad) (graph.Statement, string, error) {
	var s graph.Statement
	var doc string
	for _, q := range qs {
		switch q.Predicate {
		case pSubject:
			s.Subject.ID, _ = entityID(q.Object)
		case pObject:
			s.Object.ID, _ = entityID(q.Object)
		case pPredicate:
			s.Predicate, _ = predicateOf(q.Object)
		case pDocument:
			doc, _ = documentID(q.Object)
		case pEvidence:
			s.Evidence.Sentence = str(q.Object)
		case pStart:
			s.Evidence.Start = integer(q.Object)
		case pEnd:
			s.Evidence.End = integer(q.Object)
		case pConfidence:
			s.Confidence = float(q.Object)
		case pRule:
			s.Rule = str(q.Object)
		case pFrom:
			s.Start = str(q.Object)
		case pUntil:
			s.End = str(q.Object)
		}
	}
	if s.Subject.ID == "" || s.Object.ID == "" || s.Predicate == "" || doc == "" {
		return s, "", fmt.Errorf("incomplete statement node (%d quads)", len(qs))
	}
	s.Evidence.Document = doc
	return s, doc, nil
}
