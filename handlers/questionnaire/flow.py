"""Rendering one question (progress, text, hint, buttons), the summary, and the moves every
step of the flow shares: ask, continue at the first unanswered question, refuse and re-ask."""

from __future__ import annotations

import functools

from bot.conversation import Button, Context, Message, Views, phrase, rows
from bot.conversation.views import Rows
from bot.domain.questionnaire import (
    YES_NO_BUTTONS,
    DateQuestion,
    IntegerQuestion,
    MessageRef,
    MultiChoiceQuestion,
    Question,
    ScaleQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
    next_question,
    scale_codes,
    summary,
    visible_questions,
)
from bot.services import questionnaires
from bot.services.questionnaires import Filling
from handlers.questionnaire.callbacks import (
    ANSWERING,
    Answering,
    QChangeCb,
    QDoneCb,
    QOptCb,
    QSendCb,
    QSkipCb,
    QStartCb,
)

SUMMARY_LIMIT = 4000


async def load(ctx: Context, response_id: int) -> Filling:
    """The person's own response `response_id`, fitted to the current questionnaire."""
    return await questionnaires.load_current(ctx.uow, ctx.me, response_id)


def start_button(ctx: Context, school_id: int, code: str, key: str) -> Rows:
    """The button that opens (or resumes) a questionnaire."""
    return ((ctx.button(key, QStartCb(s=school_id, c=code)),),)


def _label(ctx: Context, ref: str | MessageRef) -> str:
    return ref if isinstance(ref, str) else ctx.t(ref.key, **dict(ref.params))


def answer_buttons(ctx: Context, question: Question) -> list[tuple[str, str]]:
    """(code, label) of the answer buttons of a question, in order; positions go to actions."""
    if isinstance(question, SingleChoiceQuestion | MultiChoiceQuestion):
        return [(o.code, o.label.resolve(ctx.locale)) for o in question.options]
    if isinstance(question, ScaleQuestion):
        return [(code, code) for code in scale_codes(question)]
    if isinstance(question, YesNoQuestion):
        return [(code, _label(ctx, ref)) for code, ref in YES_NO_BUTTONS]
    return []


def _hint_key(question: Question) -> tuple[str, dict[str, int | str]]:
    if isinstance(question, MultiChoiceQuestion):
        return "profile-how-multi", {"max": question.max_allowed}
    if isinstance(question, IntegerQuestion):
        return "profile-how-integer", {"min": question.min_value, "max": question.max_value}
    if isinstance(question, DateQuestion):
        return "profile-how-date", {}
    if isinstance(question, TextQuestion):
        return "profile-how-text", {"max": question.max_length}
    return "profile-how-buttons", {}


def _question_text(ctx: Context, filling: Filling, question: Question) -> str:
    visible = visible_questions(filling.definition, filling.answers)
    number = next((i for i, q in enumerate(visible, 1) if q.id == question.id), len(visible))
    parts = [
        ctx.t("profile-progress", number=number, total=len(visible)),
        question.text.resolve(ctx.locale),
    ]
    if question.hint is not None:
        parts.append(question.hint.resolve(ctx.locale))
    key, params = _hint_key(question)
    parts.append(ctx.t(key, **params))
    return "\n\n".join(parts)


def question_buttons(
    ctx: Context, filling: Filling, question: Question, selection: list[str]
) -> Rows:
    """Answer buttons in rows (5 scale values, yes and no side by side, else one a row), then
    «Готово» and «Пропустить»."""
    position = filling.definition.ids.index(question.id)
    response_id = filling.response_id
    labels = answer_buttons(ctx, question)
    options = [
        Button(f"{'✅ ' if code in selection else ''}{label}", data)
        for (code, label), data in zip(
            labels, _option_data(response_id, position, len(labels)), strict=True
        )
    ]
    width = 1
    if isinstance(question, ScaleQuestion):
        width = 5
    elif isinstance(question, YesNoQuestion):
        width = 2
    extra: list[Button] = []
    if isinstance(question, MultiChoiceQuestion):
        extra.append(ctx.button("profile-done", QDoneCb(r=response_id, q=position)))
    if question.optional:
        extra.append(ctx.button("profile-skip", QSkipCb(r=response_id, q=position)))
    return rows(options, width) + rows(extra)


@functools.lru_cache(maxsize=1024)
def _option_data(response_id: int, position: int, count: int) -> tuple[str, ...]:
    """The options' packed actions of one question: the same at every tick of a checklist (two
    dozen subjects), packed once (packing builds and validates a model per button)."""
    return tuple(QOptCb(r=response_id, q=position, o=index).pack() for index in range(count))


def stored_selection(filling: Filling, question: Question) -> list[str]:
    value = filling.answers.get(question.id)
    return list(value) if isinstance(value, tuple) else []


async def ask(
    ctx: Context,
    filling: Filling,
    question: Question,
    selection: list[str] | None = None,
    *,
    edit: bool = False,
) -> Message:
    """Ask `question` (ticks: `selection`, else the stored answer's); `edit`: instead of the
    question whose button was pressed, so answering with buttons stays one message."""
    chosen = stored_selection(filling, question) if selection is None else selection
    position = filling.definition.ids.index(question.id)
    await ctx.state.go(ANSWERING, Answering(r=filling.response_id, q=position, sel=chosen))
    buttons = question_buttons(ctx, filling, question, chosen)
    return Message(_question_text(ctx, filling, question), buttons, edit)


def summary_text(ctx: Context, filling: Filling) -> str:
    lines = [filling.definition.title.resolve(ctx.locale)]
    for number, item in enumerate(summary(filling.definition, filling.answers, ctx.locale), 1):
        lines.append(f"{number}. {item.question_text}\n— {_label(ctx, item.answer)}")
    key = "profile-summary-submitted" if filling.submitted else "profile-summary-draft"
    lines.append(ctx.t(key))
    text = "\n\n".join(lines)
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1] + "…"


async def show_summary(ctx: Context, filling: Filling, *, edit: bool = False) -> Message:
    await ctx.state.end()
    buttons = (
        (ctx.button("profile-change", QChangeCb(r=filling.response_id)),),
        (ctx.button("profile-send", QSendCb(r=filling.response_id)),),
    )
    return Message(summary_text(ctx, filling), buttons, edit)


async def continue_flow(ctx: Context, filling: Filling, *, edit: bool = False) -> Message:
    """The first unanswered question, or the summary when there is none; `edit` as in ask."""
    question = next_question(filling.definition, filling.answers)
    if question is None:
        return await show_summary(ctx, filling, edit=edit)
    return await ask(ctx, filling, question, edit=edit)


def current_question(filling: Filling, position: int) -> Question | None:
    """The question at `position` if it is still visible (a button from an old question is not)."""
    if not 0 <= position < len(filling.definition.questions):
        return None
    question = filling.definition.questions[position]
    visible = {q.id for q in visible_questions(filling.definition, filling.answers)}
    return question if question.id in visible else None


def asked(ctx: Context) -> Answering:
    """The question the person was asked (nothing when they are in no question)."""
    return ctx.state.data(Answering) if ctx.state.at(ANSWERING) else Answering()


async def refuse(ctx: Context, filling: Filling, key: str, params: dict[str, object]) -> Views:
    """Say why (`key`), then ask the question asked before again with its ticks (or the first
    unanswered one when it is no longer current)."""
    data = asked(ctx)
    question = current_question(filling, data.q) if data.r == filling.response_id else None
    if question is None:
        again = await continue_flow(ctx, filling)
    else:
        again = await ask(ctx, filling, question, list(data.sel))
    return [Message(phrase(key, **params)), again]
