"""Reference files for tools/nbformat.ts: a notebook holding what is hard to write exactly as Jupyter does.

Writes two files to test/fixtures/nbformat/:
- python-writes.ipynb: the notebook as Python's nbformat writes it from the Python values below;
- jupyter-saves.ipynb: the same notebook after a save from a browser front end: the browser's JSON (JSON.parse
  then JSON.stringify, run in Node, whose V8 is Chromium's) read and written by nbformat, as Jupyter's server
  does. It must read and write back to itself, in Python and through the browser's JSON (checked here).

Run with a Python that has nbformat and with Node on PATH: `/usr/bin/python3 scripts/nbformat/make_fixture.py`.
The tests only read the files.
"""
import math
import pathlib
import random
import struct
import subprocess

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output, new_raw_cell

OUT = pathlib.Path(__file__).resolve().parents[2] / "test" / "fixtures" / "nbformat"
rng = random.Random(0)

# Floats whose repr differs from JavaScript's, integer-valued floats (a browser turns them into ints),
# integers past 2**53, the extremes, and numbers JavaScript and Python both print in the same way.
TRICKY = [
    1e-5, 1.5364394e-9, 0.0000019200659, 6.807994622156726e-05, 0.0001, 0.00012, 1e16, 1e15 + 0.5, 1e21, 1e22,
    1.5e300, -0.0, 0.0, 1.0, -1.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 1 / 3, -2.5e-7,
    123456.789, 0, -1, 2**31, 2**53, 2**53 + 1, 2**60, -(2**63), 10**20, 10**21, 123456789012345678901234, True,
    False, None,
]


def random_floats(count):
    """Doubles from random bit patterns (every magnitude, subnormals included) and decimal-looking ones."""
    values = []
    while len(values) < count:
        x = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
        if math.isfinite(x):
            values.append(x)
    values += [round(rng.uniform(-1, 1), rng.randint(1, 17)) * 10.0 ** rng.randint(-12, 24) for _ in range(count)]
    return values


TEXTS = {
    "crlf": "line one\r\nline two\r\n",
    "cr": "old mac\rline\r",
    "python line ends": "vt\vff\ffs\x1cgs\x1drs\x1enel\x85ls\u2028ps\u2029end",
    "no final newline": "a\nb",
    "controls": "nul\x00 soh\x01 us\x1f del\x7f tab\t bs\b",
    "quotes": 'say "hi" \\ back\\slash /slash',
    "non-ascii": "ρ ‖∂L/∂h‖ é 中文 😀 \ufeff",
    "empty": "",
}

# Keys JavaScript would reorder (integer-like first) or sort by UTF-16 units (astral after U+FFFF).
KEYS = {key: index for index, key in enumerate(["b", "10", "2", "1", "a", "B", "é", "😀", "\uffff", "", " ", "01", "-1"])}

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n  <rect width="10" height="10"/>\n</svg>\n'
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==\n"


def notebook():
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": [{"x": i, "y": y} for i, y in enumerate(TRICKY[:12] + random_floats(8))]},
        "mark": "line",
        "lines": ["a JSON type: this list of strings stays a list"],
    }
    outputs = [
        new_output("stream", name="stdout", text="epoch 1\nepoch 2\r\nlast"),
        new_output("stream", name="stderr", text=["split ", "oddly\n", "joined again"]),
        new_output(
            "display_data",
            data={
                "text/plain": "several\nlines\n",
                "text/html": ["<b>", "bold</b>\n", "<i>x</i>"],
                "text/latex": "$x^2$",
                "image/svg+xml": SVG,
                "image/png": PNG,
                "application/javascript": "console.log(1);\nconsole.log(2);",
                "application/json": {"numbers": TRICKY[:8], "text": "not\nsplit"},
                "application/vnd.vegalite.v5+json": spec,
            },
            metadata={"image/png": {"width": 1, "height": 1}},
        ),
        new_output("execute_result", data={"text/plain": "42"}, execution_count=3),
        new_output("error", ename="Error", evalue="boom ρ", traceback=["Error: boom ρ", "    at <anonymous>:1:7"]),
    ]
    cells = [
        new_markdown_cell(text, id=f"text-{i}") for i, text in enumerate(TEXTS.values())
    ] + [
        new_markdown_cell("![dot](attachment:dot.png)", id="attachment", attachments={"dot.png": {"image/png": PNG, "text/plain": ["a ", "dot\n", "here"]}}),
        new_code_cell(["const a", " = 1;\n", "a"], id="source-as-odd-lines", outputs=outputs, execution_count=3, metadata={"tags": ["raises-exception"], "trusted": True, "keys": KEYS}),
        new_code_cell("", id="empty-code", execution_count=None),
        new_raw_cell("raw\ntext", id="raw"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata = {
        "kernelspec": {"display_name": "TypeScript", "language": "typescript", "name": "tslab"},
        "language_info": {"name": "typescript", "codemirror_mode": {"mode": "typescript", "name": "javascript", "typescript": True}},
        "numbers": TRICKY + random_floats(300),
        "texts": TEXTS,
        "keys": KEYS,
        "nested": {"empty list": [], "empty object": {}, "deep": [[[], {}], [{"z": [1, 2.5]}]]},
        "signature": "sha256:a signature nbformat strips",
        "orig_nbformat": 3,
    }
    return nb


def write(nb):
    """What nbformat.write puts in a file: nbformat.writes, then a newline."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def through_browser(text):
    """The notebook as a browser front end sends it back: JSON.parse, then JSON.stringify."""
    script = "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8'))))"
    return subprocess.run(["node", "-e", script], input=text, capture_output=True, text=True, check=True).stdout


def saved(text):
    """A save from a browser front end: the browser's JSON, then nbformat as Jupyter's server writes it."""
    return write(nbformat.reads(through_browser(text), as_version=4))


python_writes = write(notebook())
jupyter_saves = saved(python_writes)
assert write(nbformat.reads(jupyter_saves, as_version=4)) == jupyter_saves, "not a fixed point of nbformat"
assert saved(jupyter_saves) == jupyter_saves, "not a fixed point of a browser save"
OUT.mkdir(parents=True, exist_ok=True)
(OUT / "python-writes.ipynb").write_text(python_writes, encoding="utf-8")
(OUT / "jupyter-saves.ipynb").write_text(jupyter_saves, encoding="utf-8")
print(f"nbformat {nbformat.__version__}: wrote {OUT}/python-writes.ipynb and jupyter-saves.ipynb")
