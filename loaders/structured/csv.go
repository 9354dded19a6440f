package structured

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// CSV loads edge lists: a header row, then one tie per row. Columns, in any
// order and case: subject, predicate, object (required; subject_id or
// object_id may stand in for a name); subject_type, object_type,
// subject_id, object_id, evidence, confidence, date (or start) and end,
// document (the source the row was taken from). Gephi's edge columns, as
// the CSV export writes them, load too: Source and Target are the IDs, Id,
// Type, Label, Weight and documents are ignored. Other columns are errors.
// Comma, semicolon or tab separated, guessed from the header. Evidence
// points at the row.
type CSV struct{}

// Format implements loaders.Loader.
func (*CSV) Format() string { return "csv" }

// csvColumns are the known columns; the value is the canonical name.
var csvColumns = map[string]string{
	"subject": "subject", "predicate": "predicate", "object": "object",
	"subject_type": "subject_type", "object_type": "object_type",
	"subject_id": "subject_id", "object_id": "object_id",
	"evidence": "evidence", "confidence": "confidence",
	"date": "start", "start": "start", "end": "end", "document": "document",
	// Gephi's edge table, as `ties export --format csv` writes it.
	"source": "subject_id", "target": "object_id",
	"id": "", "type": "", "label": "", "weight": "", "documents": "",
}

// Load implements loaders.Loader.
func (*CSV) Load(ctx context.Context, in loaders.Input) (graph.Extraction, error) {
	text := strings.TrimPrefix(string(in.Data), "\ufeff")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = guessComma(text)
	r.FieldsPerRecord = -1 // checked below, with a better message
	r.TrimLeadingSpace = true
	r.ReuseRecord = true

	csvErr := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return graph.Errorf(graph.EINVALID, "%s:%d: column %d: %v", where(in), pe.Line, pe.Column, pe.Err)
		}
		return graph.Errorf(graph.EINVALID, "%s: %v", where(in), err)
	}
	header, err := r.Read()
	if err == io.EOF {
		return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s: no header row", where(in))
	} else if err != nil {
		return graph.Extraction{}, csvErr(err)
	}
	col := map[string]int{}
	names := make([]string, len(header))
	for i, h := range header {
		k := strings.ToLower(strings.TrimSpace(h))
		k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
		c, ok := csvColumns[k]
		if ok && c == "" {
			continue // an export column with nothing to load (relation ID, weight…)
		}
		if !ok {
			return graph.Extraction{}, graph.Errorf(graph.EINVALID,
				"%s:1: column %d: unknown column %q (known: subject, predicate, object, subject_type, object_type, subject_id, object_id, evidence, confidence, date, start, end, document)",
				where(in), i+1, h)
		}
		if j, dup := col[c]; dup {
			return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s:1: column %d: %q repeats column %d", where(in), i+1, h, j+1)
		}
		col[c] = i
		names[i] = c
	}
	for _, c := range []string{"subject", "predicate", "object"} {
		_, ok := col[c]
		_, hasID := col[c+"_id"]
		if !ok && (c == "predicate" || !hasID) {
			return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s:1: header lacks the %q column", where(in), c)
		}
	}

	lines := strings.Split(text, "\n")
	starts := lineStarts(text)
	runes := []rune(text)
	total := len(runes)
	ents := newCollector()
	var stmts []graph.Statement
	for n := 0; ; n++ {
		if n%1000 == 999 {
			if err := ctx.Err(); err != nil {
				return graph.Extraction{}, fmt.Errorf("%s: %w", where(in), err)
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			return graph.Extraction{}, csvErr(err)
		}
		first, _ := r.FieldPos(0)
		last, _ := r.FieldPos(len(rec) - 1)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) > len(header) {
			return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s:%d: %d fields, the header has %d",
				where(in), first, len(rec), len(header))
		}
		get := func(c string) (string, int) {
			i, ok := col[c]
			if !ok || i >= len(rec) {
				return "", i + 1
			}
			return strings.TrimSpace(rec[i]), i + 1
		}
		bad := func(c string, format string, args ...any) error {
			_, i := get(c)
			line := first
			if i-1 < len(rec) {
				line, _ = r.FieldPos(i - 1)
			}
			return graph.Errorf(graph.EINVALID, "%s:%d: column %d (%s): %s", where(in), line, i, c, fmt.Sprintf(format, args...))
		}
		row := func(side string) (graph.Entity, error) {
			name, _ := get(side)
			id, _ := get(side + "_id")
			if name == "" && id == "" {
				return graph.Entity{}, bad(side, "empty %s", side)
			}
			e := graph.Entity{ID: entityID(id, name), Name: name}
			if e.ID == "" {
				return graph.Entity{}, bad(side, "cannot make an ID from %q", name)
			}
			if ts, _ := get(side + "_type"); ts != "" {
				t, ok := parseType(ts)
				if !ok {
					return graph.Entity{}, bad(side+"_type", "unknown entity type %q (want one of %v)", ts, graph.EntityTypes)
				}
				e.Type = t
			}
			e, err := ents.add(e)
			if err != nil {
				return graph.Entity{}, bad(side+"_type", "%s", graph.ErrorMessage(err))
			}
			return e, nil
		}
		subj, err := row("subject")
		if err != nil {
			return graph.Extraction{}, err
		}
		obj, err := row("object")
		if err != nil {
			return graph.Extraction{}, err
		}
		ps, _ := get("predicate")
		p, ok := parsePredicate(ps)
		if !ok {
			return graph.Extraction{}, bad("predicate", "unknown predicate %q (want one of %v)", ps, graph.Predicates)
		}
		st := graph.Statement{Subject: subj, Predicate: p, Object: obj, Confidence: 1, Rule: "csv"}
		if cs, _ := get("confidence"); cs != "" {
			f, err := strconv.ParseFloat(cs, 64)
			if err != nil || f < 0 || f > 1 {
				return graph.Extraction{}, bad("confidence", "confidence %q is not a number in [0, 1]", cs)
			}
			st.Confidence = f
		}
		for _, c := range []string{"start", "end"} {
			d, _ := get(c)
			if d != "" && !isoDate.MatchString(d) {
				return graph.Extraction{}, bad(c, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
			}
			if c == "start" {
				st.Start = d
			} else {
				st.End = d
			}
		}
		start, end := lineSpan(starts, total, lines, first, last)
		sentence, _ := get("evidence")
		if sentence == "" {
			sentence = strings.TrimSpace(string(runes[start:end]))
		} else if doc, _ := get("document"); doc != "" {
			sentence += " (" + doc + ")"
		}
		st.Evidence = graph.Evidence{Document: in.Name, Sentence: sentence, Start: start, End: end}
		stmts = append(stmts, st)
	}
	if len(stmts) == 0 {
		return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s: no rows after the header", where(in))
	}
	ents.fill(stmts)
	return graph.Extraction{
		Document: graph.Document{ID: in.Name, Title: in.Name, Source: in.Source, Format: "csv",
			LoadedAt: time.Now().UTC(), Text: text},
		Entities:   ents.entities(),
		Statements: stmts,
	}, nil
}

// guessComma picks the separator that splits the header row: comma, then
// semicolon, then tab.
func guessComma(text string) rune {
	header, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(header, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(header, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}
