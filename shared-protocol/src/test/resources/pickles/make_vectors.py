#!/usr/bin/env python3
"""Writes vectors.txt: pickles made by CPython's own pickle module, for the list decoder's tests.

Run from this folder: python3 make_vectors.py  (made with CPython 3.11.7; protocols 0-5).
Each line: `accept|reject  name  hex-bytes  expected` where expected is the Python list
(for accept) or a word the decoder's error message must contain (for reject).
"""
import pickle
import pickletools
import collections

lines = []

def accept(name, value, proto):
    lines.append(f"accept {name}-p{proto} {pickle.dumps(value, proto).hex()} {value!r}".replace(", ", ","))

def accept_raw(name, data, value):
    assert pickle.loads(data) == value
    lines.append(f"accept {name} {data.hex()} {value!r}".replace(", ", ","))

ALLOWED = {"PROTO", "FRAME", "STOP", "MARK", "EMPTY_LIST", "LIST", "APPEND", "APPENDS", "INT", "BININT",
           "BININT1", "BININT2", "LONG", "LONG1", "LONG4", "PUT", "BINPUT", "LONG_BINPUT", "MEMOIZE"}

def first_disallowed(data):
    """The name of the first opcode a list of integers never needs, or None."""
    try:
        for op, _, _ in pickletools.genops(data):
            if op.name not in ALLOWED:
                return op.name
    except Exception:
        return None
    return None

def reject(name, data, word):
    """The decoder's message must name the first disallowed opcode, else contain `word`."""
    lines.append(f"reject {name} {data.hex()} {first_disallowed(data) or word}")

LISTS = {
    "article": [1, 2, 7, 9, 0],
    "empty": [],
    "single": [42],
    "negatives": [-1, -128, -129, -32768, -2**31, -2**31 - 1],
    "edges": [255, 256, 65535, 65536, 2**31 - 1, 2**31, 2**32],
    "int64": [2**63 - 1, -2**63, 2**40, -2**40],
    "long": list(range(-600, 1900, 1)),  # more than 1000 items: batched APPENDS
}
for proto in range(6):
    for name, value in LISTS.items():
        accept(name, value, proto)
    accept("optimized", LISTS["article"], proto)
    lines[-1] = lines[-1].replace(pickle.dumps(LISTS["article"], proto).hex(),
                                  pickletools.optimize(pickle.dumps(LISTS["article"], proto)).hex())

for proto in range(6):
    reject(f"string-p{proto}", pickle.dumps("hello", proto), "not a list")
    reject(f"int-p{proto}", pickle.dumps(5, proto), "not a list")
    reject(f"tuple-p{proto}", pickle.dumps((1, 2), proto), "tuple")
    reject(f"dict-p{proto}", pickle.dumps({1: 2}, proto), "dict")
    reject(f"strings-in-list-p{proto}", pickle.dumps([1, "two", 3], proto), "string")
    reject(f"floats-in-list-p{proto}", pickle.dumps([1, 2.5], proto), "float")
    reject(f"none-in-list-p{proto}", pickle.dumps([1, None], proto), "None")
    reject(f"bools-in-list-p{proto}", pickle.dumps([True, False], proto), "bool")
    reject(f"nested-list-p{proto}", pickle.dumps([1, [2]], proto), "list")
    reject(f"too-big-int-p{proto}", pickle.dumps([2**64], proto), "64-bit")
    reject(f"global-p{proto}", pickle.dumps([collections.OrderedDict], proto), "global")
    reject(f"reduce-p{proto}", pickle.dumps([collections.OrderedDict()], proto), "global")
    reject(f"bytes-in-list-p{proto}", pickle.dumps([b"x"], proto), "bytes")

# Hand-made hostile pickles.
reject("huge-binunicode", bytes.fromhex("800258ffffff7f"), "string")
reject("huge-binbytes8", bytes.fromhex("8004") + b"\x8e" + (2**62).to_bytes(8, "little"), "bytes")
reject("huge-long4", bytes.fromhex("80028bffffff7f"), "64-bit")
reject("huge-frame", bytes.fromhex("800495ffffffffffffff7f5d942e"), "frame")
reject("os-system", b"cos\nsystem\n(S'true'\ntR.", "global")
reject("truncated", pickle.dumps([1, 2, 3], 2)[:-3], "truncated")
reject("no-stop", pickle.dumps([1, 2, 3], 2)[:-1], "truncated")
reject("empty-payload", b"", "truncated")
reject("not-a-pickle", b"GET / HTTP/1.1\r\n\r\n", "opcode")
reject("trailing-bytes", pickle.dumps([1], 2) + b"xyz", "trailing")
reject("self-reference", bytes.fromhex("80025d7100680061") + b".", "opcode")
reject("bad-proto", bytes.fromhex("80075d2e"), "protocol")
reject("leftover-mark", b"(]q\x00.", "mark")
reject("append-without-list", b"K\x01K\x02a.", "append")
reject("hex-int-p0", b"(lp0\nI0x10\na.", "integer")

with open("vectors.txt", "w") as out:
    out.write("# Made by make_vectors.py with CPython's pickle; see that file. Do not edit by hand.\n")
    out.write("\n".join(lines) + "\n")
print(len(lines), "vectors")
