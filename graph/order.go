package graph

import "cmp"

// CompareStatements orders statements the way stores and exports list them:
// by document, then by evidence offsets, then by predicate, subject and
// object, so that equal stores give equal listings.
func CompareStatements(a, b Statement) int {
	return cmp.Or(
		cmp.Compare(a.Evidence.Document, b.Evidence.Document),
		cmp.Compare(a.Evidence.Start, b.Evidence.Start),
		cmp.Compare(a.Evidence.End, b.Evidence.End),
		cmp.Compare(a.Predicate, b.Predicate),
		cmp.Compare(a.Subject.ID, b.Subject.ID),
		cmp.Compare(a.Object.ID, b.Object.ID),
	)
}
