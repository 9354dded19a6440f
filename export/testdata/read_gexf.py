# Reads a GEXF file with NetworkX and prints its nodes and edges as JSON.
import json
import sys

import networkx as nx
from networkx.readwrite import gexf

# NetworkX (2.8 in Debian 12) knows the GEXF 1.1draft and 1.2draft
# namespaces only. GEXF 1.3 changes the namespace and adds features the
# export does not use, so the reader is told the 1.3 namespace and then
# reads the file with its own 1.2 code.
if "1.3" not in gexf.GEXF.versions:
    v = dict(gexf.GEXF.versions["1.2draft"])
    v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz",
             SCHEMALOCATION="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", VERSION="1.3")
    gexf.GEXF.versions["1.3"] = v

G = nx.read_gexf(sys.argv[1], version="1.3")
print(json.dumps({
    "directed": G.is_directed(),
    "nodes": {n: d for n, d in G.nodes(data=True)},
    "edges": [{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)],
}))
