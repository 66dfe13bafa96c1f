"""What a survey step that reads text or a file does with anything else: the rating's comment
refuses a photo or a sticker (the reason, then the question with its button), and the coordinator's
survey upload refuses a photo and a file over the size limit (the reason, then the request again),
then takes a good file."""

from __future__ import annotations

from bot.content.toml_fields import MAX_DEFINITION_BYTES
from bot.settings import Settings
from db.models import School
from handlers.surveys import CsCb
from tests.harness import Harness, joined, texts
from tests.integration.survey_world import log_and_confirm
from tests.integration.test_pair_setup import pair_world
from tests.integration.test_survey_custom import GOOD

NOT_TEXT = "Пожалуйста, ответьте текстовым сообщением"


async def test_the_comment_refuses_a_photo_and_a_sticker_and_then_takes_text(
    harness: Harness, settings: Settings
) -> None:
    world = await pair_world(harness)
    await log_and_confirm(harness, settings, world)
    mentee = world.mentee
    assert "ваша оценка: 5" in joined(await mentee.press_button("5"))
    await mentee.press_button("Добавить комментарий")
    for refused in (mentee.send_photo, mentee.send_sticker):
        replies = texts(await refused())
        assert NOT_TEXT in replies[0] and "Напишите комментарий" in replies[1]
        assert mentee.buttons() == ["Нет, спасибо"]
    assert "Комментарий сохранён" in joined(await mentee.send("Полезная встреча"))


async def test_the_survey_upload_refuses_a_photo_and_a_big_file_then_takes_a_good_one(
    harness: Harness,
) -> None:
    world = await pair_world(harness)
    async with harness.session_factory() as session:
        school = await session.get(School, world.school_id)
        assert school is not None
    coordinator = world.coordinator
    asked = texts(await coordinator.press(CsCb(a="up", id=school.municipality_id).pack()))
    assert "Пришлите файл опроса" in asked[-1]

    replies = texts(await coordinator.send_photo())
    assert "Нужен файл" in replies[0] and "Пришлите файл опроса" in replies[1]
    big = b"#" * (MAX_DEFINITION_BYTES + 1)
    replies = texts(await coordinator.send_document("big.toml", big))
    assert "Файл слишком большой" in replies[0] and "Пришлите файл опроса" in replies[1]

    text = joined(await coordinator.send_document("conditions.toml", GOOD.encode()))
    assert "Условия для наставничества" in text
    assert "Отправить" in " ".join(coordinator.buttons())
