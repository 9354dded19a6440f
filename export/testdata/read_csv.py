# Reads nodes.csv and edges.csv from a zip with Python's zipfile and csv
# modules and prints the rows as JSON.
import csv
import io
import json
import sys
import zipfile

out = {}
with zipfile.ZipFile(sys.argv[1]) as z:
    out["names"] = z.namelist()
    for name in ("nodes.csv", "edges.csv"):
        with z.open(name) as f:
            out[name] = list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8", newline="")))
print(json.dumps(out))
