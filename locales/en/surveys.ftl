## Feedback surveys (issue 5): ratings, "a good fit?", surveys, results

cmd-surveys = Surveys and feedback
menu-surveys = 📝 Surveys
help-surveys =
    Surveys:
    /surveys — the surveys waiting for your answers; for a mentor, the average rating of their meetings by mentees (once at least three mentees have rated); for a curator, the school's survey results and an XLSX file.
    After a confirmed meeting the mentee rates it from 1 to 5 in one tap; after the first meeting both sides say whether the pair is a good fit.

survey-rate-question = How did the meeting go? Rate it from 1 to 5 — the other side of your pair will not see it.
survey-rated = Thank you, your rating: { $value }. Would you like to add a comment?
survey-button-comment = ✍️ Add a comment
survey-button-no-comment = No, thanks
survey-comment-ask = Write your comment in one message. Only the curator sees it, in the summary.
survey-comment-saved = Comment saved. Thank you!
survey-comment-empty = The comment is empty. Please write it as text.
survey-comment-too-long = The comment is too long: { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    } at most.
survey-thanks = Thank you for your rating!
survey-comment-left = Your rating is saved, no comment added. You can add one later with the «Add a comment» button.
survey-comment-not-command = A comment cannot start with «/». Write it as an ordinary message or press «No, thanks».

survey-fit-good = 👍 Yes, a good fit
survey-fit-unsure = 🤔 Not sure yet
survey-fit-bad = 👎 No, not a good fit
survey-fit-thanks-good = Thank you! Glad the pair works.
survey-fit-thanks-unsure = Thank you! We will ask again in a month how it is going.
survey-fit-thanks-bad = Thank you for your honest answer. The curator will know and will help.
survey-button-end-bad-fit = End the pair: "not a good fit"
survey-end-confirm = End the pair with the reason "not a good fit"? The mentee goes back to the bank, and matching (/match) will never propose this pair again.
survey-button-end-yes = Yes, end it
survey-ended-bad-fit = The pair has ended: "not a good fit". Find the mentee a new mentor in /match.
survey-no-bad-fit = Nobody in this pair answered "not a good fit": end the pair from its card (/pair) with another reason.

survey-button-open = 📝 Fill in the survey
survey-button-skip = Skip
survey-progress = Question { $number } of { $total }
survey-type-answer = Type your answer as a message.
survey-paused = The survey is paused, your answers are saved. Continue it in /surveys.
survey-finish-first = You are filling in a survey: please answer the question below. Commands from the menu (/help) work too — the survey will wait with your answers saved.
survey-done = Thank you! The survey "{ $title }" has been sent.
survey-closed-answered = This survey has already been filled in, it is closed. Thank you!
survey-closed-expired = This survey's deadline has passed, it is closed.
survey-closed-cancelled = This survey is closed: it is no longer needed (for example, the pair ended early).

survey-list-title = 📝 Surveys
survey-list-line = • { $title } — by { $due }
survey-list-empty = No surveys are waiting for your answers.
survey-about-me = Average rating of your meetings by mentees: { $mean } of 5 ({ $count } { $count ->
        [one] rating
       *[other] ratings
    }).
survey-button-results = 📊 School survey results

survey-results-title = 📊 Survey results: { $school }, school year { $year }
survey-results-empty = No survey answers yet.
survey-mean = { $mean } on average ({ $count ->
        [one] { $count } answer
       *[other] { $count } answers
    })
survey-yes-no = yes — { $yes }, no — { $no }
survey-button-xlsx = 📄 XLSX file
survey-xlsx-caption = The school's survey results. Where fewer than three people answered, the values are hidden.

survey-button-closing = 📖 Read your colleague's feedback
survey-closing-title = 📖 Closing feedback: { $name }
survey-closing-wait = You can read { $name }'s feedback once you have both filled in the final surveys.
survey-closing-none = No closing feedback yet.

survey-def-error-kind = File { $file }: the [survey] section has an unknown kind "{ $kind }". Allowed: meeting, fit, relationship, midpoint, final, custom.
survey-def-error-audience = File { $file }: audience in the [survey] section must be a list of roles from mentor, mentee, curator.
survey-def-error-exists = File { $file }: the survey "{ $value }" version { $version } is already imported. Raise version to change it.
survey-def-error-not-custom = File { $file }: only surveys of kind custom can be imported (the file says "{ $kind }").

## A coordinator's municipality-wide survey
help-surveys-coordinator =
    Municipal surveys:
    /surveys → "Upload a survey": send a survey file in TOML format (for example the curator's survey on the program's conditions); the bot checks it and lists every problem. Then choose whom to send it to (mentors, mentees or curators) and which schools, and read the totals per school.
survey-custom-title = 🏛 Municipal surveys
survey-custom-empty = No surveys uploaded yet.
survey-button-upload = 📤 Upload a survey (TOML file)
survey-upload-ask = Send the survey file (.toml) as a document. The format is described in the README, section "Municipal surveys".
survey-upload-need-document = A file is needed: attach it as a document (paperclip → "File").
survey-upload-left = Survey upload cancelled.
survey-upload-too-big = The file is too large: at most { $max ->
        [one] { $max } byte
       *[other] { $max } bytes
    }.
survey-import-rejected = The file was not uploaded: { $count ->
        [one] { $count } problem found
       *[other] { $count } problems found
    }. Nothing was stored:
survey-imported = The survey is uploaded.
survey-custom-card = 📋 { $title } (version { $version })
    Questions: { $questions }. May be sent to: { $roles }.
    { $named ->
        [yes] Answers are named: the coordinator sees them with names.
       *[no] Answers are anonymous: only totals are shown.
    }
    Sent: { $asked }, answered: { $answered }.
survey-button-send = 📨 Send
survey-button-custom-results = 📊 Results per school
survey-send-role = Whom should the survey go to?
survey-send-no-schools-at-all = The municipality has no schools yet: add them in /schools.
survey-pick-schools = Choose the schools whose { $role ->
        [mentor] mentors
        [mentee] mentees
       *[curator] curators
    } get the survey. Chosen: { $chosen } of { $total }. Page { $page } of { $pages }.
survey-pick-all = ☑️ Choose all schools
survey-pick-none = ✖️ Clear the choice
survey-pick-send = 📨 Send to the chosen ({ $count })
survey-send-no-schools = Choose at least one school.
survey-send-nobody = The chosen schools have no { $role ->
        [mentor] mentor
        [mentee] mentee
       *[curator] curator
    }: the survey was not sent. Choose other schools.
survey-sent = The survey is sent to { $asked ->
        [one] { $asked } person
       *[other] { $asked } people
    } in { $schools } schools (it arrives in the morning, the school's local time). Had it already: { $already }.
survey-custom-results-title = 📊 Results: { $title }
    Sent: { $asked }, answered: { $answered }.
survey-custom-not-sent = The survey has not been sent to anyone yet.
survey-custom-school = 🏫 { $school }: { $answered } of { $asked } answered
survey-custom-named = — { $name }, “{ $question }”: { $answer }

## Closing feedback listed in /surveys
survey-closing-list = Colleagues' closing feedback you can read now: { $count }.
survey-button-closing-of = 📖 Closing feedback: { $names }

## Outbox messages
reminder-survey-rate = How did the meeting "{ $stage }" on { $held_on } go? Rate it from 1 to 5 — one tap is enough. The other side of your pair will not see it.
reminder-survey-fit = You have had your first meeting: { $other }. Do you think your pair is a good fit? Only the curator sees the answer.
reminder-survey-invite = Please fill in the survey "{ $title }" by { $due }. It takes a few minutes.
reminder-survey-reminder = A reminder: the survey "{ $title }" is waiting for your answers until { $due }.
reminder-survey-overdue = { $name } has not filled in the survey "{ $title }" yet (due { $due }).
reminder-survey-at-risk = The pair { $mentor } — { $mentees } may need help: { $risk ->
        [low_ratings] two low meeting ratings in a row
        [bad_fit] one side answered that the pair is not a good fit
       *[low_relationship] a low rating of the work in the pair
    }.
reminder-survey-closing = You have both filled in the final surveys — you can now read your colleague's feedback.
