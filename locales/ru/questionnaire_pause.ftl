# A command sent in the middle of a questionnaire: the questionnaire waits, the command runs.
profile-paused = Анкета отложена, ответы сохранены. Вернуться к ней можно в любой момент: /profile.
