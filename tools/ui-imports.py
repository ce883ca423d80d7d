#!/usr/bin/env python3
"""List the import arrows between the files of src/ui and the circles among them.

Usage: tools/ui-imports.py [src/ui]

An arrow a -> b means a file `a.rs` names module `b` through `super::b`, `crate::ui::b` or a
`use super::{b, ...}` group, outside its `#[cfg(test)]` module. The circles are the strongly
connected components with more than one file (Tarjan). Used to keep ARCHITECTURE.md's
"The window's import picture" true.
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src", "ui")
modules = sorted(f[:-3] for f in os.listdir(root) if f.endswith(".rs") and f != "mod.rs")
names = set(modules)
edges = {m: set() for m in modules}
for m in modules:
    with open(os.path.join(root, m + ".rs"), encoding="utf-8") as f:
        text = f.read()
    # Test modules import freely from the file they test; they are not part of the picture.
    cut = text.find("#[cfg(test)]\nmod tests")
    if cut >= 0:
        text = text[:cut]
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    for path in re.findall(r"(?:super|crate::ui)::(\w+)", text):
        if path in names and path != m:
            edges[m].add(path)
    for group in re.findall(r"(?:super|crate::ui)::\{([^}]*)\}", text):
        for item in re.findall(r"\b(\w+)\b", group):
            if item in names and item != m:
                edges[m].add(item)

index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]


def strong(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in sorted(edges[v]):
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))


for m in modules:
    if m not in index:
        strong(m)

total = sum(len(v) for v in edges.values())
print(f"{len(modules)} files, {total} arrows")
for m in modules:
    if edges[m]:
        print(f"{m} -> {', '.join(sorted(edges[m]))}")
print("circles:" if sccs else "circles: none")
for comp in sccs:
    print(f"  {len(comp)} files: {', '.join(comp)}")
