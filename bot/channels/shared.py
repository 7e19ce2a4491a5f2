"""Replay windows, rate limits and the widget's answered message ids, shared by every Rasa process in Redis when
REDIS_HOST is set, else in memory."""

import functools
import hashlib
import hmac
import json
import logging
import math
import uuid
from typing import Any, Callable, Optional, Union

from bot import settings
from bot.channels.answered import PENDING, AnsweredMessages, Replies
from bot.channels.ratelimit import RateLimiter
from bot.channels.replay import SeenEvents

logger = logging.getLogger(__name__)

# The lock store's database and key prefix (bot/prod/topology.py's LOCK_STORE): one Redis holds all.
REDIS_DB = 1
PREFIX = "ldn"
# A limit or a replay check is worth less than the patient's answer: give up on Redis fast and use memory.
TIMEOUT_SECONDS = 0.5

# One sliding window in one step (no other process in between): forget what left the window, refuse at the
# limit, else count this event. Redis's clock, so processes whose clocks differ share one window. In
# milliseconds: Redis's Lua passes numbers as strings of 14 digits, too few for microseconds.
WINDOW_SCRIPT = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local window_ms = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms - window_ms)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now_ms, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window_ms)
return 1
"""

# A message id's key: its replies (JSON) once answered, '' while the first request is answering it. In one
# step, so of two processes that get the same id at once only one answers it.
CLAIM_SCRIPT = """
local stored = redis.call('GET', KEYS[1])
if stored then
  return stored
end
redis.call('SET', KEYS[1], '', 'EX', ARGV[1])
return false
"""

FAILED = object()  # what SharedRedis.call returns when Redis could not answer


class SharedRedis:
    """This process's connection to the shared Redis: keys are keyed hashes, and a failed call is logged
    once per outage (its type only: no address, no id)."""

    def __init__(self, client: Any, secret: str) -> None:
        self.client = client
        self.window = client.register_script(WINDOW_SCRIPT)
        self.answer_claim = client.register_script(CLAIM_SCRIPT)
        # Keyed with the password every sharing process has: phone numbers are few enough to guess a plain hash.
        self._secret = ("ldn-shared-state:" + secret).encode()
        self._down = False

    def key(self, kind: str, name: str, raw: str) -> str:
        """The Redis key for an id, address or conversation: never the raw value."""
        digest = hmac.new(self._secret, f"{name}\0{raw}".encode("utf-8", "replace"), hashlib.sha256).hexdigest()
        return f"{PREFIX}:{kind}:{name}:{digest[:32]}"

    def call(self, what: Callable[[], Any]) -> Any:
        """what()'s answer, or FAILED when Redis cannot give one."""
        import redis

        try:
            answer = what()
        except (redis.exceptions.RedisError, OSError) as exc:
            if not self._down:
                logger.error(
                    "Shared limits (Redis) unreachable (%s): replay windows and rate limits are kept in "
                    "each process's memory until it is back.",
                    type(exc).__name__,
                )
            self._down = True
            return FAILED
        if self._down:
            logger.warning("Shared limits (Redis) work again.")
            self._down = False
        return answer


class SharedSeenEvents:
    """SeenEvents for every process: the first SET NX EX of an id's key wins. The memory copy is kept up to
    date on each call and answers when Redis cannot, so a patient's message is never dropped."""

    def __init__(self, shared: SharedRedis, name: str, window: float) -> None:
        self.shared, self.name = shared, name
        self.seconds = max(1, math.ceil(window))
        self.memory = SeenEvents(window)

    def first_time(self, event_id: Optional[str]) -> bool:
        if not event_id:
            return True
        local = self.memory.first_time(event_id)
        key = self.shared.key("seen", self.name, event_id)
        stored = self.shared.call(lambda: self.shared.client.set(key, 1, nx=True, ex=self.seconds))
        return local if stored is FAILED else bool(stored)


class SharedAnsweredMessages:
    """AnsweredMessages for every process: a retry that reaches another process gets the reply the first
    one gave. The memory copy is kept up to date on each call and answers when Redis cannot. A claim
    lasts `pending` seconds until its replies are kept, so one whose process died frees its id."""

    def __init__(self, shared: SharedRedis, name: str, window: float, pending: float) -> None:
        self.shared, self.name = shared, name
        self.seconds, self.pending = max(1, math.ceil(window)), max(1, math.ceil(pending))
        self.memory = AnsweredMessages(window)

    def claim(self, key: str) -> Union[None, str, Replies]:
        local = self.memory.claim(key)
        redis_key = self.shared.key("answered", self.name, key)
        stored = self.shared.call(lambda: self.shared.answer_claim(keys=[redis_key], args=[self.pending]))
        if stored is FAILED:
            return local
        if stored is None:
            return None
        return json.loads(stored) if stored else PENDING

    def keep(self, key: str, replies: Replies) -> None:
        self.memory.keep(key, replies)
        redis_key = self.shared.key("answered", self.name, key)
        self.shared.call(lambda: self.shared.client.set(redis_key, json.dumps(replies), ex=self.seconds, xx=True))

    def drop(self, key: str) -> None:
        self.memory.drop(key)
        self.shared.call(lambda: self.shared.client.delete(self.shared.key("answered", self.name, key)))


class SharedRateLimiter:
    """RateLimiter for every process: one sorted-set window per key in Redis, changed by one script call;
    in memory (kept up to date on each call) when Redis cannot answer."""

    def __init__(self, shared: SharedRedis, name: str, limit: int, window: float) -> None:
        self.shared, self.name, self.limit = shared, name, limit
        self.window_ms = max(1, math.ceil(window * 1000))
        self.memory = RateLimiter(limit, window)

    def allow(self, key: str) -> bool:
        if self.limit <= 0:
            return True
        local = self.memory.allow(key)
        redis_key = self.shared.key("rate", self.name, key)
        allowed = self.shared.call(
            lambda: self.shared.window(keys=[redis_key], args=[self.window_ms, self.limit, uuid.uuid4().hex])
        )
        return local if allowed is FAILED else bool(allowed)


@functools.cache
def _connect(host: str, port: int, password: str) -> SharedRedis:
    import redis

    client = redis.Redis(
        host=host,
        port=port,
        password=password or None,
        db=REDIS_DB,
        socket_timeout=TIMEOUT_SECONDS,
        socket_connect_timeout=TIMEOUT_SECONDS,
    )
    return SharedRedis(client, password)


def shared_redis() -> Optional[SharedRedis]:
    """The shared Redis when the settings name one (REDIS_HOST: the production topology), else None."""
    config = settings.service()
    return _connect(config.redis_host, config.redis_port, config.redis_password) if config.redis_host else None


def seen_events(name: str, window: float) -> Union[SeenEvents, SharedSeenEvents]:
    """A replay window for one channel's event ids: in Redis when configured, else in this process's memory."""
    shared = shared_redis()
    return SharedSeenEvents(shared, name, window) if shared else SeenEvents(window)


def answered_messages(name: str, window: float, pending: float) -> Union[AnsweredMessages, SharedAnsweredMessages]:
    """The replies given to message ids for `window` seconds (a claim not answered in `pending` seconds is
    freed): in Redis when configured, else in this process's memory, which dies with its claims."""
    shared = shared_redis()
    return SharedAnsweredMessages(shared, name, window, pending) if shared else AnsweredMessages(window)


def rate_limiter(name: str, limit: int, window: float) -> Union[RateLimiter, SharedRateLimiter]:
    """`limit` events per `window` seconds per key, counted under `name`: in Redis when configured, else in memory."""
    shared = shared_redis()
    return SharedRateLimiter(shared, name, limit, window) if shared else RateLimiter(limit, window)
