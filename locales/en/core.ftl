## Roles
role-admin = administrator
role-coordinator = municipal coordinator
role-curator = curator
role-mentor = mentor
role-mentee = mentee

invite-target = { $role } — { $place }

## Start and consent
start-stranger =
    Hello! This is the bot of the teacher mentoring program.
    Access is by invitation only: your school's mentoring curator (usually the deputy director) gives out the links. Ask them for a link and open it.
    Already use the bot in another messenger? Send /link there, and the code you get here.
onboarding-hello = Hello! You have been invited to the mentoring program: { $target }.
consent-text =
    Consent to the processing of personal data (version { $version })

    Under Federal Law No. 152-FZ of 27.07.2006 "On Personal Data", I consent to the educational organisation and the municipal education authority that run the mentoring program processing my personal data:
    • full name; position; the identifiers of the messengers I use the bot in (Telegram, MAX);
    • my answers to the mentor or mentee questionnaire (subjects, experience, professional difficulties, requests);
    • information about my mentoring pair, meetings, feedback and satisfaction survey results.

    Purpose: organising and monitoring the teacher mentoring program (forming pairs, keeping the meeting log, reporting under the target mentoring model).
    Actions: collection, recording, storage, correction, use, anonymisation and deletion. The data is stored on a server in the Russian Federation; contacts and personal notes are not forwarded to third parties in messages.

    The consent is valid until withdrawn. See everything stored about you with /mydata; withdraw consent with /forget: your personal data will be deleted and only anonymous totals kept.
consent-agree = ✅ I agree
consent-decline = I do not agree
consent-waiting = To continue, press "I agree" or "I do not agree" under the consent text.
consent-declined =
    Understood. Nothing about you has been stored.
    If you change your mind, open the curator's invitation link again.
consent-thanks = Thank you! Your consent has been recorded.
onboarding-ask-name = Please write your full name (for example: Maria Petrovna Ivanova).
onboarding-ask-position = What is your position? For example: mathematics teacher, kindergarten teacher, school psychologist.
onboarding-finish-first = Let us finish the registration first (or send /cancel to stop it).
onboarding-done = Done! You are registered: { $target }.
onboarding-role-added = A role has been added to you: { $target }.

## Menu and commands
menu-title =
    { $name }
    Your roles: { $roles }
    Choose an action:
menu-schools = 🏫 Schools of the municipality
menu-invite = ✉️ Invite teachers
menu-registry = 📋 School registry
menu-report = 📁 Reports and forms (XLSX)
menu-help = ❓ Help
menu-language = 🌐 Язык / Language
menu-mydata = 📄 My data
menu-questionnaire = 📝 Fill in the questionnaire
menu-bank = 🗂 Bank of mentors and mentees
menu-match = 🤝 Pair matching
menu-preferences = 🗳 Preference questionnaire
menu-meeting = 📝 Log a meeting
menu-pair = 👥 My pair: program and meetings
cmd-schools = Schools of the municipality and curator invitations
cmd-invite = Invite mentors and mentees
cmd-registry = School registry: orders, curator contacts, events
cmd-report = Reports: monitoring forms, school files (XLSX)
cmd-profile = My questionnaire: fill in or change
cmd-bank = Bank of mentors and mentees
cmd-match = Matching mentors and mentees
cmd-preferences = Preference questionnaire after the group meeting
cmd-meeting = Log a meeting with your mentee (mentor)
cmd-pair = The pair's program, plan, meetings and next step
cmd-import = Staff import: invitation links as a file
cmd-help = Help
cmd-language = Change the language
cmd-mydata = Get a file with my data
cmd-forget = Withdraw consent and delete my data
cmd-cancel = Stop the current action

## Help
help-intro = The bot runs the teacher-to-teacher mentoring program: questionnaires, pairs, meetings, surveys and reports.
help-admin = Administrator: every municipality and school (/schools).
help-coordinator =
    Municipal coordinator:
    /schools — the list of schools, add a school, invite a school's curator.
help-curator =
    School curator:
    /invite — invitation links for mentors and mentees (personal — for one person, shared — for the staff chat).
help-mentor =
    Mentor:
    /meeting — log a meeting: stage, date, duration, topic and notes (photos too); or just send the bot a text and it offers to keep it as meeting notes
    /pair — the pair's program: goals, plan, meetings, next step; change the plan and the meeting cadence, end the mentoring
help-mentee =
    Mentee:
    /pair — your program, plan and meetings; confirm plan items
    /meeting — report a meeting (your mentor confirms it)
    The bot asks you whether each logged meeting took place.
help-common =
    For everyone:
    /language — interface language (and where messages come, if you use the bot in two messengers)
    /link — connect another messenger: a code to send to the bot there
    /mydata — a file with everything stored about you
    /forget — withdraw consent and delete your personal data
    /cancel — stop the current action (what was saved stays)

## Common commands
cancel-done = Stopped. Everything saved so far stays in place.
cancel-nothing = There is nothing to stop right now.
cancel-onboarding = Registration stopped. To continue, open the invitation link again.
language-name-ru = Русский
language-name-en = English
language-choose = Choose the interface language:
language-set = Interface language: English.
mydata-caption = Everything the bot stores about you (JSON format).
forget-warning =
    Withdraw your consent to personal data processing?
    Your name, position, contacts, questionnaire answers and notes, and Telegram and MAX links will be deleted and your roles removed. Your mentoring pairs and groups will end: their members and the curator will be told. Anonymous program totals stay. You can come back only with a new invitation.
forget-confirm = Yes, withdraw and delete
forget-keep = No, keep it
forget-kept = All right, nothing changes.
forget-done = Consent withdrawn, personal data deleted. Thank you for taking part.
stray-message = I did not understand that message. Use the menu or /help.

## Schools
schools-pick-municipality = Choose a municipality:
schools-list = { $municipality }: { $count ->
        [one] { $count } school
       *[other] { $count } schools
    }. Choose a school or add a new one.
schools-empty = { $municipality }: no schools yet. Add the first one.
schools-add = ➕ Add a school
schools-invite-curator = ✉️ Invite the curator
schools-ask-name = Full name of the educational organisation (as in its charter):
schools-ask-short-name = Short name (for example: School No. 4):
schools-ask-kind = Kind of organisation:
schools-ask-parent = Is it a branch or a division of another organisation?
schools-parent-none = No, an independent organisation
schools-added = "{ $name }" has been added.
school-card =
    { $name }
    Short name: { $short_name }
    Kind: { $kind }
    Parent organisation: { $parent }
school-kind-school = school
school-kind-kindergarten = kindergarten
school-kind-other = other organisation
school-exists = "{ $name }" is already on the list.
school-name-invalid = The name is too short.

## Invitations
invite-choose = Whom do you want to invite?
invite-button-mentor-personal = A mentor — personal link
invite-button-mentor-shared = Mentors — shared link
invite-button-mentee-personal = A mentee — personal link
invite-button-mentee-shared = Mentees — shared link
invite-created-personal =
    Invitation: { $role } — { $place }.
    A personal link for one person, valid until { $expires }:
    { $link }

    If the link does not open, send the bot this command:
    /start { $token }
invite-created-shared =
    Invitation: { $role } — { $place }.
    A shared link for the teachers' chat (up to { $uses ->
        [one] { $uses } person
       *[other] { $uses } people
    }), valid until { $expires }:
    { $link }

    If the link does not open, send the bot this command:
    /start { $token }
invite-invalid = Invitation not found. Check the link or ask the curator for a new one.
invite-expired = This invitation has expired. Ask the curator for a new link.
invite-used-up = This link has already been used. Ask the curator for a new one.

## Input errors
input-not-text = Please send your answer as text.
input-too-long = The answer is too long: { $max ->
        [one] { $max } character
       *[other] { $max } characters
    } at most.
input-use-buttons = Please choose an option with the buttons under the message.
name-empty = The message was empty.
name-invalid = Give your surname, first name and (if any) patronymic — two to four words, letters only.
position-invalid = Please name your position in words, for example: history teacher.
timezone-invalid = Unknown time zone: { $value }.

## Errors
error-domain = This action is not available right now.
error-access-denied = You are not allowed to do this.
error-stale = This menu is out of date. Open the current one with /start.
error-unexpected = Something went wrong. Please try again in a minute.

## Mentorships
mentorship-no-mentees = A pair needs at least one mentee.
mentorship-same-person = The mentor and the mentee cannot be the same person.
mentorship-transition-refused = The pair cannot be changed this way.

## Flood control
flood-slow-down = Too many messages in a row. Please wait { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } — then everything works again.
