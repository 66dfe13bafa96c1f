# /certificate: a certificate of mentoring activity.
certificate-requested = 📄 Your request for a certificate of mentoring activity has been sent { $count ->
        [one] to the curator: { $schools }. Once the curator approves it, the certificate comes here.
       *[other] to the curators of the schools: { $schools }. Each school issues its own certificate — about the pairs in that school, signed by its curator; they come here as they are approved.
    }
certificate-requested-pending = The request to { $schools } is already with the curator; it is not sent again.
certificate-requested-no-curator = { $schools } has no curator, so nobody there can approve the certificate.
certificate-no-pairs = A certificate is available once you have an approved mentoring pair.
certificate-no-curator = Your school has no curator yet, so nobody can approve the certificate.
certificate-already-pending = Your certificate request is already with the curator; please wait for the answer.
certificate-already-decided = This request has already been decided.
certificate-approved = Certificate approved; the mentor will receive it.
certificate-refused = The refusal has been sent to the mentor.
certificate-button-y = ✅ Approve the certificate
certificate-button-n = ❌ Refuse
certificate-button-get = 📄 Get the certificate
certificate-caption = Certificate of mentoring activity
certificate-file = Certificate of mentoring activity — { $name } — { $school }
certificate-title = CERTIFICATE of mentoring activity
certificate-body = This is to certify that { $mentor }, { $position }, { $school }, has been mentoring since { $since } within the school's target model of mentoring. Mentees: { $mentees }.
certificate-h1 = No.
certificate-h2 = Mentees
certificate-h3 = Form of mentoring
certificate-h4 = Period
certificate-h5 = Confirmed meetings
certificate-h6 = State
certificate-period = from { $start } to { $end }
certificate-ongoing = the present
certificate-total = Meetings confirmed by the mentees in total: { $meetings }.
certificate-curator = Curator of the mentoring system: ____________ { $curator }
certificate-issued = Issued on: { $date }
reminder-certificate-request = 📄 { $name } asks for a certificate of mentoring activity for their certification. Approve or refuse.
reminder-certificate-ready = 📄 { $by } approved your certificate of mentoring activity at { $school }. Press to get the file.
reminder-certificate-refused = { $by } did not approve the certificate of mentoring activity at { $school }. Ask the curator why; you can request it again with /certificate.
cmd-certificate = Certificate of mentoring activity
help-certificate =
    /certificate — a certificate of mentoring activity for your certification (DOCX): the request goes to the curator of each school where you mentor; each school issues its own certificate once its curator approves it.
menu-certificate = 📄 Certificate of mentoring activity
