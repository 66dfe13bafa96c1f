## Questionnaire engine (bot/domain/questionnaire*.py): why an answer was not accepted.

q-error-not-text = { $way ->
        [buttons] Пожалуйста, ответьте кнопкой под вопросом: фото, стикеры, голосовые сообщения и файлы здесь не подходят.
        [checklist] Пожалуйста, отметьте подходящие варианты кнопками под вопросом и нажмите «Готово»: фото, стикеры, голосовые сообщения и файлы здесь не подходят. Уже отмеченное сохранено.
        [number] Пожалуйста, напишите число цифрами, например 5: фото, стикеры, голосовые сообщения и файлы здесь не подходят.
        [date] Пожалуйста, напишите дату текстом, например 01.09.2025: фото, стикеры, голосовые сообщения и файлы здесь не подходят.
        [minutes] Пожалуйста, нажмите кнопку или напишите, сколько минут длилась встреча, например 45 или «полчаса»: фото, стикеры, голосовые сообщения и файлы здесь не подходят.
        [text_or_file] Пожалуйста, напишите текст или приложите фото или документ: стикеры и голосовые сообщения здесь не подходят.
       *[text] Пожалуйста, ответьте текстовым сообщением: фото, стикеры, голосовые сообщения и файлы здесь не подходят.
    }
q-error-empty = Ответ пустой. Напишите, пожалуйста, хотя бы несколько слов.
q-error-not-a-number = Введите, пожалуйста, целое число цифрами, например 5.
q-error-out-of-range = Введите число от { $min } до { $max }.
q-error-too-long = Ответ слишком длинный: { $length } { $length ->
        [one] знак
        [few] знака
       *[many] знаков
    } при допустимых { $max }. Сократите его, пожалуйста.
q-error-bad-date = Не удалось распознать дату. Введите её в формате ДД.ММ.ГГГГ, например 01.09.2025.
q-error-date-in-future = Эта дата ещё не наступила. Проверьте, пожалуйста, год и месяц.
q-error-date-too-early = Дата не может быть раньше { $min }.
q-error-date-too-late = Дата не может быть позже { $max }.
q-error-choose-option = Выберите, пожалуйста, один из предложенных вариантов кнопкой под вопросом.
q-error-too-many = Можно выбрать не более { $max } { $max ->
        [one] варианта
       *[other] вариантов
    }. Снимите отметку с одного из уже выбранных.
q-error-too-few = Выберите хотя бы { $min } { $min ->
        [one] вариант
        [few] варианта
       *[many] вариантов
    }.
q-error-yes-or-no = Ответьте, пожалуйста, «да» или «нет» — можно кнопкой под вопросом.
q-error-required = Этот вопрос обязательный, пропустить его нельзя.
q-error-unexpected-button = Эта кнопка относится к другому вопросу. Ответьте, пожалуйста, на текущий вопрос.

## Answers without text of their own (review screen, yes/no buttons).

q-answer-yes = Да
q-answer-no = Нет
q-answer-skipped = — (вопрос пропущен)

## Problems of a questionnaire or catalog file (for the coordinator who uploads it).
## $where names the place in the file: a question id, "questions[3]", "category.options[2]".

q-def-error-too-large = Файл { $file } слишком большой: допустимо не более { $max ->
        [one] { $max } байта
       *[other] { $max } байт
    }.
q-def-error-encoding = Файл { $file } должен быть в кодировке UTF-8.
q-def-error-syntax = Файл { $file } не удалось прочитать как TOML: { $details }
q-def-error-missing-field = Файл { $file }: в «{ $where }» не заполнено обязательное поле «{ $field }».
q-def-error-wrong-type = Файл { $file }: в «{ $where }» поле «{ $field }» должно быть { $expected ->
        [string] строкой
        [integer] целым числом
        [boolean] значением true или false
        [text] текстом вида {"{"} ru = "…", en = "…" {"}"}
        [list] списком
        [table] таблицей
       *[other] { $expected }
    }.
q-def-error-unknown-field = Файл { $file }: в «{ $where }» неизвестное поле «{ $field }». Проверьте написание.
q-def-error-unknown-kind = Файл { $file }: у вопроса «{ $where }» неизвестный тип «{ $kind }». Допустимы: single, multi, integer, scale, date, yes_no, text.
q-def-error-bad-id = Файл { $file }: код «{ $value }» в «{ $where }» недопустим — используйте строчные латинские буквы, цифры и «_», начиная с буквы.
q-def-error-duplicate-id = Файл { $file }: код «{ $value }» в «{ $where }» встречается дважды.
q-def-error-missing-ru = Файл { $file }: в «{ $where }» нет текста на русском языке (ru).
q-def-error-empty-text = Файл { $file }: текст «{ $where }» пустой.
q-def-error-bad-range = Файл { $file }: у вопроса «{ $where }» неверные границы: от { $min } до { $max }.
q-def-error-bad-date = Файл { $file }: в «{ $where }» поле «{ $field }» содержит неверную дату «{ $value }» (нужен формат ГГГГ-ММ-ДД).
q-def-error-bad-version = Файл { $file }: версия анкеты должна быть целым числом не меньше 1, указано { $value }.
q-def-error-no-options = Файл { $file }: у вопроса «{ $where }» нет вариантов ответа (options или options_from).
q-def-error-options-conflict = Файл { $file }: у вопроса «{ $where }» указаны одновременно options и options_from — оставьте что-то одно.
q-def-error-unknown-catalog = Файл { $file }: у вопроса «{ $where }» неизвестный справочник «{ $catalog }». Допустимы: deficits, subjects, levels.
q-def-error-no-questions = Файл { $file }: в анкете нет ни одного вопроса.
q-def-error-show-if-unknown = Файл { $file }: вопрос «{ $where }» зависит от вопроса «{ $target }», которого нет в анкете.
q-def-error-show-if-forward = Файл { $file }: вопрос «{ $where }» зависит от вопроса «{ $target }», который идёт позже. Условие может ссылаться только на предыдущие вопросы.
q-def-error-show-if-condition = Файл { $file }: условие показа вопроса «{ $where }» не подходит к типу вопроса «{ $target }» (для вариантов — in, для чисел — min и max).
q-def-error-show-if-value = Файл { $file }: в условии показа вопроса «{ $where }» указан вариант «{ $value }», которого нет у вопроса «{ $target }».
q-def-error-unknown-group = Файл { $file }: у дефицита «{ $where }» неизвестная группа «{ $value }».
q-def-error-duplicate-code = Файл { $file }: анкета с кодом «{ $value }» уже загружена из другого файла.
q-def-error-missing-language = Файл { $file }: в «{ $where }» нет текста на языке «{ $language }». Каждый текст поставляемого содержимого пишется на всех языках бота: { "{" } ru = "…", en = "…" { "}" }.
