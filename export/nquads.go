package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/ties-graph/ties/graph"
)

// QuadSource is a store that hands out its raw quads, document by document
// (graph/cayley.Store is one). Every quad belongs to one document, so the
// quads of all documents are the whole store.
type QuadSource interface {
	DocumentIDs(ctx context.Context) ([]string, error)
	DocumentQuads(ctx context.Context, id string) ([]quad.Quad, error)
}

// writeNQuads writes the store's quads, labels included: the whole store
// when document is empty (a backup that `ties load` restores), else that
// document's. Documents come in ID order and each document's lines in byte
// order, so the same store gives the same file.
func writeNQuads(ctx context.Context, w io.Writer, store graph.Store, document string) error {
	src, ok := store.(QuadSource)
	if !ok {
		return graph.Errorf(graph.EINVALID, "this store cannot list its quads (%T)", store)
	}
	docs := []string{document}
	if document == "" {
		var err error
		if docs, err = src.DocumentIDs(ctx); err != nil {
			return fmt.Errorf("export N-Quads: %w", err)
		}
	}
	bw := bufio.NewWriter(w)
	for _, d := range docs {
		qs, err := src.DocumentQuads(ctx, d)
		if err != nil {
			return fmt.Errorf("export N-Quads: %w", err)
		}
		lines := make([]string, 0, len(qs))
		for _, q := range qs {
			l, err := FormatQuad(q)
			if err != nil {
				return fmt.Errorf("export N-Quads: document %q: %w", d, err)
			}
			lines = append(lines, l)
		}
		slices.Sort(lines)
		for _, l := range slices.Compact(lines) {
			bw.WriteString(l)
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export N-Quads: %w", err)
	}
	return nil
}

// FormatQuad renders one quad as an N-Quads line (without the newline).
// Unlike Cayley's writer it escapes every control character in literals and
// keeps times to the nanosecond, so the line is valid N-Quads for any
// reader and reads back to the same value.
func FormatQuad(q quad.Quad) (string, error) {
	var b strings.Builder
	for i, v := range []quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		if v == nil {
			if i == 3 {
				break
			}
			return "", fmt.Errorf("quad %v has no %s", q, quad.Directions[i])
		}
		s, err := formatValue(v)
		if err != nil {
			return "", fmt.Errorf("quad %v: %w", q, err)
		}
		b.WriteString(s)
		b.WriteByte(' ')
	}
	b.WriteByte('.')
	return b.String(), nil
}

// Prefixes stands for the full IRIs the store abbreviates: the export
// writes them in full so that RDF tools see rdf:type, schema:name and XSD
// datatypes; the backup restore abbreviates them again.
var Prefixes = [][2]string{
	{"rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
	{"schema:", "http://schema.org/"},
	{"xsd:", "http://www.w3.org/2001/XMLSchema#"},
}

func fullIRI(s string) string {
	for _, p := range Prefixes {
		if rest, ok := strings.CutPrefix(s, p[0]); ok {
			return p[1] + rest
		}
	}
	return s
}

func formatValue(v quad.Value) (string, error) {
	switch v := v.(type) {
	case quad.IRI:
		s := fullIRI(string(v))
		if i := strings.IndexFunc(s, badIRIRune); i >= 0 {
			return "", fmt.Errorf("IRI %q has a character N-Quads does not allow in IRIs", s)
		}
		return "<" + s + ">", nil
	case quad.BNode:
		return v.String(), nil
	case quad.String:
		return literal(string(v)), nil
	case quad.LangString:
		return literal(string(v.Value)) + "@" + v.Lang, nil
	case quad.TypedString:
		return literal(string(v.Value)) + "^^<" + fullIRI(string(v.Type)) + ">", nil
	case quad.Time:
		return literal(time.Time(v).UTC().Format(time.RFC3339Nano)) + "^^<" + fullIRI(string(v.TypedString().Type)) + ">", nil
	case quad.Int, quad.Float, quad.Bool:
		ts := v.(quad.TypedStringer).TypedString()
		return literal(string(ts.Value)) + "^^<" + fullIRI(string(ts.Type)) + ">", nil
	}
	return "", fmt.Errorf("value %v of type %T cannot be written as N-Quads", v, v)
}

func badIRIRune(r rune) bool {
	return r <= ' ' || strings.ContainsRune("<>\"{}|^`\\", r)
}

// literal quotes s as an N-Quads string literal.
func literal(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\u00`)
				if r < 0x10 {
					b.WriteByte('0')
				}
				b.WriteString(strings.ToUpper(strconv.FormatInt(int64(r), 16)))
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
