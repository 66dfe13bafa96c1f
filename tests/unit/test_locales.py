"""Every sentence exists in both languages, and the code asks only for keys that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from fluent.syntax import ast as fluent_ast
from fluent.syntax import parse

from locales import LOCALES_DIR, SUPPORTED_LOCALES

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


def _messages(locale: str) -> dict[str, set[str]]:
    """Message id -> the variables it uses, over every .ftl file of the locale."""
    result: dict[str, set[str]] = {}
    for path in sorted((LOCALES_DIR / locale).glob("*.ftl")):
        resource = parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, fluent_ast.Junk)]
        assert not junk, f"{path}: unparsable entry {junk[0].content[:80]!r}"
        for entry in resource.body:
            if isinstance(entry, fluent_ast.Message):
                assert entry.id.name not in result, f"{entry.id.name} defined twice in {locale}"
                result[entry.id.name] = set(
                    re.findall(r"\{\s*\$([a-z_]+)", fluent_serialize(entry))
                )
    return result


def fluent_serialize(entry: fluent_ast.Message) -> str:
    from fluent.syntax import serialize

    return serialize(fluent_ast.Resource([entry]))


def _code_keys() -> set[str]:
    """String keys passed to i18n.get(...) / DomainError(key=...) and f-string key families."""
    keys: set[str] = set()
    for folder in ("bot", "handlers", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and node.args:
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    first = node.args[0]
                    if (
                        name in {"get", "InvalidInput", "DomainError"}
                        and isinstance(first, ast.Constant)
                        and isinstance(first.value, str)
                        and KEY.match(first.value)
                    ):
                        keys.add(first.value)
                if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "default_key" for t in node.targets
                ):
                    assert isinstance(node.value, ast.Constant)
                    keys.add(str(node.value.value))
    return keys


def test_both_locales_have_the_same_keys_and_variables() -> None:
    ru, en = (_messages(locale) for locale in SUPPORTED_LOCALES)
    assert sorted(set(ru) ^ set(en)) == []
    mismatched = {k: (ru[k], en[k]) for k in ru if ru[k] != en[k]}
    assert mismatched == {}


def test_every_key_the_code_uses_exists() -> None:
    known = set(_messages("ru"))
    used = _code_keys()
    assert used, "the scan found no keys: it is broken"
    assert sorted(used - known) == []


def test_key_families_built_at_run_time_exist() -> None:
    """Keys assembled from enums (roles, school kinds, menu and command names)."""
    from bot.domain.roles import Role
    from bot.domain.schools import SchoolKind
    from handlers.invites import INVITABLE
    from handlers.menu import COMMANDS, HELP_SECTIONS, MENU_BUTTONS

    known = set(_messages("ru"))
    expected = {f"role-{r.value}" for r in Role} | {f"school-kind-{k.value}" for k in SchoolKind}
    expected |= {key for key, _ in HELP_SECTIONS}
    expected |= {f"language-name-{code}" for code in SUPPORTED_LOCALES}
    expected |= {f"menu-{name}" for name, _ in MENU_BUTTONS} | {
        f"cmd-{name}" for name, _ in COMMANDS
    }
    expected |= {
        f"invite-button-{r.value}-{kind}" for r in INVITABLE for kind in ("personal", "shared")
    }
    expected |= _pair_life_families()
    expected |= _questionnaire_and_matching_families()
    expected |= _survey_families()
    assert sorted(expected - known) == []


def _questionnaire_and_matching_families() -> set[str]:
    """Keys the questionnaire, bank, preference and matching handlers pick at run time."""
    from bot.services.matching import MODES
    from handlers.matching import FORMS, KINDS, STEPS

    keys = {f"match-form-{f.value}" for f in FORMS} | {f"match-kind-{k.value}" for k in KINDS}
    keys |= {f"match-mode-{m}" for m in MODES} | {f"match-mode-{m}-pool" for m in MODES}
    keys |= set(STEPS) | {"match-approve-pair", "match-approve-group"}
    keys |= {f"bank-line-{status}" for status in ("submitted", "started", "none")}
    keys |= {f"pf-invite-{side}" for side in ("mentor", "mentee")}
    keys |= {"pf-choose-mentors", "pf-choose-mentees", "pf-saved", "pf-saved-nobody"}
    keys |= {f"profile-how-{kind}" for kind in ("multi", "integer", "date", "text", "buttons")}
    keys |= {"profile-status-new", "profile-status-started", "profile-fill", "profile-continue"}
    keys |= {"profile-summary-draft", "profile-summary-submitted"}
    return keys


def _pair_life_families() -> set[str]:
    """The life of a pair: stages, formats, statuses, directions, reasons, reminders, buttons."""
    from bot.domain import mentorship as m
    from bot.domain.reminders import MONITORING_ROUNDS
    from bot.services.meetings import CONFIRM_ANSWERS
    from bot.services.reminders import SNOOZE_DAYS
    from handlers.reminders import KINDS, message_key

    keys = {f"stage-{s.value}" for s in m.MeetingStage} | {
        f"format-{f.value}" for f in m.MeetingFormat
    }
    keys |= {f"meeting-status-{s.value}" for s in m.MeetingStatus}
    keys |= {f"pair-status-{s.value}" for s in m.MentorshipStatus}
    keys |= {f"direction-{d.value}" for d in m.PlanDirection}
    keys |= {f"end-reason-{r.value}" for r in m.EndReason}
    keys |= {f"monitoring-round-{name}" for _, _, name in MONITORING_ROUNDS}
    keys |= {message_key(kind) for kind in KINDS} | {f"snooze-{d}" for d in SNOOZE_DAYS}
    keys |= {f"confirm-button-{a}" for a in CONFIRM_ANSWERS}
    keys |= {f"pair-button-{a}" for a in ("add", "goal", "cad", "mode")}
    keys |= {f"term-result-{r}" for r in ("pending", "applied", "refused")}
    keys |= {f"reminder-term-change-{k}-{a}" for k in ("agree", "approve") for a in ("y", "n")}
    return keys


def _survey_families() -> set[str]:
    """Feedback surveys: fit answers and their thanks, roles in the results."""
    from bot.domain.surveys import FitAnswer

    keys = {f"survey-fit-{a.value}" for a in FitAnswer}
    keys |= {f"survey-fit-thanks-{a.value}" for a in FitAnswer}
    return keys
