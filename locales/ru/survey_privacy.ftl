# Survey privacy: what stands in place of a figure fewer than three people stand for
# (bot/domain/survey_privacy.py decides which reason), and what a pair's curator reads of its
# meeting ratings. $reason: none (nobody answered yet) or few; $count: distinct people who
# answered; $needed: the minimum.
survey-hidden = { $reason ->
        [none] ответов пока нет
       *[few] недостаточно ответов ({ $count } чел. из { $needed })
    }
survey-about-me-hidden = { $reason ->
        [none] Ваши встречи наставляемые пока не оценивали.
       *[few] Средняя оценка ваших встреч появится здесь, когда их оценят не меньше { $needed ->
            [one] { $needed } наставляемого
           *[other] { $needed } наставляемых
        } (пока оценили: { $count }). Оценку одного-двух человек видят только они сами.
    }
status-card-rated = { $count ->
        [0] ⭐ Встречи этой пары пока не оценены.
        [one] ⭐ Участники оценили { $count } встречу. Сами оценки видны только тем, кто их поставил.
        [few] ⭐ Участники оценили { $count } встречи. Сами оценки видны только тем, кто их поставил.
       *[many] ⭐ Участники оценили { $count } встреч. Сами оценки видны только тем, кто их поставил.
    }
status-card-low-ratings = ⚠️ Две последние оценки встреч от одного из участников низкие — стоит поговорить с парой.
