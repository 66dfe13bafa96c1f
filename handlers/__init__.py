"""Aiogram routers, one per feature: parse the update, call a service, render the result."""
