# Reads a JSON-LD document with rdflib (the context is inline, no network)
# and prints its triples counted by predicate, the typed subjects and the
# names as JSON.
import collections
import json
import sys

import rdflib
from rdflib.namespace import RDF

g = rdflib.ConjunctiveGraph()
g.parse(sys.argv[1], format="json-ld")
preds = collections.Counter(str(p) for _, p, _ in g)
types = collections.defaultdict(list)
for s, o in g.subject_objects(RDF.type):
    types[str(o)].append(str(s))
name = rdflib.URIRef("http://schema.org/name")
headline = rdflib.URIRef("http://schema.org/headline")
print(json.dumps({
    "triples": len(g),
    "predicates": preds,
    "types": {k: sorted(v) for k, v in types.items()},
    "names": {str(s): str(o) for s, o in g.subject_objects(name)},
    "headlines": {str(s): str(o) for s, o in g.subject_objects(headline)},
    "edges": sorted([str(s), str(p), str(o)] for s, p, o in g
                    if isinstance(o, rdflib.URIRef) and str(o).startswith("ties:e/") and str(s).startswith("ties:e/")),
}))
