"""The old import path of a coordinator's survey flow, which now lives in the handlers.surveys
package (custom_card, custom_send, custom_results) under its single router."""

from __future__ import annotations

from handlers.surveys.callbacks import CsCb, CustomSurvey
from handlers.surveys.custom_send import PAGE

__all__ = ["PAGE", "CsCb", "CustomSurvey"]
