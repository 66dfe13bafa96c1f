## Mentor and mentee questionnaires (/profile)

help-profile =
    Questionnaire:
    /profile — fill in or change your mentor or mentee questionnaire. Every answer is saved at once: you can stop and continue later from the same question.
profile-after-registration = Next step: the questionnaire, which the curator uses to find you a pair. Press «Fill in the questionnaire» in the menu or send /profile.
profile-none = Questionnaires are filled in by mentors and mentees. You do not hold such a role now.
profile-status-new = { $title } — { $school }: not filled in yet ({ $total ->
        [one] { $total } question
       *[other] { $total } questions
    }).
profile-status-started = { $title } — { $school }: { $answered } of { $total } answered. You can continue where you stopped.
profile-fill = 📝 Fill in the questionnaire
profile-continue = ▶️ Continue
profile-progress = Question { $number } of { $total }
profile-how-multi = Tick the options that apply (at most { $max }) and press «Done». You can also type their numbers separated by commas.
profile-how-integer = Type a number from { $min } to { $max }.
profile-how-date = Type the date as DD.MM.YYYY.
profile-how-text = Type your answer in one message (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
profile-how-buttons = Choose an answer with a button.
profile-done = ✔️ Done
profile-skip = ⏭ Skip
profile-finish-first = You are filling in the questionnaire. Answer the question or send /cancel to stop (your answers are kept).
profile-summary-draft = Check your answers. If all is right, press «Send»; to correct an answer, press «Change an answer».
profile-summary-submitted = The questionnaire has been sent to the curator. You can change an answer at any time.
profile-change = ✏️ Change an answer
profile-send = 📨 Send
profile-pick-question = Which answer do you want to change?
profile-sent = Thank you! The questionnaire has been sent to the curator. See or change it with /profile.
profile-incomplete = Some questions are still unanswered. Answer them, then send the questionnaire.

## Banks of mentors and mentees (/bank)

help-bank =
    Questionnaires and banks:
    /bank — which mentors and mentees have filled in their questionnaire and which have not; remind those who have not.
bank-pick-school = Choose a school:
bank-title = Bank of mentors and mentees — { $school }
bank-mentors = Mentors: { $done } of { $total } sent their questionnaire
bank-mentees = Mentees: { $done } of { $total } sent their questionnaire
bank-empty = nobody yet
bank-line-submitted = ✅ { $name }
bank-line-started = ✏️ { $name } — { $answered } of { $total } answered
bank-line-none = ⏳ { $name } — not started
bank-remind = 🔔 Remind those who have not filled it in
bank-reminder = A reminder from the mentoring curator ({ $school }): please fill in your questionnaire «{ $title }». It takes about five minutes; answers are saved at once.
bank-reminded = { $count ->
        [one] { $count } reminder queued
       *[other] { $count } reminders queued
    }: the bot sends them within minutes, no faster than the messenger allows.{ $already ->
        [0] {""}
       *[other] {" "}Already reminded today, not sent again: { $already }.
    }
bank-reminded-already = Everyone who has not filled in the questionnaire has already been reminded today: reminders are not sent twice.
bank-nobody-to-remind = Everyone has sent their questionnaire: nobody to remind.
