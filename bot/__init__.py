"""The mentoring bot: settings, wiring, runners and the Telegram-free core."""
