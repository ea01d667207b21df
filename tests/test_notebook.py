"""The example notebook runs top to bottom against a real build and a real endpoint."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import threading
from pathlib import Path

from graphbuild.serve import make_server

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
ENDPOINT = "http://127.0.0.1:8000/sparql"


def code_cells() -> list[str]:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    return ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]


def test_every_cell_runs_and_answers(tmp_path, monkeypatch):
    for folder in ("seeds", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    cells = code_cells()
    assert any(ENDPOINT in cell for cell in cells)
    namespace: dict = {}
    printed = io.StringIO()
    server = None
    try:
        for cell in cells:
            if ENDPOINT in cell:
                # the endpoint cell talks to a server started on the graph the notebook built
                server = make_server(tmp_path / "graph-out", "127.0.0.1", 0, quiet=True)
                threading.Thread(target=server.serve_forever, daemon=True).start()
                namespace["store"].close()
                cell = cell.replace(ENDPOINT, server.url + "sparql")
            with contextlib.redirect_stdout(printed):
                exec(compile(cell, str(NOTEBOOK), "exec"), namespace)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    output = printed.getvalue()
    assert (tmp_path / "graph-out" / "store").is_dir()
    supplies = output.split("\n\n")[0]
    assert all(word in supplies for word in ("Iran", "supply", "drone", "Russia"))
    assert "Barbara Woodward" in output
    assert "entities," in output and "statements" in output
    counted = re.search(r"\[\{'n': \{'type': 'literal', 'value': '(\d+)'", output)
    assert counted is not None and int(counted.group(1)) > 1000
    assert "start `graphbuild serve" not in output
