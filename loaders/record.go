package loaders

import (
	"encoding/json"
	"io"

	"github.com/ties-graph/ties/graph"
)

// Record is one relation as `ties extract` prints it, one JSON object a line.
// The JSON lines loader reads the same shape back, so extraction output can
// be reviewed, edited and loaded.
type Record struct {
	Document   string          `json:"document"`
	Subject    RecordEntity    `json:"subject"`
	Predicate  graph.Predicate `json:"predicate"`
	Object     RecordEntity    `json:"object"`
	Evidence   string          `json:"evidence"`
	Confidence float64         `json:"confidence"`
	// Start and End are the evidence's code point offsets in the document.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Rule  string `json:"rule,omitempty"`
	From  string `json:"from,omitempty"`
	Until string `json:"until,omitempty"`
}

// RecordEntity is an entity inside a Record.
type RecordEntity struct {
	ID      string           `json:"id"`
	Name    string           `json:"name"`
	Type    graph.EntityType `json:"type"`
	Aliases []string         `json:"aliases"`
}

// Records turns an extraction into records, in statement order.
func Records(x graph.Extraction) []Record {
	out := make([]Record, 0, len(x.Statements))
	for _, s := range x.Statements {
		out = append(out, Record{
			Document:   x.Document.ID,
			Subject:    recordEntity(s.Subject),
			Predicate:  s.Predicate,
			Object:     recordEntity(s.Object),
			Evidence:   s.Evidence.Sentence,
			Confidence: s.Confidence,
			Start:      s.Evidence.Start,
			End:        s.Evidence.End,
			Rule:       s.Rule,
			From:       s.Start,
			Until:      s.End,
		})
	}
	return out
}

func recordEntity(e graph.Entity) RecordEntity {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return RecordEntity{ID: e.ID, Name: e.Name, Type: e.Type, Aliases: aliases}
}

// WriteRecords writes records as JSON lines.
func WriteRecords(w io.Writer, recs []Record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range recs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
