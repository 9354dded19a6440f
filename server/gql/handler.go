package gql

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/ties-graph/ties/graph"
	"github.com/ties-graph/ties/server/dataload"
)

// NewHandler returns the GraphQL endpoint over r's store: POST and GET
// (GET cannot run mutations), introspection on, the complexity limit on,
// graph errors presented once as {message, extensions.code}, and fresh
// dataloaders for every request. Neighbourhoods and paths asking only
// plain fields skip gqlgen's per-field machinery (plainPath), and answers
// to JSON POSTs are not re-encoded (jsonPOST): the bytes are the same.
func NewHandler(r *Resolver) http.Handler {
	h, _ := newHandler(r, handlerConfig{plain: true})
	return h
}

// handlerConfig holds what tests change in NewHandler.
type handlerConfig struct {
	plain bool          // the plain path (see plainPath) and jsonPOST on
	wait  time.Duration // the dataloaders' wait, when not 0
}

func newHandler(r *Resolver, cfg handlerConfig) (http.Handler, *plainPath) {
	es := NewExecutableSchema(Config{Resolvers: r, Complexity: Complexity()})
	srv := handler.New(es)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	if cfg.plain {
		srv.AddTransport(jsonPOST{}) // before POST: the first that supports a request serves it
	}
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(ComplexityLimit))
	srv.SetErrorPresenter(errorPresenter(r.log()))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		attrs := []any{"operation", oc.OperationName}
		if st := extension.GetComplexityStats(ctx); st != nil {
			attrs = append(attrs, "complexity", st.Complexity)
		}
		r.log().DebugContext(ctx, "graphql operation", attrs...)
		return next(ctx)
	})
	pp := &plainPath{es: es.(*executableSchema), r: r}
	if cfg.plain {
		srv.AroundRootFields(pp.aroundRootFields)
	}
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		r.log().ErrorContext(ctx, "panic in resolver", "panic", v, "path", graphql.GetPath(ctx).String())
		return graph.Errorf(graph.EINTERNAL, "internal error")
	})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		// gqlgen answers an already expired request with an empty body;
		// say what happened instead.
		if err := req.Context().Err(); err != nil {
			writeError(w, err)
			return
		}
		var opts []dataload.Option
		if cfg.wait > 0 {
			opts = append(opts, dataload.Wait(cfg.wait))
		}
		ctx := dataload.NewContext(req.Context(), dataload.New(r.Store, opts...))
		srv.ServeHTTP(w, req.WithContext(ctx))
	}), pp
}

func writeError(w http.ResponseWriter, err error) {
	code, msg := "canceled", "the request was canceled"
	if errors.Is(err, context.DeadlineExceeded) {
		code, msg = "timeout", "the request took too long"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"errors": []any{
		map[string]any{"message": msg, "extensions": map[string]string{"code": code}},
	}})
}

// errorPresenter maps resolver errors to the client's view once: the code of
// a graph.Error goes to extensions.code with its message; any other error is
// logged and shown as "internal error", so internals never leak. Errors
// gqlgen raises itself (parse, validation, complexity) keep their own code.
func errorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gerr *gqlerror.Error
		if !errors.As(err, &gerr) {
			gerr = gqlerror.WrapPath(graphql.GetPath(ctx), err)
		}
		if gerr.Err == nil {
			return gerr
		}
		code := graph.ErrorCode(gerr.Err)
		if code == graph.EINTERNAL && errors.Is(gerr.Err, context.DeadlineExceeded) {
			code, gerr.Message = "timeout", "the request took too long"
		} else if code == graph.EINTERNAL && errors.Is(gerr.Err, context.Canceled) {
			code, gerr.Message = "canceled", "the request was canceled"
		} else {
			gerr.Message = graph.ErrorMessage(gerr.Err)
		}
		if code == graph.EINTERNAL {
			log.ErrorContext(ctx, "request failed", "path", fmt.Sprint(gerr.Path), "err", gerr.Err)
		}
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["code"] = code
		return gerr
	}
}
