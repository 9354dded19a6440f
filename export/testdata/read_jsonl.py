# Reads JSON lines with Python's json module and prints the records as JSON.
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    print(json.dumps([json.loads(line) for line in f]))
