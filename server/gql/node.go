package gql

// Node is the Go side of the Relay Node interface. It is empty so that the
// domain types (graph.Entity, graph.Relation, graph.Document) can be bound to
// it without growing transport methods; the generated code dispatches on
// the concrete type.
type Node interface{}
