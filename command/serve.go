package command

import (
	"context"
	"flag"
	"fmt"
	"net"
	"strings"

	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/server"
)

// runServe is `ties serve [--addr HOST:PORT] [--store ADDR] [--token T]
// [PATH…]`: opens the store, loads the paths, and serves GraphQL until ctx
// is cancelled (SIGINT/SIGTERM in main).
func runServe(ctx context.Context, env *Env, args []string) error {
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	fset.SetOutput(env.Stderr)
	addr := fset.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	storeAddr := fset.String("store", defaultStore(env), "store: a bolt directory, memory or postgres://…")
	token := fset.String("token", "", "bearer token mutations need (default $TIES_TOKEN); without one, mutations are open on loopback and disabled elsewhere")
	maxSize := fset.Int64("max-size", loaders.DefaultMaxSize, "largest document to load, in bytes")
	fset.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: ties serve [--addr 127.0.0.1:8080] [--store PATH|memory|postgres://…] [--token T] [--max-size BYTES] [PATH…]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return err
	}
	if *token == "" && env.Getenv != nil {
		*token = env.Getenv("TIES_TOKEN")
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fmt.Errorf("--addr %q: want host:port: %w", *addr, err)
	}
	reg, err := newLoader(ctx, env, true)
	if err != nil {
		return err
	}
	reg.MaxSize = *maxSize
	store, err := openStore(ctx, env, *storeAddr)
	if err != nil {
		return err
	}
	defer store.Close()
	if fset.NArg() > 0 {
		sum, err := loadPaths(ctx, env, store, reg, fset.Args())
		fmt.Fprintln(env.Stderr, "ties:", sum)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			// The failures are printed; serve what did load.
			env.Logger.Warn("some paths failed to load; serving the rest", "err", err)
		}
	}
	opt := server.Options{
		Store:  store,
		Loader: reg,
		Token:  *token,
		Logger: env.Logger,
		// Room for the largest document, JSON-escaped, in a request.
		MaxBodyBytes: 2*reg.Limit() + 1<<20,
	}
	return server.Run(ctx, *addr, opt, func(base string) {
		env.Logger.Info("serving", "addr", base, "store", *storeAddr, "token", *token != "")
		fmt.Fprintf(env.Stdout, "Explorer: %s/\nGraphQL:  %s%s\nGraphiQL: %s%s\n", base, base, server.GraphQLPath, base, server.GraphiQLPath)
		if *token == "" && !server.IsLoopback(*addr) {
			fmt.Fprintln(env.Stdout, "Mutations are disabled: no token on a non-loopback address (set --token or TIES_TOKEN).")
		} else if *token != "" {
			fmt.Fprintln(env.Stdout, "Mutations need: Authorization: Bearer "+strings.Repeat("*", 4))
		}
	})
}
