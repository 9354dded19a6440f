// Package loaders turns documents into graph extractions. A Loader reads one
// document of one format; Registry picks the loader by file name and content.
// Loaders never touch a store: they return graph.Extraction values that the
// caller hands to graph.Store.PutDocument.
package loaders

import (
	"context"

	"github.com/ties-graph/ties/graph"
)

// Input is one document as read from a file or a request.
type Input struct {
	// Name is the document ID: the file's base name.
	Name string
	// Source is where the document came from (a path or URL), for provenance.
	Source string
	// Format is the format name when the caller knows it ("text", "html",
	// "nquads", "csv", "jsonl"); empty to detect it.
	Format string
	Data   []byte
}

// Loader turns one document into the entities and statements it contributes.
type Loader interface {
	// Format is the name Input.Format uses for this loader.
	Format() string
	// Load reads in; errors name the document and, where there is one, the
	// line that failed, and a failed Load returns no partial extraction.
	Load(ctx context.Context, in Input) (graph.Extraction, error)
}
