"""The access-control matrix: every command and every button × every role, allowed or refused.

The world: school A of municipality M1 (curator 200, mentor 300 in a pair with mentee 401, a
logged and confirmed meeting with the mentee's rating survey, a term change request, a
certificate request, questionnaires, a matching proposal, a preference round, a registry event, a
reminder), school B of the same municipality (curator 210) and a second municipality M2
(coordinator 110). Every button below carries the ids of school A's things, so for the curator of
school B, the coordinator of M2 and the others it is forged data.

A refusal must say so (no rights, stale menu, not understood, invitation only, not your meeting)
and leave every table as it was. The list of commands and buttons is discovered from the
production dispatcher: a new command or a new callback prefix / action fails this test until it
has a row.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from aiogram import Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData, CallbackQueryFilter
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import TelegramMethod
from magic_filter.operations import ComparatorOperation, FunctionOperation, GetAttributeOperation
from sqlalchemy import select, update

from bot.dispatcher import create_i18n_core
from bot.domain.mentorship import OutboxStatus
from bot.domain.monitoring import EventLevel
from bot.services import preferences, registry
from bot.services.identity import load_actor
from db.models import Municipality
from db.models_matching import MatchingProposal, QuestionnaireResponse
from db.models_mentoring import Meeting, OutboxMessage, PlanItem, Program
from db.models_pair_life import TermChange
from db.models_surveys import SurveyRequest
from db.models_years import CertificateRequest
from db.schema import Base
from db.uow import UnitOfWork
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.helpers import (
    add_school,
    coordinator_token,
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    invite_link_text,
    onboard,
    person_row,
    token_from,
)
from tests.integration.test_pair_setup import pair_world

ROLES = ("stranger", "mentee", "mentor", "curator", "curator_b", "coord", "coord_m2")
"""Columns of the matrix: S e m c C k K below."""

# key (what the dispatcher routes on), what is sent ({…}: ids of school A's things),
# then one mark per role: S stranger, e mentee, m mentor, c curator of school A, C curator of
# school B, k coordinator of M1, K coordinator of M2
# "+" allowed, "-" refused, "!" a known gap: answered today as if allowed, must become a refusal
# (listed in the issue; the test fails once it is fixed, so that the mark becomes "-").
# A key may have several rows (read and write variants).
MATRIX = """
/start          /start                        - + + + + + +
/cancel         /cancel                       - + + + + + +
/help           /help                         - + + + + + +
/language       /language                     - + + + + + +
/mydata         /mydata                       - + + + + + +
/forget         /forget                       - + + + + + +
/schools        /schools                      - - - - - + +
/invite         /invite                       - - - + + - -
/registry       /registry                     - - - + + + +
/report         /report                       - - - + + + +
/import         /import                       - - - + + + +
/profile        /profile                      - + + - - - -
/bank           /bank                         - - - + + - -
/match          /match                        - - - + + - -
/preferences    /preferences                  - + + + + - -
/meeting        /meeting                      - + + - - - -
/pair           /pair                         - + + + + + +
/status         /status                       - - - + + + +
m:help          m:help                        - + + + + + +
m:language      m:language                    - + + + + + +
m:mydata        m:mydata                      - + + + + + +
m:schools       m:schools                     - - - - - + +
m:invite        m:invite                      - - - + + - -
m:registry      m:registry                    - - - + + + +
m:report        m:report                      - - - + + + +
m:questionnaire m:questionnaire               - + + - - - -
m:bank          m:bank                        - - - + + - -
m:match         m:match                       - - - + + - -
m:preferences   m:preferences                 - + + + + - -
m:meeting       m:meeting                     - + + - - - -
m:pair          m:pair                        - + + + + + +
m:status        m:status                      - - - + + + +
/surveys        /surveys                      - + + + + + +
/chart          /chart                        - - - + + + +
/certificate    /certificate                  - - + - - - -
/schoolyear     /schoolyear                   - - - - - + +
m:surveys       m:surveys                     - + + + + + +
m:chart         m:chart                       - - - + + + +
m:certificate   m:certificate                 - - + - - - -
m:schoolyear    m:schoolyear                  - - - - - + +
st:m            st:m:{m1}:0                   - - - - - + -
st:s            st:s:{a}:0                    - - - + - + -
st:p            st:p:{a}:0                    - - - + - + -
st:c            st:c:{pair}:0                 - - - + - + -
st:l            st:l:{a}:0                    - - - + - + -
st:n            st:n:{pair}:0                 - - - + - + -
c               c:1                           - - - - - - -
l               l:ru                          - + + + + + +
f               f:0                           - + + + + + +
mu              mu:{m1}                       - - - - - + -
xu              xu:{m1}:1                     - - - - - + -
s:open          s:open:{a}                    - - - - - + -
s:curator       s:curator:{a}                 - - - - - + -
s:add           s:add:{m1}                    - - - - - + -
k:school        k:school                      - - - - - - -
k:kindergarten  k:kindergarten                - - - - - - -
k:other         k:other                       - - - - - - -
p               p:0                           - - - - - - -
i               i:{a}:mentor:0                - - - + - - -
i               i:{a}:mentee:1                - - - + - - -
rg:open         rg:open:{a}:0                 - - - + - + -
rg:order        rg:order:{a}:0                - - - + - + -
rg:contacts     rg:contacts:{a}:0             - - - + - + -
rg:event        rg:event:{a}:0                - - - + - + -
rg:skip         rg:skip:{a}:0                 - - - - - - -
rg:delete       rg:delete:{a}:0               - - - + - + -
lv              lv:school                     - - - - - - -
rp:menu         rp:{m1}:0:0:menu              - - - - - + -
rp:build        rp:{m1}:2026:1:build          - - - - - + -
rp:genitive     rp:{m1}:0:0:genitive          - - - - - + -
im              im:valid                      - - - + + + +
qs              qs:{a}:mentee                 - + - - - - -
qo              qo:{r}:0:1                    - + - - - - -
qd              qd:{r}:0                      - + - - - - -
qk              qk:{r}:0                      - + - - - - -
qc              qc:{r}                        - + - - - - -
qe              qe:{r}:0                      - + - - - - -
qf              qf:{r}                        - + - - - - -
bs              bs:{a}                        - - - + - - -
br              br:{a}                        - - - + - - -
pfo             pfo:{a}                       - - - + - - -
pfn             pfn:{a}                       - - - + - - -
pfs             pfs:{round}:mentee            - + - - - - -
pft             pft:{round}:mentee:{mentor}   - + - - - - -
pfd             pfd:{round}:mentee            - + - - - - -
xo              xo:{a}                        - - - + - - -
xm              xm:{a}:optimal:0              - - - + - - -
xr              xr:{run}                      - - - + - - -
xs              xs:{proposal}                 - - - + - - -
xp              xp:{proposal}:{mentor}        - - - + - - -
xa              xa:{proposal}                 - - - + - - -
xf              xf:1                          - - - - - - -
xk              xk:1                          - - - - - - -
xn              xn                            - - - - - - -
xy              xy:1                          - - - - - - -
pr:open         pr:open:{pair}:               - + + + - - -
pr:items        pr:items:{pair}:              - + + + - - -
pr:done         pr:done:{item}:               - + + - - - -
pr:add          pr:add:{pair}:                - - + + - - -
pr:dir          pr:dir:{pair}:legal           - - - - - - -
pr:nodue        pr:nodue:{pair}:              - - - - - - -
pr:goal         pr:goal:{pair}:               - - + + - - -
pr:cad          pr:cad:{pair}:                - - + + - - -
pr:cad          pr:cad:{pair}:21              - - + + - - -
pr:mode         pr:mode:{pair}:               - - + + - - -
pr:mode         pr:mode:{pair}:online         - - + + - - -
pr:term         pr:term:{pair}:               - + + + - - -
pr:end          pr:end:{pair}:                - + + + - - -
pr:reason       pr:reason:{pair}:mutual       - + + + - - -
pr:notice       pr:notice:{pair}:mutual       - - - - - - -
tc:y            tc:{change}:y                 - + + + - - -
tc:n            tc:{change}:n                 - + + + - - -
mt:start        mt:start:{pair}:              - + + - - - -
mt:note         mt:note:{pair}:               - - - - - - -
mt:nonote       mt:nonote:0:                  - - - - - - -
mt:pair         mt:pair:{pair}:               - - - - - - -
mt:quick        mt:quick:0:intro              - - - - - - -
mt:stage        mt:stage:0:intro              - - - - - - -
mt:date         mt:date:0:t                   - - - - - - -
mt:dur          mt:dur:45:                    - - - - - - -
mt:fmt          mt:fmt:0:online               - - - - - - -
mt:topic        mt:topic:{item}:              - - - - - - -
mt:save         mt:save:0:                    - - - - - - -
mc:y            mc:{meeting}:y                - + - - - - -
mc:n            mc:{meeting}:n                - + - - - - -
mc:d            mc:{meeting}:d                - + - - - - -
rm              rm:{reminder}:1               - - + - - - -
ch:menu         ch:menu:s:{a}                 - - - + - + -
ch:menu         ch:menu:m:{m1}                - - - - - + -
ch:meetings     ch:meetings:s:{a}             - - - + - + -
ch:satisfaction ch:satisfaction:s:{a}         - - - + - + -
ch:pairs        ch:pairs:m:{m1}               - - - - - + -
cr:menu         cr:{a}:2026:menu              - - - + - - -
cr:pairs        cr:{a}:2026:pairs             - - - + - - -
cr:meetings     cr:{a}:2026:meetings          - - - + - - -
cr:programs     cr:{a}:2026:programs          - - - + - - -
cr:surveys      cr:{a}:2026:surveys           - - - + - - -
ce:get          ce:get:{certificate}          - - - - - - -
sv:r            sv:r:{survey}:5:             - - - - - - -
sv:cm           sv:cm:{survey}:0:            - + - - - - -
sv:no           sv:no:{survey}:0:            - + - - - - -
sv:f            sv:f:{survey}:0:good         - - - - - - -
sv:o            sv:o:{survey}:0:             - + - - - - -
sv:a            sv:a:{survey}:0:1            - + - - - - -
sv:s            sv:s:{survey}:0:             - - - - - - -
sv:res          sv:res:{a}:2026:              - - - + - + -
sv:x            sv:x:{a}:2026:                - - - + - + -
sv:cl           sv:cl:{pair}:0:               - - - - - - -
sv:end          sv:end:{pair}:0:              - - - + - - -
cs:up           cs:up:{m1}:0:                 - - - - - + -
cs:card         cs:card:1:0:                  - - - - - - -
cs:send         cs:send:1:0:                  - - - - - - -
cs:rl           cs:rl:1:0:mentor              - - - - - - -
cs:tg           cs:tg:1:{a}:                  - - - - - - -
cs:all          cs:all:1:0:                   - - - - - - -
cs:pg           cs:pg:1:1:                    - - - - - - -
cs:go           cs:go:1:0:                    - - - - - - -
cs:res          cs:res:1:0:                   - - - - - - -
sy:open         sy:open:{m1}:0::0             - - - - - + -
sy:pick         sy:pick:{m1}:2025::0          - - - - - + -
sy:t            sy:t:{a}:0::0                 - - - - - - -
sy:all          sy:all:{m1}:0:carry:0         - - - - - - -
sy:pg           sy:pg:{m1}:0::1               - - - - - - -
sy:sum          sy:sum:{m1}:0::0              - - - - - - -
sy:go           sy:go:{m1}:0::0               - - - - - - -
sy:x            sy:x:{m1}:0::0                - - - - - - -
sy:ask          sy:ask:{m1}:2026:carry:0      - - - - - + -
xj              xj:{proposal}                 - - - + - - -
pfc             pfc:{round}                   - - - + - - -
rg:del          rg:del:{a}:{event}            - - - + - + -
ce:n            ce:n:{certificate}            - - - + - - -
ce:y            ce:y:{certificate}            - - - + - - -
sv:endy         sv:endy:{pair}:0:             - - - + - - -
sy:do           sy:do:{m1}:2026:carry:0       - - - - - + -
f               f:1                           - + + + + + +
"""


MARKS = ("+", "-", "!")


@dataclass(frozen=True)
class Cell:
    key: str
    data: str
    marks: dict[str, str]


def parse_matrix() -> list[Cell]:
    cells = []
    for line in MATRIX.strip().splitlines():
        key, data, *marks = line.split()
        assert len(marks) == len(ROLES) and set(marks) <= set(MARKS), line
        cells.append(Cell(key, data, dict(zip(ROLES, marks, strict=True))))
    return cells


def _routers(router: Router) -> Iterator[Router]:
    yield router
    for child in router.sub_routers:
        yield from _routers(child)


ROUTED_FIELDS = ("action", "answer", "a", "kind")
"""Callback fields whose values select a different handler: each value is its own row."""


def _callback_keys(flt: CallbackQueryFilter) -> set[str]:
    prefix = flt.callback_data.__prefix__
    operations = list(flt.rule._operations) if flt.rule is not None else []
    for attribute, operation in itertools.pairwise(operations):
        if isinstance(attribute, GetAttributeOperation) and attribute.name in ROUTED_FIELDS:
            if isinstance(operation, ComparatorOperation):
                return {f"{prefix}:{operation.right}"}
            if isinstance(operation, FunctionOperation):
                return {f"{prefix}:{value}" for value in operation.args[0]}
    return {prefix}


def callback_classes(harness: Harness) -> dict[str, type[CallbackData]]:
    classes = {}
    for router in _routers(harness.dp):
        for handler in router.callback_query.handlers:
            for flt in handler.filters or []:
                if isinstance(flt.callback, CallbackQueryFilter):
                    classes[flt.callback.callback_data.__prefix__] = flt.callback.callback_data
    return classes


def with_defaults(data: str, classes: dict[str, type[CallbackData]]) -> str:
    """Trailing fields a row leaves out get their defaults, as `pack()` would write them."""
    prefix, *parts = data.split(":")
    fields = list(classes[prefix].model_fields.values()) if prefix in classes else []
    for field in fields[len(parts) :]:
        if field.is_required():
            break
        default = field.get_default()
        parts.append(
            ""
            if default is None
            else str(int(default) if default is True or default is False else default)
        )
    return ":".join([prefix, *parts])


def discovered_keys(harness: Harness) -> set[str]:
    """Every command and every (callback prefix, action) the production dispatcher routes."""
    keys: set[str] = set()
    for router in _routers(harness.dp):
        for handler in router.message.handlers:
            for flt in handler.filters or []:
                if isinstance(flt.callback, Command):
                    keys |= {f"/{c}" for c in flt.callback.commands if isinstance(c, str)}
        for handler in router.callback_query.handlers:
            found: set[str] = set()
            for flt in handler.filters or []:
                if isinstance(flt.callback, CallbackQueryFilter):
                    found |= _callback_keys(flt.callback)
            # `F.action == "order"` beside `F.arg < 5` on the same handler: the action names it.
            routed = {key for key in found if ":" in key}
            keys |= routed or found
    return keys


@dataclass
class World:
    people: dict[str, ChatPerson]
    ids: dict[str, int]


async def _one_id(harness: Harness, statement: Any) -> int:
    async with harness.session_factory() as session:
        found = (await session.execute(statement)).scalars().first()
    assert found is not None, f"the world lacks {statement}"
    return int(found)


async def build_world(harness: Harness) -> World:
    base = await pair_world(harness)
    await fill_mentor_questionnaire(base.mentor)
    await fill_mentee_questionnaire(base.other_mentee)
    await base.mentee.send("/profile")
    await base.mentee.press_button("Заполнить анкету")  # started, not sent
    await base.curator.send("/match")
    await base.curator.press_button("Оптимальный подбор")  # mentor 300 → mentee 402

    coordinator = base.coordinator
    await add_school(coordinator, "Средняя школа номер девять", "СОШ № 9")
    await coordinator.send("/schools")
    await coordinator.press_button("СОШ № 9")
    link = await invite_link_text(coordinator, "Пригласить куратора")
    curator_b = harness.person(210, "Ольга")
    await onboard(curator_b, token_from(link), "Белова Ольга Петровна", "Заместитель директора")
    coord_m2 = harness.person(110, "Рустам")
    token = await coordinator_token(harness, "Тетюшский муниципальный район")
    await onboard(coord_m2, token, "Валиев Рустам Ильдарович", "Начальник отдела образования")

    mentor = base.mentor
    await mentor.send("/meeting")
    await mentor.press_button("✅ Знакомство")
    await mentor.press_button("Вчера")
    await mentor.press_button("60 мин")
    await mentor.press_button("Очно")
    await mentor.send("Ожидания и трудности первого года")
    await mentor.send("Договорились посетить два урока наставника.")
    await mentor.press_button("Сохранить")
    await mentor.press(f"pr:term:{base.mentorship_id}:")
    await mentor.send("01.06.2027")
    await mentor.send("/certificate")  # «Справка о наставнической деятельности», pending
    meeting = await _one_id(harness, select(Meeting.id))
    await base.mentee.press(f"mc:{meeting}:y")  # confirmed: the mentee is asked to rate it

    async with UnitOfWork(harness.session_factory) as uow:
        curator = await load_actor(uow, 200)
        assert curator is not None
        event = await registry.add_event(
            uow,
            curator,
            base.school_id,
            "Семинар наставников",
            EventLevel.MUNICIPAL,
            date(2026, 11, 20),
            None,
            harness.clock.now(),
        )
        round_id, _ = await preferences.open_round(
            uow, curator, base.school_id, harness.clock.now()
        )
        await uow.outbox.enqueue(  # a meeting reminder the mentor got and may put off
            person_id=base.ids[300],
            kind="meeting_due",
            payload={"pair_id": base.mentorship_id, "tz": "Europe/Moscow"},
            due_at=harness.clock.now(),
            now=harness.clock.now(),
        )
        await uow.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.kind == "meeting_due")
            .values(status=OutboxStatus.SENT)
        )
        await uow.commit()
        event_id = event.id

    mentee_row = await person_row(harness, 401)
    assert mentee_row is not None

    def one(statement: Any) -> Awaitable[int]:
        return _one_id(harness, statement)

    ids = {
        "m1": await one(select(Municipality.id).order_by(Municipality.id)),
        "a": base.school_id,
        "pair": base.mentorship_id,
        "mentor": base.ids[300],
        "item": await one(
            select(PlanItem.id)
            .join(Program, Program.id == PlanItem.program_id)
            .where(Program.mentorship_id == base.mentorship_id)
            .order_by(PlanItem.position)
        ),
        "r": await one(
            select(QuestionnaireResponse.id).where(QuestionnaireResponse.person_id == mentee_row.id)
        ),
        "proposal": await one(select(MatchingProposal.id)),
        "run": await one(select(MatchingProposal.run_id)),
        "round": round_id,
        "event": event_id,
        "meeting": await one(select(Meeting.id)),
        "change": await one(select(TermChange.id)),
        "certificate": await one(select(CertificateRequest.id)),
        "survey": await one(  # the mentee's rating of the confirmed meeting
            select(SurveyRequest.id).where(SurveyRequest.person_id == mentee_row.id)
        ),
        "reminder": await one(select(OutboxMessage.id).where(OutboxMessage.kind == "meeting_due")),
    }
    people = {
        "stranger": harness.person(999, "Гость"),
        "mentee": base.mentee,
        "mentor": base.mentor,
        "curator": base.curator,
        "curator_b": curator_b,
        "coord": coordinator,
        "coord_m2": coord_m2,
    }
    return World(people, ids)


async def db_digest(harness: Harness) -> dict[str, str]:
    """A digest of every table's rows, except the processed update ids every update adds."""
    digests = {}
    async with harness.session_factory() as session:
        for table in Base.metadata.sorted_tables:
            if table.name == "processed_update":
                continue
            columns = [c for c in table.columns if c.name != "updated_at"]  # FSM rewrites
            rows = (await session.execute(select(*columns))).all()
            payload = repr(sorted(repr(tuple(row)) for row in rows)).encode()
            digests[table.name] = hashlib.sha256(payload).hexdigest()[:16]
    return digests


async def refusal_texts() -> tuple[str, ...]:
    core = create_i18n_core("ru")
    await core.startup()
    keys = (
        "error-access-denied",
        "error-stale",
        "stray-message",
        "start-stranger",
        "meeting-no-pairs",  # /meeting for someone in no pair
        "meeting-confirm-own",  # only the other side of the pair confirms a meeting
    )
    return tuple(core.get(key, "ru") for key in keys)


async def reset_conversation(harness: Harness, person: ChatPerson) -> None:
    """Each cell starts outside any flow, as a button pressed from an old message would."""
    key = StorageKey(bot_id=harness.bot.id, chat_id=person.user.id, user_id=person.user.id)
    await harness.dp.storage.set_state(key, None)
    await harness.dp.storage.set_data(key, {})


async def _send(person: ChatPerson, data: str) -> list[TelegramMethod[Any]]:
    return await (person.send(data) if data.startswith("/") else person.press(data))


def test_matrix_rows_are_well_formed_and_unique() -> None:
    cells = parse_matrix()
    assert len({(c.key, c.data) for c in cells}) == len(cells)


@pytest.mark.parametrize("role", ROLES)
async def test_access_matrix(harness: Harness, role: str) -> None:
    cells = parse_matrix()
    listed = {cell.key for cell in cells}
    discovered = discovered_keys(harness)
    wrong = [f"{key}: routed by the bot but has no row in MATRIX" for key in discovered - listed]
    wrong += [f"{key}: a row in MATRIX for nothing the bot routes" for key in listed - discovered]

    world = await build_world(harness)
    person = world.people[role]
    classes = callback_classes(harness)
    refusals = await refusal_texts()
    for cell in cells:
        data = cell.data.format(**world.ids)
        data = data if data.startswith("/") else with_defaults(data, classes)
        await reset_conversation(harness, person)
        before = await db_digest(harness)
        replies = await _send(person, data)
        shown = joined(replies)
        refused = any(r in shown for r in refusals)
        mark = cell.marks[role]
        if mark == "!" and refused:
            wrong.append(f"{data}: the known gap is closed now: mark it '-' in MATRIX")
        if mark != "-":
            if mark == "+" and (refused or not replies):
                wrong.append(f"{data}: expected allowed, got {shown[:120]!r}")
            continue
        changed = [t for t, d in (await db_digest(harness)).items() if before.get(t) != d]
        if not refused or changed:
            wrong.append(f"{data}: expected refused, got {shown[:120]!r}, changed {changed}")
    assert not wrong, "\n".join(wrong)
