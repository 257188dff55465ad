"""Starting the project's real servers as subprocesses for tests: free loopback ports, waiting until a
server answers, stopping its whole process group. One home for these, used by conftest's fixtures.

``BotStack`` is the whole bot as `make run` starts it (action server, Rasa server with every channel
and the SQL tracker store, the project's web server), on free ports, in a temporary folder.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "careerbot.tar.gz"
BIN = Path(sys.executable).parent
RASA = str(BIN / "rasa")
RASA_SERVER = [sys.executable, "-m", "bot.rasa_server"]  # `rasa` plus careerbot's answer when an action fails
CAREERBOT = str(BIN / "careerbot")  # the project's command, as installed in the environment running the tests
# the raw releases, as the Makefile finds them: CAREERBOT_DATA_DIR, else ../shared/data
SHARED_DATA = Path(os.environ.get("CAREERBOT_DATA_DIR") or ROOT.parent / "shared" / "data")


def actions_command(port: int) -> list[str]:
    """The action server's command line (as scripts/bot.sh and `make actions` run it)."""
    return [RASA, "run", "actions", "--actions", "actions", "--port", str(port)]
START_TIMEOUT = 600  # seconds; the action server reads the whole store first, slowly on a loaded machine
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "3", "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore",
         "RASA_TELEMETRY_ENABLED": "false"}


# The SMS (Twilio) and Slack channels' secrets in the test stack; tests sign requests with them as the providers do.
CHANNEL_SECRETS = {"TWILIO_ACCOUNT_SID": "AC" + "0" * 32, "TWILIO_AUTH_TOKEN": "test-twilio-auth-token",
                   "TWILIO_NUMBER": "+12075550100", "SLACK_BOT_TOKEN": "xoxb-test-token",
                   "SLACK_SIGNING_SECRET": "test-slack-signing-secret"}
# The secret of the console's conversation ids in the test stack: tests compute a conversation's id from its
# sender id with it, as nobody without it can.
CONVERSATION_KEY = "test conversation key"
# The console's key to the Rasa server's counselor routes (bot/channels/counselor.py) in the test stack.
COUNSELOR_TOKEN = "test counselor token"


class ServerFailed(RuntimeError):
    """A server exited or did not answer in time; the message carries the end of its log."""


@contextmanager
def running(servers, **up):
    """``servers.up(**up)`` for the length of a fixture, ``servers.down()`` after; a server that does not come
    up fails the test with the end of its log."""
    import pytest

    try:
        yield servers.up(**up)
    except ServerFailed as exc:
        pytest.fail(str(exc))
    finally:
        servers.down()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
         timeout: float = 180) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request; HTTP errors are answers too, not exceptions."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def environment(env: dict | None = None) -> dict:
    """The environment of a process the tests start: this one's, quiet, plus ``env``. Without
    CAREERBOT_WARM, which test modules set to 0 for their in-process actions: a server must read the
    store at start-up as it does in production (and fail there when it can't). PYTHONPATH starts with this
    checkout, so the servers run the code under test even when the venv's editable install points at
    another checkout of the project (a git worktree)."""
    inherited = {k: v for k, v in os.environ.items() if k != "CAREERBOT_WARM"}
    path = os.pathsep.join(p for p in (str(ROOT), inherited.get("PYTHONPATH", "")) if p)
    return {**inherited, **QUIET, "PYTHONPATH": path, **(env or {})}


def start(args: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    """A server in its own process group (so stop() ends its children too), output to ``log``."""
    return subprocess.Popen(args, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT,
                            env=environment(env), start_new_session=True)


def wait_until_up(url: str, process: subprocess.Popen, log: Path, name: str, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"the {name} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if http(url, timeout=5)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise ServerFailed(f"the {name} did not answer {url} within {timeout:.0f}s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def rest_say(rasa_url: str, sender: str, message: str, timeout: float = 120) -> list[dict]:
    """The bot's replies to one message over the REST channel."""
    body = json.dumps({"sender": sender, "message": message}).encode()
    status, _, answer = http(f"{rasa_url}/webhooks/rest/webhook", body, {"Content-Type": "application/json"},
                             timeout=timeout)
    if status != 200:
        raise AssertionError(f"REST channel answered {status}: {answer[:500]!r}")
    return json.loads(answer)


@dataclass
class BotStack:
    """The running bot: base URLs of its three servers and where its files are."""

    folder: Path
    actions_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    web_port: int = field(default_factory=free_port)
    slack_api_port: int = field(default_factory=free_port)  # where a test's stand-in for Slack's Web API listens
    env: dict = field(default_factory=dict)  # what every server of the stack is started with
    interface: str = "127.0.0.1"  # where the Rasa server listens; "0.0.0.0": as deployed (its REST needs a token)
    processes: dict = field(default_factory=dict)

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def rest_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    @property
    def tracker_db(self) -> Path:
        return self.folder / "tracker.sqlite"

    def log(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    @property
    def tracker_url(self) -> str:
        return self.env.get("CAREERBOT_TRACKER_URL") or f"sqlite:///{self.tracker_db}"

    @property
    def action_endpoint(self) -> str:
        """Where the Rasa server calls the custom actions."""
        return f"{self.actions_url}/webhook"

    def endpoints(self) -> Path:
        from bot.endpoints import write

        return write(self.folder / "endpoints.yml", self.action_endpoint, self.tracker_url,
                     self.env.get("CAREERBOT_LOCK_STORE_URL"))

    def channel_settings(self) -> dict:
        """Test credentials of the SMS and Slack channels (bot/channels/): requests signed with these reach
        the bot; Slack's Web API is whatever listens on ``slack_api_port`` (tests/test_channels_slack.py)."""
        return {**CHANNEL_SECRETS, "SLACK_API_URL": f"http://127.0.0.1:{self.slack_api_port}/api/",
                "CAREERBOT_SENDER_KEY": "test sender key", "CAREERBOT_CONVERSATION_KEY": CONVERSATION_KEY,
                "CAREERBOT_COUNSELOR_TOKEN": COUNSELOR_TOKEN}

    def start_actions(self) -> None:
        self.processes["actions"] = start(actions_command(self.actions_port), self.log("actions"), self.env)

    def start_rasa(self) -> None:
        self.processes["rasa"] = start([*RASA_SERVER, "run", "--model", str(MODEL), "--endpoints", str(self.endpoints()),
                                        "--credentials", str(ROOT / "credentials.yml"), "--port", str(self.rasa_port),
                                        "--interface", self.interface, "--cors", "*"], self.log("rasa"), self.env)

    def start_web(self) -> None:
        self.processes["web"] = start([sys.executable, "-m", "bot.web", "--port", str(self.web_port)],
                                      self.log("web"), {**self.env, "CAREERBOT_RASA_URL": self.rasa_url})

    def wait(self, name: str) -> None:
        url = {"actions": f"{self.actions_url}/health", "rasa": f"{self.rasa_url}/",
               "web": f"{self.web_url}/health"}[name]
        wait_until_up(url, self.processes[name], self.log(name), f"{name} server")

    def up(self, only: tuple[str, ...] = ("actions", "rasa", "web")) -> "BotStack":
        """Start the servers (``only=("web",)``: the web server alone, for tests of the console's login and
        headers that need no conversation) and wait until each answers."""
        if "rasa" in only and not MODEL.is_file():
            raise ServerFailed(f"{MODEL} is missing: run `make train` first")
        self.env = {"CAREERBOT_REPORT_BASE": self.web_url, "CAREERBOT_TRACKER_URL": self.tracker_url,
                    "CAREERBOT_CONSOLE_URL": f"sqlite:///{self.folder / 'console.sqlite'}", **self.env}
        self.env = {**self.channel_settings(), **self.env}
        for name in only:
            getattr(self, f"start_{name}")()
        for name in only:
            self.wait(name)
        return self

    def down(self) -> None:
        for process in self.processes.values():
            stop(process)

    def restart(self, name: str) -> None:
        """Stop one server and start it again on the same port (fault tests)."""
        stop(self.processes[name])
        getattr(self, f"start_{name}")()
        self.wait(name)
