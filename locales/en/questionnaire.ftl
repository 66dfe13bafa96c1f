## Questionnaire engine (bot/domain/questionnaire*.py): why an answer was not accepted.

q-error-not-text = { $way ->
        [buttons] Please answer with the buttons under the question: photos, stickers, voice messages and files do not work here.
        [checklist] Please tick the options that fit with the buttons under the question, then press "Done": photos, stickers, voice messages and files do not work here. What you have ticked is kept.
        [number] Please write a number in digits, e.g. 5: photos, stickers, voice messages and files do not work here.
        [date] Please write the date as text, e.g. 01.09.2025: photos, stickers, voice messages and files do not work here.
        [minutes] Please press a button or write how many minutes the meeting lasted, e.g. 45 or "half an hour": photos, stickers, voice messages and files do not work here.
        [text_or_file] Please write a text or attach a photo or a document: stickers and voice messages do not work here.
       *[text] Please answer with a text message: photos, stickers, voice messages and files do not work here.
    }
q-error-empty = The answer is empty. Please write at least a few words.
q-error-not-a-number = Please enter a whole number in digits, e.g. 5.
q-error-out-of-range = Please enter a number from { $min } to { $max }.
q-error-too-long = The answer is too long: { $length } { $length ->
        [one] character
       *[other] characters
    }, the limit is { $max }. Please shorten it.
q-error-bad-date = This does not look like a date. Please enter it as DD.MM.YYYY, e.g. 01.09.2025.
q-error-date-in-future = This date has not come yet. Please check the year and month.
q-error-date-too-early = The date cannot be earlier than { $min }.
q-error-date-too-late = The date cannot be later than { $max }.
q-error-choose-option = Please choose one of the options with the buttons under the question.
q-error-too-many = You can choose at most { $max } { $max ->
        [one] option
       *[other] options
    }. Untick one of those already chosen.
q-error-too-few = Please choose at least { $min } { $min ->
        [one] option
       *[other] options
    }.
q-error-yes-or-no = Please answer "yes" or "no" — the buttons under the question work too.
q-error-required = This question is required and cannot be skipped.
q-error-unexpected-button = This button belongs to another question. Please answer the current one.

## Answers without text of their own (review screen, yes/no buttons).

q-answer-yes = Yes
q-answer-no = No
q-answer-skipped = — (skipped)

## Problems of a questionnaire or catalog file (for the coordinator who uploads it).
## $where names the place in the file: a question id, "questions[3]", "category.options[2]".

q-def-error-too-large = The file { $file } is too large: at most { $max ->
        [one] { $max } byte is allowed
       *[other] { $max } bytes are allowed
    }.
q-def-error-encoding = The file { $file } must be in UTF-8.
q-def-error-syntax = The file { $file } is not valid TOML: { $details }
q-def-error-missing-field = File { $file }: the required field "{ $field }" is missing in "{ $where }".
q-def-error-wrong-type = File { $file }: in "{ $where }" the field "{ $field }" must be { $expected ->
        [string] a string
        [integer] a whole number
        [boolean] true or false
        [text] a text like {"{"} ru = "…", en = "…" {"}"}
        [list] a list
        [table] a table
       *[other] { $expected }
    }.
q-def-error-unknown-field = File { $file }: unknown field "{ $field }" in "{ $where }". Please check the spelling.
q-def-error-unknown-kind = File { $file }: question "{ $where }" has an unknown kind "{ $kind }". Allowed: single, multi, integer, scale, date, yes_no, text.
q-def-error-bad-id = File { $file }: the code "{ $value }" in "{ $where }" is not allowed — use lowercase Latin letters, digits and "_", starting with a letter.
q-def-error-duplicate-id = File { $file }: the code "{ $value }" appears twice in "{ $where }".
q-def-error-missing-ru = File { $file }: "{ $where }" has no Russian (ru) text.
q-def-error-empty-text = File { $file }: the text "{ $where }" is empty.
q-def-error-bad-range = File { $file }: question "{ $where }" has wrong limits: from { $min } to { $max }.
q-def-error-bad-date = File { $file }: in "{ $where }" the field "{ $field }" holds a wrong date "{ $value }" (use YYYY-MM-DD).
q-def-error-bad-version = File { $file }: the questionnaire version must be a whole number of at least 1, got { $value }.
q-def-error-no-options = File { $file }: question "{ $where }" has no options (options or options_from).
q-def-error-options-conflict = File { $file }: question "{ $where }" has both options and options_from — keep only one.
q-def-error-unknown-catalog = File { $file }: question "{ $where }" names an unknown catalog "{ $catalog }". Allowed: deficits, subjects, levels.
q-def-error-no-questions = File { $file }: the questionnaire has no questions.
q-def-error-show-if-unknown = File { $file }: question "{ $where }" depends on question "{ $target }", which is not in the questionnaire.
q-def-error-show-if-forward = File { $file }: question "{ $where }" depends on question "{ $target }", which comes later. A condition may only refer to earlier questions.
q-def-error-show-if-condition = File { $file }: the display condition of question "{ $where }" does not suit the kind of question "{ $target }" (use "in" for options, "min" and "max" for numbers).
q-def-error-show-if-value = File { $file }: the display condition of question "{ $where }" names the option "{ $value }", which question "{ $target }" does not have.
q-def-error-unknown-group = File { $file }: deficit "{ $where }" has an unknown group "{ $value }".
q-def-error-duplicate-code = File { $file }: a questionnaire with the code "{ $value }" is already loaded from another file.
q-def-error-missing-language = File { $file }: "{ $where }" has no text in "{ $language }". Every text of the shipped content is written in every language of the bot: { "{" } ru = "…", en = "…" { "}" }.
