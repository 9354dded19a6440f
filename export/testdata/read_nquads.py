# Reads an N-Quads file with rdflib and prints the quad count, the graphs
# and the documents' titles and texts as JSON.
import json
import sys

import rdflib

g = rdflib.ConjunctiveGraph()
g.parse(sys.argv[1], format="nquads")
quads = list(g.quads((None, None, None, None)))
title, text = rdflib.URIRef("ties:title"), rdflib.URIRef("ties:text")
print(json.dumps({
    "quads": len(quads),
    "graphs": sorted({str(c.identifier) for _, _, _, c in quads}),
    "titles": {str(s): str(o) for s, p, o, _ in quads if p == title},
    "texts": {str(s): str(o) for s, p, o, _ in quads if p == text},
}))
