# /schoolyear: closing a school year.
school-year-title = 🗓 School years: { $municipality }
school-year-closed-carry = ✅ { $year } closed on { $date }: { $pairs ->
        [one] { $pairs } active pair
       *[other] { $pairs } active pairs
    } carried over to the next year.
school-year-closed-close = ✅ { $year } closed on { $date }: { $pairs ->
        [one] { $pairs } active pair
       *[other] { $pairs } active pairs
    } completed.
school-year-nothing = Nothing to close yet: the current school year can be closed from May.
school-year-closable = The { $year } school year is not closed. Active pairs of that year: { $pairs }. What should happen to them? Pairs approved later are not affected.
school-year-button-carry = ➡️ Carry all over to { $next }
school-year-button-close = 🏁 Complete all programs
school-year-button-confirm = Yes, close the school year
school-year-button-cancel = Cancel
school-year-confirm-carry = Close the { $year } school year and carry { $pairs ->
        [one] { $pairs } active pair
       *[other] { $pairs } active pairs
    } over to { $next }? The pairs go on; their meetings and surveys will belong to the new year. A closure cannot be undone.
school-year-confirm-close = Close the { $year } school year and complete the programs of { $pairs ->
        [one] { $pairs } active pair
       *[other] { $pairs } active pairs
    }? The programs are marked completed and the mentees become free for new pairs. A closure cannot be undone.
school-year-closed-mixed = ✅ { $year } closed on { $date }: { $pairs ->
        [one] { $pairs } active pair
       *[other] { $pairs } active pairs
    }, chosen per school — some carried over to the next year, some completed.
school-year-done = The school year { $year } is closed. Pairs carried over to { $next }: { $carried }. Programs completed: { $closed }.
school-year-button-per-school = 🏫 Choose for each school ({ $schools })
school-year-pick = 🏫 Closing the school year { $year }: what happens to each school's active pairs? Now for all: { $default ->
        [close] complete the programs
       *[carry] carry over to { $next }
    }. Tap a school to switch it: ➡️ carry over, 🏁 complete. The number of pairs is in brackets. Schools: { $schools } (page { $page } of { $pages }). Nothing changes until you confirm the summary.
school-year-button-all-carry = ➡️ Carry over all
school-year-button-all-close = 🏁 Complete all
school-year-button-summary = ✅ Review and close the year
school-year-button-change = ✏️ Change the choice
school-year-summary = 🗓 Closing the school year { $year }:
school-year-summary-carry = ➡️ Carry over to { $next }: pairs — { $pairs }, schools — { $schools }
school-year-summary-close = 🏁 Complete the programs: pairs — { $pairs }, schools — { $schools }
school-year-summary-school = • { $school } — { $pairs }
school-year-summary-final = Close the school year like this? A closure cannot be undone.
school-year-cancelled = Closing the school year is cancelled; nothing has changed.
school-year-already-closed = This school year is already closed.
school-year-not-closable = This school year cannot be closed now. Open /schoolyear again.
cmd-schoolyear = Close the school year: carry over or complete pairs
menu-schoolyear = 🗓 Close the school year
help-schoolyear =
    /schoolyear — close the municipality's school year (from May): every active pair is carried over to the next year or its program completed; reports can be built for any year.
