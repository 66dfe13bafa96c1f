# /report for a curator: the school's files.
curator-report-menu = 📁 Files of { $school } for the { $year } school year. The file is sent to you only.
curator-report-other-year = Another school year: { $year }
curator-report-button-pairs = 👥 Mentoring pairs (for the order)
curator-report-button-meetings = 📅 Meeting log
curator-report-button-programs = 📋 Pairs' programs
curator-report-button-surveys = 📝 Survey results
curator-report-pairs-title = Mentoring pairs (groups) of { $school } for the { $year } school year — annex to the order approving the mentoring pairs (groups)
curator-report-pairs-file = Mentoring pairs { $year }
curator-report-pairs-sheet = Pairs
curator-report-pairs-h1 = No.
curator-report-pairs-h2 = Mentor's full name
curator-report-pairs-h3 = Mentor's position
curator-report-pairs-h4 = Mentee's full name
curator-report-pairs-h5 = Mentee's position
curator-report-pairs-h6 = Form of mentoring
curator-report-pairs-h7 = Kind of mentoring
curator-report-pairs-h8 = Start
curator-report-pairs-h9 = End
curator-report-pairs-h10 = State
curator-report-pairs-h11 = Mentor's consent (Labour Code art. 351.8)
curator-report-pairs-h12 = Additional agreement (date, No.)
curator-report-pairs-h13 = Order (date, No.)
curator-report-meetings-title = Meeting log of the mentoring pairs of { $school } for the { $year } school year
curator-report-meetings-file = Meeting log { $year }
curator-report-meetings-sheet = Meeting log
curator-report-meetings-h1 = No.
curator-report-meetings-h2 = Date
curator-report-meetings-h3 = Mentor
curator-report-meetings-h4 = Mentees
curator-report-meetings-h5 = Stage
curator-report-meetings-h6 = Duration, min
curator-report-meetings-h7 = Format
curator-report-meetings-h8 = Topic
curator-report-meetings-h9 = Confirmation
curator-report-programs-title = Personalised mentoring program, { $school }, { $year } school year
curator-report-programs-file = Mentoring programs { $year }
curator-report-programs-sheet = Programs
curator-report-programs-mentor = Mentor
curator-report-programs-mentees = Mentees
curator-report-programs-term = Term
curator-report-programs-mode = Meeting format
curator-report-programs-cadence = Meeting cadence
curator-report-programs-cadence-days = { $days ->
        [one] every day
       *[other] every { $days } days
    }
curator-report-programs-goals = Goals
curator-report-programs-h1 = No.
curator-report-programs-h2 = Activity
curator-report-programs-h3 = Direction
curator-report-programs-h4 = Due
curator-report-programs-h5 = Done
curator-report-programs-h6 = Confirmed by the mentee
help-curator-report =
    /report — the school's files for a school year (sent to you only): mentoring pairs for the order, the meeting log, the pairs' programs, survey results.
