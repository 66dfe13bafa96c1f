"""aiogram FSM storage in the bot's own database, so that conversations survive a restart.

Used when no Redis is configured (the one-school SQLite default). Each call is its own short
transaction: FSM progress must persist even when the update's business transaction rolls back.
Core statements on a bare connection, not ORM sessions, and a write-through cache of the most
recent conversations: every update reads its state, and this storage serves one process only
(several replicas need Redis, see README), so what this process wrote last is what the table holds.
"""

from __future__ import annotations

import copy
import functools
import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    DEFAULT_DESTINY,
    BaseEventIsolation,
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.fsm.storage.memory import SimpleEventIsolation
from sqlalchemy import Table, Update, bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.domain.messengers import Messenger
from db.models import FsmRecord
from db.redis_lock import prefetched
from db.redis_lock import write as redis_write
from db.trips import COMMIT_AFTER

TABLE: Table = FsmRecord.__table__  # type: ignore[assignment]
CACHED_CONVERSATIONS = 4096
"""Conversations whose state and data stay in memory (a few hundred bytes each)."""

Record = tuple[str | None, dict[str, Any]]
_FIELD = {"state": 0, "data": 1}
"""Position in a Record of each column `_write` may be given."""


_SELECT = select(TABLE.c.state, TABLE.c.data).where(TABLE.c.key == bindparam("storage_key"))


@functools.cache
def _update(columns: tuple[str, ...]) -> Update:
    """The UPDATE of these columns, built once per set of columns (a statement object keeps its
    cache key; one built per call is keyed again every time, which costs more than on SQLite it
    takes to run)."""
    return (
        update(TABLE)
        .prefix_with(COMMIT_AFTER)  # a transaction of its own: one trip
        .where(TABLE.c.key == bindparam("storage_key"))
        .values({name: bindparam(f"new_{name}") for name in columns})
    )


class SQLAlchemyStorage(BaseStorage):
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        engine = session_factory.kw["bind"]
        assert isinstance(engine, AsyncEngine), "the session factory must be bound to an engine"
        # A state write is one statement, marked as its transaction's last (`_update`): on
        # PostgreSQL it runs without BEGIN and COMMIT, on SQLite it is committed in the same trip
        # to the database's thread (db/trips.py); no isolation level to switch at every write.
        self._engine = engine
        self._keys = key_builder or DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
        self._cache: OrderedDict[str, Record | None] = OrderedDict()
        """Storage key → (state, data), or None for a conversation with no row."""

    def _remember(self, storage_key: str, record: Record | None) -> None:
        self._cache[storage_key] = record
        self._cache.move_to_end(storage_key)
        if len(self._cache) > CACHED_CONVERSATIONS:
            self._cache.popitem(last=False)

    async def _write(self, key: StorageKey, values: dict[str, Any]) -> None:
        storage_key = self._keys.build(key)
        known = self._cache.get(storage_key)
        if known is not None:
            # What the row already holds is not written again (a question asked again sets the
            # same step; a flow keeping its data stays in its step): no write when nothing moved.
            values = {name: v for name, v in values.items() if known[_FIELD[name]] != v}
            if not values:
                self._cache.move_to_end(storage_key)
                return
        self._cache.pop(storage_key, None)  # unknown until the write has landed
        whole = known is not None or _FIELD.keys() <= values.keys()
        state, data = known if known is not None else (None, {})
        state = values.get("state", state)
        data = copy.deepcopy(values.get("data", data))  # the cache must not share the caller's
        values = {**values, "updated_at": datetime.now(UTC)}
        parameters = {f"new_{name}": value for name, value in values.items()}
        parameters["storage_key"] = storage_key
        change = _update(tuple(values))
        async with self._engine.connect() as conn:
            if (await conn.execute(change, parameters)).rowcount:
                await conn.commit()
                if not whole:  # the other column is not known here
                    return
            else:
                try:
                    await conn.execute(
                        insert(TABLE).values(
                            key=storage_key, state=state, data=data, updated_at=values["updated_at"]
                        )
                    )
                    await conn.commit()
                except IntegrityError:  # another writer inserted first: update theirs
                    await conn.rollback()
                    await conn.execute(change, parameters)
                    await conn.commit()
                    return
        self._remember(storage_key, (state, data))

    async def _read(self, key: StorageKey) -> Record | None:
        storage_key = self._keys.build(key)
        if storage_key in self._cache:
            self._cache.move_to_end(storage_key)
            return self._cache[storage_key]
        async with self._engine.connect() as conn:
            result = await conn.execute(_SELECT, {"storage_key": storage_key})
            row = result.first()
        record = (row[0], row[1] or {}) if row is not None else None
        self._remember(storage_key, record)
        return record

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        await self._write(key, {"state": value})

    async def get_state(self, key: StorageKey) -> str | None:
        record = await self._read(key)
        return record[0] if record else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        await self._write(key, {"data": dict(data)})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        record = await self._read(key)
        return copy.deepcopy(record[1]) if record else {}  # callers may change their copy

    async def get_record(self, key: StorageKey) -> Record:
        """The state and the data in one read (the core reads both at every update)."""
        record = await self._read(key)
        return (record[0], copy.deepcopy(record[1])) if record else (None, {})

    async def set_record(self, key: StorageKey, state: str | None, data: Mapping[str, Any]) -> None:
        """The state and the data in one statement, only what changed (none when nothing did)."""
        await self._write(key, {"state": state, "data": dict(data)})

    async def forget_user(
        self, bot_id: int | None, user_id: int, messenger: Messenger = Messenger.TELEGRAM
    ) -> None:
        """Drop every conversation of an account whose person withdrew consent: each key of
        the account's messenger that names them as chat or user, from the table and memory
        (with `bot_id` None: on every bot of the deployment)."""
        mine = _account_keys(self._keys, bot_id, user_id, messenger)
        for storage_key in [k for k in self._cache if mine(k)]:
            del self._cache[storage_key]
        separator = getattr(self._keys, "separator", ":")
        async with self._engine.begin() as conn:
            rows = await conn.execute(
                select(TABLE.c.key).where(
                    TABLE.c.key.contains(f"{separator}{user_id}", autoescape=True)
                )
            )
            doomed = [k for (k,) in rows if mine(k)]
            if doomed:
                await conn.execute(delete(TABLE).where(TABLE.c.key.in_(doomed)))

    async def close(self) -> None:
        return None


def destiny_of(messenger: Messenger) -> str:
    """The destiny of a messenger's conversation keys: Telegram's are the keys aiogram's
    FSMContext used (so a conversation started before the core goes on); another messenger's
    have its name, so that its user and chat ids never meet Telegram's."""
    return DEFAULT_DESTINY if messenger is Messenger.TELEGRAM else messenger.value


_OTHER_DESTINIES = frozenset(m.value for m in Messenger if m is not Messenger.TELEGRAM)
_PARTS = frozenset({"state", "data", "lock"})
"""What Redis's keys end with after the destiny."""


def _account_keys(
    keys: KeyBuilder, bot_id: int | None, user_id: int, messenger: Messenger
) -> Callable[[str], bool]:
    """Whether a storage key is of this bot's (any bot's, with `bot_id` None) conversations
    with the account `user_id` of `messenger` as chat or user: aiogram's
    `<prefix>:<bot>:[<business>:]<chat>:[<thread>:]<user>:<destiny>[:<part>]`, the destiny
    naming the messenger (Telegram's: any destiny but another messenger's name)."""
    prefix = getattr(keys, "prefix", "fsm")
    separator = getattr(keys, "separator", ":")
    person = str(user_id)

    def mine(storage_key: str) -> bool:
        parts = storage_key.split(separator)
        if parts[-1] in _PARTS:
            parts.pop()
        if len(parts) < 5 or parts[0] != prefix:
            return False
        if bot_id is not None and parts[1] != str(bot_id):
            return False
        *ids, destiny = parts[2:]
        if messenger is Messenger.TELEGRAM:
            return person in ids and destiny not in _OTHER_DESTINIES
        return person in ids and destiny == messenger.value

    return mine


def _text(value: Any) -> Any:
    return value.decode("utf-8") if isinstance(value, bytes) else value


async def read_conversation(storage: BaseStorage, key: StorageKey) -> Record:
    """A conversation's state and data in one read from whichever storage holds them: a look-up
    in this module's cache; on Redis what was read with the chat's lock (db/redis_lock.py), or
    else one MGET (aiogram's storages read them one at a time)."""
    if isinstance(storage, SQLAlchemyStorage):
        return await storage.get_record(key)
    redis = getattr(storage, "redis", None)
    keys = getattr(storage, "key_builder", None)
    if redis is None or keys is None:  # aiogram's memory storage
        return await storage.get_state(key), await storage.get_data(key)
    state_key = keys.build(key, "state")
    read = prefetched(state_key)
    if read is None:
        read = await redis.mget(state_key, keys.build(key, "data"))
    state, data = read
    loads = getattr(storage, "json_loads", json.loads)
    return _text(state), (loads(_text(data)) if data is not None else {})


async def write_conversation(
    storage: BaseStorage, key: StorageKey, state: str | None, data: Mapping[str, Any]
) -> None:
    """A conversation's state and data written together: one statement (only what changed) in
    the database, one script on Redis with aiogram's RedisStorage's keys and expiries."""
    if isinstance(storage, SQLAlchemyStorage):
        await storage.set_record(key, state, data)
        return
    redis = getattr(storage, "redis", None)
    keys = getattr(storage, "key_builder", None)
    if redis is None or keys is None:
        await storage.set_state(key, state)
        await storage.set_data(key, data)
        return
    dumps = getattr(storage, "json_dumps", json.dumps)
    await redis_write(
        redis,
        (keys.build(key, "state"), keys.build(key, "data")),
        state,
        dumps(data) if data else None,
        (getattr(storage, "state_ttl", None), getattr(storage, "data_ttl", None)),
    )


async def forget_person(
    storage: BaseStorage,
    bot_id: int,
    user_id: int,
    messenger: Messenger = Messenger.TELEGRAM,
    *,
    every_bot: bool = False,
) -> None:
    """Every conversation state of an account whose person withdrew consent, deleted from
    whichever storage holds them: this module's table, or Redis (each key of that messenger
    naming them, state and data; the event isolation's lock, held by this very update and gone
    when it ends, is left to its owner). Another messenger's account with the same id is
    someone else: its conversations stay. `every_bot`: the account's conversations with any bot
    of the deployment (a person on Telegram and MAX forgets from one of them both; each
    messenger's bot keys its own)."""
    scope = None if every_bot else bot_id
    if isinstance(storage, SQLAlchemyStorage):
        await storage.forget_user(scope, user_id, messenger)
        return
    redis = getattr(storage, "redis", None)
    keys = getattr(storage, "key_builder", None)
    if redis is None or keys is None:  # aiogram's memory storage: the private chat's key
        key = StorageKey(
            bot_id=bot_id, chat_id=user_id, user_id=user_id, destiny=destiny_of(messenger)
        )
        await storage.set_state(key, None)
        await storage.set_data(key, {})
        return
    mine = _account_keys(keys, scope, user_id, messenger)
    prefix = getattr(keys, "prefix", "fsm")
    separator = getattr(keys, "separator", ":")
    bots = "*" if scope is None else str(scope)
    doomed = [
        k
        async for raw in redis.scan_iter(match=f"{prefix}{separator}{bots}{separator}*{user_id}*")
        if mine(k := raw.decode() if isinstance(raw, bytes) else str(raw))
        and not k.endswith(f"{separator}lock")
    ]
    if doomed:
        await redis.delete(*doomed)


class LocalFirstIsolation(BaseEventIsolation):
    """One chat's updates wait for each other in this process first (an asyncio lock, handed on
    at once), then take the shared lock (Redis) that the other replicas respect. With the shared
    lock alone, a person's burst of updates (eight taps fed at once by the poller) polled it
    every 10 ms each; now only the first of a replica's waiters does."""

    def __init__(self, shared: BaseEventIsolation) -> None:
        self._local = SimpleEventIsolation()
        self._shared = shared

    @asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncIterator[None]:
        async with self._local.lock(key), self._shared.lock(key):
            yield

    async def close(self) -> None:
        await self._local.close()
        await self._shared.close()
