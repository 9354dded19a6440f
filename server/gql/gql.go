// Package gql is the GraphQL layer of ties: gqlgen's generated executor
// (generated.go, models_gen.go) and the hand-written, thin resolvers that
// turn GraphQL fields into graph.Store calls through per-request dataloaders.
package gql

//go:generate sh -c "cd ../.. && go tool gqlgen generate"
