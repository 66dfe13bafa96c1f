## The school's registry (/registry)
registry-title = Registry: { $school }
registry-not-set = not set
registry-order-regulation = Mentoring regulation
registry-order-roadmap = Roadmap
registry-order-pairs = Mentoring pairs (groups), teacher – teacher
registry-order-curator = Curator's appointment
registry-order-value = order of { $date } No. { $number }
registry-order-line = • { $order }: { $value }
registry-contacts-line = Curator: { $name }, e-mail: { $email }, phone: { $phone }
registry-events-title = Methodological events where the practice was presented: { $count }
registry-event-line = { $number }) { $title }; { $level }; { $date }; result: { $result }
registry-level-school = school
registry-level-municipal = municipal
registry-level-regional = regional
registry-level-federal = federal
registry-edit-order = ✏️ { $order }
registry-edit-contacts = ✏️ Curator's contacts
registry-add-event = ➕ Event
registry-delete-event = 🗑 Delete an event
registry-choose-delete = Which event should be deleted?
registry-deleted = Event deleted.
registry-skip = Skip
registry-saved = Saved.
registry-use-schools = A school's registry opens from the list of schools: /schools → school → "Registry".
registry-open = 📋 Registry: orders and events
registry-ask-order-date = { $order }: date of the order (DD.MM.YYYY)?
registry-ask-date-again = Enter the date as DD.MM.YYYY, for example 01.09.2025.
registry-ask-order-number = Number of the order (for example: 125-од)?
registry-ask-contact-name = The curator's full name?
registry-ask-email = The curator's e-mail (or "Skip")?
registry-ask-phone = The curator's phone (or "Skip")?
registry-ask-event-title = The name of the event where the mentoring practice was presented?
registry-ask-event-level = Level of the event:
registry-ask-event-date = Date held (DD.MM.YYYY)?
registry-ask-event-result = Result (for example: participation, 2nd degree diploma) or "Skip":
registry-number-empty = Enter the number of the order.
registry-email-invalid = This does not look like an e-mail address. Example: curator@school4.ru
registry-phone-invalid = Enter the phone in digits, for example +7 818 375-12-34.
registry-text-short = Too short — please write more.
help-registry =
    School registry (for the municipality's reports):
    /registry — orders on the regulation, roadmap, pairs and curator's appointment, the curator's contacts, methodological events.

## Official forms (/report)
report-choose-period = Official monitoring forms ({ $municipality }). For which period?
report-period-half = { $half } half of the { $year } school year
report-period-year = { $year } school year
report-set-genitive = ✏️ Municipality name for the form titles
report-ask-genitive = How is the municipality's name written in the form title (in Russian, genitive case)? For example: Устьянского муниципального округа
report-file-normative = Normative support — { $period }
report-file-monitoring = Monitoring of programs — { $period }
report-caption = { $period }. Organisations in the form: { $schools }.
help-report =
    Municipal reports:
    /report — the two official monitoring forms (normative support and program implementation) as XLSX for a half-year or a school year.

## The official forms' title: the municipality's name in the genitive case
report-ask-genitive-title = { $first ->
        [1] Before the forms are prepared, check their title. It would print like this:
       *[0] The forms' title prints like this now:
    }
    «{ $title }»
    Write the municipality's name as it stands in the title after «в образовательных организациях» — in Russian, in the genitive case (кого/чего?), for example: Устьянского муниципального округа. If the title reads right, press «Keep as is».
report-genitive-keep = ✔️ Keep as is
report-genitive-saved = Saved. The forms' title will print like this:
    «{ $title }»
report-genitive-left = The name in the forms' title was not changed.
