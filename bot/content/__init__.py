"""Data that a deployment may replace: questionnaires, the deficit taxonomy, subjects."""

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
