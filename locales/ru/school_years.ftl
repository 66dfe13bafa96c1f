# /schoolyear: closing a school year.
school-year-title = 🗓 Учебные годы: { $municipality }
school-year-closed-carry = ✅ { $year } закрыт { $date }: { $pairs } действующих пар перенесено на следующий год.
school-year-closed-close = ✅ { $year } закрыт { $date }: { $pairs } действующих пар завершено.
school-year-nothing = Закрывать пока нечего: текущий учебный год можно закрыть с мая.
school-year-closable = Учебный год { $year } не закрыт. Действующих пар этого года: { $pairs }. Что с ними сделать при закрытии? Пары, утверждённые позже, не затрагиваются.
school-year-button-carry = ➡️ Перенести все на { $next }
school-year-button-close = 🏁 Завершить все программы
school-year-button-confirm = Да, закрыть учебный год
school-year-button-cancel = Отмена
school-year-confirm-carry = Закрыть { $year } учебный год и перенести { $pairs } действующих пар на { $next }? Пары продолжат работу, их встречи и опросы будут относиться к новому году. Отменить закрытие нельзя.
school-year-confirm-close = Закрыть { $year } учебный год и завершить программы { $pairs } действующих пар? Программы будут отмечены как выполненные, наставляемые освободятся для новых пар. Отменить закрытие нельзя.
school-year-done-carry = Учебный год { $year } закрыт. Перенесено на { $next }: { $pairs } пар.
school-year-done-close = Учебный год { $year } закрыт. Завершено программ: { $pairs }.
school-year-already-closed = Этот учебный год уже закрыт.
school-year-not-closable = Этот учебный год сейчас закрыть нельзя. Откройте /schoolyear заново.
cmd-schoolyear = Закрыть учебный год: перенести или завершить пары
menu-schoolyear = 🗓 Закрыть учебный год
help-schoolyear =
    /schoolyear — закрыть учебный год муниципалитета (с мая): все действующие пары переносятся на следующий год или их программы завершаются; отчёты можно строить за любой год.
