"""A throw-away PostgreSQL cluster for the tests: ``initdb`` in a temporary folder, run as a non-root user on a
free loopback port, one new database per store the tests ask for, stopped and removed at the end.

``$NEWSDESK_TEST_POSTGRES`` (a ``postgresql://`` URL of a user allowed to create databases) uses a running
server instead. Without either, the PostgreSQL tests skip and say why.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVER_FLAGS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"


def find_bin(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, else in Debian's versioned folder (the newest)."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return versions[-1] if versions else None


class Cluster:
    """The server the tests use; ``new_database()`` gives the URL of an empty database on it."""

    def __init__(self) -> None:
        self.admin_url = os.environ.get("NEWSDESK_TEST_POSTGRES")
        self.folder: Path | None = None
        self._names = itertools.count(1)
        self._as: list[str] = []
        if self.admin_url is None:
            self._start()

    def _start(self) -> None:
        initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise Unavailable("PostgreSQL's server is not installed (.ci/run installs Debian's postgresql)")
        self.folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
        if os.geteuid() == 0:  # the server refuses to run as root: run it as an unprivileged user
            user = next((u for u in ("postgres", "nobody") if _user_exists(u)), None)
            if user is None or not shutil.which("runuser"):
                raise Unavailable("running as root with no unprivileged user to run PostgreSQL as")
            entry = pwd.getpwnam(user)
            os.chmod(self.folder, 0o755)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
            self._as = ["runuser", "-u", user, "--"]
        data, sockets = self.folder / "data", self.folder
        port = _free_port()
        self._run(initdb, "-D", str(data), "-A", "trust", "-U", "newsdesk", "-E", "UTF8", "--no-sync", "--locale=C")
        self._run(pg_ctl, "-D", str(data), "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start",
                  "-o", f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 {SERVER_FLAGS}")
        self.pg_ctl, self.data = pg_ctl, data
        self.admin_url = f"postgresql://newsdesk@127.0.0.1:{port}/postgres"

    def _run(self, *command: str) -> None:
        done = subprocess.run([*self._as, *command], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log" if self.folder else None
            tail = log.read_text()[-1500:] if log and log.exists() else ""
            raise Unavailable(f"{Path(command[0]).name} failed: {done.stderr.strip() or done.stdout.strip()} {tail}")

    def new_database(self, name: str = "desk") -> str:
        """An empty database's URL (the desk's migrations create its tables when it is first opened)."""
        import psycopg

        database = f"newsdesk_test_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        return self.admin_url.rsplit("/", 1)[0] + "/" + database

    def stop(self) -> None:
        if self.folder is None:
            return
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except Unavailable:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


class Unavailable(RuntimeError):
    """The tests cannot have a PostgreSQL server here (they skip with this reason)."""


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
