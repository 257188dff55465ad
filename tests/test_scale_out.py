"""Scale-out on one machine: two Rasa servers and two action servers behind nginx, Redis as the lock store,
PostgreSQL as tracker and knowledge store (tests/scale_out.py starts it all; deploy/ runs the same on many
machines). One conversation's turns alternate between the two Rasa servers and nothing is lost.

Time: the Rasa servers load their models while the knowledge store is built into PostgreSQL (skipped when
tests/test_postgres.py built it earlier in the session), then the action servers read it. Run alone on a
heavily loaded 2-core machine: 13 minutes, 7.5 of them the build.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text as sql

from tests.scale_out import ScaleOut
from tests.servers import running
from tests.test_e2e_rest import Chat, text

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

CSR_TO_CLERK = "Customer Service Representatives → Court, Municipal, and License Clerks"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres_url):
    with running(ScaleOut(tmp_path_factory.mktemp("scale-out"), postgres_url)) as topology:
        yield topology


def stored_user_turns(cluster: ScaleOut, sender: str) -> list[str]:
    """The user messages of one conversation as the PostgreSQL tracker store holds them, in order."""
    db = create_engine(cluster.postgres_url)
    try:
        with db.connect() as conn:
            rows = conn.execute(sql("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                                {"s": sender}).all()
    finally:
        db.dispose()
    return [json.loads(data)["text"] for (data,) in rows]


def test_one_conversation_alternates_between_the_rasa_servers_with_no_turn_lost(cluster):
    first = len(cluster.upstreams("/webhooks/rest/webhook"))
    chat = Chat(f"{cluster.rasa_url}/webhooks/rest/webhook", "scale-out-1")
    asked = chat.settle_job(chat.say("I've been a customer service rep for 3 years in Maine"))
    assert "What job would you like" in text(asked), chat.transcript()
    answer = text(chat.settle_job(chat.say("license clerk")))
    assert CSR_TO_CLERK in answer and "out of 100" in answer and "Maine" in answer, chat.transcript()
    assert "with schools in Maine" in text(chat.say("how do I get there?")), chat.transcript()
    assert "Maine $" in text(chat.say("what does it pay?")), chat.transcript()

    served_by = cluster.upstreams("/webhooks/rest/webhook", at_least=first + len(chat.log))[first:]
    rasa_servers = {f"127.0.0.1:{node.rasa_port}" for node in cluster.nodes}
    assert len(served_by) == len(chat.log) and set(served_by) == rasa_servers, served_by
    assert all(a != b for a, b in zip(served_by, served_by[1:])), f"turns did not alternate: {served_by}"
    assert {u for u in cluster.upstreams("/webhook")} == {f"127.0.0.1:{n.actions_port}" for n in cluster.nodes}
    # every turn, whichever server took it, is in the tracker store, in order
    assert stored_user_turns(cluster, "scale-out-1") == [message for message, _ in chat.log]


def test_two_messages_at_once_are_answered_one_after_the_other(cluster):
    """Both servers get a message of the same conversation at the same moment: the Redis lock store makes
    the second wait for the first, so both turns are answered and stored whole."""
    chat = Chat(f"{cluster.rasa_url}/webhooks/rest/webhook", "scale-out-2")
    answer = text(chat.settle_job(chat.say("I've been a customer service rep in Maine and want to become a license clerk")))
    assert CSR_TO_CLERK in answer, chat.transcript()
    questions = ["what does it pay?", "how do I get there?"]
    with ThreadPoolExecutor(2) as pool:
        answers = dict(zip(questions, pool.map(lambda q: text(chat.say(q)), questions)))
    assert "Maine $" in answers["what does it pay?"], answers
    assert "with schools in Maine" in answers["how do I get there?"], answers
    turns = stored_user_turns(cluster, "scale-out-2")
    assert sorted(turns[-2:]) == sorted(questions) and len(turns) == len(chat.log), turns
    db = create_engine(cluster.postgres_url)
    try:
        with db.connect() as conn:
            events = [json.loads(d) for (d,) in conn.execute(
                sql("SELECT data FROM events WHERE sender_id = 'scale-out-2' ORDER BY id")).all()]
    finally:
        db.dispose()
    # the two turns are not interleaved: each user message is followed by its own answer before the next one
    last_two = [i for i, e in enumerate(events) if e["event"] == "user"][-2:]
    between = events[last_two[0] + 1:last_two[1]]
    assert any(e["event"] == "bot" for e in between) and between[-1].get("name") == "action_listen", between
