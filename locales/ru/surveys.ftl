## Feedback surveys (issue 5): ratings, "a good fit?", surveys, results

cmd-surveys = Опросы и обратная связь
menu-surveys = 📝 Опросы
help-surveys =
    Опросы:
    /surveys — анкеты, которые ждут ваших ответов; наставнику — средняя оценка встреч от наставляемых (когда их оценят не меньше трёх наставляемых); куратору — результаты опросов школы и файл XLSX.
    После подтверждённой встречи наставляемый ставит ей оценку от 1 до 5 одним нажатием; после первой встречи обе стороны отвечают, сложилась ли пара.

survey-rate-question = Как прошла встреча? Оцените от 1 до 5 — ваш коллега по паре оценку не увидит.
survey-rated = Спасибо, ваша оценка: { $value }. Хотите добавить комментарий?
survey-button-comment = ✍️ Добавить комментарий
survey-button-no-comment = Нет, спасибо
survey-comment-ask = Напишите комментарий одним сообщением. Его увидит только куратор в общей сводке.
survey-comment-saved = Комментарий сохранён. Спасибо!
survey-comment-empty = Комментарий пустой. Напишите его текстом.
survey-comment-too-long = Комментарий слишком длинный: не более { $limit ->
        [one] { $limit } знака
       *[other] { $limit } знаков
    }.
survey-thanks = Спасибо за оценку!
survey-comment-left = Оценка сохранена, комментарий не добавлен. Добавить его можно позже кнопкой «Добавить комментарий».
survey-comment-not-command = Комментарий не может начинаться с «/». Напишите его обычным сообщением или нажмите «Нет, спасибо».

survey-fit-good = 👍 Да, подходим друг другу
survey-fit-unsure = 🤔 Пока не уверен(а)
survey-fit-bad = 👎 Нет, не сложилось
survey-fit-thanks-good = Спасибо! Рады, что пара сложилась.
survey-fit-thanks-unsure = Спасибо! Через месяц спросим ещё раз, как идёт работа.
survey-fit-thanks-bad = Спасибо за честный ответ. Куратор узнает о нём и поможет.
survey-button-end-bad-fit = Завершить пару: «не сложилось»
survey-end-confirm = Завершить пару с причиной «не сложилось»? Наставляемый вернётся в банк, а при подборе (/match) эта пара больше не будет предложена.
survey-button-end-yes = Да, завершить
survey-ended-bad-fit = Пара завершена: «не сложилось». Подберите наставляемому нового наставника в /match.
survey-no-bad-fit = Никто из пары не отвечал «не сложилось»: завершите пару в её карточке (/pair) с другой причиной.

survey-button-open = 📝 Заполнить анкету
survey-button-skip = Пропустить
survey-progress = Вопрос { $number } из { $total }
survey-type-answer = Напишите ответ сообщением.
survey-paused = Анкета отложена, ответы сохранены. Продолжить её можно в /surveys.
survey-finish-first = Сейчас идёт заполнение анкеты: ответьте на вопрос ниже. Команды из меню (/help) тоже работают — анкета подождёт, ответы сохранятся.
survey-done = Спасибо! Анкета «{ $title }» отправлена.
survey-closed-answered = Эта анкета уже заполнена, она закрыта. Спасибо!
survey-closed-expired = Срок этой анкеты истёк, она закрыта.
survey-closed-cancelled = Эта анкета закрыта: она больше не нужна (например, пара завершилась досрочно).

survey-list-title = 📝 Опросы
survey-list-line = • { $title } — до { $due }
survey-list-empty = Анкет, ожидающих ваших ответов, нет.
survey-about-me = Средняя оценка ваших встреч от наставляемых: { $mean } из 5 ({ $count } { $count ->
        [one] оценка
        [few] оценки
       *[many] оценок
    }).
survey-button-results = 📊 Результаты опросов школы

survey-results-title = 📊 Результаты опросов: { $school }, { $year } учебный год
survey-results-empty = Ответов на опросы пока нет.
survey-mean = в среднем { $mean } ({ $count } отв.)
survey-yes-no = да — { $yes }, нет — { $no }
survey-button-xlsx = 📄 Файл XLSX
survey-xlsx-caption = Результаты опросов школы. Там, где ответили меньше трёх человек, значения скрыты.

survey-button-closing = 📖 Прочитать отзыв коллеги
survey-closing-title = 📖 Итоговый отзыв: { $name }
survey-closing-wait = Отзыв { $name } можно будет прочитать, когда вы оба заполните итоговые анкеты.
survey-closing-none = Итоговых отзывов пока нет.

survey-def-error-kind = Файл { $file }: в разделе [survey] неизвестный вид опроса «{ $kind }». Допустимы: meeting, fit, relationship, midpoint, final, custom.
survey-def-error-audience = Файл { $file }: в разделе [survey] поле audience должно быть списком ролей из mentor, mentee, curator.
survey-def-error-exists = Файл { $file }: опрос «{ $value }» версии { $version } уже загружен. Чтобы изменить его, увеличьте version.
survey-def-error-not-custom = Файл { $file }: загружать можно только опросы вида custom (указано «{ $kind }»).

## A coordinator's municipality-wide survey
help-surveys-coordinator =
    Опросы муниципалитета:
    /surveys → «Загрузить опрос» — пришлите файл опроса в формате TOML (например, анкету куратора об условиях реализации программы); бот проверит его и перечислит все ошибки. Затем выберите, кому его отправить (наставникам, наставляемым или кураторам) и в какие школы, и смотрите сводные результаты по школам.
survey-custom-title = 🏛 Опросы муниципалитета
survey-custom-empty = Загруженных опросов пока нет.
survey-button-upload = 📤 Загрузить опрос (файл TOML)
survey-upload-ask = Пришлите файл опроса (.toml) документом. Образец формата — в README, раздел «Опросы муниципалитета».
survey-upload-need-document = Нужен файл: прикрепите его как документ (скрепка → «Файл»).
survey-upload-left = Загрузка опроса отменена.
survey-upload-too-big = Файл слишком большой: допустимо не более { $max ->
        [one] { $max } байта
       *[other] { $max } байт
    }.
survey-import-rejected = Файл не загружен — { $count ->
        [one] найдена { $count } ошибка
        [few] найдено { $count } ошибки
       *[many] найдено { $count } ошибок
    }. Ничего не сохранено:
survey-imported = Опрос загружен.
survey-custom-card = 📋 { $title } (версия { $version })
    Вопросов: { $questions }. Кому можно отправить: { $roles }.
    { $named ->
        [yes] Ответы именные: координатор видит их с фамилиями.
       *[no] Ответы анонимные: видны только сводные значения.
    }
    Отправлено: { $asked }, ответили: { $answered }.
survey-button-send = 📨 Отправить
survey-button-custom-results = 📊 Результаты по школам
survey-send-role = Кому отправить опрос?
survey-send-no-schools-at-all = В муниципалитете пока нет школ: добавьте их в /schools.
survey-pick-schools = Выберите школы, { $role ->
        [mentor] наставникам
        [mentee] наставляемым
       *[curator] кураторам
    } которых отправить опрос. Выбрано: { $chosen } из { $total }. Страница { $page } из { $pages }.
survey-pick-all = ☑️ Выбрать все школы
survey-pick-none = ✖️ Снять выбор
survey-pick-send = 📨 Отправить в выбранные ({ $count })
survey-send-no-schools = Выберите хотя бы одну школу.
survey-send-nobody = В выбранных школах нет ни одного { $role ->
        [mentor] наставника
        [mentee] наставляемого
       *[curator] куратора
    }: опрос не отправлен. Выберите другие школы.
survey-sent = Опрос отправлен: { $asked } чел. в { $schools } шк. (придёт утром по местному времени школы). Уже получали его раньше: { $already }.
survey-custom-results-title = 📊 Результаты: { $title }
    Отправлено: { $asked }, ответили: { $answered }.
survey-custom-not-sent = Опрос ещё никому не отправлен.
survey-custom-school = 🏫 { $school }: ответили { $answered } из { $asked }
survey-custom-named = — { $name }, «{ $question }»: { $answer }

## Closing feedback listed in /surveys
survey-closing-list = Итоговые отзывы коллег, которые уже можно прочитать: { $count }.
survey-button-closing-of = 📖 Итоговый отзыв: { $names }

## Outbox messages
reminder-survey-rate = Как прошла встреча «{ $stage }» { $held_on }? Оцените от 1 до 5 — достаточно одного нажатия. Ваш коллега по паре оценку не увидит.
reminder-survey-fit = Вы провели первую встречу: { $other }. Как вам кажется, ваша пара сложилась? Ответ увидит только куратор.
reminder-survey-invite = Просим заполнить анкету «{ $title }» до { $due }. Это займёт несколько минут.
reminder-survey-reminder = Напоминаем: анкета «{ $title }» ждёт ваших ответов до { $due }.
reminder-survey-overdue = { $name } пока не заполнил(а) анкету «{ $title }» (срок — { $due }).
reminder-survey-at-risk = Паре { $mentor } — { $mentees } может понадобиться помощь: { $risk ->
        [low_ratings] две низкие оценки встреч подряд
        [bad_fit] один из участников ответил, что пара не сложилась
       *[low_relationship] низкая оценка работы в паре
    }.
reminder-survey-closing = Вы оба заполнили итоговые анкеты — теперь можно прочитать отзыв коллеги.
