"""Aligned text tables, as ``extract --format table`` and ``query --format table`` print them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

MAX_CELL = 80
"""Cells longer than this are cut (the jsonl, json, csv and tsv formats keep the full text)."""


def cell(text: str) -> str:
    """``text`` on one line (runs of white space folded) and cut to ``MAX_CELL`` characters.

    >>> cell("Iran  supplied\\ndrones")
    'Iran supplied drones'
    >>> len(cell("x" * 100)), cell("x" * 100)[-1]
    (80, '…')
    """
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def write_table(header: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Write ``rows`` under ``header`` as left-aligned columns two spaces apart, a rule of dashes
    under the header; every cell goes through ``cell``.

    >>> import sys
    >>> write_table(["who", "what"], [["Iran", "supply"], ["Russia", "use (NOT)"]], sys.stdout)
    who     what
    ------  ---------
    Iran    supply
    Russia  use (NOT)
    """
    table = [[cell(text) for text in row] for row in (header, *rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip() + "\n"

    out.write(line(table[0]))
    out.write(line(["-" * width for width in widths]))
    for row in table[1:]:
        out.write(line(row))
