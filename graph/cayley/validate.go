package cayley

import (
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/ties-graph/ties/graph"
)

// isoDate accepts the partial ISO 8601 dates Statement.Start/End hold.
var isoDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// prepare checks an extraction and returns it normalised (statements with
// duplicate IDs merged) with the merged entity of every ID it mentions.
// Errors are EINVALID and name the document and the offending item.
func prepare(x graph.Extraction) (graph.Extraction, map[string]graph.Entity, error) {
	d := x.Document
	if err := checkID("document", d.ID); err != nil {
		return x, nil, err
	}
	bad := func(format string, args ...any) error {
		return graph.Errorf(graph.EINVALID, "document %q: "+format, append([]any{d.ID}, args...)...)
	}
	ents := make(map[string]graph.Entity, len(x.Entities))
	// where names the entity's place for an error ("statement 3 object");
	// it is formatted only then, as most documents have no errors.
	merge := func(e graph.Entity, kind string, i int, role string) error {
		where := func() string { return strings.TrimSpace(kind + " " + itoa(i+1) + " " + role) }
		if err := checkID("entity", e.ID); err != nil {
			return bad("%s: %s", where(), graph.ErrorMessage(err))
		}
		if e.Type != "" && !e.Type.Valid() {
			return bad("%s: entity %q has unknown type %q", where(), e.ID, e.Type)
		}
		old, ok := ents[e.ID]
		if !ok {
			ents[e.ID] = graph.Entity{ID: e.ID, Name: e.Name, Type: e.Type, Resolution: e.Resolution,
				Aliases: sortedUnique(e.Aliases), Languages: sortedUnique(e.Languages)}
			return nil
		}
		if old.Type == "" {
			old.Type = e.Type
		} else if e.Type != "" && e.Type != old.Type {
			return bad("%s: entity %q has two types, %q and %q", where(), e.ID, old.Type, e.Type)
		}
		if old.Name == "" {
			old.Name = e.Name
		}
		if old.Resolution == "" {
			old.Resolution = e.Resolution
		}
		if len(e.Aliases) > 0 {
			old.Aliases = uniq(append(old.Aliases, e.Aliases...))
		}
		if len(e.Languages) > 0 {
			old.Languages = uniq(append(old.Languages, e.Languages...))
		}
		ents[e.ID] = old
		return nil
	}
	for i, e := range x.Entities {
		if err := merge(e, "entity", i, ""); err != nil {
			return x, nil, err
		}
	}
	byID := make(map[string]int, len(x.Statements))
	var stmts []graph.Statement
	for i, s := range x.Statements {
		where := func() string { return "statement " + itoa(i+1) }
		if !s.Predicate.Valid() {
			return x, nil, bad("%s: unknown predicate %q", where(), s.Predicate)
		}
		if err := merge(s.Subject, "statement", i, "subject"); err != nil {
			return x, nil, err
		}
		if err := merge(s.Object, "statement", i, "object"); err != nil {
			return x, nil, err
		}
		if s.Evidence.Document == "" {
			s.Evidence.Document = d.ID
		} else if s.Evidence.Document != d.ID {
			return x, nil, bad("%s: evidence names document %q", where(), s.Evidence.Document)
		}
		if s.Evidence.Start < 0 || s.Evidence.End < s.Evidence.Start {
			return x, nil, bad("%s: bad evidence offsets %d..%d", where(), s.Evidence.Start, s.Evidence.End)
		}
		if math.IsNaN(s.Confidence) || s.Confidence < 0 || s.Confidence > 1 {
			return x, nil, bad("%s: confidence %v outside [0, 1]", where(), s.Confidence)
		}
		for _, date := range []string{s.Start, s.End} {
			if date != "" && !isoDate.MatchString(date) {
				return x, nil, bad("%s: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", where(), date)
			}
		}
		// Keep only IDs in the statement: entity details live on the entity.
		s.Subject = graph.Entity{ID: s.Subject.ID}
		s.Object = graph.Entity{ID: s.Object.ID}
		id := graph.StatementID(d.ID, s)
		if j, ok := byID[id]; ok {
			// The same tie read twice from the same sentence: keep one, at
			// the higher confidence.
			if s.Confidence > stmts[j].Confidence {
				stmts[j] = s
			}
			continue
		}
		byID[id] = len(stmts)
		stmts = append(stmts, s)
	}
	for id, e := range ents {
		// Every entity gets a name quad: it is what makes the entity exist.
		if e.Name == "" {
			e.Name = id
			if len(e.Aliases) > 0 {
				e.Name = e.Aliases[0]
			}
			ents[id] = e
		}
	}
	x.Statements = stmts
	return x, ents, nil
}

// checkID rejects IDs that cannot name a node: empty, or with control
// characters or surrounding spaces.
func checkID(kind, id string) error {
	if id == "" {
		return graph.Errorf(graph.EINVALID, "empty %s ID", kind)
	}
	if strings.TrimSpace(id) != id {
		return graph.Errorf(graph.EINVALID, "%s ID %q has surrounding spaces", kind, id)
	}
	if strings.IndexFunc(id, unicode.IsControl) >= 0 {
		return graph.Errorf(graph.EINVALID, "%s ID %q has control characters", kind, id)
	}
	return nil
}

func uniq(xs []string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func itoa(i int) string { return strconv.Itoa(i) }
