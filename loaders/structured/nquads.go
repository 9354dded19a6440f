package structured

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// NQuads loads N-Quads. Triples whose predicate ends in a vocabulary
// predicate (<ties:member_of>, <http://…/member_of>, <…#memberOf>) are
// ties; rdf:type, schema:name, rdfs:label, skos:prefLabel, ties:alias,
// skos:altLabel and schema:alternateName describe entities; statement nodes
// in ties' own reified form (ties:subject, ties:predicate, ties:object,
// ties:evidence…) are read back with their evidence, so an export of ties
// loads again. Quads with other predicates are skipped, counted in a
// warning. Quad labels are ignored: the file is one document.
//
// Entity IDs: <ties:e/ID> keeps ID; other IRIs give the slug of their last
// path segment or fragment; blank nodes and literal objects the slug of
// their name.
type NQuads struct {
	// Logger receives the warning about skipped quads; nil discards it.
	Logger *slog.Logger
}

// Format implements loaders.Loader.
func (*NQuads) Format() string { return "nquads" }

// nqNode is what the quads say about one subject.
type nqNode struct {
	line       int
	names      []string
	aliases    []string
	langs      []string
	typ        graph.EntityType
	resolution string

	// Statement node fields (ties' reified form).
	stmt                      bool
	subj, obj                 quad.Value
	pred                      graph.Predicate
	evidence, rule, from, til string
	evLine                    int
	conf                      *float64
}

type nqEdge struct {
	line int
	s, o quad.Value
	p    graph.Predicate
}

// Load implements loaders.Loader.
func (l *NQuads) Load(ctx context.Context, in loaders.Input) (graph.Extraction, error) {
	log := l.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	text := strings.TrimPrefix(string(in.Data), "\ufeff")
	lines := strings.Split(text, "\n")
	nodes := map[string]*nqNode{}
	node := func(v quad.Value, line int) *nqNode {
		k := v.String()
		n, ok := nodes[k]
		if !ok {
			n = &nqNode{line: line}
			nodes[k] = n
		}
		return n
	}
	var edges []nqEdge
	skipped := map[string]int{}
	nquadsSeen := 0
	for i, raw := range lines {
		if i%1000 == 999 {
			if err := ctx.Err(); err != nil {
				return graph.Extraction{}, fmt.Errorf("%s: %w", where(in), err)
			}
		}
		lineNo := i + 1
		s := strings.TrimSpace(raw)
		if s == "" || s[0] == '#' {
			continue
		}
		q, err := nquads.Parse(s)
		if err != nil {
			return graph.Extraction{}, lineError(in, lineNo, "malformed N-Quad (%v): %s", err, clip(s))
		}
		if !q.IsValid() {
			return graph.Extraction{}, lineError(in, lineNo, "incomplete N-Quad: %s", clip(s))
		}
		nquadsSeen++
		if iri, ok := q.Subject.(quad.IRI); ok && strings.HasPrefix(string(iri), "ties:d/") {
			continue // a document node of an export: the file is the document now
		}
		pIRI, ok := q.Predicate.(quad.IRI)
		if !ok {
			return graph.Extraction{}, lineError(in, lineNo, "predicate %s is not an IRI", q.Predicate)
		}
		p := string(pIRI)
		n := node(q.Subject, lineNo)
		switch kind, local := classify(p); kind {
		case kType:
			t, known, err := typeOfValue(q.Object)
			if err != nil {
				return graph.Extraction{}, lineError(in, lineNo, "%v", err)
			}
			if !known {
				skipped["rdf:type "+q.Object.String()]++
				continue
			}
			if n.typ != "" && n.typ != t {
				return graph.Extraction{}, lineError(in, lineNo, "%s is both %s and %s", q.Subject, n.typ, t)
			}
			n.typ = t
		case kName:
			n.names = appendNew(n.names, literal(q.Object))
			if ls, ok := q.Object.(quad.LangString); ok && ls.Lang != "" {
				n.langs = appendNew(n.langs, strings.ToLower(ls.Lang))
			}
		case kAlias:
			n.aliases = appendNew(n.aliases, literal(q.Object))
		case kLang:
			n.langs = appendNew(n.langs, literal(q.Object))
		case kResolution:
			n.resolution = literal(q.Object)
		case kIgnore:
		case kStatement:
			n.stmt = true
			if err := setStatementField(n, local, q.Object, lineNo); err != nil {
				return graph.Extraction{}, lineError(in, lineNo, "%s %s: %v", q.Subject, p, err)
			}
		case kEdge:
			edges = append(edges, nqEdge{line: lineNo, s: q.Subject, p: graph.Predicate(local), o: q.Object})
			if _, isLit := q.Object.(quad.IRI); !isLit {
				if _, isB := q.Object.(quad.BNode); !isB {
					// A literal object names an entity.
					on := node(q.Object, lineNo)
					on.names = appendNew(on.names, literal(q.Object))
				}
			}
		default:
			skipped[p]++
		}
	}
	if nquadsSeen == 0 {
		return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s: no N-Quads in the file", where(in))
	}

	ents := newCollector()
	idOf := func(v quad.Value) (string, error) {
		n := nodes[v.String()]
		name := ""
		if n != nil && len(n.names) > 0 {
			name = n.names[0]
		}
		id := valueID(v, name)
		if id == "" {
			return "", fmt.Errorf("cannot make an entity ID from %s", v)
		}
		return id, nil
	}
	entityOf := func(v quad.Value) (graph.Entity, error) {
		id, err := idOf(v)
		if err != nil {
			return graph.Entity{}, err
		}
		e := graph.Entity{ID: id}
		if n := nodes[v.String()]; n != nil {
			if len(n.names) > 0 {
				e.Name = n.names[0]
				e.Aliases = append(e.Aliases, n.names[1:]...)
			}
			e.Aliases = append(e.Aliases, n.aliases...)
			e.Type, e.Languages, e.Resolution = n.typ, n.langs, n.resolution
		}
		return ents.add(e)
	}
	// Entities described in the file, in the order of their first line.
	keys := make([]string, 0, len(nodes))
	for k, n := range nodes {
		if !n.stmt && (len(n.names) > 0 || n.typ != "" || len(n.aliases) > 0) {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		na, nb := nodes[keys[a]], nodes[keys[b]]
		if na.line != nb.line {
			return na.line < nb.line
		}
		return keys[a] < keys[b]
	})
	values := map[string]quad.Value{}
	for _, e := range edges {
		values[e.s.String()], values[e.o.String()] = e.s, e.o
	}
	for _, n := range nodes {
		if n.stmt {
			for _, v := range []quad.Value{n.subj, n.obj} {
				if v != nil {
					values[v.String()] = v
				}
			}
		}
	}

	starts := lineStarts(text)
	total := len([]rune(text))
	var stmts []graph.Statement
	reified := map[[3]string]bool{}
	// Statement nodes first, in the order of their first line.
	var stmtKeys []string
	for k, n := range nodes {
		if n.stmt {
			stmtKeys = append(stmtKeys, k)
		}
	}
	sort.Slice(stmtKeys, func(a, b int) bool { return nodes[stmtKeys[a]].line < nodes[stmtKeys[b]].line })
	for _, k := range stmtKeys {
		n := nodes[k]
		if n.subj == nil || n.obj == nil || n.pred == "" {
			return graph.Extraction{}, lineError(in, n.line, "statement node %s lacks ties:subject, ties:predicate or ties:object", k)
		}
		subj, err := entityOf(n.subj)
		if err != nil {
			return graph.Extraction{}, lineError(in, n.line, "statement node %s: %v", k, err)
		}
		obj, err := entityOf(n.obj)
		if err != nil {
			return graph.Extraction{}, lineError(in, n.line, "statement node %s: %v", k, err)
		}
		evLine := n.evLine
		if evLine == 0 {
			evLine = n.line
		}
		start, end := lineSpan(starts, total, lines, evLine, evLine)
		sentence := n.evidence
		if sentence == "" {
			sentence = strings.TrimSpace(lines[evLine-1])
		}
		st := graph.Statement{Subject: subj, Predicate: n.pred, Object: obj, Confidence: 1, Rule: n.rule,
			Start: n.from, End: n.til,
			Evidence: graph.Evidence{Document: in.Name, Sentence: sentence, Start: start, End: end}}
		if n.conf != nil {
			st.Confidence = *n.conf
		}
		if st.Rule == "" {
			st.Rule = "nquads"
		}
		reified[[3]string{subj.ID, string(n.pred), obj.ID}] = true
		stmts = append(stmts, st)
	}
	for _, e := range edges {
		subj, err := entityOf(e.s)
		if err != nil {
			return graph.Extraction{}, lineError(in, e.line, "%v", err)
		}
		obj, err := entityOf(e.o)
		if err != nil {
			return graph.Extraction{}, lineError(in, e.line, "%v", err)
		}
		// An export holds each tie twice: as a statement node and as the
		// direct edge; the statement node carries the evidence.
		if reified[[3]string{subj.ID, string(e.p), obj.ID}] {
			continue
		}
		start, end := lineSpan(starts, total, lines, e.line, e.line)
		stmts = append(stmts, graph.Statement{Subject: subj, Predicate: e.p, Object: obj, Confidence: 1,
			Rule:     "nquads",
			Evidence: graph.Evidence{Document: in.Name, Sentence: strings.TrimSpace(lines[e.line-1]), Start: start, End: end}})
	}
	for _, k := range keys {
		v := values[k]
		if v == nil {
			v = keyValue(k)
		}
		if v == nil {
			continue
		}
		if _, err := entityOf(v); err != nil {
			return graph.Extraction{}, lineError(in, nodes[k].line, "%v", err)
		}
	}
	ents.fill(stmts)
	if len(skipped) > 0 {
		n, examples := 0, make([]string, 0, len(skipped))
		for p, c := range skipped {
			n += c
			examples = append(examples, p)
		}
		sort.Strings(examples)
		if len(examples) > 3 {
			examples = examples[:3]
		}
		log.Warn("skipped quads with predicates or types outside the vocabulary",
			"document", where(in), "quads", n, "examples", strings.Join(examples, ", "))
	}
	return graph.Extraction{
		Document: graph.Document{ID: in.Name, Title: in.Name, Source: in.Source, Format: "nquads",
			LoadedAt: time.Now().UTC(), Text: text},
		Entities:   ents.entities(),
		Statements: stmts,
	}, nil
}

type quadKind int

const (
	kUnknown quadKind = iota
	kType
	kName
	kAlias
	kLang
	kResolution
	kStatement
	kEdge
	kIgnore
)

// classify sorts a predicate IRI into what it says; local is the field or
// predicate name for kStatement and kEdge.
func classify(p string) (quadKind, string) {
	if p == "rdf:type" || p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" || p == "a" {
		return kType, ""
	}
	if local, ok := strings.CutPrefix(p, "ties:"); ok {
		switch local {
		case "subject", "predicate", "object", "evidence", "start", "end", "confidence", "rule", "from", "until":
			return kStatement, local
		case "relation", "document":
			return kIgnore, "" // derived from the rest of the statement node
		case "title", "language", "source", "format", "loadedAt", "text", "mentions", "statement":
			return kIgnore, "" // document node quads
		case "alias":
			return kAlias, ""
		case "lang":
			return kLang, ""
		case "resolution":
			return kResolution, ""
		}
	}
	local := localName(p)
	switch local {
	case "name", "label", "prefLabel":
		return kName, ""
	case "alias", "altLabel", "alternateName":
		return kAlias, ""
	}
	if pred, ok := parsePredicate(local); ok {
		return kEdge, string(pred)
	}
	return kUnknown, ""
}

// localName is the part of an IRI after its last '/', '#' or ':'.
func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "/#:"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// typeOfValue reads an rdf:type object. Types in ties' namespace must be in
// the vocabulary; foreign classes that are not are reported as unknown.
func typeOfValue(v quad.Value) (graph.EntityType, bool, error) {
	var s string
	ties := false
	switch v := v.(type) {
	case quad.IRI:
		s = string(v)
		ties = strings.HasPrefix(s, "ties:")
		s = localName(s)
	default:
		s = literal(v)
		ties = true
	}
	t, ok := parseType(s)
	if !ok && ties {
		return "", false, fmt.Errorf("unknown entity type %s (want one of %v)", v, graph.EntityTypes)
	}
	return t, ok, nil
}

func setStatementField(n *nqNode, field string, v quad.Value, line int) error {
	switch field {
	case "subject":
		n.subj = v
	case "object":
		n.obj = v
	case "predicate":
		s := literal(v)
		if iri, ok := v.(quad.IRI); ok {
			s = localName(string(iri))
		}
		p, ok := parsePredicate(s)
		if !ok {
			return fmt.Errorf("unknown predicate %s (want one of %v)", v, graph.Predicates)
		}
		n.pred = p
	case "evidence":
		n.evidence, n.evLine = literal(v), line
	case "rule":
		n.rule = literal(v)
	case "start", "end":
		// Offsets into the original document: this file is the
		// document now, so evidence points at the ties:evidence line.
		if _, err := number(v); err != nil {
			return err
		}
	case "confidence":
		f, err := number(v)
		if err != nil {
			return err
		}
		if f < 0 || f > 1 {
			return fmt.Errorf("confidence %v outside [0, 1]", f)
		}
		n.conf = &f
	case "from", "until":
		d := literal(v)
		if t, ok := v.(quad.Time); ok {
			d = time.Time(t).Format(time.DateOnly)
		}
		if !isoDate.MatchString(d) {
			return fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
		}
		if field == "from" {
			n.from = d
		} else {
			n.til = d
		}
	}
	return nil
}

func number(v quad.Value) (float64, error) {
	switch v := v.(type) {
	case quad.Int:
		return float64(v), nil
	case quad.Float:
		return float64(v), nil
	}
	f, err := strconv.ParseFloat(literal(v), 64)
	if err != nil {
		return 0, fmt.Errorf("%s is not a number", v)
	}
	return f, nil
}

// literal is the text of a literal value.
func literal(v quad.Value) string {
	switch v := v.(type) {
	case quad.String:
		return string(v)
	case quad.LangString:
		return string(v.Value)
	case quad.TypedString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return string(v)
	case nil:
		return ""
	}
	return fmt.Sprint(quad.NativeOf(v))
}

// valueID turns a node into an entity ID.
func valueID(v quad.Value, name string) string {
	switch v := v.(type) {
	case quad.IRI:
		s := string(v)
		if id, ok := strings.CutPrefix(s, "ties:e/"); ok {
			if u, err := url.PathUnescape(id); err == nil {
				return u
			}
			return id
		}
		if l := graph.Slug(localName(strings.TrimRight(s, "/#"))); l != "" {
			return l
		}
		return graph.Slug(s)
	case quad.BNode:
		if name != "" {
			return graph.Slug(name)
		}
		return graph.Slug("b " + string(v))
	}
	return graph.Slug(literal(v))
}

// keyValue rebuilds a value from its node key, for entities described but
// in no tie.
func keyValue(k string) quad.Value {
	switch {
	case strings.HasPrefix(k, "<") && strings.HasSuffix(k, ">"):
		return quad.IRI(k[1 : len(k)-1])
	case strings.HasPrefix(k, "_:"):
		return quad.BNode(k[2:])
	}
	return nil
}

// clip shortens a line for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:77]) + "..."
	}
	return s
}
