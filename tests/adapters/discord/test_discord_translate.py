"""Pure translation rules: custom ids, modal values, command lines, manager checks, nonces, choices."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.discord.translate import (
    CUSTOM_ID_MAX,
    command_line,
    decode_button,
    decode_form,
    encode_button,
    encode_form,
    is_manager,
    modal_values,
    nonce_for,
    setup_lines,
    snowflake,
    tag_choices,
    timezone_choices,
)

ACTIONS = st.from_regex(r"[a-z][a-z0-9_.\-]{0,20}", fullmatch=True)


@given(ACTIONS, st.text(max_size=60), st.one_of(st.none(), st.integers(1, 10**19)))
def test_a_button_id_gives_back_its_action_value_and_server(action, value, guild):
    assert decode_button(encode_button(action, value, guild)) == (guild, action, value)


def test_a_long_search_is_cut_at_a_word_to_fit_discords_limit():
    custom_id = encode_button("board.page", "2 offers " + "pitch decks " * 20)
    assert len(custom_id) <= CUSTOM_ID_MAX
    assert custom_id.endswith("decks") or custom_id.endswith("pitch")


def test_foreign_custom_ids_are_not_ours():
    assert decode_button("some-other-bot:thing") is None
    assert decode_form("pb:intro.open:") is None
    assert decode_form(encode_form("intro.save", 1)) == (None, "intro.save", 1)
    assert decode_form(encode_form("intro.save", 0, 42)) == (42, "intro.save", 0)


def test_modal_values_from_action_rows_and_labels():
    components = [
        {"type": 1, "components": [{"type": 4, "custom_id": "headline", "value": "CFO"}]},
        {"type": 18, "component": {"type": 4, "custom_id": "skills", "value": "finance"}},
    ]
    assert modal_values(components) == {"headline": "CFO", "skills": "finance"}


def test_command_lines_skip_missing_options_and_fold_whitespace():
    assert command_line("board", None, "python   data ") == "/board python data"
    assert command_line("rounds", "schedule", "weekly", "monday", "09:00", "UTC", None) == (
        "/rounds schedule weekly monday 09:00 UTC"
    )
    assert setup_lines({"matches_channel": 5, "intro_channel": None, "manager_role": 7}) == [
        "/community setup matches_channel 5",
        "/community setup manager_role 7",
    ]
    assert setup_lines({}) == ["/community setup"]


def test_manager_is_manage_server_or_the_configured_role():
    assert is_manager(True, [], None)
    assert is_manager(False, [7, 9], "<@&9>")
    assert is_manager(False, [9], 9)
    assert not is_manager(False, [7], "9")
    assert not is_manager(False, [1], True)  # a stray boolean is not role 1
    assert snowflake({"id": 3}) is None


@given(st.text(min_size=1, max_size=300))
def test_nonces_fit_discords_25_characters_and_differ_per_key(key):
    assert len(nonce_for(key)) == 25
    assert nonce_for(key) != nonce_for(key + ":dm:1")


def test_timezone_choices_prefer_city_prefixes():
    assert timezone_choices("berl")[0] == "Europe/Berlin"
    assert len(timezone_choices("")) == 25
    assert timezone_choices("no such place") == []


def test_tag_choices_complete_the_phrase_after_the_last_comma():
    tags = ["pitch decks", "python", "spitfire repair"]
    assert tag_choices(tags, "python, pi") == ["python, pitch decks", "python, spitfire repair"]
    assert tag_choices(tags, "PY") == ["python"]
