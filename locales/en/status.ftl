# /status: the curator's school and the coordinator's municipality.
status-school-title = 📊 { $school } — status on { $date }
status-people = 👩‍🏫 Mentors: { $mentors }, mentees: { $mentees }, of them without a pair: { $unmatched }
status-pairs = 👥 Pairs: working { $active }, awaiting approval { $proposed }, program completed { $completed }, ended early { $ended }
status-school-title-year = 📊 { $school } — the { $year } school year in total
status-meetings-year = 📅 Meetings in the school year: { $year }; not confirmed by the other side: { $unconfirmed }
status-meetings = 📅 Meetings in the last 30 days: { $recent }, since the school year began: { $year }; not confirmed by the other side: { $unconfirmed }
status-surveys = 📝 Surveys: awaiting an answer { $pending }, of them overdue { $overdue }
status-satisfaction = 🙂 Satisfaction (1–10): mentors — { $mentor }, mentees — { $mentee }; meeting rating (1–5): { $rating }
status-stalled-none = ✅ Every working pair met within the last { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
status-stalled = ⚠️ Not meeting for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } or longer: { $count }
status-stalled-line = • { $mentor } — { $days ->
        [one] { $days } day
       *[other] { $days } days
    } without a meeting
status-ending = ⏳ Programs ending within 14 days: { $count }
status-ending-line = • { $mentor } — until { $end }
status-blocked = 🚫 Blocked the bot (reminders do not reach them): { $count }
status-more = … and { $count } more
status-pick-school = Choose a school:
status-button-pairs = 👥 All pairs ({ $count })
status-button-stalled = ⚠️ Not meeting ({ $count })
status-button-municipality = ⬅️ Back to the municipality
status-button-back = ⬅️ Back
status-button-manage = ✏️ Open the pair to edit it
status-button-nudge = 🔔 Remind the mentor to meet
status-button-nudge-who = 🔔 { $mentor }
status-button-card = 📄 Card
status-mark-active = 🟢
status-mark-proposed = 🟡
status-mark-completed = ✅
status-mark-ended_early = ⚪
status-pairs-page = 👥 Pairs of { $school }: { $total } (page { $page } of { $pages }). 🟢 working, 🟡 awaiting approval, ✅ program completed, ⚪ ended early.
status-pairs-none = { $school } has no pairs in this school year yet.
status-stalled-title = ⚠️ Pairs not meeting for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } or longer: { $count }
status-stalled-pair = • { $mentor } → { $mentees }: { $days ->
        [one] { $days } day
       *[other] { $days } days
    } without a meeting
status-nudged = The mentor has been reminded.
status-nudged-already = The mentor was already reminded about this pair today.
status-card-rating = ⭐ Meeting rating of this pair by its members (1–5): { $rating }
status-municipality-title = 📊 { $municipality } — schools: { $schools }, status on { $date }
status-municipality-legend = Schools needing attention come first. Each line: pairs · programs completed · meetings in 30 days · satisfaction (1–10) · pairs not meeting.
status-municipality-title-year = 📊 { $municipality } — schools: { $schools }, the { $year } school year in total
status-municipality-legend-year = Schools with meetings still unconfirmed or surveys overdue come first. Each line: pairs of the year · programs completed · meetings in the year · satisfaction (1–10) · pairs not meeting.
status-button-year = 🗓 School year { $year }
status-button-current-year = 🗓 The current school year
status-municipality-line = { $mark } { $school }: { $pairs } · { $completed } · { $meetings } · { $satisfaction } · { $stalled }
reminder-status-nudge = 🔔 { $by } asks you not to forget your meetings with: { $mentees }. Log a meeting or arrange one.
cmd-status = The school's or municipality's state: pairs, meetings, surveys
menu-status = 📊 Mentoring status
help-status =
    /status — the state of mentoring in one message: pairs, meetings, surveys, satisfaction, who is not meeting; buttons open the list of pairs, a pair's card and the pairs not meeting with a reminder to the mentor. A coordinator gets one line per school, those needing attention first.

## A completed program's mentees: out of the bank until the curator puts them back
status-card-finished = Completed the program and not waiting for a new pair: { $names }.
status-button-rebank = ↩️ Back to the bank: { $name }
status-rebanked = { $name } is back in the bank of mentees: a new pair can be matched (/match).
status-rebanked-already = This mentee is already back in the bank or in a new pair.
