"""The production topology's own PostgreSQL, Redis and nginx (Debian's packages): their configuration and how supervisord runs them."""

import base64
import hashlib
import hmac
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import time
import unicodedata
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

from bot import settings
from bot.prod.supervisord import PRIVATE_UMASK, Program

ROOT = Path(__file__).resolve().parents[2]
NGINX_TEMPLATE = Path(__file__).with_name("nginx.conf.tmpl")
LOOPBACK = "127.0.0.1"


# All that PostgreSQL, Redis and nginx need of the environment: never the channels' tokens or the passwords.
SERVICE_ENV = ("PATH", "LANG", "LC_ALL", "TZ")


def service_env() -> Dict[str, str]:
    """The whole environment of a server: SERVICE_ENV's variables only."""
    env = settings.environment()
    return {name: env[name] for name in SERVICE_ENV if name in env}


def folder_mode() -> int:
    """A private folder's mode: 0700, or 0711 when we are root, since PostgreSQL, Redis and nginx's workers then
    run as their own users and must pass through it (pass only: not list it, nor read what is inside)."""
    return 0o711 if os.geteuid() == 0 else 0o700


def private_folder(path: Path, mode: int = 0o700) -> Path:
    """The folder, made if missing, with `mode` (also when an older run left it readable)."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, mode)
    return path


def private_file(path: Path) -> Path:
    """The file, created empty if missing, with mode 0600 (also when an older run left it readable)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600))
    os.chmod(path, 0o600)
    return path


# What each part needs installed (Debian's packages: `make services` installs them, never a start).
PROGRAMS = {"PostgreSQL": "/usr/lib/postgresql/*/bin/postgres", "Redis": "redis-server", "nginx": "nginx"}


def which(program: str) -> Optional[str]:
    """The program's path; Debian's nginx is in /usr/sbin, which a user's PATH may lack."""
    return shutil.which(program, path=f"{settings.environment().get('PATH', '')}:/usr/sbin:/usr/bin")


def require_installed() -> None:
    """RuntimeError naming what is missing, and how to install it."""
    missing = [
        part
        for part, program in PROGRAMS.items()
        if not (list(Path("/").glob(program.lstrip("/"))) if "*" in program else which(program))
    ]
    if missing or not which("openssl"):
        raise RuntimeError(f"missing: {', '.join(missing or ['openssl'])}; install them with `make services`")


def reachable_host(listen: str) -> str:
    """Where to reach a server listening on `listen` from this host (loopback for "all addresses")."""
    return LOOPBACK if listen in ("0.0.0.0", "*", "::", "[::]") else listen


def wait_port(port: int, timeout: float, name: str, alive=lambda: True, host: str = LOOPBACK) -> None:
    """Waits until something accepts connections on the port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"{name} exited before it listened on port {port}")
        try:
            with socket.create_connection((host.strip("[]"), port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{name} did not listen on port {port} within {timeout:.0f}s")


def service_user(preferred: str) -> Optional[str]:
    """The system user to run a server as: `preferred` when we are root (servers refuse or should not run as
    root), None (ourselves) otherwise."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(preferred)
    except KeyError:
        raise RuntimeError(f"the system user {preferred!r} is missing: run scripts/install_services.sh") from None
    return preferred


def as_user(user: Optional[str], args: List[str]) -> List[str]:
    return ["runuser", "-u", user, "--", *args] if user else args


def own(path: Path, user: Optional[str]) -> None:
    """Makes a private folder the service user's, so a server running as that user can write it."""
    private_folder(path)
    if user:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)
        if subprocess.run(as_user(user, ["test", "-w", str(path)])).returncode:
            raise RuntimeError(
                f"the {user} user cannot reach {path}: a folder above it is private "
                f"(e.g. mode 0700); choose a PROD_DIR that other users may pass through"
            )


def local_secret(folder: Path, name: str) -> Tuple[str, bool]:
    """(a random password kept in folder/name with mode 0600, True if it was made now): for local use only."""
    path = folder / name
    if path.exists():
        return path.read_text().strip(), False
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    value = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(value + "\n")
    return value, True


def self_signed_certificate(folder: Path) -> Tuple[Path, Path]:
    """(certificate, key) for 127.0.0.1 and localhost, made with openssl when missing or expiring within a day."""
    cert, key = folder / "selfsigned.crt", folder / "selfsigned.key"
    if (
        cert.exists()
        and key.exists()
        and subprocess.run(
            ["openssl", "x509", "-checkend", "86400", "-noout", "-in", str(cert)], capture_output=True
        ).returncode
        == 0
    ):
        return cert, key
    private_folder(folder)
    key.unlink(missing_ok=True)
    os.close(os.open(key, os.O_CREAT | os.O_WRONLY, 0o600))  # private before openssl writes into it
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "365",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        umask=PRIVATE_UMASK,
    )
    return cert, key


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """PostgreSQL's SCRAM-SHA-256 verifier of a password (what it stores), made here so the password is never sent.
    NFKC stands in for SASLprep, which changes only unusual Unicode."""
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", unicodedata.normalize("NFKC", password).encode(), salt, iterations)
    stored = hashlib.sha256(hmac.new(salted, b"Client Key", "sha256").digest()).digest()
    server = hmac.new(salted, b"Server Key", "sha256").digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored)}:{_b64(server)}"


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class Postgres:
    """A PostgreSQL cluster of its own under `folder`, on 127.0.0.1:port, with one database and its owner."""

    name = "postgres"

    def __init__(self, folder: Path, port: int, db: str, user: str, password: str, log: Path):
        self.folder, self.port, self.db, self.user, self.password, self.log = folder, port, db, user, password, log
        self.data = folder / "data"
        self.os_user = service_user("postgres")  # initdb and postgres refuse to run as root

    @staticmethod
    def binary(name: str) -> str:
        """The newest installed PostgreSQL's program `name` (Debian keeps them outside PATH)."""
        found = sorted(
            Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(re.sub(r"\D", "", p.parts[-3]) or 0)
        )
        if not found:
            raise RuntimeError("PostgreSQL is not installed: run `make services`")
        return str(found[-1])

    def _run(self, args: List[str], **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            as_user(self.os_user, args),
            capture_output=True,
            text=True,
            env=service_env(),
            umask=PRIVATE_UMASK,
            **kwargs,
        )

    def prepare(self) -> None:
        """The cluster's folder, made once with initdb."""
        own(self.folder, self.os_user)
        if not (self.data / "PG_VERSION").exists():
            done = self._run(
                [
                    self.binary("initdb"),
                    "-D",
                    str(self.data),
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--auth-local=peer",
                    "--auth-host=scram-sha-256",
                ]
            )
            if done.returncode:
                raise RuntimeError(f"initdb failed: {done.stderr.strip()}")

    def program(self) -> Program:
        # The socket lives in our folder: only the server's own user uses it (peer), to create the role.
        # SIGINT is PostgreSQL's fast shutdown: SIGTERM would wait for every Rasa process to disconnect.
        command = [self.binary("postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.folder)]
        command += ["-c", f"listen_addresses={LOOPBACK}", "-c", "max_connections=200"]
        return Program(
            self.name,
            command,
            self.log,
            self.os_user,
            env=service_env(),
            stopsignal="INT",
            stopasgroup=False,
            priority=10,
        )

    def ready(self, timeout: float, alive: Callable[[], bool]) -> None:
        """Waits until it accepts connections, then makes the database and its owner if missing."""
        wait_port(self.port, timeout, "PostgreSQL", alive)
        # Through stdin, not the command line, and only the password's SCRAM verifier: the password itself
        # shows neither in the process list nor in the server's log (which quotes a failed statement).
        user = '"' + self.user.replace('"', '""') + '"'
        sql = (
            f"SELECT format('CREATE ROLE %I LOGIN', {_sql_literal(self.user)}) WHERE NOT EXISTS "
            f"(SELECT 1 FROM pg_roles WHERE rolname = {_sql_literal(self.user)}) \\gexec\n"
            f"ALTER ROLE {user} LOGIN PASSWORD {_sql_literal(scram_verifier(self.password))};\n"
            f"SELECT format('CREATE DATABASE %I OWNER %I', {_sql_literal(self.db)}, {_sql_literal(self.user)}) "
            f"WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = {_sql_literal(self.db)}) \\gexec\n"
        )
        psql = [self.binary("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(self.folder)]
        deadline = time.monotonic() + timeout
        while True:  # the port opens a moment before the server accepts logins ("starting up")
            done = self._run([*psql, "-p", str(self.port), "-d", "postgres"], input=sql)
            if not done.returncode or "starting up" not in done.stderr or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if done.returncode:
            raise RuntimeError(f"could not create the database {self.db!r}: {done.stderr.strip()}")

    def dsn(self) -> str:
        from urllib.parse import quote

        return (
            f"postgresql://{quote(self.user)}:{quote(self.password, safe='')}@{LOOPBACK}:{self.port}/{quote(self.db)}"
        )


def _redis_quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


class Redis:
    """A Redis server of its own on 127.0.0.1:port with a password, no persistence (it holds locks, replay windows
    and rate limits: nothing to keep)."""

    name = "redis"

    def __init__(self, folder: Path, port: int, password: str, log: Path):
        self.folder, self.port, self.password, self.log = folder, port, password, log
        self.os_user = service_user("redis")
        self.conf = folder / "redis.conf"

    def prepare(self) -> None:
        """Its configuration, password included: readable by Redis's user alone, in the private PROD_DIR."""
        own(self.folder, self.os_user)
        private_file(self.conf).write_text(
            f"port {self.port}\nbind {LOOPBACK}\nprotected-mode yes\ndaemonize no\n"
            f'dir {self.folder}\nsave ""\nappendonly no\nlogfile ""\n'
            f'requirepass "{_redis_quoted(self.password)}"\n'
        )
        if self.os_user:
            entry = pwd.getpwnam(self.os_user)
            os.chown(self.conf, entry.pw_uid, entry.pw_gid)

    def program(self) -> Program:
        command = [which("redis-server") or "redis-server", str(self.conf)]
        return Program(self.name, command, self.log, self.os_user, env=service_env(), priority=20)

    def ready(self, timeout: float, alive: Callable[[], bool]) -> None:
        wait_port(self.port, timeout, "Redis", alive)

    def url(self) -> str:
        from urllib.parse import quote

        return f"redis://:{quote(self.password, safe='')}@{LOOPBACK}:{self.port}/1"


def nginx_string(text: str) -> str:
    """Text for inside a single-quoted nginx string: nginx reads \\ and \\' as escapes and $ as a variable."""
    if "$" in text:
        raise ValueError("a '$' would be read by nginx as a variable")
    return text.replace("\\", "\\\\").replace("'", "\\'")


def render(template: str, values: Dict[str, object]) -> str:
    """The template with every {{name}} replaced; a name without a value is an error, not an empty string."""

    def value(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"no value for {{{{{name}}}}} in {NGINX_TEMPLATE.name}")
        return str(values[name])

    return re.sub(r"\{\{(\w+)\}\}", value, template)


class Nginx:
    """nginx with its own configuration (rendered from nginx.conf.tmpl), in the foreground under supervisord."""

    name = "nginx"

    def __init__(self, folder: Path, values: Dict[str, Any], log: Path):
        self.folder, self.values, self.log = folder, values, log
        self.conf = folder / "nginx.conf"

    def _args(self) -> List[str]:
        # -e: errors before the configuration is read go to our log, not /var/log/nginx.
        return [which("nginx") or "/usr/sbin/nginx", "-p", str(self.folder), "-c", str(self.conf), "-e", str(self.log)]

    def prepare(self) -> None:
        """Writes the configuration, and has nginx test it (RuntimeError with its complaint)."""
        # The workers (www-data when we are root) reach their temporary files in tmp/ through these folders.
        for folder in (self.folder, self.folder / "tmp"):
            private_folder(folder, folder_mode())
        private_folder(self.folder / "logs")
        private_file(self.log)  # nginx would create it readable by all
        # As root the master reads the key and workers run as Debian's unprivileged www-data.
        user = "user www-data;" if os.geteuid() == 0 else ""
        private_file(self.conf).write_text(
            render(
                NGINX_TEMPLATE.read_text(),
                {**self.values, "folder": self.folder, "user_line": user, "error_log": self.log},
            )
        )
        checked = subprocess.run(
            [*self._args(), "-t", "-q"], capture_output=True, text=True, env=service_env(), umask=PRIVATE_UMASK
        )
        if checked.returncode:
            raise RuntimeError(f"nginx refused its configuration {self.conf}: {checked.stderr.strip()}")

    def program(self) -> Program:
        # SIGQUIT: graceful, answers in flight are finished.
        command = [*self._args(), "-g", "daemon off;"]
        return Program(
            self.name, command, self.log, env=service_env(), stopsignal="QUIT", stopasgroup=False, priority=90
        )

    def ready(self, timeout: float, alive: Callable[[], bool]) -> None:
        host = reachable_host(str(self.values["listen"]))
        for port in (self.values["http_port"], self.values["https_port"]):
            wait_port(int(port), timeout, "nginx", alive, host)
