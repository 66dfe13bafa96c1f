# A command sent in the middle of a questionnaire: the questionnaire waits, the command runs.
profile-paused = The questionnaire is paused and your answers are saved. Come back to it any time: /profile.
