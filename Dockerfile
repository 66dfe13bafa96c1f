# Multi-stage: build a virtualenv with the bot installed, run it as an unprivileged user.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY db ./db
COPY locales ./locales
RUN /opt/venv/bin/pip install .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
RUN useradd --create-home --uid 10001 bot && mkdir -p /app/data && chown bot:bot /app/data
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
USER bot
VOLUME ["/app/data"]
EXPOSE 8080
# Migrations run first, then polling (or the webhook server when WEBHOOK_URL is set).
CMD ["python", "-m", "bot"]
