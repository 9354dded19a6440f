// The GraphQL client: every byte the page shows comes through these queries,
// so they double as a reference for other front ends.

export type EntityType =
  | "PERSON" | "ORGANIZATION" | "PUBLIC_BODY" | "CITY"
  | "COUNTRY" | "NETWORK" | "EVENT" | "PROJECT";

export const ENTITY_TYPES: EntityType[] = [
  "PERSON", "ORGANIZATION", "PUBLIC_BODY", "CITY", "COUNTRY", "NETWORK", "EVENT", "PROJECT",
];

export const PREDICATES = [
  "MEMBER_OF", "REPRESENTS", "ATTENDED", "ORGANIZED", "LOCATED_IN", "PART_OF",
  "FOUNDED", "FUNDED", "SUPPORTED", "COORDINATES", "PARTNER_OF",
];

export interface DocRef { id: string; title: string; language: string }
export interface EntityRef { id: string; name: string; type: EntityType }
export interface Entity extends EntityRef {
  aliases: string[];
  languages?: string[];
  resolution?: string | null;
  documents?: DocRef[];
}
export interface Evidence {
  sentence: string;
  start: number;
  end: number;
  confidence: number;
  rule?: string | null;
  from?: string | null;
  until?: string | null;
  document: DocRef;
}
export interface Relation {
  id: string;
  predicate: string;
  confidence: number;
  subject: Entity;
  object: Entity;
  evidence: Evidence[];
}
export interface Edge {
  id: string;
  predicate: string;
  weight: number;
  source: { id: string; name?: string };
  target: { id: string; name?: string };
  relation: { confidence: number; evidence: Partial<Evidence>[] };
}
export interface Subgraph { nodes: EntityRef[]; edges: Edge[]; truncated: boolean }
export interface Path { length: number; nodes: EntityRef[]; edges: Edge[] }
export interface SearchHit { score: number; matched: string; node: Entity }
export interface DocumentFull extends DocRef {
  source: string;
  format: string;
  text: string;
  statementCount: number;
  relations: Relation[];
}

let inflight = 0;

// pending is the number of requests under way (tests wait for zero).
export function pending(): number { return inflight; }

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  inflight++;
  try {
    return await send<T>(query, variables);
  } finally {
    inflight--;
  }
}

async function send<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch("graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await res.json();
  } catch {
    throw new Error(`GraphQL answered ${res.status} ${res.statusText}`);
  }
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join("; "));
  if (!res.ok || !body.data) throw new Error(`GraphQL answered ${res.status} ${res.statusText}`);
  return body.data;
}

const DOC = "id title language";

export async function search(text: string, first = 10): Promise<SearchHit[]> {
  const d = await gql<{ search: { edges: SearchHit[] } }>(
    `query Search($text: String!, $first: Int) {
      search(text: $text, first: $first) {
        edges { score matched node { id name type aliases documents { ${DOC} } } }
      }
    }`, { text, first });
  return d.search.edges;
}

export async function entity(id: string): Promise<Entity | null> {
  const d = await gql<{ entity: Entity | null }>(
    `query Entity($id: ID!) {
      entity(id: $id) { id name type aliases languages resolution documents { ${DOC} } }
    }`, { id });
  return d.entity;
}

export async function neighborhood(id: string, depth: number, first = 500): Promise<Subgraph> {
  const d = await gql<{ neighborhood: Subgraph }>(
    `query Neighborhood($id: ID!, $depth: Int, $first: Int) {
      neighborhood(id: $id, depth: $depth, first: $first) {
        truncated
        nodes { id name type }
        edges { id predicate weight source { id } target { id }
                relation { confidence evidence { from until } } }
      }
    }`, { id, depth, first });
  return d.neighborhood;
}

export async function relation(id: string): Promise<Relation | null> {
  const d = await gql<{ relation: Relation | null }>(
    `query Relation($id: ID!) {
      relation(id: $id) {
        id predicate confidence
        subject { id name type aliases }
        object { id name type aliases }
        evidence { sentence start end confidence rule from until document { ${DOC} } }
      }
    }`, { id });
  return d.relation;
}

export async function paths(from: string, to: string, maxLength: number): Promise<Path[]> {
  const d = await gql<{ paths: Path[] }>(
    `query Paths($from: ID!, $to: ID!, $maxLength: Int) {
      paths(from: $from, to: $to, maxLength: $maxLength, first: 5) {
        length
        nodes { id name type }
        edges { id predicate weight source { id name } target { id name }
                relation { confidence evidence { sentence from until document { ${DOC} } } } }
      }
    }`, { from, to, maxLength });
  return d.paths;
}

export async function document(id: string): Promise<DocumentFull | null> {
  const d = await gql<{ document: DocumentFull | null }>(
    `query Document($id: ID!) {
      document(id: $id) {
        id title language source format text statementCount
        relations {
          id predicate confidence
          subject { id name type aliases }
          object { id name type aliases }
          evidence { sentence start end confidence document { ${DOC} } }
        }
      }
    }`, { id });
  return d.document;
}

export async function documents(): Promise<DocRef[]> {
  const d = await gql<{ documents: { edges: { node: DocRef }[] } }>(
    `{ documents(first: 100) { edges { node { ${DOC} } } } }`);
  return d.documents.edges.map((e) => e.node);
}

export async function stats(): Promise<{ documents: number; entities: number; relations: number }> {
  const d = await gql<{ stats: { documents: number; entities: number; relations: number } }>(
    `{ stats { documents entities relations } }`);
  return d.stats;
}
