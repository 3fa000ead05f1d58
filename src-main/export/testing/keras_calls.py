"""Reads a Keras script exported by LayerLab on stdin and prints, as JSON, every layer call in build_model():
the variables it assigns, the layer (dotted name), its positional and keyword arguments, and what it is called
on. Values are Python literals where they are literals, {"var": name} for names, {"call": ...} for nested calls
(Bidirectional(layers.GRU(...))), {"expr": source} otherwise. Only the syntax tree is read; nothing is run
(TensorFlow is not installed). Used by keras-export.test.ts."""
import ast
import json
import sys


def value(node):
    if isinstance(node, ast.Name):
        return {"var": node.id}
    if isinstance(node, ast.Call):
        return call_record(node)
    if isinstance(node, (ast.List, ast.Tuple)) and not all(isinstance(e, ast.Constant) for e in node.elts):
        return [value(e) for e in node.elts]
    try:
        v = ast.literal_eval(node)
        return list(v) if isinstance(v, tuple) else v
    except ValueError:
        return {"expr": ast.unparse(node)}


def call_record(node):
    return {
        "call": ast.unparse(node.func),
        "args": [value(a) for a in node.args],
        "kwargs": {k.arg: value(k.value) for k in node.keywords},
    }


def targets(assign):
    t = assign.targets[0]
    return [e.id for e in t.elts] if isinstance(t, ast.Tuple) else [t.id]


def main():
    tree = ast.parse(sys.stdin.read())
    fn = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "build_model")
    layer_vars = {}  # `wte_layer = layers.Embedding(...)`, called later as `h = wte_layer(x)`
    calls = []
    model = None
    for stmt in fn.body:
        if isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Call):
            model = call_record(stmt.value)
        if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)):
            continue
        outer = stmt.value
        if isinstance(outer.func, ast.Call):  # layers.X(config)(inputs)
            layer = call_record(outer.func)
        elif isinstance(outer.func, ast.Name) and outer.func.id in layer_vars:
            layer = layer_vars[outer.func.id]
        elif ast.unparse(outer.func) == "keras.Input":
            calls.append({"targets": targets(stmt), "layer": call_record(outer), "inputs": [], "input_kwargs": {}})
            continue
        else:  # a layer object kept for reuse
            layer_vars[targets(stmt)[0]] = call_record(outer)
            continue
        calls.append({
            "targets": targets(stmt),
            "layer": layer,
            "inputs": [value(a) for a in outer.args],
            "input_kwargs": {k.arg: value(k.value) for k in outer.keywords},
        })
    print(json.dumps({"calls": calls, "model": model}))


main()
