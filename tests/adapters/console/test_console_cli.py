"""The real `partnerbot` entry point as a subprocess, scripted through standard input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "partnerbot"
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "adapters.cli"]
ROOT = Path(__file__).resolve().parents[3]


def partnerbot(tmp_path: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ENTRY, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        # No .env and no inherited settings; the source tree stays importable when the package
        # is not installed (python -m adapters.cli).
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded demo database shared by the read-only console tests (seeding takes a second)."""
    folder = tmp_path_factory.mktemp("demo")
    result = partnerbot(folder, "demo", "--as", "Guest", stdin="/help\n")
    assert result.returncode == 0, result.stderr
    return folder


def test_scripted_offer_then_board_search_names_the_post(demo_dir: Path) -> None:
    result = partnerbot(
        demo_dir, "demo", "--as", "Ana", stdin="/offer Python data pipelines\n/board offers python\n"
    )
    assert result.returncode == 0, result.stderr
    posted = result.stdout.split("\n\n")[0]
    assert "Posted offer #" in posted
    number = posted.split("#")[1].split()[0]
    assert f"• #{number} Offer · Ana" in result.stdout
    assert "Python data pipelines" in result.stdout


def test_demo_community_has_forty_members_with_intros(demo_dir: Path) -> None:
    result = partnerbot(
        demo_dir, "demo", "--as", "Guest", stdin="/profile Lena Hoffmann\n/board needs website\n"
    )
    assert "What I am working on:" in result.stdout
    assert "Lena Hoffmann" in result.stdout
    assert "Need ·" in result.stdout


def test_switching_member_and_clicking_a_choice(demo_dir: Path) -> None:
    posted = partnerbot(demo_dir, "demo", stdin="/as Zoe New\n/offer Grant writing for nonprofits\n")
    assert "You are Zoe New." in posted.stdout
    choice = re.search(r"\[(\d+)\] Mark fulfilled", posted.stdout)
    assert choice is not None, posted.stdout
    # The numbers of the choices belong to the last reply shown, so post again in one session.
    script = (
        f"/as Zoe New\n/offer Grant writing for charities\n/click {choice.group(1)}\n"
        "/board grant writing charities\n"
    )
    result = partnerbot(demo_dir, "demo", stdin=script)
    assert "Marked offer #" in result.stdout
    assert "Nothing on the board matches" in result.stdout


def test_intro_form_is_answered_line_by_line(tmp_path: Path) -> None:
    answers = [
        "Industrial designer",
        "A modular chair for small flats",
        "A manufacturer who can do short runs",
        "Furniture that ships flat",
        "",
        "design, cad",
        "Europe/Madrid",
        "Spanish, English",
        "https://example.com/marta",
    ]
    script = "/intro\n" + "\n".join(answers) + "\n/profile\n"
    result = partnerbot(tmp_path, "console", "--db", "c.db", "--as", "Marta Ruiz", stdin=script)
    assert result.returncode == 0, result.stderr
    assert "Saved your intro: Marta Ruiz" in result.stdout
    assert "Timezone: Europe/Madrid" in result.stdout


def test_bad_input_is_one_sentence_and_mentions_are_inert(tmp_path: Path) -> None:
    script = "/offer\n/profile Nobody Here\nhello\n/offer Ping @everyone and <@123>\n/board\n"
    result = partnerbot(tmp_path, "console", "--db", "c.db", "--as", "Ana", stdin=script)
    assert "✗ Please say what you offer." in result.stdout
    assert "✗ No member called “Nobody Here”" in result.stdout
    assert "✗ Commands start with a slash" in result.stdout
    assert "@everyone" not in result.stdout and "<@123>" not in result.stdout
    assert "@\u200beveryone" in result.stdout


def test_export_prints_the_members_data_as_json(tmp_path: Path) -> None:
    script = "/offer Logo design\n/my-data export\n"
    result = partnerbot(tmp_path, "console", "--db", "c.db", "--as", "Ana", stdin=script)
    document = result.stdout.split("── partnerbot-ana.json ──\n", 1)[1]
    assert json.loads(document)["data"]["posts"][0]["text"] == "Logo design"


def test_a_scheduled_round_reaches_members_inboxes_as_the_clock_moves(tmp_path: Path) -> None:
    script = "/rounds schedule weekly tuesday 09:00 UTC\n/clock +2d\n/as Lena Hoffmann\n/inbox\n/click 2\n"
    result = partnerbot(
        tmp_path,
        "demo",
        "--as",
        "Ben",
        "--manager",
        "--clock",
        "2026-11-23T08:00:00+00:00",
        stdin=script,
    )
    assert result.returncode == 0, result.stderr
    assert "Match rounds scheduled: weekly on Tuesday at 09:00 (UTC)" in result.stdout
    assert "It is now 2026-11-25T08:00+00:00." in result.stdout
    inbox = result.stdout.split("Inbox of Lena Hoffmann", 1)[1]
    assert "A match round starts tomorrow" in inbox
    assert "Your match this round:" in inbox and "Conversation starter:" in inbox
    assert "[2] We met" in inbox
    assert "✓ Great, glad you met!" in inbox


def test_the_clock_only_moves_in_a_console_started_with_one(tmp_path: Path) -> None:
    result = partnerbot(tmp_path, "console", "--db", "c.db", stdin="/clock +1d\n/inbox\n")
    assert "✗ The clock only moves in a console started with --clock" in result.stdout
    assert "Your inbox is empty." in result.stdout
