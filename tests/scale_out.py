"""The bot scaled out on one machine, as deploy/ runs it on many: two Rasa servers and two action servers
behind nginx, with Redis as Rasa's lock store and PostgreSQL as the tracker store and the knowledge store.
Everything is Debian's packages and the project's own processes, on loopback ports chosen at start-up.

    nginx :rasa_lb    -> Rasa server 1, Rasa server 2        (round robin, one conversation hops between them)
    nginx :actions_lb -> action server 1, action server 2    (every Rasa server calls the actions through it)
    Redis             -> lock store: one message of a conversation at a time, across all Rasa servers
    PostgreSQL        -> tracker store (every turn, read back by whichever server takes the next one)
                         and knowledge store (schema 'careerbot', read by the action servers)

Used by tests/test_scale_out.py (with conftest's ``postgres_url``). By hand, with a PostgreSQL server
of your own (scripts/postgres.sh start PORT makes one):

    .venv/bin/python -m tests.scale_out postgresql+psycopg2://postgres@127.0.0.1:PORT/careerbot

builds the knowledge store there if it is not built, starts everything, prints the URLs; Ctrl-C or
`kill` stops it.
The nginx configuration is deploy/nginx/careerbot.conf's upstreams with loopback addresses.
"""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import CAREERBOT, SHARED_DATA, BotStack, ServerFailed, free_port, start, stop, wait_until_up

NGINX = "/usr/sbin/nginx"
REDIS = "/usr/bin/redis-server"


@dataclass
class Node(BotStack):
    """One machine's share: an action server and a Rasa server that calls the actions through the load
    balancer, stores conversations in PostgreSQL and takes its conversation locks in Redis
    (CAREERBOT_LOCK_STORE_URL in its ``env``)."""

    actions_lb_url: str = ""

    @property
    def action_endpoint(self) -> str:  # every Rasa server calls the actions through the load balancer
        return f"{self.actions_lb_url}/webhook"


def nginx_conf(folder: Path, rasa_lb: int, actions_lb: int, rasa: list[int], actions: list[int]) -> str:
    """deploy/nginx/careerbot.conf's proxying, on loopback ports, with files in ``folder``. The access log
    names the upstream server of every request, which is how the test sees the turns alternate."""
    servers = lambda ports: "".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n" for p in ports)  # noqa: E731
    return f"""worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format upstream '$remote_addr "$request" $status $upstream_addr $request_time';
    access_log {folder}/nginx-access.log upstream;
    # bodies and answers stay in memory: nginx's workers run as "nobody" and can't write into the test's folder
    client_body_buffer_size 16m;
    client_max_body_size 16m;
    proxy_max_temp_file_size 0;
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    upstream rasa {{
{servers(rasa)}    }}
    upstream actions {{
{servers(actions)}    }}
    server {{
        listen 127.0.0.1:{rasa_lb};
        location / {{
            proxy_pass http://rasa;
            proxy_read_timeout 120s;
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
    server {{
        listen 127.0.0.1:{actions_lb};
        location / {{
            proxy_pass http://actions;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
}}
"""


def wait_for_redis(port: int, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"redis-server exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServerFailed(f"redis-server did not answer on {port}:\n{log.read_text()[-2000:]}")


def start_redis(folder: Path, port: int) -> subprocess.Popen:
    """Debian's redis-server on loopback ``port``, keeping nothing on disk; returns once it answers PING."""
    if not Path(REDIS).exists():
        raise ServerFailed("redis-server is not installed: scripts/apt-install.sh redis-server nginx")
    log = folder / "redis.log"
    process = start([REDIS, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
                     "--dir", str(folder)], log)
    try:
        wait_for_redis(port, process, log)
    except ServerFailed:
        stop(process)
        raise
    return process


def ensure_knowledge_store(url: str, log: Path) -> subprocess.Popen | None:
    """Start ``careerbot build --db url`` unless the store is already built there (the PostgreSQL tests
    of the same session build it); returns the build process to wait for, or None."""
    from knowledge.db import StoreMissing, open_store

    try:
        open_store(url).dispose()
        return None
    except StoreMissing:
        pass
    data = ["--data", str(SHARED_DATA)] if (SHARED_DATA / "onet").is_dir() else []
    return start([CAREERBOT, "build", "--db", url, *data, "--quiet"], log)


@dataclass
class ScaleOut:
    """The whole topology; ``up()`` starts it, ``down()`` stops every process it started."""

    folder: Path
    postgres_url: str  # SQLAlchemy URL: tracker store and knowledge store
    nodes: list = field(default_factory=list)
    processes: dict = field(default_factory=dict)
    redis_port: int = field(default_factory=free_port)
    rasa_lb_port: int = field(default_factory=free_port)
    actions_lb_port: int = field(default_factory=free_port)
    build_seconds: float | None = None  # None: the knowledge store was already built

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_lb_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_lb_port}"

    @property
    def access_log(self) -> Path:
        return self.folder / "nginx-access.log"

    def up(self, size: int = 2) -> "ScaleOut":
        for name, path in (("redis-server", REDIS), ("nginx", NGINX)):
            if not Path(path).exists():
                raise ServerFailed(f"{name} is not installed: scripts/apt-install.sh redis-server nginx")
        started = time.monotonic()
        build = ensure_knowledge_store(self.postgres_url, self.folder / "build.log")
        env = {"CAREERBOT_DB_URL": self.postgres_url, "CAREERBOT_TRACKER_URL": self.postgres_url,
               "CAREERBOT_LOCK_STORE_URL": f"redis://127.0.0.1:{self.redis_port}/0"}
        self.nodes = [Node(self.folder / f"node{i}", env=dict(env), actions_lb_url=self.actions_url)
                      for i in (1, 2)][:size]
        for node in self.nodes:
            node.folder.mkdir(parents=True, exist_ok=True)
        self.processes["redis"] = start_redis(self.folder, self.redis_port)
        conf = self.folder / "nginx.conf"
        conf.write_text(nginx_conf(self.folder, self.rasa_lb_port, self.actions_lb_port,
                                   [n.rasa_port for n in self.nodes], [n.actions_port for n in self.nodes]))
        self.processes["nginx"] = start([NGINX, "-p", str(self.folder), "-c", str(conf), "-g", "daemon off;"],
                                        self.folder / "nginx.log")
        for node in self.nodes:  # Rasa servers load their model while the knowledge store is built
            node.start_rasa()
        if build is not None:
            self.processes["build"] = build
            if build.wait() != 0:
                raise ServerFailed(f"careerbot build failed:\n{(self.folder / 'build.log').read_text()[-3000:]}")
            self.build_seconds = time.monotonic() - started
        for node in self.nodes:
            node.start_actions()
        for node in self.nodes:
            node.wait("rasa")
            node.wait("actions")
        wait_until_up(f"{self.rasa_url}/", self.processes["nginx"], self.folder / "nginx-error.log", "nginx")
        return self

    def down(self) -> None:
        for node in self.nodes:
            node.down()
        for process in self.processes.values():
            stop(process)

    def upstreams(self, path: str, at_least: int = 0, timeout: float = 10) -> list[str]:
        """The upstream server (host:port) of every request to ``path`` nginx has logged, in order. nginx
        logs a request just after sending its answer, so a caller that has just had its answer waits (up to
        ``timeout`` seconds) for ``at_least`` lines."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.access_log.read_text().splitlines() if self.access_log.is_file() else []
            found = [line.split()[-2] for line in lines if f" {path} " in line]
            if len(found) >= at_least or time.monotonic() > deadline:
                return found
            time.sleep(0.1)


def main(argv: list[str] | None = None) -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m tests.scale_out", description=__doc__.split("\n\n")[0])
    parser.add_argument("postgres_url", help="SQLAlchemy URL of a PostgreSQL database (tracker and knowledge store)")
    args = parser.parse_args(argv)
    cluster = ScaleOut(Path(tempfile.mkdtemp(prefix="careerbot-scale-")), args.postgres_url)
    # `kill` stops everything too (a background job started by a script ignores Ctrl-C's SIGINT)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.up()
        print(f"Rasa (REST) behind nginx: {cluster.rasa_url}/webhooks/rest/webhook\n"
              f"actions behind nginx: {cluster.actions_url}/webhook\nlogs: {cluster.folder}\nCtrl-C stops it.")
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.down()


if __name__ == "__main__":
    main()
