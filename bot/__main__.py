"""`python -m bot [run|migrate|invite|import-content|import-survey]`: a deployment's entry point."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.domain.errors import InvalidInput
from bot.domain.messengers import Messenger
from bot.domain.people import clean_timezone
from bot.domain.questionnaire import DefinitionError
from bot.domain.registry import clean_genitive
from bot.domain.roles import Role
from bot.domain.surveys import SurveyFileRejected
from bot.messengers.links import start_link
from bot.observability import configure_logging
from bot.settings import Settings, SettingsError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Mentoring bot for schools. Settings come from environment variables and .env.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="apply migrations, then run the bot (the default)")
    commands.add_parser("migrate", help="apply database migrations and exit")
    backup = commands.add_parser("backup", help="copy the database to PATH while the bot runs")
    backup.add_argument("path")
    restore = commands.add_parser("restore", help="replace the database with the backup at PATH")
    restore.add_argument("path")
    invite = commands.add_parser(
        "invite",
        help="create an invitation (the first coordinator of a municipality); print its link for "
        "every messenger turned on, one a line, then the bare token",
    )
    invite.add_argument("--role", choices=[Role.COORDINATOR.value, Role.ADMIN.value], required=True)
    invite.add_argument("--municipality", help="municipality name (created if missing)")
    invite.add_argument(
        "--timezone", help="IANA time zone of a new municipality, e.g. Asia/Krasnoyarsk"
    )
    invite.add_argument(
        "--municipality-genitive",
        metavar="NAME",
        help="the municipality's name as the official forms' titles print it, in the genitive "
        "case (e.g. «Устьянского муниципального округа»); without it the coordinator is asked "
        "in chat before the first forms",
    )
    content = commands.add_parser(
        "import-content",
        help="replace the deficit taxonomy and/or the subject list with a checked TOML file",
    )
    content.add_argument("--deficits", metavar="FILE", help="deficits: [[groups]], [[deficits]]")
    content.add_argument("--subjects", metavar="FILE", help="subjects: [[subjects]], [[levels]]")
    survey = commands.add_parser(
        "import-survey",
        help="check a municipality-wide survey (TOML, kind custom) and store it for coordinators",
    )
    survey.add_argument("file", metavar="FILE")
    survey.add_argument(
        "--municipality", help="municipality name (needed when the deployment has several)"
    )
    return parser


def _read_files(files: dict[str, str]) -> dict[str, tuple[str, bytes]]:
    out = {}
    for kind, path in files.items():
        try:
            out[kind] = (path, Path(path).read_bytes())
        except OSError as error:
            raise SettingsError(f"--{kind}: cannot read {path}: {error.strerror}") from None
    return out


async def _import_content(settings: Settings, files: dict[str, tuple[str, bytes]]) -> list[str]:
    """Check and store each file; the running bot picks the new catalogs up on its next use."""
    from bot.services.clock import SystemClock
    from bot.services.content import import_catalog
    from db.engine import create_engine, create_session_factory
    from db.uow import UnitOfWork

    engine = create_engine(settings.database_url)
    lines = []
    try:
        for kind, (path, data) in files.items():
            async with UnitOfWork(create_session_factory(engine)) as uow:
                count = await import_catalog(uow, kind, data, SystemClock().now())
            lines.append(f"{kind}: {count} entries imported from {path}")
    finally:
        await engine.dispose()
    return lines


async def _import_survey(
    settings: Settings, path: str, data: bytes, municipality: str | None
) -> list[str]:
    """Stores the survey for the municipality; its coordinators then send it from /surveys."""
    from bot.services.clock import SystemClock
    from bot.services.surveys_content import import_survey
    from db.engine import create_engine, create_session_factory
    from db.uow import UnitOfWork

    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(create_session_factory(engine)) as uow:
            if municipality:
                found = await uow.schools.municipality_by_name(municipality)
                if found is None:
                    raise SettingsError(f"--municipality: no municipality named {municipality!r}")
            else:
                every = await uow.schools.municipalities(None)
                if len(every) != 1:
                    raise SettingsError(
                        f"--municipality: required, the deployment has {len(every)} municipalities"
                    )
                found = every[0]
            row, definition = await import_survey(
                uow, found.id, data, source=path, actor_id=None, now=SystemClock().now()
            )
    finally:
        await engine.dispose()
    return [
        f"survey {row.code} version {row.version} imported for {found.name} from {path}: "
        f"{len(definition.questionnaire.questions)} questions"
    ]


class _Stopped(Exception):
    """SIGTERM or SIGINT before the database answered: nothing was done, nothing is wrong."""


async def _wait_for_database(url: str) -> bool:
    from bot.process import on_signals
    from db.reach import wait_for_database

    stop = asyncio.Event()
    on_signals(stop.set)  # removed again when this loop closes
    return await wait_for_database(url, stop)


def _migrate(settings: Settings) -> None:
    """Waits for a database that is still starting; `DatabaseUnusable` for one that cannot work."""
    from db.migrate import upgrade

    if not asyncio.run(_wait_for_database(settings.database_url)):
        raise _Stopped()
    upgrade(settings.database_url)


def _migrate_in_child() -> None:
    """Migrations in a child process before the bot runs: Alembic and the migration modules stay
    out of the long-lived process (13 MB of its resident memory). The child reads the same
    settings (environment and .env) and prints its own errors."""
    import signal
    import subprocess

    child = subprocess.Popen([sys.executable, "-m", "bot", "migrate"])
    stopping: list[int] = []

    def forward(signum: int, _frame: object) -> None:  # a stop while the child waits or works
        stopping.append(signum)
        child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        returncode = child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping:
        raise _Stopped()
    if returncode != 0:
        raise SystemExit(returncode)


async def _telegram_name(settings: Settings) -> str:
    if settings.bot_username:
        return settings.bot_username.lstrip("@")
    from bot.messengers.telegram.service import create_bot

    bot = create_bot(settings)
    try:
        me = await bot.get_me()
    finally:
        await bot.session.close()
    return me.username or ""


async def _max_name(settings: Settings) -> str:
    if settings.max_bot_username:
        return settings.max_bot_username.lstrip("@")
    from bot.messengers.max.service import create_max_bot

    bot = create_max_bot(settings)
    try:
        me = await bot.get_me()
    finally:
        await bot.close_session()
    return me.username or str(me.user_id)


_NAMES = {Messenger.TELEGRAM: _telegram_name, Messenger.MAX: _max_name}


def _link_messengers(settings: Settings) -> tuple[Messenger, ...]:
    """The messengers an invitation gets a link for: turned on by a token, or named."""
    named = {Messenger.TELEGRAM: settings.bot_username, Messenger.MAX: settings.max_bot_username}
    found = tuple(m for m in Messenger if m in settings.messengers or named[m])
    if not found:
        raise SettingsError(
            "BOT_TOKEN or MAX_BOT_TOKEN: neither is set, so an invitation has no link "
            "(or give BOT_USERNAME / MAX_BOT_USERNAME)"
        )
    return found


async def _invite(
    settings: Settings,
    role: Role,
    municipality: str | None,
    timezone: str | None,
    genitive: str | None,
) -> None:
    from bot.services.clock import SystemClock
    from bot.services.invites import create_coordinator_invite
    from bot.services.reports import title_preview
    from db.engine import create_engine, create_session_factory
    from db.uow import UnitOfWork

    engine = create_engine(settings.database_url)
    try:
        async with UnitOfWork(create_session_factory(engine)) as uow:
            created = await create_coordinator_invite(
                uow,
                municipality or "",
                timezone or settings.default_timezone,
                SystemClock().now(),
                settings.invite_ttl,
                role=role,
                name_genitive=genitive,
            )
    finally:
        await engine.dispose()
    for messenger in _link_messengers(settings):
        print(start_link(messenger, await _NAMES[messenger](settings), created.token))
    print(created.token)
    if role is Role.COORDINATOR:
        # On stderr: stdout stays the link and the token, for scripts that read them.
        name = created.place_genitive or created.place
        title = title_preview(name, SystemClock().now().date())
        print(f"official forms' title: «{title}»", file=sys.stderr)
        if created.place_genitive is None:
            print(
                "note: the municipality's name is not declined; give --municipality-genitive "
                "(genitive case), or the coordinator is asked in chat before the first forms",
                file=sys.stderr,
            )


def main(argv: Sequence[str] | None = None) -> int:
    from db.reach import DatabaseUnusable

    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level, settings.log_format)
        if settings.log_level != "DEBUG":
            logging.getLogger("alembic").setLevel(logging.WARNING)
        command = args.command or "run"
        if command in {"backup", "restore"}:
            from pathlib import Path

            from bot import backup as backups

            action = backups.backup if command == "backup" else backups.restore
            action(settings.database_url, Path(args.path))
            print(f"{command}: {args.path}")
            return 0
        if command == "invite":
            role = Role(args.role)
            if role is Role.COORDINATOR and not args.municipality:
                raise SettingsError("--municipality: required for a coordinator invitation")
            if args.municipality_genitive is not None:
                try:
                    clean_genitive(args.municipality_genitive)
                except InvalidInput:
                    raise SettingsError(
                        "--municipality-genitive: 3 to 200 characters, the name in the genitive "
                        "case, e.g. «Устьянского муниципального округа»"
                    ) from None
            if args.timezone:
                try:
                    clean_timezone(args.timezone)
                except InvalidInput:
                    raise SettingsError(
                        f"--timezone: unknown time zone {args.timezone!r}"
                    ) from None
            _link_messengers(settings)  # before the invitation is made: it would have no link
            _migrate(settings)
            asyncio.run(
                _invite(
                    settings, role, args.municipality, args.timezone, args.municipality_genitive
                )
            )
            return 0
        if command == "import-content":
            given = (("deficits", args.deficits), ("subjects", args.subjects))
            files = _read_files({kind: path for kind, path in given if path})
            if not files:
                raise SettingsError("import-content: give --deficits FILE and/or --subjects FILE")
            _migrate(settings)
            try:
                for line in asyncio.run(_import_content(settings, files)):
                    print(line)
            except DefinitionError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
            return 0
        if command == "import-survey":
            (path, data) = _read_files({"file": args.file})["file"]
            _migrate(settings)
            try:
                for line in asyncio.run(_import_survey(settings, path, data, args.municipality)):
                    print(line)
            except SurveyFileRejected as rejected:
                for problem in rejected.problems:
                    print(f"error: {problem}", file=sys.stderr)
                return 2
            return 0
        if command == "migrate":
            _migrate(settings)
            return 0
        settings.require_messenger()  # before touching the database: fail fast, fail clearly
        _migrate_in_child()
        from bot.app import run

        asyncio.run(run(settings))
        return 0
    except (SettingsError, DatabaseUnusable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, _Stopped):
        return 0


if __name__ == "__main__":
    sys.exit(main())
