# /schoolyear: closing a school year.
school-year-title = 🗓 Учебные годы: { $municipality }
school-year-closed-carry = ✅ { $year } закрыт { $date }: { $pairs ->
        [one] { $pairs } действующая пара перенесена
        [few] { $pairs } действующие пары перенесены
       *[many] { $pairs } действующих пар перенесено
    } на следующий год.
school-year-closed-close = ✅ { $year } закрыт { $date }: { $pairs ->
        [one] { $pairs } действующая пара завершена
        [few] { $pairs } действующие пары завершены
       *[many] { $pairs } действующих пар завершено
    }.
school-year-nothing = Закрывать пока нечего: текущий учебный год можно закрыть с мая.
school-year-closable = Учебный год { $year } не закрыт. Действующих пар этого года: { $pairs }. Что с ними сделать при закрытии? Пары, утверждённые позже, не затрагиваются.
school-year-button-carry = ➡️ Перенести все на { $next }
school-year-button-close = 🏁 Завершить все программы
school-year-button-confirm = Да, закрыть учебный год
school-year-button-cancel = Отмена
school-year-confirm-carry = Закрыть { $year } учебный год и перенести { $pairs ->
        [one] { $pairs } действующую пару
        [few] { $pairs } действующие пары
       *[many] { $pairs } действующих пар
    } на { $next }? Пары продолжат работу, их встречи и опросы будут относиться к новому году. Отменить закрытие нельзя.
school-year-confirm-close = Закрыть { $year } учебный год и завершить программы { $pairs ->
        [one] { $pairs } действующей пары
       *[other] { $pairs } действующих пар
    }? Программы будут отмечены как выполненные, наставляемые освободятся для новых пар. Отменить закрытие нельзя.
school-year-closed-mixed = ✅ { $year } закрыт { $date }: { $pairs ->
        [one] { $pairs } действующая пара
        [few] { $pairs } действующие пары
       *[many] { $pairs } действующих пар
    }, по школам — часть перенесена на следующий год, часть завершена.
school-year-done = Учебный год { $year } закрыт. Перенесено пар на { $next }: { $carried }. Завершено программ: { $closed }.
school-year-button-per-school = 🏫 Выбрать для каждой школы ({ $schools })
school-year-pick = 🏫 Закрытие { $year } учебного года: что сделать с действующими парами каждой школы? Сейчас для всех: { $default ->
        [close] завершить программы
       *[carry] перенести на { $next }
    }. Нажмите на школу, чтобы переключить её: ➡️ перенести, 🏁 завершить. В скобках — число пар. Школ: { $schools } (страница { $page } из { $pages }). Пока вы не подтвердите итог, ничего не меняется.
school-year-button-all-carry = ➡️ Всем перенести
school-year-button-all-close = 🏁 Всем завершить
school-year-button-summary = ✅ Проверить и закрыть год
school-year-button-change = ✏️ Изменить выбор
school-year-summary = 🗓 Итог закрытия { $year } учебного года:
school-year-summary-carry = ➡️ Перенести на { $next }: пар — { $pairs }, школ — { $schools }
school-year-summary-close = 🏁 Завершить программы: пар — { $pairs }, школ — { $schools }
school-year-summary-school = • { $school } — { $pairs }
school-year-summary-final = Закрыть учебный год так? Отменить закрытие потом нельзя.
school-year-cancelled = Закрытие учебного года отменено, ничего не изменилось.
school-year-already-closed = Этот учебный год уже закрыт.
school-year-not-closable = Этот учебный год сейчас закрыть нельзя. Откройте /schoolyear заново.
cmd-schoolyear = Закрыть учебный год: перенести или завершить пары
menu-schoolyear = 🗓 Закрыть учебный год
help-schoolyear =
    /schoolyear — закрыть учебный год муниципалитета (с мая): все действующие пары переносятся на следующий год или их программы завершаются; отчёты можно строить за любой год.
