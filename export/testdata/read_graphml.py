# Reads a GraphML file with NetworkX and prints its nodes and edges as JSON.
import json
import sys

import networkx as nx

G = nx.read_graphml(sys.argv[1])
print(json.dumps({
    "directed": G.is_directed(),
    "nodes": {n: d for n, d in G.nodes(data=True)},
    "edges": [{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)],
}))
