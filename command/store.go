package command

import (
	"context"
	"fmt"
	"time"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/graph/cayley"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/loaders/structured"
	"github.com/ties-graph/ties/loaders/text"
	"github.com/ties-graph/ties/loaders/text/lang"
	"github.com/ties-graph/ties/loaders/text/morph"
)

// defaultStore is the store address when --store is not given: TIES_STORE,
// else ./ties.db (a bolt directory).
func defaultStore(env *Env) string {
	if env.Getenv != nil {
		if a := env.Getenv("TIES_STORE"); a != "" {
			return a
		}
	}
	return "./ties.db"
}

// openStore opens the store at addr ("memory", "postgres://…" or a bolt
// directory; "" means defaultStore). A bolt directory another process holds
// fails within seconds with an "in use" (graph.EINUSE) error. The caller
// closes the store.
func openStore(ctx context.Context, env *Env, addr string) (graph.Store, error) {
	if addr == "" {
		addr = defaultStore(env)
	}
	s, err := cayley.Open(ctx, addr, cayley.Options{Logger: env.Logger})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// newLoader builds the registry of every loader ties has: the text
// extractor (with the hunspell analyser; missing dictionaries are a
// warning, not an error) and the N-Quads, CSV and JSON lines loaders. The
// registry is safe for concurrent use. With warm (a long-running server)
// the morphology's guessing models are learnt in the background from the
// start (about a second), so the first document a user loads does not
// wait for them.
func newLoader(ctx context.Context, env *Env, warm bool) (*loaders.Registry, error) {
	an, err := morph.Open(ctx, morph.Options{Logger: env.Logger})
	if err != nil {
		return nil, fmt.Errorf("open morphology dictionaries: %w", err)
	}
	if warm {
		go func() {
			start := time.Now()
			if err := an.Prepare(ctx); err == nil {
				env.Logger.Debug("morphology guessing models ready", "took", time.Since(start))
			}
		}()
	}
	tx, err := text.New(ctx, text.Options{Morph: an, Detect: lang.Detect, Logger: env.Logger})
	if err != nil {
		return nil, fmt.Errorf("text extractor: %w", err)
	}
	ls := append([]loaders.Loader{tx}, structured.Loaders(structured.Options{Logger: env.Logger})...)
	return loaders.NewRegistry(ls...), nil
}
