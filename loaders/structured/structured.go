// Package structured loads documents that already state their ties:
// N-Quads, CSV edge lists and JSON lines of loaders.Record. Each loader reads
// one file as one document; a malformed line fails the whole document, with an
// error that names the file and the line.
package structured

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
)

// Options configure the loaders.
type Options struct {
	// Logger receives warnings (skipped quads); nil discards them.
	Logger *slog.Logger
}

// Loaders returns the N-Quads, CSV and JSON lines loaders.
func Loaders(opt Options) []loaders.Loader {
	return []loaders.Loader{&NQuads{Logger: opt.Logger}, &CSV{}, &JSONLines{}}
}

// isoDate accepts the partial ISO 8601 dates a Statement holds.
var isoDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// where names the input in errors: its source path when known.
func where(in loaders.Input) string {
	if in.Source != "" {
		return in.Source
	}
	return in.Name
}

// lineError is the EINVALID error for one line of a document.
func lineError(in loaders.Input, line int, format string, args ...any) error {
	return graph.Errorf(graph.EINVALID, "%s:%d: %s", where(in), line, fmt.Sprintf(format, args...))
}

// parsePredicate accepts a vocabulary predicate whatever its case and
// separators ("member_of", "Member of", "member-of", "memberOf").
func parsePredicate(s string) (graph.Predicate, bool) {
	p := graph.Predicate(normalName(s))
	return p, p.Valid()
}

// normalName lower-cases a name and turns camelCase, spaces and hyphens into
// snake_case.
func normalName(s string) string {
	var b strings.Builder
	prevLower := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('_')
			prevLower = false
		case unicode.IsUpper(r):
			if prevLower {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			prevLower = false
		default:
			b.WriteRune(r)
			prevLower = unicode.IsLower(r) || unicode.IsDigit(r)
		}
	}
	return b.String()
}

// parseType accepts a vocabulary entity type whatever its case
// ("city", "PUBLICBODY", "public_body").
func parseType(s string) (graph.EntityType, bool) {
	k := strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, t := range graph.EntityTypes {
		if strings.ToLower(string(t)) == k {
			return t, true
		}
	}
	return "", false
}

// entityID is the ID given, or the slug of the name when there is none.
func entityID(id, name string) string {
	if id = strings.TrimSpace(id); id != "" {
		return id
	}
	return graph.Slug(name)
}

// collector gathers the entities of one document, merged by ID, in the order
// they first appear.
type collector struct {
	order []string
	byID  map[string]*graph.Entity
}

func newCollector() *collector { return &collector{byID: map[string]*graph.Entity{}} }

// add merges e into the entity with its ID; it reports a conflict of types.
func (c *collector) add(e graph.Entity) (graph.Entity, error) {
	// Names may come from wrapped CSV cells or multi-line literals.
	e.Name = strings.Join(strings.Fields(e.Name), " ")
	old, ok := c.byID[e.ID]
	if !ok {
		cp := e
		cp.Aliases = append([]string(nil), e.Aliases...)
		c.byID[e.ID] = &cp
		c.order = append(c.order, e.ID)
		return cp, nil
	}
	if old.Type == "" {
		old.Type = e.Type
	} else if e.Type != "" && e.Type != old.Type {
		return *old, graph.Errorf(graph.EINVALID, "entity %q is both %s and %s", e.ID, old.Type, e.Type)
	}
	if old.Name == "" {
		old.Name = e.Name
	} else if e.Name != "" && e.Name != old.Name {
		old.Aliases = appendNew(old.Aliases, e.Name)
	}
	for _, a := range e.Aliases {
		if a != old.Name {
			old.Aliases = appendNew(old.Aliases, a)
		}
	}
	for _, l := range e.Languages {
		old.Languages = appendNew(old.Languages, l)
	}
	if old.Resolution == "" {
		old.Resolution = e.Resolution
	}
	return *old, nil
}

func (c *collector) entities() []graph.Entity {
	out := make([]graph.Entity, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, *c.byID[id])
	}
	return out
}

// fill replaces the entities of statements with their merged form.
func (c *collector) fill(ss []graph.Statement) {
	for i := range ss {
		if e, ok := c.byID[ss[i].Subject.ID]; ok {
			ss[i].Subject = *e
		}
		if e, ok := c.byID[ss[i].Object.ID]; ok {
			ss[i].Object = *e
		}
	}
}

func appendNew(xs []string, x string) []string {
	x = strings.Join(strings.Fields(x), " ")
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// lineStarts returns the code point offset at which each line of text starts
// (index 0 is line 1), so evidence can point at the line a tie was read from.
func lineStarts(text string) []int {
	starts := []int{0}
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		n++
		if r == '\n' {
			starts = append(starts, n)
		}
	}
	return starts
}

// lineSpan returns the code point offsets of lines first..last (1-based) of
// text, without the line break, given lineStarts and the text's length.
func lineSpan(starts []int, total int, lines []string, first, last int) (int, int) {
	if first < 1 || first > len(starts) {
		return 0, 0
	}
	if last < first {
		last = first
	}
	if last > len(lines) {
		last = len(lines)
	}
	start := starts[first-1]
	end := total
	if last >= 1 && last <= len(starts) {
		end = starts[last-1] + utf8.RuneCountInString(strings.TrimRight(lines[last-1], "\r"))
	}
	if end < start {
		end = start
	}
	return start, end
}
