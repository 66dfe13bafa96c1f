"""The coordinator's /schools: the municipality's schools, adding one, inviting its curator."""

from __future__ import annotations

from bot.conversation import (
    Action,
    Button,
    Command,
    Context,
    FlowData,
    Message,
    Router,
    Step,
    Text,
    Views,
    phrase,
    rows,
)
from bot.domain.errors import InvalidInput, NotFound
from bot.domain.roles import Role
from bot.domain.schools import SchoolKind
from bot.services import matching, schools
from bot.services.invites import create_school_invite
from handlers.invites import invite_message
from handlers.menu import MenuAction
from handlers.registry import RegistryCb
from handlers.reports import ReportCb

router = Router(__name__, access=frozenset({Role.COORDINATOR, Role.ADMIN}))


class MunicipalityCb(Action, prefix="mu"):
    id: int


class SchoolCb(Action, prefix="s"):
    action: str  # "open" | "add" (id = municipality) | "curator" (invite a curator)
    id: int


class KindCb(Action, prefix="k"):
    kind: str


class ParentCb(Action, prefix="p"):
    id: int  # 0 = an independent school


class PoolCb(Action, prefix="xu"):
    """Open (on=1) or close the municipal pool of mentors for matching."""

    m: int
    on: int


class AddSchoolData(FlowData):
    municipality_id: int
    name: str = ""
    short_name: str = ""
    kind: str = ""


ADD_NAME = Step("AddSchool:name")
ADD_SHORT_NAME = Step("AddSchool:short_name")
ADD_KIND = Step("AddSchool:kind")
ADD_PARENT = Step("AddSchool:parent")


def _typed(answer: object) -> str | None:
    return answer.text if isinstance(answer, Text) else None


# the municipality and its schools


async def _municipality(ctx: Context, municipality_id: int) -> Message:
    municipality = await ctx.uow.schools.get_municipality(municipality_id)
    if municipality is None:
        raise NotFound()
    items = await schools.list_schools(ctx.uow, ctx.me, municipality_id)
    pooled = await matching.pool_enabled(ctx.uow, municipality_id)
    buttons = [
        *(Button.of(school.short_name, SchoolCb(action="open", id=school.id)) for school in items),
        ctx.button("schools-add", SchoolCb(action="add", id=municipality_id)),
        # the forms' title: the name in the genitive case, shown as it will print
        ctx.button(
            "report-set-genitive", ReportCb(municipality_id=municipality_id, action="genitive")
        ),
        ctx.button(
            "match-pool-button", PoolCb(m=municipality_id, on=int(not pooled)), enabled=int(pooled)
        ),
    ]
    key = "schools-list" if items else "schools-empty"
    return ctx.reply(key, buttons=rows(buttons), municipality=municipality.name, count=len(items))


async def _schools_entry(ctx: Context) -> Message:
    municipalities = await schools.municipalities_of(ctx.uow, ctx.me)
    if len(municipalities) == 1:
        return await _municipality(ctx, municipalities[0].id)
    buttons = [Button.of(m.name, MunicipalityCb(id=m.id)) for m in municipalities]
    return ctx.reply("schools-pick-municipality", buttons=rows(buttons))


@router.command("schools")
async def schools_command(ctx: Context, _: Command) -> Views:
    return await _schools_entry(ctx)


@router.press(MenuAction, action="schools")
async def schools_button(ctx: Context, _: MenuAction) -> Views:
    return await _schools_entry(ctx)


@router.press(MunicipalityCb)
async def municipality_chosen(ctx: Context, chosen: MunicipalityCb) -> Views:
    return await _municipality(ctx, chosen.id)


@router.press(PoolCb)
async def pool_toggle(ctx: Context, chosen: PoolCb) -> Views:
    await matching.set_pool(ctx.uow, ctx.me, chosen.m, bool(chosen.on), ctx.now())
    return [ctx.reply("match-pool-set", enabled=chosen.on), await _municipality(ctx, chosen.m)]


async def _school(ctx: Context, school_id: int) -> Message:
    school = await schools.get_school(ctx.uow, ctx.me, school_id)
    parent = await ctx.uow.schools.get_school(school.parent_id) if school.parent_id else None
    buttons = (
        (ctx.button("schools-invite-curator", SchoolCb(action="curator", id=school.id)),),
        (ctx.button("registry-open", RegistryCb(action="open", school_id=school.id)),),
    )
    return ctx.reply(
        "school-card",
        buttons=buttons,
        name=school.name,
        short_name=school.short_name,
        kind=ctx.t(f"school-kind-{school.kind.value}"),
        parent=parent.short_name if parent else "-",
    )


@router.press(SchoolCb, action="open")
async def school_open(ctx: Context, chosen: SchoolCb) -> Views:
    return await _school(ctx, chosen.id)


@router.press(SchoolCb, action="curator")
async def invite_curator(ctx: Context, chosen: SchoolCb) -> Views:
    created = await create_school_invite(
        ctx.uow, ctx.me, Role.CURATOR, chosen.id, ctx.now(), ctx.config.invite_ttl, shared=False
    )
    return await invite_message(ctx, created)


# adding a school: its name, short name, kind and the school it is a branch of


@router.press(SchoolCb, action="add")
async def add_school_start(ctx: Context, chosen: SchoolCb) -> Views:
    await schools.list_schools(ctx.uow, ctx.me, chosen.id)  # access check before asking anything
    await ctx.state.go(ADD_NAME, AddSchoolData(municipality_id=chosen.id))
    return ctx.reply("schools-ask-name")


def _reask(error: InvalidInput, question: str) -> Views:
    return [Message(phrase(error.key, **error.params)), Message(phrase(question))]


@router.text(ADD_NAME)
@router.upload(ADD_NAME)
@router.other(ADD_NAME)
async def add_school_name(ctx: Context, answer: object) -> Views:
    try:
        name = schools.check_school_name(_typed(answer))
    except InvalidInput as error:
        return _reask(error, "schools-ask-name")
    data = ctx.state.data(AddSchoolData)
    await ctx.state.go(ADD_SHORT_NAME, data.model_copy(update={"name": name}))
    return ctx.reply("schools-ask-short-name")


@router.text(ADD_SHORT_NAME)
@router.upload(ADD_SHORT_NAME)
@router.other(ADD_SHORT_NAME)
async def add_school_short_name(ctx: Context, answer: object) -> Views:
    try:
        short_name = schools.check_short_name(_typed(answer))
    except InvalidInput as error:
        return _reask(error, "schools-ask-short-name")
    data = ctx.state.data(AddSchoolData)
    await ctx.state.go(ADD_KIND, data.model_copy(update={"short_name": short_name}))
    kinds = [
        ctx.button(f"school-kind-{kind.value}", KindCb(kind=kind.value)) for kind in SchoolKind
    ]
    return ctx.reply("schools-ask-kind", buttons=rows(kinds))


@router.text((ADD_KIND, ADD_PARENT))
@router.upload((ADD_KIND, ADD_PARENT))
@router.other((ADD_KIND, ADD_PARENT))
async def add_school_expects_button(ctx: Context, _: object) -> Views:
    return ctx.reply("input-use-buttons")


@router.press(KindCb, kind={k.value for k in SchoolKind}, step=ADD_KIND)
async def add_school_kind(ctx: Context, chosen: KindCb) -> Views:
    data = ctx.state.data(AddSchoolData).model_copy(update={"kind": chosen.kind})
    existing = await schools.list_schools(ctx.uow, ctx.me, data.municipality_id)
    if not existing:
        return await _finish_add(ctx, data, parent_id=None)
    await ctx.state.go(ADD_PARENT, data)
    buttons = [
        ctx.button("schools-parent-none", ParentCb(id=0)),
        *(Button.of(school.short_name, ParentCb(id=school.id)) for school in existing),
    ]
    return ctx.reply("schools-ask-parent", buttons=rows(buttons))


@router.press(ParentCb, step=ADD_PARENT)
async def add_school_parent(ctx: Context, chosen: ParentCb) -> Views:
    return await _finish_add(ctx, ctx.state.data(AddSchoolData), parent_id=chosen.id or None)


async def _finish_add(ctx: Context, data: AddSchoolData, parent_id: int | None) -> Views:
    try:
        school = await schools.add_school(
            ctx.uow,
            ctx.me,
            data.municipality_id,
            data.name,
            data.short_name,
            SchoolKind(data.kind),
            parent_id,
            ctx.now(),
        )
    except InvalidInput as error:  # e.g. the same name added meanwhile: ask for another name
        await ctx.state.go(ADD_NAME, data)
        return _reask(error, "schools-ask-name")
    await ctx.state.end()
    return [ctx.reply("schools-added", name=school.short_name), await _school(ctx, school.id)]
