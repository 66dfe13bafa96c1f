"""Approving pairs: the order typed once (registry and official form read it), defaults in a
few taps, several pairs under one order, the art. 351.8 data completed later from the card."""

from __future__ import annotations

import io
from datetime import date

from aiogram.methods import SendDocument
from aiogram.types import BufferedInputFile
from openpyxl import load_workbook
from sqlalchemy import select

from bot.settings import Settings
from db.models_mentoring import Mentorship
from db.models_registry import PairsOrder
from tests.harness import Harness, joined
from tests.harness import Person as ChatPerson
from tests.integration.helpers import (
    fill_mentee_questionnaire,
    fill_mentor_questionnaire,
    school_with_people,
)
from tests.integration.test_pair_setup import sent_to, sweep


async def _rows(harness: Harness) -> tuple[list[Mentorship], list[PairsOrder]]:
    async with harness.session_factory() as session:
        pairs = (await session.execute(select(Mentorship).order_by(Mentorship.id))).scalars()
        orders = (await session.execute(select(PairsOrder).order_by(PairsOrder.id))).scalars()
        return list(pairs), list(orders)


async def _two_proposals(harness: Harness) -> tuple[ChatPerson, ChatPerson]:
    """Two mentors with one place each and two mentees: two proposals (two mentor cards)."""
    coordinator, curator, _, mentors, mentees = await school_with_people(
        harness, mentors=2, mentees=2
    )
    for mentor in mentors:
        await fill_mentor_questionnaire(mentor, capacity="1")
    for mentee in mentees:
        await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    replies = await curator.press_button("Оптимальный подбор")
    assert "Ждут решения: 2" in joined(replies)
    return coordinator, curator


async def test_order_typed_at_approval_is_the_registrys_and_the_forms(harness: Harness) -> None:
    coordinator, curator, _, (mentor,), (mentee,) = await school_with_people(
        harness, mentors=1, mentees=1
    )
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    await curator.press_button("Утвердить пару")
    await curator.send("20.11.2026")
    await curator.send("№ 112-о")
    await curator.press_button("Внесу позже")

    replies = joined(await curator.send("/registry"))
    assert "Наставнические пары (группы) «педагог – педагог»: приказ от 20.11.2026 № 112-о" in (
        replies
    )
    # The same order typed in /registry again is the same record, not a copy.
    await curator.press_button("Наставнические пары")
    await curator.send("20.11.2026")
    await curator.send("112-о")
    [pair], [order] = await _rows(harness)
    assert pair.order_id == order.id and order.number == "112-о"

    await coordinator.send("/report")
    await coordinator.press_button("Оставить как есть")
    replies = await coordinator.press_button("I полугодие 2026–2027")
    normative = next(m for m in replies if isinstance(m, SendDocument))
    assert isinstance(normative.document, BufferedInputFile)
    sheet = load_workbook(io.BytesIO(normative.document.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[2]
    column = next(i for i, h in enumerate(header) if "о формировании и закреплении" in str(h))
    school_row = next(r for r in rows if r[1] == "МБОУ «ОСОШ № 2»")
    assert school_row[column] == "от 20.11.2026 № 112-о"


async def test_second_pair_takes_the_previous_order_in_two_taps(harness: Harness) -> None:
    _, curator = await _two_proposals(harness)
    # Before: 9 questions (form, kind, order date and number, 5 of art. 351.8). Now the first
    # pair of the year: the order's date (a button), its number, consent later = 3 answers.
    await curator.press_button("Утвердить пару")
    await curator.press_button("Новый приказ от 23.11.2026")
    await curator.send("45-од")
    replies = await curator.press_button("Внесу позже из карточки пары")
    assert "Утверждено" in joined(replies)
    assert "Сведения о согласии наставника (ст. 351.8 ТК РФ) не внесены" in joined(replies)

    # The second pair: the order already typed is one tap, consent later is the other.
    replies = await curator.press_button("Утвердить пару")
    assert "📄 приказ от 23.11.2026 № 45-од" in curator.buttons()
    await curator.press_button("📄 приказ от 23.11.2026 № 45-од")
    replies = await curator.press_button("Внесу позже из карточки пары")
    assert "Утверждено" in joined(replies)
    pairs, [order] = await _rows(harness)
    assert len(pairs) == 2 and {p.order_id for p in pairs} == {order.id}
    assert (order.signed_on, order.number) == (date(2026, 11, 23), "45-од")


async def test_all_proposals_under_one_order(harness: Harness, settings: Settings) -> None:
    _, curator = await _two_proposals(harness)
    replies = await curator.press_button("Утвердить все предложения (2) одним приказом")
    assert "Утверждение одним приказом: 2 пары (группы), 2 наставляемых" in joined(replies)
    await curator.send("21.11.2026")
    replies = await curator.send("46-од")
    text = joined(replies)
    assert text.count("Утверждено: наставник") == 2
    assert "Сведения о согласии наставника" in text and "Приказ об утверждении не" not in text
    assert "Ждут решения: 0. Утверждено: 2" in text
    pairs, [order] = await _rows(harness)
    assert len(pairs) == 2 and {p.order_id for p in pairs} == {order.id}
    assert all(p.mentor_consent_date is None for p in pairs)
    # Both mentors and both mentees are told, through the paced outbox.
    assert (await sweep(harness, settings)).sent == 4
    assert all(sent_to(harness, chat_id) for chat_id in (300, 301, 400, 401))


async def test_papers_completed_later_from_the_pair_card(harness: Harness) -> None:
    _, curator, _, (mentor,), (mentee,) = await school_with_people(harness, mentors=1, mentees=1)
    await fill_mentor_questionnaire(mentor)
    await fill_mentee_questionnaire(mentee)
    await curator.send("/match")
    await curator.press_button("Оптимальный подбор")
    await curator.press_button("Утвердить пару")
    await curator.press_button("Приказа ещё нет")
    replies = await curator.press_button("Внесу позже из карточки пары")
    assert "Приказ об утверждении не внесён. Сведения о согласии наставника" in joined(replies)

    status = joined(await curator.send("/status"))
    assert "без приказа об утверждении — 1, без сведений о согласии наставника" in status
    assert "без приказа — 1" in joined(await curator.send("/registry"))
    card = joined(await curator.send("/pair"))
    assert "⚠️ нет приказа об утверждении пары" in card
    assert "⚠️ нет сведений о согласии наставника" in card
    assert "Приказ и согласие" not in " ".join(mentor.buttons())  # the mentor's card has none
    [pair], _ = await _rows(harness)
    refused = joined(await mentor.press(f"pw:{pair.id}"))
    assert "выберите приказ" not in refused

    replies = joined(await curator.press_button("Приказ и согласие наставника"))
    assert "Документы пары. Приказ: -" in replies
    assert "Оставить как есть" in " ".join(curator.buttons())
    await curator.send("20.11.2026")
    replies = joined(await curator.send_sticker())  # not text: the date typed is kept
    assert "Номер приказа от 20.11.2026" in replies
    await curator.send("112-о")
    # Every typed step refuses bad input, keeps the answers given and asks the same again.
    for bad, question in (
        ("вчера-позавчера", "дата согласия"),
        ("не помню", "Дата дополнительного соглашения"),
    ):
        replies = joined(await curator.send(bad))
        assert "Не удалось распознать дату" in replies and question in replies
        if question == "дата согласия":
            await curator.send("19.11.2026")
    await curator.press_button("Сегодня")
    replies = joined(await curator.send("/"))
    assert "идёт заполнение документов пары" in replies
    assert "Номер дополнительного соглашения" in replies
    await curator.send("7")
    replies = joined(await curator.send("31.02.2027"))
    assert "Не удалось распознать дату" in replies and "Срок наставничества" in replies
    await curator.press_button("До конца учебного года")
    replies = joined(await curator.press_button("Нет"))
    assert "Документы пары сохранены" in replies
    assert "приказ от 20.11.2026 № 112-о" in replies
    assert "согласие наставника от 19.11.2026, доп. соглашение № 7 от 23.11.2026" in replies
    assert "⚠️" not in replies

    [pair], [order] = await _rows(harness)
    assert pair.order_id == order.id
    assert (pair.mentor_consent_date, pair.agreement_date) == (
        date(2026, 11, 19),
        date(2026, 11, 23),
    )
    assert pair.agreement_number == "7" and pair.agreement_term_end == date(2027, 5, 31)
    assert pair.agreement_paid is False
    assert "без приказа об утверждении" not in joined(await curator.send("/status"))

    # «Skip» keeps what is stored: only the paid flag changes.
    await curator.send("/pair")
    replies = joined(await curator.press_button("Приказ и согласие наставника"))
    assert "Приказ: приказ от 20.11.2026 № 112-о" in replies
    replies = joined(await curator.press_button("Оставить как есть"))
    assert "Сейчас: 19.11.2026" in replies  # the consent date stored
    for _ in range(4):
        replies = joined(await curator.press_button("Пропустить"))
    assert "Сейчас: без доплаты" in replies
    await curator.press_button("Да, с доплатой")
    [pair], [order] = await _rows(harness)
    assert pair.order_id == order.id and pair.agreement_number == "7"
    assert pair.agreement_paid is True
