"""The production topology: PostgreSQL, Redis, the action server, N Rasa processes and nginx, run by supervisord."""

import json
import os
import signal
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.request
import xmlrpc.client
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import yaml

from bot import settings
from bot.channels import shared
from bot.prod import health, services, supervisord
from bot.prod.supervisord import FAILED, Program, Supervisord
from bot.serve import ROOT, child_env, clinic_details_ready, rasa_command

MODEL = ROOT / "build" / "models" / "ldn.tar.gz"
# Several Rasa processes serve the same conversations: the lock store must be shared (Redis), and the
# tracker store a database they all reach (PostgreSQL). Values come from the environment (${VAR}).
TRACKER_STORE = {
    "type": "bot.store.tracker_store.ClinicTrackerStore",
    "dialect": "postgresql",
    "url": "${PG_HOST}",
    "port": "${PG_PORT}",
    "db": "${PG_DB}",
    "username": "${PG_USER}",
    "password": "${PG_PASSWORD}",
}
# Redis, through the project's class: never a message without Redis, short tickets (bot/store/lock_store.py).
# The same database holds the replay windows and rate limits every process shares (bot/channels/shared.py).
LOCK_STORE = {
    "type": "bot.store.lock_store.ClinicRedisLockStore",
    "url": "${REDIS_HOST}",
    "port": "${REDIS_PORT}",
    "password": "${REDIS_PASSWORD}",
    "db": shared.REDIS_DB,
    "key_prefix": shared.PREFIX,
}
# Connections each Rasa process keeps to PostgreSQL (Rasa's defaults, 50 + 100, would exhaust the server).
SQL_POOL_SIZE, SQL_MAX_OVERFLOW = 5, 10
# A Rasa process left out by nginx after one failed connection, for this long before it is tried again.
FAIL_TIMEOUT_SECONDS = 5
# Lines of a server's log shown when it fails to start.
LOG_TAIL = 20
# How the parts are named to people (supervisord's program names otherwise).
LABELS = {"postgres": "PostgreSQL", "redis": "Redis", "actions": "the action server", "nginx": "nginx"}


def _apology() -> str:
    """The patient's apology with the clinic's phone (imported here: bot.nlg loads Rasa, slow for a launcher)."""
    from bot.nlg import render

    return render("service_problem")


@dataclass
class Ports:
    """The loopback ports of every part."""

    http: int
    https: int
    action: int
    postgres: int
    redis: int
    rasa: List[int] = field(default_factory=list)

    @classmethod
    def from_settings(cls, config: settings.ServiceSettings, processes: int) -> "Ports":
        return cls(
            config.http_port,
            config.https_port,
            config.prod_action_port,
            config.pg_port,
            config.redis_port,
            [config.rasa_base_port + i for i in range(processes)],
        )


def endpoints_file(path: Path) -> Path:
    """The project's endpoints.yml (action server, NLG) with the shared tracker and lock stores."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints.update(tracker_store=TRACKER_STORE, lock_store=LOCK_STORE)
    text = "# Written by bot/prod/topology.py from endpoints.yml; do not edit.\n" + yaml.safe_dump(
        endpoints, sort_keys=False
    )
    services.private_file(path).write_text(text, encoding="utf-8")
    return path


def processes_wanted(config: settings.ServiceSettings) -> int:
    return config.rasa_processes or os.cpu_count() or 1


def _read(path: Path) -> str:
    return path.read_text().strip() if path.exists() else ""


@contextmanager
def _signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Topology:
    """The whole topology as a context manager: `with Topology(workdir, model=..., rasa_processes=2) as topo:`."""

    def __init__(
        self,
        workdir: Optional[Path] = None,
        model: Path = MODEL,
        rasa_processes: Optional[int] = None,
        ports: Optional[Ports] = None,
        timeout: float = 300,
        say: Callable[[str], None] = _say,
        echo: bool = False,
    ):
        self.config = settings.service()
        self.workdir = Path(workdir or ROOT / self.config.prod_dir).resolve()
        self.model = Path(model)
        self.processes = rasa_processes or (len(ports.rasa) if ports else processes_wanted(self.config))
        self.ports = ports or Ports.from_settings(self.config, self.processes)
        if len(self.ports.rasa) != self.processes:
            raise ValueError(f"{self.processes} Rasa processes need as many ports, not {self.ports.rasa}")
        self.timeout = timeout
        self.say = say
        self.echo = echo  # supervisord's own lines (starts, exits, restarts) on our output too
        self.logs = self.workdir / "logs"
        front = services.reachable_host(self.config.nginx_listen)
        self.url = f"https://{front}:{self.ports.https}"
        self.http_url = f"http://{front}:{self.ports.http}"
        self.rasa_urls = [f"http://127.0.0.1:{port}" for port in self.ports.rasa]
        self.rasa_names = [f"rasa-{i}" for i in range(self.processes)]
        self.pg_dsn = self.redis_url = ""
        self.supervisord = Supervisord(self.workdir)
        self._parts: Dict[str, Any] = {}

    # --- starting ------------------------------------------------------------------------------
    def __enter__(self) -> "Topology":
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def start(self) -> None:
        if not clinic_details_ready(production=not self.config.allow_placeholders):
            raise RuntimeError(
                "refusing to start the production topology with the example clinic's details "
                "(set them, or ALLOW_PLACEHOLDERS=1 for a local trial)"
            )
        if not self.model.exists():
            raise RuntimeError(f"no trained model at {self.model}; run `make train` first")
        if not tarfile.is_tarfile(self.model):  # Rasa would start anyway, and answer nothing
            raise RuntimeError(f"{self.model} is not a trained model (a .tar.gz from `make train`)")
        deadline = time.monotonic() + self.timeout
        try:
            self._start(deadline)
        except BaseException:
            self.stop()  # whatever started must not outlive a failed start
            raise

    def _left(self, deadline: float) -> float:
        return max(1.0, deadline - time.monotonic())

    def _secret(self, value: str, name: str) -> str:
        if value:
            return value
        value, made = services.local_secret(self.workdir / "secrets", name)
        if made:
            self.say(
                f"Generated a random {name} for local use in {self.workdir / 'secrets' / name} (mode 0600); "
                f"in production set it in the environment."
            )
        return value

    def _start(self, deadline: float) -> None:
        config = self.config
        services.require_installed()  # `make services` installs them; a start never does
        # Private (see services.folder_mode): PostgreSQL's and Redis's users pass through to their folders.
        for folder in (self.workdir, self.logs):
            services.private_folder(folder, services.folder_mode())
        if self.supervisord.shutdown_earlier():
            self.say("Stopped the topology an earlier run left running (its starter was killed).")
        pg_password = self._secret(config.pg_password, "pg_password")
        redis_password = self._secret(config.redis_password, "redis_password")
        postgres = services.Postgres(
            self.workdir / "postgres",
            self.ports.postgres,
            config.pg_db,
            config.pg_user,
            pg_password,
            self.logs / "postgres.log",
        )
        redis = services.Redis(self.workdir / "redis", self.ports.redis, redis_password, self.logs / "redis.log")
        if config.tls_cert_file and config.tls_key_file:
            cert, key = Path(config.tls_cert_file), Path(config.tls_key_file)
        else:
            cert, key = self._self_signed()
        nginx = services.Nginx(self.workdir / "nginx", self._nginx_values(cert, key), self.logs / "nginx.log")
        self._parts = {part.name: part for part in (postgres, redis, nginx)}
        for part in self._parts.values():
            part.prepare()
        programs = [postgres.program(), redis.program(), *self._app_programs(), nginx.program()]
        services.private_file(self.supervisord.conf).write_text(supervisord.config(self.workdir, self.logs, programs))
        self.pg_dsn, self.redis_url = postgres.dsn(), redis.url()

        self.supervisord.start(self._env(pg_password, redis_password), self.echo)
        # In order, each once ready: the database before Rasa connects to it, and the front door (nginx) only
        # when every Rasa process answers, so no patient meets a process still loading its model.
        for name in ("postgres", "redis"):
            self._start_part(name, self._left(deadline))
        for name in ("actions", *self.rasa_names):
            self.supervisord.start_program(name)
        self._ready("actions", f"http://127.0.0.1:{self.ports.action}/health", deadline)
        for name, url in zip(self.rasa_names, self.rasa_urls, strict=True):
            self._ready(name, f"{url}/", deadline)
        self._start_part("nginx", self._left(deadline))

    def _start_part(self, name: str, timeout: float) -> None:
        self.supervisord.start_program(name)
        self._parts[name].ready(timeout, lambda: self.supervisord.state(name) not in FAILED)

    def _ready(self, name: str, url: str, deadline: float) -> None:
        """Waits for a server's first answer; when it exits or hangs, the error ends with its log's last lines."""
        log = self.logs / f"{name}.log"
        label = LABELS.get(name, f"Rasa process {name.split('-')[-1]}")
        while True:
            if self.supervisord.state(name) in FAILED:
                problem: Exception = RuntimeError(f"{label} exited before it was ready")
                break
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                problem = TimeoutError(f"{label} did not answer at {url} within {self.timeout:.0f}s")
                break
            time.sleep(0.5)
        lines = log.read_text(errors="replace").splitlines()[-LOG_TAIL:]
        raise type(problem)(f"{problem}; the end of {log}:\n" + "\n".join(lines))

    def _self_signed(self) -> Tuple[Path, Path]:
        cert, key = services.self_signed_certificate(self.workdir / "tls")
        self.say(
            f"Using a self-signed certificate for local use ({cert}); in production set TLS_CERT_FILE and TLS_KEY_FILE."
        )
        return cert, key

    def _env(self, pg_password: str, redis_password: str) -> Dict[str, str]:
        """supervisord's environment, which the action server and the Rasa processes inherit (PostgreSQL, Redis
        and nginx get services.service_env() instead)."""
        env = child_env(f"http://127.0.0.1:{self.ports.action}/webhook", None)
        env.update(
            PG_HOST=services.LOOPBACK,
            PG_PORT=str(self.ports.postgres),
            PG_DB=self.config.pg_db,
            PG_USER=self.config.pg_user,
            PG_PASSWORD=pg_password,
            REDIS_HOST=services.LOOPBACK,
            REDIS_PORT=str(self.ports.redis),
            REDIS_PASSWORD=redis_password,
            SQL_POOL_SIZE=str(SQL_POOL_SIZE),
            SQL_MAX_OVERFLOW=str(SQL_MAX_OVERFLOW),
        )
        # nginx on this host is a proxy whose X-Real-IP (per-address limits) and X-Forwarded-Proto (the URL
        # Twilio signed) the app believes, with any proxy in front that TRUSTED_PROXIES names.
        env["TRUSTED_PROXIES"] = " ".join(dict.fromkeys([*self.config.trusted_proxies, services.LOOPBACK]))
        # Several processes on few cores: one TensorFlow thread each, instead of each taking every core.
        threads = self.config.tf_threads or (1 if self.processes > 1 else 0)
        if threads:
            env["TF_INTRA_OP_PARALLELISM_THREADS"] = env["TF_INTER_OP_PARALLELISM_THREADS"] = str(threads)
        return env

    def _app_programs(self) -> List[Program]:
        """The action server and the Rasa processes (through bot.rasa_cli, as `make run` starts them)."""
        endpoints = endpoints_file(self.workdir / "endpoints.yml")
        actions = [sys.executable, "-m", "bot.action_server", "--actions", "actions", "--port", str(self.ports.action)]
        cors = list(self.config.widget_allowed_origins)
        return [Program("actions", actions, self.logs / "actions.log", directory=ROOT)] + [
            Program(
                name,
                rasa_command(self.model, port, services.LOOPBACK, cors, endpoints),
                self.logs / f"{name}.log",
                directory=ROOT,
            )
            for name, port in zip(self.rasa_names, self.ports.rasa, strict=True)
        ]

    def _nginx_values(self, cert: Path, key: Path) -> Dict[str, object]:
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout={FAIL_TIMEOUT_SECONDS}s;"
            for port in self.ports.rasa
        )
        rasa_health = "\n".join(
            f"        location = /health/rasa/{i} {{\n            allow 127.0.0.1;\n"
            f"            deny all;\n            proxy_pass http://127.0.0.1:{port}/webhooks/rest/;\n"
            f"        }}"
            for i, port in enumerate(self.ports.rasa)
        )
        # Plain HTTP serves on loopback only (local use, tests); where patients can reach it, it sends them to
        # HTTPS (308 keeps a POST a POST). Health stays on HTTP for load balancers.
        redirect = (
            ""
            if self.config.nginx_listen in (services.LOOPBACK, "localhost", "::1", "[::1]")
            else f"            if ($scheme = http) {{ return 308 https://$host:{self.ports.https}$request_uri; }}"
        )
        return {
            "listen": self.config.nginx_listen,
            "http_redirect": redirect,
            "http_port": self.ports.http,
            "https_port": self.ports.https,
            "cert": cert,
            "key": key,
            "max_body_bytes": self.config.max_body_bytes,
            "rasa_servers": servers,
            "rasa_health": rasa_health,
            "action_port": self.ports.action,
            "next_upstream_tries": self.processes,
            "unavailable_json": services.nginx_string(json.dumps([{"text": _apology()}], ensure_ascii=False)),
        }

    # --- for tests and operators ---------------------------------------------------------------
    def pid(self, name: str) -> int:
        """The process id of a part (postgres, redis, actions, rasa-<i>, nginx); 0 while it is not running."""
        return self.supervisord.pid(name)

    def running(self, name: str) -> bool:
        return self.supervisord.state(name) == "RUNNING"

    def rasa_pids(self) -> List[int]:
        return [self.pid(name) for name in self.rasa_names]

    def kill_rasa(self, index: int) -> None:
        """SIGKILL one Rasa process; supervisord restarts it."""
        os.kill(self.pid(self.rasa_names[index]), signal.SIGKILL)

    def wait_rasa_ready(self, index: int, timeout: float) -> None:
        """Waits until Rasa process `index` (restarted or not) answers at GET /."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.rasa_urls[index]}/", timeout=2):
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise TimeoutError(
            f"Rasa process {index} did not answer within {timeout:.0f}s (see {self.logs / f'rasa-{index}.log'})"
        )

    def restart_postgres(self) -> None:
        """Stops then starts the same PostgreSQL cluster."""
        self.stop_postgres()
        self.start_postgres()

    def stop_postgres(self) -> None:
        """An outage of the database until start_postgres() (supervisord does not restart a part it stopped)."""
        self.supervisord.stop_program("postgres")

    def start_postgres(self) -> None:
        self._start_part("postgres", 60)

    def stop_redis(self) -> None:
        self.supervisord.stop_program("redis")

    def start_redis(self) -> None:
        self._start_part("redis", 30)

    def health(self) -> List[health.Check]:
        """Each part's state; works from another process too (settings, and the secrets in PROD_DIR)."""
        if not self.pg_dsn:  # not started by this object: the running topology's details from its settings
            secret = self.workdir / "secrets"
            pg = self.config.pg_password or _read(secret / "pg_password")
            red = self.config.redis_password or _read(secret / "redis_password")
            self.pg_dsn = services.Postgres(
                self.workdir, self.ports.postgres, self.config.pg_db, self.config.pg_user, pg, self.logs
            ).dsn()
            self.redis_url = services.Redis(self.workdir, self.ports.redis, red, self.logs).url()
        return health.check(self.http_url, self.processes, self.pg_dsn, self.redis_url)

    def down(self) -> List[str]:
        """What is down for good (empty when all is well): supervisord itself, or a part it gave up restarting."""
        if not self.supervisord.running():
            return ["supervisord"] if self.supervisord.proc else []
        try:
            states = self.supervisord.states()
        except (OSError, xmlrpc.client.Error):
            return ["supervisord"]
        return [LABELS.get(name, name) for name, state in states.items() if state == "FATAL"]

    def stop(self) -> None:
        """Stops every part (supervisord stops them in the reverse of their start order, each with its own
        signal and timeout); a second Ctrl+C or SIGTERM meanwhile does not cut it short."""
        with _signals_held():
            try:
                self.supervisord.stop()
            except Exception as exc:
                self.say(f"warning: while stopping: {exc}")
