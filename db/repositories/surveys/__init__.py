"""Survey definitions, requests and answers; the aggregates status and reports read (GROUP BY).

One repository for the unit of work (`uow.surveys`), assembled from its parts by concern:
definitions and requests, answers and ratings, figures for status and reports, a coordinator's
survey per school, and personal data.
"""

from __future__ import annotations

from db.repositories.surveys.answers import SurveyAnswers
from db.repositories.surveys.base import NamedAnswer
from db.repositories.surveys.custom import CustomSurveyQueries
from db.repositories.surveys.figures import QuestionCount, SurveyFigures
from db.repositories.surveys.personal import SurveyPersonalData
from db.repositories.surveys.requests import SurveyRequests

__all__ = ["NamedAnswer", "QuestionCount", "SurveysRepository"]


class SurveysRepository(
    SurveyRequests, SurveyAnswers, SurveyFigures, CustomSurveyQueries, SurveyPersonalData
):
    """Every survey query behind `uow.surveys` (one session, no commit: the use case commits)."""
