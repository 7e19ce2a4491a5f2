"""supervisord runs the topology's processes: its configuration, generated from the parts, and a small client."""

import os
import shlex
import subprocess
import sys
import time
import xmlrpc.client
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional

from supervisor.xmlrpc import SupervisorTransport

# A process that exits within START_SECONDS of its start is retried after 1, 2, 3 … s, START_RETRIES times, then
# given up on (FATAL), which stops `python -m bot.prod up` with an error. Once it has run that long, it is
# restarted at once whenever it exits.
START_SECONDS, START_RETRIES = 10, 10
# Files supervisord and its programs create are their owner's alone (logs hold ids and errors).
PRIVATE_UMASK = 0o077
# How long a process has to stop after its stop signal before it is killed.
STOP_SECONDS = 15
# States of a process that ended without being asked to (supervisord's names).
FAILED = ("BACKOFF", "EXITED", "FATAL")


@dataclass
class Program:
    """One supervised process: `env`, when given, is its whole environment (else it inherits supervisord's)."""

    name: str
    command: List[str]
    log: Path
    user: Optional[str] = None
    directory: Optional[Path] = None
    env: Optional[Mapping[str, str]] = None
    autostart: bool = False
    stopsignal: str = "TERM"
    # The stop signal to the whole process group: Rasa's helpers go with it. PostgreSQL's postmaster stops its
    # own backends, and must be the only one signalled.
    stopasgroup: bool = True
    # Lower starts first and stops last (supervisord stops by priority when it shuts down): the stores stop
    # after the Rasa processes that use them, the front door (nginx) first.
    priority: int = 50

    def section(self) -> str:
        command = self.command
        if self.env is not None:  # env -i execs the program: same process, nothing of supervisord's environment
            command = ["/usr/bin/env", "-i", *(f"{name}={value}" for name, value in self.env.items()), *command]
        lines = {
            "command": shlex.join(command),
            "directory": self.directory,
            "user": self.user,
            "autostart": str(self.autostart).lower(),
            "autorestart": "true",
            "startsecs": START_SECONDS,
            "startretries": START_RETRIES,
            "stopsignal": self.stopsignal,
            "stopwaitsecs": STOP_SECONDS,
            "stopasgroup": str(self.stopasgroup).lower(),
            "killasgroup": "true",
            "priority": self.priority,
            "umask": f"{PRIVATE_UMASK:03o}",
            "redirect_stderr": "true",
            "stdout_logfile": self.log,
            "stdout_logfile_maxbytes": "50MB",
            "stdout_logfile_backups": 5,
        }
        return f"[program:{self.name}]\n" + "".join(
            f"{key}={_escaped(value)}\n" for key, value in lines.items() if value is not None
        )


def _escaped(value: object) -> str:
    return str(value).replace("%", "%%")  # supervisord expands %(name)s in every value


def config(folder: Path, logs: Path, programs: Iterable[Program]) -> str:
    """supervisord.conf: a private socket for the client, its log and pid file in the topology's folders."""
    return (
        "; Written by bot/prod/supervisord.py from the settings; do not edit.\n"
        f"[unix_http_server]\nfile={_escaped(folder / 'supervisor.sock')}\nchmod=0700\n\n"
        f"[supervisord]\nnodaemon=true\numask=077\nlogfile={_escaped(logs / 'supervisord.log')}\n"
        f"pidfile={_escaped(folder / 'supervisord.pid')}\n\n"
        "[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n"
        f"[supervisorctl]\nserverurl=unix://{_escaped(folder / 'supervisor.sock')}\n\n"
        + "\n".join(program.section() for program in programs)
    )


class Supervisord:
    """supervisord on `folder`'s configuration, as a child process; its programs started and stopped by name."""

    def __init__(self, folder: Path):
        self.conf = folder / "supervisord.conf"
        self.socket = folder / "supervisor.sock"
        self.proc: Optional[subprocess.Popen] = None

    def rpc(self):
        """The XML-RPC interface (a new connection each time: callers may be in several threads)."""
        transport = SupervisorTransport(None, None, f"unix://{self.socket}")
        return xmlrpc.client.ServerProxy("http://localhost", transport=transport).supervisor

    def _state(self) -> str:
        """supervisord's own state (RUNNING, SHUTDOWN, …), or "" when none answers on the socket."""
        try:
            return self.rpc().getState()["statename"]
        except (OSError, xmlrpc.client.Error):
            return ""

    def answers(self) -> bool:
        return self._state() == "RUNNING"

    def shutdown_earlier(self, timeout: float = 60) -> bool:
        """Stops a supervisord of this folder left by a run whose starter was killed; True if there was one."""
        if not self.answers():
            return False
        self.rpc().shutdown()  # it stops its programs first, then exits
        deadline = time.monotonic() + timeout
        while self._state() and time.monotonic() < deadline:
            time.sleep(0.2)
        return True

    def start(self, env: Dict[str, str], echo: bool, timeout: float = 30) -> None:
        """Starts supervisord with `env` (what the programs without their own environment inherit)."""
        args = [sys.executable, "-m", "supervisor.supervisord", "-c", str(self.conf)] + ([] if echo else ["-s"])
        # Its own process group: a terminal's Ctrl+C or hang-up reaches only our process, which stops it in order
        # (the same session, so the kernel's per-session CPU share is as before). Its logs and pid file private:
        # in the foreground, supervisord keeps the umask it was started with.
        self.proc = subprocess.Popen(
            args, env=env, stdin=subprocess.DEVNULL, preexec_fn=os.setpgrp, umask=PRIVATE_UMASK
        )
        deadline = time.monotonic() + timeout
        while not self.answers():
            if self.proc.poll() is not None:
                raise RuntimeError(f"supervisord exited with code {self.proc.returncode} (see {self.conf})")
            if time.monotonic() > deadline:
                raise TimeoutError(f"supervisord did not answer within {timeout:.0f}s")
            time.sleep(0.1)

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def info(self, name: str) -> Dict:
        return self.rpc().getProcessInfo(name)

    def state(self, name: str) -> str:
        return self.info(name)["statename"]

    def pid(self, name: str) -> int:
        return self.info(name)["pid"]

    def states(self) -> Dict[str, str]:
        return {process["name"]: process["statename"] for process in self.rpc().getAllProcessInfo()}

    def start_program(self, name: str, wait: bool = False) -> None:
        try:
            self.rpc().startProcess(name, wait)
        except xmlrpc.client.Fault as fault:
            if "ALREADY_STARTED" not in fault.faultString:
                raise RuntimeError(f"{name} did not start: {fault.faultString}") from None

    def stop_program(self, name: str) -> None:
        try:
            self.rpc().stopProcess(name, True)
        except xmlrpc.client.Fault as fault:
            if "NOT_RUNNING" not in fault.faultString:
                raise

    def stop(self, timeout: float = 120) -> None:
        """Stops every program (each with its stop signal, killed after STOP_SECONDS), then supervisord."""
        if not self.running():
            return
        assert self.proc is not None
        self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
