## One person on both messengers (/link) and where the bot writes to them
messenger-telegram = Telegram
messenger-max = MAX
cmd-link = Connect another messenger (Telegram or MAX)
link-code =
    Your code: { $code }
    Send the bot in { $messenger } the message "/link { $code }" within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }: that account becomes yours, with the same roles, questionnaires and history. The code works once; a new /link replaces it.
link-ask-code = Send the code the bot showed you for /link in the other messenger (for example ABCD-2345). Changed your mind? /cancel.
link-code-malformed = That does not look like a code: it has 8 Latin letters and digits, for example ABCD-2345. Send the code again, or /cancel.
link-unknown = There is no such code. Check that it is typed without mistakes and that no newer code was asked for after it.
link-expired = The code has expired. Get a new one: send /link in the messenger where you already use the bot.
link-used = This code has already been used. Get a new one: send /link in the messenger where you already use the bot.
link-try-again = Send the right code. You can try { $count ->
        [one] { $count } more time
       *[other] { $count } more times
    }.
link-locked = Too many wrong codes. Try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
link-already = This { $messenger } account is already connected to your profile: nothing to do.
link-taken = This { $messenger } account already belongs to another member of the program, so it cannot be connected with a code.
link-messenger-taken = Another { $messenger } account is already connected to your profile. Send the code from a messenger where you have not used the bot yet.
link-done = Done! This account is connected to the profile "{ $name }": the same roles, questionnaires and history as in { $messenger }.
reminder-account-linked = A { $messenger } account has been connected to your profile. If it was not you, tell your curator. Choose where messages come with /language.
where-question = Where should reminders, surveys and notices come? Now: { $messenger }.
where-set = Saved. Messages will come: { $messenger }.
where-last = Where I wrote last (now { $messenger })
where-last-word = where you wrote last
where-unknown = That cannot be chosen: you have no account in that messenger.
