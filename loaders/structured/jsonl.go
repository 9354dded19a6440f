package structured

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// JSONLines loads JSON lines of loaders.Record, the shape `ties extract`
// prints, so extraction output can be reviewed, edited and loaded. Unknown
// fields are errors (they are usually typos). A missing entity ID is the
// slug of the name; a missing confidence is 1. The record's document field
// and offsets describe where it was first read; in this document the
// evidence points at the record's line.
type JSONLines struct{}

// Format implements loaders.Loader.
func (*JSONLines) Format() string { return "jsonl" }

// jsonRecord tells a missing confidence from 0.
type jsonRecord struct {
	loaders.Record
	Confidence *float64 `json:"confidence"`
}

// Load implements loaders.Loader.
func (*JSONLines) Load(ctx context.Context, in loaders.Input) (graph.Extraction, error) {
	text := strings.TrimPrefix(string(in.Data), "\ufeff")
	lines := strings.Split(text, "\n")
	starts := lineStarts(text)
	total := len([]rune(text))
	ents := newCollector()
	var stmts []graph.Statement
	for i, raw := range lines {
		if i%1000 == 999 {
			if err := ctx.Err(); err != nil {
				return graph.Extraction{}, fmt.Errorf("%s: %w", where(in), err)
			}
		}
		lineNo := i + 1
		s := strings.TrimSpace(raw)
		if s == "" {
			continue
		}
		var rec jsonRecord
		dec := json.NewDecoder(bytes.NewReader([]byte(s)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return graph.Extraction{}, lineError(in, lineNo, "not a record: %v", err)
		}
		if dec.More() {
			return graph.Extraction{}, lineError(in, lineNo, "more than one JSON value on the line")
		}
		side := func(what string, re loaders.RecordEntity) (graph.Entity, error) {
			if re.Name == "" && re.ID == "" {
				return graph.Entity{}, lineError(in, lineNo, "%s has neither id nor name", what)
			}
			e := graph.Entity{ID: entityID(re.ID, re.Name), Name: re.Name, Aliases: re.Aliases}
			if e.ID == "" {
				return graph.Entity{}, lineError(in, lineNo, "%s: cannot make an ID from %q", what, re.Name)
			}
			if re.Type != "" {
				t, ok := parseType(string(re.Type))
				if !ok {
					return graph.Entity{}, lineError(in, lineNo, "%s: unknown entity type %q (want one of %v)", what, re.Type, graph.EntityTypes)
				}
				e.Type = t
			}
			e, err := ents.add(e)
			if err != nil {
				return graph.Entity{}, lineError(in, lineNo, "%s: %s", what, graph.ErrorMessage(err))
			}
			return e, nil
		}
		subj, err := side("subject", rec.Subject)
		if err != nil {
			return graph.Extraction{}, err
		}
		obj, err := side("object", rec.Object)
		if err != nil {
			return graph.Extraction{}, err
		}
		p, ok := parsePredicate(string(rec.Predicate))
		if !ok {
			return graph.Extraction{}, lineError(in, lineNo, "unknown predicate %q (want one of %v)", rec.Predicate, graph.Predicates)
		}
		st := graph.Statement{Subject: subj, Predicate: p, Object: obj, Confidence: 1, Rule: rec.Rule,
			Start: rec.From, End: rec.Until}
		if rec.Confidence != nil {
			if *rec.Confidence < 0 || *rec.Confidence > 1 {
				return graph.Extraction{}, lineError(in, lineNo, "confidence %v outside [0, 1]", *rec.Confidence)
			}
			st.Confidence = *rec.Confidence
		}
		for _, d := range []string{st.Start, st.End} {
			if d != "" && !isoDate.MatchString(d) {
				return graph.Extraction{}, lineError(in, lineNo, "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", d)
			}
		}
		if st.Rule == "" {
			st.Rule = "jsonl"
		}
		start, end := lineSpan(starts, total, lines, lineNo, lineNo)
		sentence := rec.Evidence
		if sentence == "" {
			sentence = s
		}
		st.Evidence = graph.Evidence{Document: in.Name, Sentence: sentence, Start: start, End: end}
		stmts = append(stmts, st)
	}
	if len(stmts) == 0 {
		return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s: no records", where(in))
	}
	ents.fill(stmts)
	return graph.Extraction{
		Document: graph.Document{ID: in.Name, Title: in.Name, Source: in.Source, Format: "jsonl",
			LoadedAt: time.Now().UTC(), Text: text},
		Entities:   ents.entities(),
		Statements: stmts,
	}, nil
}
