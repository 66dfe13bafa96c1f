## Pair matching (/match) and the preference questionnaire (/preferences)

help-match =
    Pair matching:
    /match — match pairs from the questionnaires (optimal or stable), approve, reject or choose another mentor.
    /preferences — open and close the preference questionnaire after the group meeting.
help-preferences =
    Preference questionnaire:
    /preferences — after the group meeting, choose up to three colleagues you would like to work with.

## Running matching
match-intro =
    Matching mentors and mentees — { $school }.
    Matching uses the submitted questionnaires of the bank of mentors and of the bank of mentees, and the preference questionnaire after the group meeting.
    Optimal matching gives the largest total fit for the school; stable matching gives pairs where no mentor and mentee would both rather be together than with their pairs.
match-mode-optimal = ⚖️ Optimal matching
match-mode-stable = 🤝 Stable matching
match-mode-optimal-pool = ⚖️ Optimal, with mentors of other schools
match-mode-stable-pool = 🤝 Stable, with mentors of other schools
match-continue = ▶️ Continue reviewing proposals ({ $count })
match-run-header =
    Matching — { $school } ({ $mode ->
        [optimal] optimal
       *[stable] stable
    }{ $pool ->
        [1] , with the municipal bank of mentors
       *[0] {""}
    }).
    Awaiting a decision: { $pending }. Approved: { $approved }. Without a pair: { $unmatched }.
match-card-mentor = Mentor: { $name }
match-card-mentee = • { $name } — fit { $score } of 100
match-approve-pair = ✅ Approve the pair
match-approve-group = ✅ Approve the group
match-reject = ✖️ Reject: { $name }
match-another = 🔄 Another mentor: { $name }
match-unmatched-title = Left without a pair (the search goes on; the mentees need support):
match-unmatched-line = • { $name }: { $reason }
match-rejected-line = • { $name }: proposal rejected by the curator
match-rejected = Proposal rejected. The mentee stays in the search.
match-shortlist-title = Other suitable mentors for: { $name }
match-shortlist-line = { $number }. { $name } — fit { $score } of 100
match-shortlist-empty = There are no other suitable mentors with free places for { $name }.
match-picked = The mentor has been replaced.

## Approving a pair
match-ask-form = Form of mentoring:
match-form-teacher_teacher = teacher – teacher
match-form-head_teacher = head of the school – teacher
match-form-university_teacher = university (college) teacher – young teacher
match-form-employer_student = employer – student
match-form-student_student = pupil – pupil
match-ask-kind = Kind of mentoring:
match-kind-traditional = traditional (one to one)
match-kind-group = group
match-kind-virtual = virtual (distance)
match-kind-reverse = reverse
match-kind-short_term = short-term (goal-setting)
match-kind-situational = situational
match-kind-flash = flash mentoring (a single meeting)
match-paid-yes = Yes, paid
match-paid-no = No
match-skip = ⏭ Skip
match-number-invalid = Enter a number of at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
match-approved = Approved: mentor { $mentor }, { $count ->
        [one] mentee
       *[other] mentees
    } { $mentees }. The participants have been notified.
match-notify-failed = Notifications not delivered: { $count }. Please tell the participants in person.
match-notify-mentor =
    The curator has approved your mentoring { $count ->
        [one] pair
       *[other] group
    } ({ $school }). Your mentees: { $mentees }.
    Next step: the introductory meeting together with the curator (30–40 minutes): agree on a date.
match-notify-mentee =
    The curator has approved your mentoring pair ({ $school }). Your mentor: { $mentor }.
    Next step: the introductory meeting together with the curator: your mentor will contact you.
match-pool-disabled = The municipal bank of mentors is closed: the municipal coordinator opens it.
match-already-decided = This proposal has already been decided.
match-mentee-taken = The mentee is already in a pair. Refresh the list of proposals.
match-finish-first = You are approving a pair: answer the question — with a button or in text — or send /cancel.

## The preference questionnaire after the group meeting
pf-panel-closed = Preference questionnaire — { $school }: not running. Open it after the group meeting of the candidates: mentors and mentees will be invited to choose up to three colleagues.
pf-panel-open = Preference questionnaire — { $school }: open. Answered: { $answered } of { $total }.
pf-open = 🗳 Open the preference questionnaire
pf-close = 🔒 Stop taking answers
pf-opened = The preference questionnaire is open. { $count ->
        [one] { $count } person gets an invitation
       *[other] { $count } people get an invitation
    }; sending takes a few minutes.
pf-closed = Answers are closed. People who chose: { $count }. The answers will count in matching (/match).
pf-already-open = The preference questionnaire is already open.
pf-round-closed = Answers are already closed.
pf-too-many = You can choose at most { $max ->
        [one] { $max } colleague
       *[other] { $max } colleagues
    }. Untick one of those chosen.
pf-no-round = There is no preference questionnaire now. The curator opens it after the group meeting.
pf-invite-mentor = The group meeting of mentors and mentees has taken place. Choose up to three mentees you would like to work with, in order of preference.
pf-invite-mentee = The group meeting of mentors and mentees has taken place. Choose up to three mentors you would like to work with, in order of preference.
pf-choose = 🗳 Choose
pf-choose-mentors = Preference questionnaire — { $school }. Tick up to three mentors in order of preference (the first ticked is your first choice). Mentors in the bank: { $count }.
pf-choose-mentees = Preference questionnaire — { $school }. Tick up to three mentees in order of preference (the first ticked is your first choice). Mentees in the bank: { $count }.
pf-done = ✔️ Done
pf-saved = Your choice is saved: { $names }. You can change it until the curator closes the answers.
pf-saved-nobody = You have chosen nobody. You can still choose until the curator closes the answers.

## The municipal bank of mentors (coordinator, /schools)
match-pool-button = { $enabled ->
        [1] 🔓 The municipal bank of mentors is open for matching — close it
       *[0] 🔒 Open the municipal bank of mentors for matching
    }
match-pool-set = { $enabled ->
        [1] Curators of the municipality's schools can now match mentors from other schools.
       *[0] Matching mentors from other schools of the municipality is closed.
    }
