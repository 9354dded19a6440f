package command

import (
	"context"
	"errors"
)

// runServe is replaced by the GraphQL server wiring (issue 3, in progress).
func runServe(ctx context.Context, env *Env, args []string) error {
	return errors.New("serve: not available yet")
}
