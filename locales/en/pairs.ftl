## The life of a pair: program, meetings, confirmation, ending, reminders

## Stages, formats, statuses, directions, reasons
stage-intro = Introduction
stage-trial = Trial meeting
stage-planning = Planning
stage-working = Working meeting
stage-final = Final meeting
format-online = Online
format-offline = In person
format-mixed = Mixed
meeting-status-pending = awaiting confirmation
meeting-status-confirmed = confirmed
meeting-status-not_held = did not take place
meeting-status-disputed = not as described
pair-status-proposed = proposed
pair-status-active = active
pair-status-completed = program completed
pair-status-ended_early = ended early
direction-scientific = Scientific and theoretical
direction-legal = Normative and legal
direction-subject = Subject and professional
direction-psychological = Psychological and pedagogical (pupils and parents)
direction-methodological = Methodological
end-reason-plan_completed = The plan is completed
end-reason-mentor_initiative = On the mentor's initiative
end-reason-mentee_initiative = On the mentee's initiative
end-reason-mutual = By mutual agreement
end-reason-curator_initiative = On the curator's initiative (the program is not carried out)
end-reason-bad_fit = Not a good fit
monitoring-round-control = control (December – January)
monitoring-round-main = main (April – May)

## Program
program-term-too-short = A program lasts at least { $months ->
        [one] { $months } month
       *[other] { $months } months
    }.
program-term-too-long = A program lasts at most { $months ->
        [one] { $months } month
       *[other] { $months } months
    }.
program-cadence-invalid = Meetings every { $low } to { $high ->
        [one] { $high } day
       *[other] { $high } days
    }.
plan-title-empty = Write the activity's title.
plan-title-too-long = Too long: at most { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    }.
plan-due-outside = The due date must fall within the program: { $start } to { $end }.
pair-closed = Mentoring in this pair has ended.
plan-item-already-done = This plan item is already marked done.
plan-item-not-done = The mentor has not marked this plan item done yet.
plan-item-already-confirmed = This plan item is already confirmed.

## /pair
pair-none = You have no active pairs yet. The curator approves pairs.
pair-choose = Choose a pair:
pair-card-title =
    👥 Mentor: { $mentor }
    Mentees: { $mentees }
    { $school } · { $status }
pair-card-program =
    📘 Program: { $start } to { $end }
    Format: { $mode } · meetings every { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
pair-card-goals =
    🎯 Goals:
    { $goals }
pair-card-plan =
    🗂 Plan: { $done } of { $total } done, { $confirmed } confirmed by the mentee
    { $items }
pair-card-meetings =
    🗓 Meetings logged: { $count }
    { $list }
pair-card-next = ➡️ Next step: { $stage } — by { $date }
pair-button-meeting = 📝 Log a meeting
pair-button-items = ✅ Mark a plan item
pair-button-add = ➕ Add a plan item
pair-button-goal = 🎯 Add a goal
pair-button-cad = ⏱ Meeting cadence
pair-button-mode = 🔀 Program format
pair-button-end = ⏹ End the mentoring
pair-button-item-done = ✅ Done
pair-button-open = 👥 Open the pair
pair-items-mentor = Which plan item is done?
pair-items-mentee = Which plan item do you confirm?
pair-item-done = Marked done: “{ $title }”. The mentee confirms it in /pair.
pair-item-confirmed = Confirmed: “{ $title }”.
pair-ask-item-title = Write the title of the plan activity.
pair-ask-item-direction = Choose the direction:
pair-ask-item-due = Write the due date (DD.MM.YYYY) or press “No due date”.
pair-no-due = No due date
pair-item-added = Plan item added: “{ $title }”.
pair-ask-goal = Write a goal of the program (for example, tied to a professional difficulty of the mentee).
pair-goal-added = The goal is added to the program.
pair-ask-cadence = How often should the pair meet?
pair-cadence-option = Every { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
pair-cadence-set = Cadence changed: meetings every { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
pair-ask-mode = Choose the program's format:
pair-mode-set = Program format: { $mode }.
pair-ask-reason = Why does the mentoring end?
pair-ask-notice =
    Date of the notice of early termination (Labour Code art. 351.8: 3 working days).
    Press “Today” or write the date DD.MM.YYYY.
pair-notice-today = Today, { $date }
pair-ended = { $status ->
        [completed] The mentoring program is completed.
       *[ended_early] Mentoring has ended early.
    } Reason: { $reason }. The mentee is back in the bank for a new pair.

## /meeting
meeting-no-pairs = You can log meetings once the curator approves your pair.
meeting-choose-pair = Who was the meeting with?
meeting-ask-stage = Meeting with: { $who }. Which stage is it? The expected one is marked ✅; ⚡ logs it quickly.
meeting-quick = ⚡ { $stage }, today, { $minutes } min, { $format }
meeting-ask-date = When was the meeting? Press a button or write the date: 20.11, "the day before yesterday", "last Thursday", "3 days ago", "November 12".
meeting-today = Today
meeting-yesterday = Yesterday
meeting-ask-duration = How long was the meeting? Press a button or write: 50, "half an hour", "an hour", "1.5 hours".
meeting-minutes = { $minutes } min
meeting-ask-format = How was the meeting held?
meeting-ask-topic = Topic: choose a plan item or write the topic.
meeting-ask-notes = Write what you discussed and agreed. You may attach photos or documents. Press “Save” when ready.
meeting-notes-prefilled-title = Meeting notes:
meeting-notes-prefilled-hint = You may add text or attach photos and documents. Press “Save”.
meeting-notes-added = Notes added. Attach a photo or document, or press “Save”.
meeting-file-added = Attachments: { $count }. Press “Save” when ready.
meeting-save = 💾 Save
meeting-saved = Meeting logged: { $stage }, { $date }. The bot asks the other side to confirm it.
meeting-need-text = A text is needed here.
meeting-use-buttons = Please choose with a button.
meeting-date-unreadable = Could not read the date. Write it like this: 23.11.2026.
meeting-date-future = That date has not come yet: a meeting is logged after it took place.
meeting-date-before-start = The pair started on { $start }: the date cannot be earlier.
meeting-duration-invalid = Could not read the duration. Write the minutes (45) or words ("half an hour", "an hour", "1.5 hours"): from 1 to { $limit } min.
meeting-topic-empty = Write the meeting's topic.
meeting-topic-too-long = Too long: at most { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    }.
meeting-notes-too-long = The notes are too long: at most { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    }.
meeting-offer-one = Log this as notes of a meeting with: { $who }?
meeting-offer-many = Log this as notes of a meeting? Who was it with?
meeting-offer-yes = Yes, a meeting with: { $who }
meeting-offer-no = No
meeting-offer-declined = All right, not logging it.

## Confirmation
confirm-button-y = ✅ Yes, it took place
confirm-button-n = ❌ No, it did not
confirm-button-d = ✏️ Not as described
meeting-confirm-own = The other side of the pair confirms a meeting.
meeting-already-answered = This question has already been answered.
meeting-answer-thanks = Thank you! { $status ->
        [confirmed] The meeting is confirmed.
        [not_held] The meeting did not take place.
        [disputed] The meeting was not as described.
       *[pending] The meeting awaits confirmation.
    }

## Reminders (rendered at send time in the recipient's language)
reminder-meeting-confirm = { $by } logged a meeting “{ $stage }” on { $held_on }. Did it take place?
reminder-meeting-refuted = Mentor { $mentor }'s meeting of { $held_on }: the mentee answered “{ $answer }”. Please check.
reminder-meeting-due = Time to meet { $mentees }: the plan expects a meeting by { $due }.
reminder-stalled-mentor = No meeting with { $mentees } logged since { $since } ({ $days ->
        [one] { $days } day
       *[other] { $days } days
    }). Log a meeting or arrange one.
reminder-stalled-curator = The pair { $mentor } — { $mentees } has not met since { $since }. The curator's help may be needed.
reminder-plan-item-due = The plan item “{ $title }” is due on { $due }.
reminder-program-ending = The mentoring program ends on { $end }. Hold the final meeting and fill in the final surveys.
reminder-meeting-unconfirmed = Mentor { $mentor }'s meeting of { $held_on } has not been confirmed by the mentee for more than 3 days.
reminder-monitoring-round = The { $round } round of mentoring monitoring has started. Check the school's data for the municipal forms.
reminder-pair-ended = Mentoring { $mentor } — { $mentees } has ended ({ $reason }), end date { $end_date }.
reminder-person-blocked = { $name } blocked the bot: reminders no longer reach them.
snooze-1 = ⏰ Remind me tomorrow
snooze-7 = ⏰ Remind me in a week
snooze-done = I will remind you on { $date }.

## Extension or shortening of the program
pair-button-term = 📅 Extend or shorten the program
pair-ask-term = Write the program's new end date (DD.MM.YYYY). Both sides and the curator must agree.
pair-term-requested = Request sent: the program to end on { $date }. The term changes once both sides agree and the curator approves.
pair-term-answered = Answer recorded. Term change ({ $date }): { $status }.
term-change-past = That date has passed.
term-change-same = The program already ends on that day.
term-change-pending = A term change is already waiting for answers.
term-result-pending = waiting for the other answers
term-result-applied = the term is changed
term-result-refused = refused
reminder-term-change-agree = { $by } proposes to change the program's term: to end on { $new_end } instead of { $old_end }. Do you agree?
reminder-term-change-agree-y = ✅ I agree
reminder-term-change-agree-n = ❌ I do not agree
reminder-term-change-approve = { $by } proposes to change the mentoring program's term: to end on { $new_end } instead of { $old_end }. Approve?
reminder-term-change-approve-y = ✅ Approve
reminder-term-change-approve-n = ❌ Refuse
reminder-term-change-done = Change of the program's term (end { $new_end }): { $result }.

## Withdrawal of consent (/forget)
end-reason-consent_withdrawn = Consent to personal data processing withdrawn
reminder-mentee-left = A member has left the mentoring group { $mentor } — { $mentees } ({ $reason }). The group goes on.
erased-name = (name erased)

## A completed program: the mentee waits for no new pair until the curator says so
pair-completed = The mentoring program is completed. Reason: { $reason }. The mentee is not waiting for a new pair; if they need another mentor, put them back in the bank with the button on the pair's card (/status → All pairs).

## A group's participants answer «did the meeting take place?» each for themselves
reminder-meeting-contested = Answers about mentor { $mentor }'s meeting of { $held_on } differ: { $by } — “{ $answer }”. The meeting counts, since at least one participant confirmed it. Please have a look.

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
meeting-held-on-unreadable = Could not read the date. Write, for example: 23.11.2026, 23.11, "yesterday", "the day before yesterday", "last Thursday", "3 days ago" or "November 12".
meeting-understood-date = Meeting date: { $weekday ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }, { $date }.
meeting-understood = Noted: { $date } ({ $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    }), { $minutes } min.

pair-goal-gone = a difficulty no longer in the list
