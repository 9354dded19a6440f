package loaders

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ties-graph/ties/graph"
)

// DefaultMaxSize is the largest document a Registry loads unless told
// otherwise: 10 MiB.
const DefaultMaxSize = 10 << 20

// Registry is a Loader for any supported format: it checks the input (size,
// empty, binary, UTF-8), picks the format from Input.Format, else the file
// extension, else the content, and hands the input to the loader for it.
// Markdown and HTML are turned into plain text for the "text" loader; the
// document keeps its original format.
type Registry struct {
	byFormat map[string]Loader
	// MaxSize caps a document's size in bytes; 0 means DefaultMaxSize.
	MaxSize int64
}

var _ Loader = (*Registry)(nil)

// NewRegistry returns a registry of the loaders, keyed by their Format.
// A later loader with the same format replaces an earlier one.
func NewRegistry(ls ...Loader) *Registry {
	r := &Registry{byFormat: map[string]Loader{}}
	for _, l := range ls {
		r.byFormat[l.Format()] = l
	}
	return r
}

// Format implements Loader.
func (r *Registry) Format() string { return "auto" }

// Formats lists the formats the registry can load, sorted; "markdown" and
// "html" are there when a "text" loader is.
func (r *Registry) Formats() []string {
	var out []string
	for f := range r.byFormat {
		out = append(out, f)
	}
	if _, ok := r.byFormat["text"]; ok {
		out = append(out, "markdown", "html")
	}
	sort.Strings(out)
	return out
}

// Limit returns the size limit in bytes.
func (r *Registry) Limit() int64 {
	if r.MaxSize > 0 {
		return r.MaxSize
	}
	return DefaultMaxSize
}

// extFormats maps file extensions to formats.
var extFormats = map[string]string{
	".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
	".html": "html", ".htm": "html", ".nq": "nquads", ".csv": "csv",
	".jsonl": "jsonl", ".ndjson": "jsonl",
}

// FormatOf returns the format a file name's extension stands for, or "" when
// the extension is unknown.
func FormatOf(name string) string {
	return extFormats[strings.ToLower(filepath.Ext(name))]
}

// Supports reports whether the registry loads files with this name's
// extension. Names without an extension are supported: their content decides.
func (r *Registry) Supports(name string) bool {
	if filepath.Ext(name) == "" {
		return true
	}
	f := FormatOf(name)
	return f != "" && r.has(f)
}

func (r *Registry) has(format string) bool {
	switch format {
	case "markdown", "html":
		format = "text"
	}
	_, ok := r.byFormat[format]
	return ok
}

// Load implements Loader. Errors are graph.EINVALID for bad input and name
// the document (Input.Source, else Input.Name).
func (r *Registry) Load(ctx context.Context, in Input) (graph.Extraction, error) {
	name := in.Name
	if in.Source != "" {
		name = in.Source
	}
	if err := Check(name, in.Data, r.Limit()); err != nil {
		return graph.Extraction{}, err
	}
	in.Data = trimBOM(in.Data)
	format, err := r.detect(name, in)
	if err != nil {
		return graph.Extraction{}, err
	}
	switch format {
	case "markdown", "html":
		return r.loadMarkup(ctx, in, format)
	}
	in.Format = format
	x, err := r.byFormat[format].Load(ctx, in)
	if err != nil {
		return graph.Extraction{}, err
	}
	if x.Document.Format == "" {
		x.Document.Format = format
	}
	return x, nil
}

// detect picks the format: Input.Format, else the extension, else the
// content.
func (r *Registry) detect(name string, in Input) (string, error) {
	format := strings.ToLower(in.Format)
	switch format {
	case "", "auto":
		format = FormatOf(in.Name)
		if format == "" {
			format = Sniff(in.Data)
		}
	case "txt", "plain":
		format = "text"
	case "md":
		format = "markdown"
	case "nq", "n-quads":
		format = "nquads"
	case "ndjson", "json":
		format = "jsonl"
	case "htm":
		format = "html"
	}
	if !r.has(format) {
		return "", graph.Errorf(graph.EINVALID, "%s: unsupported format %q (supported: %s)",
			name, format, strings.Join(r.Formats(), ", "))
	}
	return format, nil
}

// loadMarkup turns Markdown or HTML into plain text for the text loader.
func (r *Registry) loadMarkup(ctx context.Context, in Input, format string) (graph.Extraction, error) {
	var text, title string
	var err error
	if format == "html" {
		text, title, err = HTMLText(in.Data)
		if err != nil {
			return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s: %v", in.Name, err)
		}
	} else {
		text, title = MarkdownText(string(in.Data))
	}
	if strings.TrimSpace(text) == "" {
		return graph.Extraction{}, graph.Errorf(graph.EINVALID, "%s: no text in the %s document", in.Name, format)
	}
	in.Data, in.Format = []byte(text), "text"
	x, err := r.byFormat["text"].Load(ctx, in)
	if err != nil {
		return graph.Extraction{}, err
	}
	x.Document.Format = format
	if title != "" {
		x.Document.Title = title
	}
	return x, nil
}

// errorf is an EINVALID error about one input.
func errorf(name, format string, args ...any) error {
	return graph.Errorf(graph.EINVALID, "%s: %s", name, fmt.Sprintf(format, args...))
}
