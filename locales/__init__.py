"""Every user-visible sentence, one folder of Fluent files per language."""

from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent
SUPPORTED_LOCALES = ("ru", "en")
