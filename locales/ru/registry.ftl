## The school's registry (/registry)
registry-title = Реестр: { $school }
registry-not-set = не указано
registry-order-regulation = Положение о наставничестве
registry-order-roadmap = Дорожная карта
registry-order-pairs = Наставнические пары (группы) «педагог – педагог»
registry-order-curator = Назначение куратора
registry-order-value = приказ от { $date } № { $number }
registry-order-line = • { $order }: { $value }
registry-contacts-line = Куратор: { $name }, e-mail: { $email }, телефон: { $phone }
registry-events-title = Методические мероприятия, где представлена практика: { $count }
registry-event-line = { $number }) { $title }; { $level }; { $date }; результат: { $result }
registry-level-school = школьный
registry-level-municipal = муниципальный
registry-level-regional = региональный
registry-level-federal = федеральный
registry-edit-order = ✏️ { $order }
registry-edit-contacts = ✏️ Контакты куратора
registry-add-event = ➕ Мероприятие
registry-delete-event = 🗑 Удалить мероприятие
registry-choose-delete = Какое мероприятие удалить?
registry-deleted = Мероприятие удалено.
registry-skip = Пропустить
registry-saved = Сохранено.
registry-use-schools = Реестр школы открывается из списка школ: /schools → школа → «Реестр».
registry-open = 📋 Реестр: приказы и мероприятия
registry-ask-order-date = { $order }: дата приказа (ДД.ММ.ГГГГ)?
registry-ask-date-again = Введите дату в виде ДД.ММ.ГГГГ, например 01.09.2025.
registry-ask-order-number = Номер приказа (например: 125-од)?
registry-ask-contact-name = ФИО куратора полностью?
registry-ask-email = E-mail куратора (или «Пропустить»)?
registry-ask-phone = Телефон куратора (или «Пропустить»)?
registry-ask-event-title = Название мероприятия, где была представлена практика наставничества?
registry-ask-event-level = Уровень мероприятия:
registry-ask-event-date = Дата проведения (ДД.ММ.ГГГГ)?
registry-ask-event-result = Результат (например: участие, диплом II степени) или «Пропустить»:
registry-number-empty = Укажите номер приказа.
registry-email-invalid = Это не похоже на адрес e-mail. Пример: kurator@school4.ru
registry-phone-invalid = Укажите телефон цифрами, например +7 818 375-12-34.
registry-text-short = Слишком коротко — напишите подробнее.
help-registry =
    Реестр школы (для отчётов муниципалитета):
    /registry — приказы о Положении, дорожной карте, парах и назначении куратора, контакты куратора, методические мероприятия.

## Official forms (/report)
report-choose-period = Официальные формы мониторинга ({ $municipality }). За какой период?
report-period-half = { $half } полугодие { $year } учебного года
report-period-year = { $year } учебный год
report-set-genitive = ✏️ Название муниципалитета для заголовка форм
report-ask-genitive = Как название муниципалитета пишется в заголовке формы («…в образовательных организациях кого/чего?»). Например: Устьянского муниципального округа
report-file-normative = Нормативное сопровождение — { $period }
report-file-monitoring = Мониторинг реализации программ — { $period }
report-caption = { $period }. Организаций в форме: { $schools }.
help-report =
    Отчёты муниципалитета:
    /report — две официальные формы мониторинга (нормативное сопровождение и реализация программ) в XLSX за полугодие или учебный год.

## Заголовок официальных форм: название муниципалитета в родительном падеже
report-ask-genitive-title = { $first ->
        [1] Прежде чем готовить формы, проверьте их заголовок. Сейчас он будет напечатан так:
       *[0] Заголовок форм сейчас печатается так:
    }
    «{ $title }»
    Напишите название муниципалитета так, как оно стоит в заголовке после слов «в образовательных организациях» — в родительном падеже (кого/чего?), например: Устьянского муниципального округа. Если заголовок верен, нажмите «Оставить как есть».
report-genitive-keep = ✔️ Оставить как есть
report-genitive-saved = Сохранено. Заголовок форм будет напечатан так:
    «{ $title }»
report-genitive-left = Название для заголовка форм не изменено.
