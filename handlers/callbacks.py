"""Callback data of every button: short ASCII codes and numeric ids only (64-byte limit)."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MenuCb(CallbackData, prefix="m"):
    action: str


class ConsentCb(CallbackData, prefix="c"):
    agree: bool


class MunicipalityCb(CallbackData, prefix="mu"):
    id: int


class SchoolCb(CallbackData, prefix="s"):
    action: str  # "open" | "add" (id = municipality) | "curator" (invite a curator)
    id: int


class KindCb(CallbackData, prefix="k"):
    kind: str


class ParentCb(CallbackData, prefix="p"):
    id: int  # 0 = an independent school


class InviteCb(CallbackData, prefix="i"):
    school_id: int
    role: str
    shared: bool
