// Package server is the HTTP face of ties: the GraphQL endpoint, the GraphiQL
// page, a health check, and the middleware around them (request logging,
// body size limit, per-request timeout, bearer-token auth for mutations).
package server

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/playground"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/loaders"
	"github.com/ties-graph/ties/server/gql"
	"github.com/ties-graph/ties/web"
)

// Defaults for Options' zero values.
const (
	DefaultMaxBodyBytes   = 8 << 20
	DefaultRequestTimeout = 30 * time.Second
)

// Options configure the handler.
type Options struct {
	Store graph.Store
	// Loader reads documents sent to the loadDocument mutation; nil
	// disables that mutation.
	Loader loaders.Loader
	// Token, when set, is the bearer token mutations need
	// (Authorization: Bearer TOKEN). When empty, mutations are open, unless
	// ReadOnly is set.
	Token string
	// ReadOnly refuses every mutation. Run sets it when it serves a
	// non-loopback address without a token.
	ReadOnly bool
	Logger   *slog.Logger
	// MaxBodyBytes caps a request body (DefaultMaxBodyBytes when 0); it
	// bounds the documents loadDocument accepts.
	MaxBodyBytes int64
	// RequestTimeout bounds the work of one request (DefaultRequestTimeout
	// when 0).
	RequestTimeout time.Duration
}

// Routes of the handler.
const (
	GraphQLPath  = "/graphql"
	GraphiQLPath = "/graphiql"
	HealthPath   = "/healthz"
)

// New returns the ties HTTP handler: GraphQLPath (POST, GET), GraphiQLPath
// (the GraphiQL page; its scripts come from a CDN the browser fetches),
// HealthPath (200 when the store answers a one-document listing, 503
// otherwise), and the explorer page (package web) at / and /assets/.
func New(opt Options) http.Handler {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = DefaultRequestTimeout
	}
	r := &gql.Resolver{Store: opt.Store, Loader: opt.Loader, Logger: opt.Logger, CanWrite: canWrite}
	mux := http.NewServeMux()
	mux.Handle(GraphQLPath, authenticate(opt, limitBody(opt.MaxBodyBytes, gql.NewHandler(r))))
	mux.Handle("GET "+GraphiQLPath, playground.Handler("ties", GraphQLPath))
	mux.HandleFunc("GET "+HealthPath, health(opt.Store, opt.Logger))
	exportRoutes(mux, opt) // ExportPath, ExportContextPath (server/export.go)
	page := web.Handler()
	mux.Handle("GET /{$}", page)
	mux.Handle("GET /assets/", page)
	return logRequests(opt.Logger, withTimeout(opt.RequestTimeout, mux))
}

// access is what the request's credentials allow.
type access int

const (
	accessOpen     access = iota // no token configured: mutations allowed
	accessGranted                // the right token
	accessMissing                // a token is configured, none sent
	accessWrong                  // a token is configured, another sent
	accessReadOnly               // the server refuses all mutations
)

type accessKey struct{}

// authenticate records in the context what the request may do; the
// mutation resolvers ask canWrite. Queries need no token.
func authenticate(opt Options, next http.Handler) http.Handler {
	want := []byte(opt.Token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := accessOpen
		switch {
		case opt.ReadOnly:
			a = accessReadOnly
		case opt.Token == "":
		default:
			got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			switch {
			case !ok || got == "":
				a = accessMissing
			case subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), want) == 1:
				a = accessGranted
			default:
				a = accessWrong
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), accessKey{}, a)))
	})
}

func canWrite(ctx context.Context) error {
	a, _ := ctx.Value(accessKey{}).(access)
	switch a {
	case accessOpen, accessGranted:
		return nil
	case accessMissing:
		return graph.Errorf(gql.EUNAUTHORIZED, "mutations need an Authorization: Bearer token")
	case accessWrong:
		return graph.Errorf(gql.EUNAUTHORIZED, "the bearer token is not valid")
	default:
		return graph.Errorf(gql.EFORBIDDEN, "mutations are disabled: the server listens beyond loopback without a token")
	}
}

func limitBody(n int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func health(s graph.Store, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "application/json")
		// A one-document listing proves the store answers; Stats would
		// walk every statement.
		_, err := s.Documents(ctx, graph.ListOptions{Limit: 1})
		if err != nil {
			log.ErrorContext(ctx, "health check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			json.NewEncoder(w).Encode(map[string]string{"status": "unavailable", "error": graph.ErrorMessage(err)})
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
	}
}

// statusWriter remembers the status and size of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path,
			"status", sw.status, "bytes", sw.bytes, "duration", time.Since(start).Round(time.Microsecond),
			"remote", r.RemoteAddr)
	})
}
