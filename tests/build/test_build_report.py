"""What a build tells: files passed over (summary, -v, build.json), seconds per stage, and which
outputs are fresh, so that a build that changes nothing rewrites nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild import pipeline
from graphbuild.cli import cli
from graphbuild.folder import GraphFolder

STORY = "Iran supplied drones to Russia in 2022, officials said.\n"
FOREIGN = {
    "scan.pdf": b"%PDF-1.7 not an article",
    "weights.bin": b"\x00\x01\x02\x03",
    "notes/README.md": b"# About these articles\n",
}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "notes").mkdir(parents=True)
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    for name, data in FOREIGN.items():
        (folder / name).write_bytes(data)
    (folder / ".hidden.bin").write_bytes(b"\x00")
    return folder


def test_passed_over_files_are_counted_named_and_listed(inputs, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--no-pages"])
    assert result.exit_code == 0, result.output
    assert "1 added, 0 replaced, 0 unchanged, 0 rejected, 3 files passed over)" in result.output
    assert "passed over" not in result.stderr.replace("3 files passed over", "")
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["passed_over"] == [
        {
            "path": str(inputs / "notes" / "README.md"),
            "reason": "a folder's documentation, not an article",
        },
        {"path": str(inputs / "scan.pdf"), "reason": ".pdf is not an article format"},
        {"path": str(inputs / "weights.bin"), "reason": ".bin is not an article format"},
    ]

    verbose = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "-v"])
    assert verbose.exit_code == 0, verbose.output
    for name in FOREIGN:
        assert f"graphbuild: passed over {inputs / name}: " in verbose.stderr
    assert ".hidden.bin" not in verbose.stderr


def test_build_json_has_stages_and_fresh_outputs(inputs, tmp_path):
    out = tmp_path / "out"
    report = pipeline.build([inputs], out)
    data = GraphFolder(out).read_report()
    assert data["status"] == "complete" and data["added"] == ["story"]
    assert set(data["timings"]) == {"ingest", "parse", "extract", "resolve", "store", "outputs"}
    assert data["timings"]["parse"] > 0 and data["timings"]["outputs"] > 0
    assert data["fresh"] == {"store": True, "trig": True, "ttl": True, "page": True}
    assert report.changed == {"story"}


def test_a_build_that_changes_nothing_rewrites_nothing(inputs, tmp_path):
    out = tmp_path / "out"
    pipeline.build([inputs], out)
    folder = GraphFolder(out)
    files = [*folder.dump_paths.values(), folder.page_path]
    before = {path: path.stat().st_mtime_ns for path in files}
    again = pipeline.build([inputs], out)
    assert again.unchanged == ["story"] and again.changed == set()
    assert {path: path.stat().st_mtime_ns for path in files} == before
    assert folder.read_report()["fresh"]["trig"] is True

    (inputs / "second.txt").write_text("Russia bought drones from Iran.\n", encoding="utf-8")
    third = pipeline.build([inputs], out)
    assert third.added == ["second"]
    assert all(path.stat().st_mtime_ns != before[path] for path in files)


def test_large_graphs_keep_their_dumps_until_asked(inputs, tmp_path, monkeypatch):
    from graphbuild import folder as folder_module

    out = tmp_path / "out"
    pipeline.build([inputs], out, pages=False)
    trig = GraphFolder(out).dump_paths["trig"]
    old = trig.read_bytes()
    monkeypatch.setattr(folder_module, "DUMP_AUTO_QUADS", 10)
    (inputs / "second.txt").write_text("Russia bought drones from Iran.\n", encoding="utf-8")
    report = pipeline.build([inputs], out, pages=False)
    assert report.fresh == {"store": True, "trig": False, "ttl": False, "page": False}
    assert trig.read_bytes() == old
    result = CliRunner().invoke(cli, ["build", str(inputs), "-o", str(out), "--no-pages"])
    assert "(stale: write them with --dumps always)" in result.output
    report = pipeline.build([inputs], out, pages=False, dumps="always")
    assert report.fresh["trig"] is True and trig.read_bytes() != old


def test_a_build_with_other_settings_analyses_every_article_again(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "Iran supplied drones to Russia in 2022, officials said. The deal may cost it dearly.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    strict = pipeline.Config(min_confidence=0.9)
    first = pipeline.build([story], out, strict, pages=False)
    assert first.settings["min_confidence"] == 0.9 and first.settings_changed == []
    again = pipeline.build([story], out, strict, pages=False)
    assert again.unchanged == ["story"] and again.relations == 0

    loose = pipeline.build([story], out, pipeline.Config(min_confidence=0.0), pages=False)
    assert loose.settings_changed == ["min_confidence"]
    assert loose.replaced == ["story"] and loose.relations > first.relations
    report = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert report["settings"]["min_confidence"] == 0.0

    # removing an article keeps the settings the rest of the graph was built with
    pipeline.remove(["story"], out, pipeline.Config(min_confidence=0.0))
    assert (
        json.loads((out / "build.json").read_text(encoding="utf-8"))["settings"]
        == (report["settings"])
    )

    result = CliRunner().invoke(cli, ["build", str(story), "-o", str(out), "--no-pages"])
    assert result.exit_code == 0, result.output
    assert "changed since the last build" not in result.output  # the graph was empty
    result = CliRunner().invoke(
        cli, ["build", str(story), "-o", str(out), "--no-pages", "--min-confidence", "0.5"]
    )
    assert "min_confidence changed since the last build: every article analysed again" in (
        result.output
    )
