"""The `partnerbot match` CSV command: output shape and one clear line for each bad file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.matching.csv_command import run

MEMBERS = """id,name,offers,needs,goal,timezone,languages
ana,Ana,Python data pipelines,a fundraising deck,climate fintech,Europe/Berlin,English;Spanish
ben,Ben,pitch coaching;former VC,someone to build my website,,Europe/London,English
cy,Cy,I do web development,looking for seed funding advice,fintech,America/New_York,English
di,Di,contract law,a data engineer,,,
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_groups_as_json_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = _write(tmp_path, "members.csv", MEMBERS)
    assert run([str(members), "--seed", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(m for g in out["groups"] for m in g["members"]) == ["ana", "ben", "cy", "di"]
    assert out["stats"]["members"] == 4 and out["stats"]["groups"] == 2
    assert out["stats"]["total_score"] == pytest.approx(sum(g["score"] for g in out["groups"]))
    assert all(g["reasons"] and g["starter"] for g in out["groups"])


def test_history_and_blocks_are_respected(tmp_path: Path) -> None:
    members = _write(tmp_path, "members.csv", MEMBERS)
    past = _write(tmp_path, "past.csv", "a,b,round\nben,cy,7\nana,di,3\n")
    blocks = _write(tmp_path, "blocks.csv", "a,b\nana,ben\n")
    out_file = tmp_path / "out.json"
    code = run([str(members), "--history", str(past), "--blocks", str(blocks), "--out", str(out_file)])
    assert code == 0
    groups = {frozenset(g["members"]) for g in json.loads(out_file.read_text())["groups"]}
    assert groups == {frozenset({"ana", "cy"}), frozenset({"ben", "di"})}


def test_group_size_three(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = _write(tmp_path, "members.csv", MEMBERS + "ed,Ed,seo,bookkeeping\nfi,Fi,tax,seo\n")
    assert run([str(members), "--group-size", "3"]) == 0
    sizes = [len(g["members"]) for g in json.loads(capsys.readouterr().out)["groups"]]
    assert sizes == [3, 3]


@pytest.mark.parametrize(
    ("file_text", "expected"),
    [
        ("id,name,offers\nana,Ana,x\n", "row 1: missing column(s) needs"),
        ("id,name,offers,needs\nana,Ana,x,y\nana,Ann,z,w\n", "row 3: duplicate id 'ana'"),
        ("", "the file is empty"),
        ("id,name,offers,needs\n", "no members"),
    ],
)
def test_bad_members_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], file_text: str, expected: str
) -> None:
    members = _write(tmp_path, "members.csv", file_text)
    assert run([str(members)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "members.csv" in err and expected in err


def test_wrong_encoding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = tmp_path / "members.csv"
    members.write_bytes("id,name,offers,needs\nzoe,Zoë,x,y\n".encode("latin-1"))
    assert run([str(members)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "members.csv" in err and "UTF-8" in err


def test_unknown_id_in_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members = _write(tmp_path, "members.csv", MEMBERS)
    past = _write(tmp_path, "past.csv", "a,b\nana,ben\nana,zed\n")
    assert run([str(members), "--history", str(past)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "past.csv, row 3: unknown member id 'zed'" in err


def test_runs_as_a_module(tmp_path: Path) -> None:
    members = _write(tmp_path, "members.csv", MEMBERS)
    done = subprocess.run(
        [sys.executable, "-m", "bot.matching.csv_command", str(members)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stats"]["members"] == 4


def test_same_groups_in_every_process(tmp_path: Path) -> None:
    """Set iteration order changes between processes (hash seeds); the groups must not."""
    skills = [
        "seo",
        "tax advice",
        "web development",
        "pitch coaching",
        "contract law",
        "ux",
        "python data pipelines",
        "seed funding",
        "hiring engineers",
        "podcast editing",
        "Shopify store",
        "kubernetes",
        "copywriting",
    ]
    rows = ["id,name,offers,needs,goal"]
    for i in range(420):  # above the complete-graph limit: the sparse path is exercised
        offers = f"I do {skills[i % 13]};{skills[(i * 7) % 11]} and {skills[(i * 3) % 13]}"
        needs = f"need {skills[(i * 5 + 1) % 13]};{skills[(i * 11 + 4) % 12]}"
        rows.append(f"m{i},M{i},{offers},{needs},{skills[(i * 2) % 9]} startup")
    members = _write(tmp_path, "members.csv", "\n".join(rows) + "\n")
    outputs = []
    for hash_seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "bot.matching.csv_command", str(members), "--seed", "3"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
            check=True,
            env={"PYTHONHASHSEED": hash_seed, "PATH": ""},
        )
        out = json.loads(done.stdout)
        del out["stats"]["seconds"]
        outputs.append(out)
    assert outputs[0] == outputs[1]
