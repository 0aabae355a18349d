"""`partnerbot match`: run the matching engine on CSV files and print the groups as JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bot.matching.engine import make_groups
from bot.matching.model import Candidate, MatchInput, MatchResult, MatchSettings, PastPairing

MEMBER_COLUMNS = ("id", "name", "offers", "needs")
PAIR_COLUMNS = ("a", "b")


class InputFileError(Exception):
    """A problem with an input file, worded for the person who wrote the file."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("members", type=Path, help="CSV with id,name,offers,needs[,goal,...]")
    parser.add_argument("--history", type=Path, help="CSV of past pairs: a,b[,round]")
    parser.add_argument("--blocks", type=Path, help="CSV of blocked pairs: a,b")
    parser.add_argument("--group-size", type=int, choices=(2, 3), default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the JSON here instead of stdout")


def run(argv: list[str]) -> int:
    """Entry point; returns the exit code (2 for a bad input file, with one line on stderr)."""
    parser = argparse.ArgumentParser(prog="partnerbot match", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        members = read_members(args.members)
        known = {c.member_id for c in members}
        history = read_history(args.history, known) if args.history else ()
        blocks = read_blocks(args.blocks, known) if args.blocks else frozenset()
    except InputFileError as err:
        print(f"partnerbot match: {err}", file=sys.stderr)
        return 2
    match_input = MatchInput(
        candidates=members,
        history=history,
        blocks=blocks,
        settings=MatchSettings(group_size=args.group_size, seed=args.seed),
    )
    started = time.perf_counter()
    result = make_groups(match_input)
    payload = to_json(result, len(members), time.perf_counter() - started)
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


def to_json(result: MatchResult, n_members: int, seconds: float) -> dict[str, object]:
    groups = [
        {
            "members": list(g.members),
            "score": g.score,
            "reasons": list(g.reasons),
            "starter": g.starter,
        }
        for g in result.groups
    ]
    return {
        "groups": groups,
        "unmatched": [{"member": u.member_id, "reason": u.reason} for u in result.unmatched],
        "stats": {
            "members": n_members,
            "groups": len(groups),
            "total_score": round(result.total_score, 4),
            "seconds": round(seconds, 3),
        },
    }


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; every problem names the file and the row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputFileError(f"{path}: file not found") from None
    except UnicodeDecodeError as err:
        raise InputFileError(
            f"{path}: not UTF-8 text (bad byte at position {err.start}); save it as UTF-8 CSV"
        ) from None
    if not text.strip():
        raise InputFileError(f"{path}: the file is empty; expected a header row {','.join(required)}")
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputFileError(f"{path}, row 1: missing column(s) {', '.join(missing)}")
    reader.fieldnames = header
    for row in reader:
        if None in row:
            raise InputFileError(f"{path}, row {reader.line_num}: more fields than the header")
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(";") if p.strip())


def read_members(path: Path) -> tuple[Candidate, ...]:
    members: list[Candidate] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, MEMBER_COLUMNS):
        member_id = row["id"]
        if not member_id:
            raise InputFileError(f"{path}, row {line}: empty id")
        if member_id in seen:
            raise InputFileError(
                f"{path}, row {line}: duplicate id {member_id!r} (first on row {seen[member_id]})"
            )
        seen[member_id] = line
        members.append(
            Candidate(
                member_id=member_id,
                name=row["name"] or member_id,
                offers=_split(row["offers"]),
                needs=_split(row["needs"]),
                goal=row.get("goal", ""),
                unique=row.get("unique", ""),
                timezone=row.get("timezone") or None,
                languages=_split(row.get("languages", "")),
            )
        )
    if not members:
        raise InputFileError(f"{path}: no members after the header row")
    return tuple(members)


def _pairs(path: Path, known: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    for line, row in _rows(path, PAIR_COLUMNS):
        for col in PAIR_COLUMNS:
            if row[col] not in known:
                raise InputFileError(f"{path}, row {line}: unknown member id {row[col]!r} in column {col}")
        yield line, row


def read_history(path: Path, known: set[str]) -> tuple[PastPairing, ...]:
    """Past pairs; a ``round`` column (higher = more recent) becomes rounds_ago."""
    rows: list[tuple[str, str, int]] = []
    for line, row in _pairs(path, known):
        raw = row.get("round", "")
        try:
            round_no = int(raw) if raw else 0
        except ValueError:
            raise InputFileError(f"{path}, row {line}: round {raw!r} is not a whole number") from None
        rows.append((row["a"], row["b"], round_no))
    latest = max((r for _, _, r in rows), default=0)
    return tuple(PastPairing(a, b, rounds_ago=latest - r) for a, b, r in rows)


def read_blocks(path: Path, known: set[str]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset((row["a"], row["b"])) for _, row in _pairs(path, known))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
