## The life of a pair: program, meetings, confirmation, ending, reminders

## Stages, formats, statuses, directions, reasons
stage-intro = Знакомство
stage-trial = Пробная встреча
stage-planning = Планирование
stage-working = Рабочая встреча
stage-final = Итоговая встреча
format-online = Онлайн
format-offline = Очно
format-mixed = Смешанный
meeting-status-pending = ждёт подтверждения
meeting-status-confirmed = подтверждена
meeting-status-not_held = не состоялась
meeting-status-disputed = прошла не так, как записано
pair-status-proposed = предложена
pair-status-active = работает
pair-status-completed = программа завершена
pair-status-ended_early = завершена досрочно
direction-scientific = Научно-теоретическое
direction-legal = Нормативно-правовое
direction-subject = Предметно-профессиональное
direction-psychological = Психолого-педагогическое (ученики и родители)
direction-methodological = Методическое
end-reason-plan_completed = План выполнен
end-reason-mentor_initiative = По инициативе наставника
end-reason-mentee_initiative = По инициативе наставляемого
end-reason-mutual = По взаимному согласию
end-reason-curator_initiative = По инициативе куратора (программа не выполняется)
end-reason-bad_fit = Пара не сложилась
monitoring-round-control = контрольный (декабрь – январь)
monitoring-round-main = основной (апрель – май)

## Program
program-term-too-short = Программа длится не меньше { $months ->
        [one] { $months } месяца
       *[other] { $months } месяцев
    }.
program-term-too-long = Программа длится не больше { $months ->
        [one] { $months } месяца
       *[other] { $months } месяцев
    }.
program-cadence-invalid = Периодичность встреч — от { $low } до { $high ->
        [one] { $high } дня
       *[other] { $high } дней
    }.
plan-title-empty = Напишите название мероприятия.
plan-title-too-long = Слишком длинно: не больше { $limit ->
        [one] { $limit } знака
       *[other] { $limit } знаков
    }.
plan-due-outside = Срок должен быть в пределах программы: с { $start } по { $end }.
pair-closed = Наставничество в этой паре уже завершено.
plan-item-already-done = Этот пункт плана уже отмечен выполненным.
plan-item-not-done = Наставник ещё не отметил этот пункт выполненным.
plan-item-already-confirmed = Этот пункт плана уже подтверждён.

## /pair
pair-none = У вас пока нет действующих пар. Пары утверждает куратор.
pair-choose = Выберите пару:
pair-card-title =
    👥 Наставник: { $mentor }
    Наставляемые: { $mentees }
    { $school } · { $status }
pair-card-program =
    📘 Программа: с { $start } по { $end }
    Формат: { $mode } · встречи раз в { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }
pair-card-goals =
    🎯 Цели:
    { $goals }
pair-card-plan =
    🗂 План: выполнено { $done } из { $total }, подтверждено наставляемым { $confirmed }
    { $items }
pair-card-meetings =
    🗓 Встреч записано: { $count }
    { $list }
pair-card-next = ➡️ Следующий шаг: { $stage } — до { $date }
pair-button-meeting = 📝 Записать встречу
pair-button-items = ✅ Отметить пункт плана
pair-button-add = ➕ Добавить пункт плана
pair-button-goal = 🎯 Добавить цель
pair-button-cad = ⏱ Периодичность встреч
pair-button-mode = 🔀 Формат программы
pair-button-end = ⏹ Завершить наставничество
pair-button-item-done = ✅ Выполнено
pair-button-open = 👥 Открыть пару
pair-items-mentor = Какой пункт плана выполнен?
pair-items-mentee = Какой пункт плана вы подтверждаете?
pair-item-done = Отмечено выполненным: «{ $title }». Наставляемый подтвердит его в /pair.
pair-item-confirmed = Подтверждено: «{ $title }».
pair-ask-item-title = Напишите название мероприятия плана.
pair-ask-item-direction = Выберите направление:
pair-ask-item-due = Напишите срок (ДД.ММ.ГГГГ) или нажмите «Без срока».
pair-no-due = Без срока
pair-item-added = Пункт плана добавлен: «{ $title }».
pair-ask-goal = Напишите цель программы (например, связанную с профессиональным дефицитом наставляемого).
pair-goal-added = Цель добавлена в программу.
pair-ask-cadence = Как часто должны проходить встречи?
pair-cadence-option = Раз в { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }
pair-cadence-set = Периодичность изменена: встречи раз в { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }.
pair-ask-mode = Выберите формат программы:
pair-mode-set = Формат программы: { $mode }.
pair-ask-reason = Почему завершается наставничество?
pair-ask-notice =
    Дата уведомления о досрочном прекращении (ст. 351.8 ТК РФ: за 3 рабочих дня).
    Нажмите «Сегодня» или напишите дату ДД.ММ.ГГГГ.
pair-notice-today = Сегодня, { $date }
pair-ended = { $status ->
        [completed] Программа наставничества завершена.
       *[ended_early] Наставничество завершено досрочно.
    } Причина: { $reason }. Наставляемый снова в банке для подбора пары.

## /meeting
meeting-no-pairs = Записывать встречи можно, когда куратор утвердит вашу пару.
meeting-choose-pair = С кем была встреча?
meeting-ask-stage = Встреча с: { $who }. Какой это этап? Ожидаемый отмечен ✅, кнопка ⚡ — записать быстро.
meeting-quick = ⚡ { $stage }, сегодня, { $minutes } мин, { $format }
meeting-ask-date = Когда прошла встреча? Нажмите кнопку или напишите дату: 20.11, «позавчера», «в прошлый четверг», «3 дня назад», «12 ноября».
meeting-today = Сегодня
meeting-yesterday = Вчера
meeting-ask-duration = Сколько длилась встреча? Нажмите кнопку или напишите: 50, «полчаса», «час», «1,5 часа».
meeting-minutes = { $minutes } мин
meeting-ask-format = Как проходила встреча?
meeting-ask-topic = Тема встречи: выберите пункт плана или напишите тему.
meeting-ask-notes = Напишите, что обсуждали и о чём договорились. Можно приложить фото или документ. Когда всё готово, нажмите «Сохранить».
meeting-notes-prefilled-title = Заметка к встрече:
meeting-notes-prefilled-hint = Можно дописать текст или приложить фото и документы. Нажмите «Сохранить».
meeting-notes-added = Заметка добавлена. Можно приложить фото или документ или нажать «Сохранить».
meeting-file-added = Вложений: { $count }. Нажмите «Сохранить», когда всё готово.
meeting-save = 💾 Сохранить
meeting-saved = Встреча записана: { $stage }, { $date }. Бот попросит другую сторону подтвердить её.
meeting-need-text = Здесь нужен текст.
meeting-use-buttons = Пожалуйста, выберите вариант кнопкой.
meeting-date-unreadable = Не удалось прочитать дату. Напишите так: 23.11.2026.
meeting-date-future = Дата ещё не наступила: встречу записывают после того, как она прошла.
meeting-date-before-start = Пара начала работу { $start }: дата не может быть раньше.
meeting-duration-invalid = Не удалось прочитать длительность. Напишите числом минут (45) или словами («полчаса», «час», «1,5 часа»): от 1 до { $limit } мин.
meeting-topic-empty = Напишите тему встречи.
meeting-topic-too-long = Слишком длинно: не больше { $limit ->
        [one] { $limit } знака
       *[other] { $limit } знаков
    }.
meeting-notes-too-long = Заметка слишком длинная: не больше { $limit ->
        [one] { $limit } знака
       *[other] { $limit } знаков
    }.
meeting-offer-one = Записать это как заметку о встрече с: { $who }?
meeting-offer-many = Записать это как заметку о встрече? С кем была встреча?
meeting-offer-yes = Да, встреча с: { $who }
meeting-offer-no = Нет
meeting-offer-declined = Хорошо, не записываю.

## Confirmation
confirm-button-y = ✅ Да, состоялась
confirm-button-n = ❌ Нет, не было
confirm-button-d = ✏️ Прошла не так, как записано
meeting-confirm-own = Встречу подтверждает другая сторона пары.
meeting-already-answered = На этот вопрос уже ответили.
meeting-answer-thanks = Спасибо! { $status ->
        [confirmed] Встреча подтверждена.
        [not_held] Встреча не состоялась.
        [disputed] Встреча прошла не так, как записано.
       *[pending] Встреча ждёт подтверждения.
    }

## Reminders (rendered at send time in the recipient's language)
reminder-meeting-confirm = { $by } записал(а) встречу «{ $stage }» { $held_on }. Она состоялась?
reminder-meeting-refuted = Встреча наставника { $mentor } от { $held_on }: наставляемый ответил «{ $answer }». Проверьте, пожалуйста.
reminder-meeting-due = Пора встретиться с: { $mentees } — по плану встреча до { $due }.
reminder-stalled-mentor = С { $since } нет записанных встреч с: { $mentees } ({ $days } дн.). Запишите встречу или договоритесь о ней.
reminder-stalled-curator = Пара { $mentor } — { $mentees } не встречается с { $since }. Возможно, нужна помощь куратора.
reminder-plan-item-due = Срок пункта плана «{ $title }» — { $due }.
reminder-program-ending = Программа наставничества заканчивается { $end }. Проведите итоговую встречу и заполните итоговые анкеты.
reminder-meeting-unconfirmed = Встреча наставника { $mentor } от { $held_on } не подтверждена наставляемым больше 3 дней.
reminder-monitoring-round = Начался { $round } этап мониторинга наставничества. Проверьте данные школы для муниципальных форм.
reminder-pair-ended = Наставничество { $mentor } — { $mentees } завершено ({ $reason }), дата окончания { $end_date }.
reminder-person-blocked = { $name } заблокировал(а) бота: напоминания ему (ей) больше не доходят.
snooze-1 = ⏰ Напомнить завтра
snooze-7 = ⏰ Напомнить через неделю
snooze-done = Напомню { $date }.

## Extension or shortening of the program
pair-button-term = 📅 Продлить или сократить программу
pair-ask-term = Напишите новую дату окончания программы (ДД.ММ.ГГГГ). Её должны подтвердить обе стороны и куратор.
pair-term-requested = Запрос отправлен: окончание программы { $date }. Срок изменится, когда согласятся обе стороны и куратор утвердит.
pair-term-answered = Ответ записан. Изменение срока ({ $date }): { $status }.
term-change-past = Эта дата уже прошла.
term-change-same = Программа и так заканчивается в этот день.
term-change-pending = Уже есть запрос на изменение срока: дождитесь ответа на него.
term-result-pending = ждём остальных ответов
term-result-applied = срок изменён
term-result-refused = отклонено
reminder-term-change-agree = { $by } предлагает изменить срок программы: окончание { $new_end } вместо { $old_end }. Вы согласны?
reminder-term-change-agree-y = ✅ Согласен(на)
reminder-term-change-agree-n = ❌ Не согласен(на)
reminder-term-change-approve = { $by } предлагает изменить срок программы наставничества: окончание { $new_end } вместо { $old_end }. Утвердить?
reminder-term-change-approve-y = ✅ Утвердить
reminder-term-change-approve-n = ❌ Отклонить
reminder-term-change-done = Изменение срока программы (окончание { $new_end }): { $result }.

## Withdrawal of consent (/forget)
end-reason-consent_withdrawn = Отзыв согласия на обработку персональных данных
reminder-mentee-left = Участник группы наставничества { $mentor } — { $mentees } вышел из неё ({ $reason }). Группа продолжает работу.
erased-name = (имя удалено)

## A completed program: the mentee waits for no new pair until the curator says so
pair-completed = Программа наставничества завершена. Причина: { $reason }. Наставляемый не ждёт новой пары; если ему нужен ещё наставник, верните его в банк кнопкой в карточке пары (/status → Все пары).

## A group's participants answer «did the meeting take place?» each for themselves
reminder-meeting-contested = Ответы о встрече наставника { $mentor } от { $held_on } расходятся: { $by } — «{ $answer }». Встреча засчитана, так как её подтвердил хотя бы один участник. Проверьте, пожалуйста.

reminder-bank-reminder = { bank-reminder }
reminder-pf-invite = { $side ->
        [mentor] { pf-invite-mentor }
       *[mentee] { pf-invite-mentee }
    }
reminder-pair-approved = { $role ->
        [mentor] { match-notify-mentor }
       *[mentee] { match-notify-mentee }
    }

## The meeting log echoes the date and duration as it read them (a wrong guess shows at once).
meeting-held-on-unreadable = Не удалось прочитать дату. Напишите, например: 23.11.2026, 23.11, «вчера», «позавчера», «в прошлый четверг», «3 дня назад» или «12 ноября».
meeting-understood-date = Дата встречи: { $date }, { $weekday ->
        [1] понедельник
        [2] вторник
        [3] среда
        [4] четверг
        [5] пятница
        [6] суббота
       *[7] воскресенье
    }.
meeting-understood = Записываю: { $date } ({ $weekday ->
        [1] пн
        [2] вт
        [3] ср
        [4] чт
        [5] пт
        [6] сб
       *[7] вс
    }), { $minutes } мин.

pair-goal-gone = трудность, которой больше нет в перечне
