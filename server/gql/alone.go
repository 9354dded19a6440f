package gql

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// alone reports whether the field being resolved can have no sibling to
// batch a store call with: the operation has one root field, no list lies
// between it and this field, and no other field of the same name sits
// beside this one. A dataloader would then wait its full delay for keys
// that never come (a single entity's relations paid it twice), so such
// fields load at once; fields under lists keep batching.
func alone(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	oc := graphql.GetOperationContext(ctx)
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	if fc.Parent != nil && fc.Parent.Field.Field != nil && !single(oc, fc.Parent.Field.Selections, fc.Object, fc.Field.Name) {
		return false
	}
	for p := fc; p != nil; p = p.Parent {
		if p.Index != nil {
			return false
		}
	}
	return len(graphql.CollectFields(oc, oc.Operation.SelectionSet, queryImplementors)) == 1
}

// single reports whether sel asks for the field name of type object once.
func single(oc *graphql.OperationContext, sel ast.SelectionSet, object, name string) bool {
	n := 0
	for _, f := range graphql.CollectFields(oc, sel, []string{object}) {
		if f.Name == name {
			n++
		}
	}
	return n == 1
}
