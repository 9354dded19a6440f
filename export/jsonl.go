package export

import (
	"fmt"
	"io"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// WriteJSONL writes one loaders.Record per statement, the lines `ties
// extract` prints, grouped by document in document order; the JSON lines
// loader reads them back.
func WriteJSONL(w io.Writer, g *Graph) error {
	var recs []loaders.Record
	for i := 0; i < len(g.Statements); {
		j := i
		for j < len(g.Statements) && g.Statements[j].Evidence.Document == g.Statements[i].Evidence.Document {
			j++
		}
		x := graph.Extraction{Document: graph.Document{ID: g.Statements[i].Evidence.Document}, Statements: g.Statements[i:j]}
		recs = append(recs, loaders.Records(x)...)
		i = j
	}
	if err := loaders.WriteRecords(w, recs); err != nil {
		return fmt.Errorf("write JSON lines: %w", err)
	}
	return nil
}
