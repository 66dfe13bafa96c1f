# A command typed in the middle of a flow (meeting log, pair approval, registry, pair card):
# a command the person may use leaves the flow and runs; nothing half-filled is saved.
meeting-left = Запись встречи прервана, встреча не сохранена. Записать её можно заново: /meeting.
meeting-finish-first = Сейчас идёт запись встречи. Ответьте на вопрос или отправьте /cancel, чтобы прервать запись.
match-approval-left = Утверждение прервано: пара не утверждена, введённые сведения не сохранены. Вернуться к нему можно в /match — кнопкой «✅ Утвердить» под предложением.
registry-step-left = Изменение реестра прервано, ничего не сохранено.
pair-step-left = Изменение пары прервано, ничего не сохранено.
