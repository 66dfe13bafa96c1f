"""The complete schema: importing this module registers every model module on `Base.metadata`.

Alembic's env, the tests and anything that needs the whole schema import `Base` from here; a new
model module is added to the imports below.
"""

from db import (
    models,
    models_matching,
    models_mentoring,
    models_pair_life,
    models_registry,
    models_surveys,
    models_years,
)
from db.base import Base

__all__ = [
    "Base",
    "models",
    "models_matching",
    "models_mentoring",
    "models_pair_life",
    "models_registry",
    "models_surveys",
    "models_years",
]
