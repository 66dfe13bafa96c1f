## Approving pairs: the order and the mentor's consent (Labour Code art. 351.8); completed later from the pair card
match-approve-all = ✅ Approve all proposals ({ $count }) under one order
papers-order-value = order of { $date } No. { $number }
papers-title-one = Approval: form «{ $form }», kind — { $kind }.
papers-title-all = Approval under one order: { $groups ->
        [one] { $groups } pair (group)
       *[other] { $groups } pairs (groups)
    }, { $mentees ->
        [one] { $mentees } mentee
       *[other] { $mentees } mentees
    }; form «{ $form }», kind by the number of mentees (traditional or group). Each mentor's consent is entered later on their pair's card.
papers-title-pair = The pair's papers. Order: { $order }.
papers-ask-order = The order approving mentoring pairs (groups): choose an order of this school year, press «New order of …», or type the new order's date (DD.MM.YYYY).
papers-use-order = 📄 { $order }
papers-new-order-today = 📅 New order of { $date }
papers-later = ⏭ No order yet — I will add it later
papers-keep = ⏭ Keep as is
papers-change-form = ✏️ Change form and kind
papers-ask-order-number = Number of the order of { $date } (for example: 112-о):
papers-ask-consent-date = The mentor's written consent (Labour Code art. 351.8): the consent's date — press «Today» or type it (DD.MM.YYYY). You may also enter this later, from the pair card (/pair).
papers-ask-agreement-date = Date of the additional agreement to the employment contract (DD.MM.YYYY):
papers-ask-agreement-number = Number of the additional agreement:
papers-ask-term = Mentoring term under the agreement — until which date (DD.MM.YYYY):
papers-ask-paid = Is mentoring paid extra?
papers-today = 📅 Today, { $date }
papers-as-consent = 📅 The consent's day, { $date }
papers-term-default = 📅 Until the end of the school year, { $date }
papers-legal-later = ⏭ Later, from the pair card
papers-now = Now: { $value }
papers-paid-value = { $paid ->
        [1] paid extra
       *[0] not paid extra
    }
papers-saved = The pair's papers are saved.
papers-left = Entering the pair's papers was interrupted; nothing was saved.
papers-missing-after = { $order ->
        [1] The approving order is not entered.
       *[0] {""}
    }{ $consent ->
        [1] { $order ->
            [1] {" "}
           *[0] {""}
        }The mentor's consent data (Labour Code art. 351.8) are not entered.
       *[0] {""}
    } You can add them later: /pair → the pair → «Order and mentor's consent».
papers-button = 📝 Order and mentor's consent
papers-card = 📝 Papers: { $no_order ->
        [1] ⚠️ no order approving the pair
       *[0] { $order }
    }; { $no_consent ->
        [1] ⚠️ no data on the mentor's consent (Labour Code art. 351.8): consent { $consent }, additional agreement No. { $agreement } of { $agreement_date }
       *[0] mentor's consent of { $consent }, additional agreement No. { $agreement } of { $agreement_date }
    }
registry-pairs-papers-missing = ⚠️ Active pairs without papers: without an order — { $order }, without the mentor's consent data — { $consent }. To add them: /pair → the pair → «Order and mentor's consent».
status-papers-missing = 📝 Pairs' papers: without an approving order — { $order }, without the mentor's consent data (Labour Code art. 351.8) — { $consent }.
papers-finish-first = You are entering the pair's papers: answer the question — with a button or in text — or send /cancel.
