"""An attacker holding everything the server keeps tries to pair answers with mothers.

Four mothers take their ballots in turn; their phones send the answers later, in
another order. The attacker then has the database (on SQLite its file and WAL, on
PostgreSQL its system columns), the instance secret and every log line, and tries each
pairing of issue 14: the keyed "already answered" tokens, the same transaction, the
physical order of rows, and the logs. Each attack must leave her no better than a guess.
"""

import logging
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.extensions import db
from app.models import FeedbackResponse, FeedbackToken
from app.services.blind_rsa import from_b64url
from app.services.feedback import answer_token, response_id
from tests.feedback_helpers import Phone

WORDS = ["the night staff were rough", "baby massage helped", "too noisy at night", "kind"]
ANSWERS = ["very_poor", "good", "poor", "very_good"]


def _wal_position():
    if db.engine.dialect.name != "postgresql":
        return None
    return db.session.scalar(text("SELECT pg_current_wal_insert_lsn()::text"))


@pytest.fixture
def wal_start():
    return _wal_position()


@pytest.fixture
def answered(app, as_role, frozen_now, caplog, wal_start):
    """Ballots taken by four mothers in turn; answers sent in reverse order, as delays do."""
    caplog.set_level(logging.DEBUG)
    frozen_now(datetime(2027, 3, 10, 12))
    mothers, ballots = [], []
    for _ in WORDS:
        web, mother = as_role("mother")
        mothers.append(mother)
        ballots.append(Phone(web).ballot("unit"))
    stranger = app.test_client()
    for ballot, answer, words in reversed(list(zip(ballots, ANSWERS, WORDS, strict=True))):
        assert Phone.send(None, stranger, ballot, answer, words).status_code == 201
    return mothers, ballots


def test_the_keyed_tokens_name_who_answered_but_nothing_of_what(answered, app):
    mothers, ballots = answered
    tokens = {answer_token(m.id, "unit", datetime(2027, 3, 10).date()) for m in mothers}
    stored = db.session.scalars(select(FeedbackToken)).all()
    assert {t.token for t in stored} == tokens  # allowed: whether she answered
    rows = db.session.scalars(select(FeedbackResponse)).all()
    linked = {t.token for t in stored} | {t.blinded_digest for t in stored}
    for row in rows:
        values = {row.id, row.comment, row.answer}
        assert not values & linked
        assert not any(token[:32] == row.id for token in linked)
    # What links an answer to its ballot is the token, which the server never saw at
    # ballot time: only its blinded form, whose digest matches no answer's id.
    assert {r.id for r in rows} == {response_id(from_b64url(b["token"])) for b in ballots}
    assert not {r.id for r in rows} & {t.blinded_digest[:32] for t in stored}


def test_no_log_line_carries_an_answer_a_token_or_a_ballot(answered, caplog):
    _, ballots = answered
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in [*WORDS, *(b["token"] for b in ballots), *(b["signature"] for b in ballots)]:
        assert secret not in logged


def test_no_answer_shares_a_transaction_or_a_place_with_a_ballot(answered):
    rows = db.session.scalars(select(FeedbackResponse.id)).all()
    if db.engine.dialect.name == "postgresql":
        ballot_xids = set(db.session.scalars(text("SELECT xmin::text FROM feedback_token")))
        stored = db.session.execute(
            text("SELECT id, xmin::text FROM feedback_response ORDER BY ctid")
        ).all()
        answer_xids = {xid for _, xid in stored}
        assert len(answer_xids) == 1 and not answer_xids & ballot_xids
        physical = [row_id for row_id, _ in stored]
    else:
        path = Path(db.engine.url.database)
        wal = path.with_name(path.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0  # truncated after the answer
        data = path.read_bytes()
        page_size = int.from_bytes(data[16:18], "big")
        indexes = len(db.inspect(db.engine).get_indexes("feedback_response"))
        pages = {}
        for row_id in rows:
            found = [at for at in _occurrences(data, row_id.encode())]
            # once in the table and once in each index: the copies every rewrite
            # deleted are zeroed (secure_delete), not left in free space
            assert len(found) == 1 + indexes
            for at in found:
                pages.setdefault(at // page_size, []).append((at, row_id))
        # SQLite puts the newest cell of a page at its lowest offset: on every page,
        # newest first reads the ids in reverse order, whatever the order of arrival
        for cells in pages.values():
            newest_first = [row_id for _, row_id in sorted(cells)]
            assert newest_first == sorted(newest_first, reverse=True)
        physical = sorted(rows)
    # The rows lie in the order of their ids (digests of tokens the server never saw
    # before the answer came), not in the order they arrived or the ballots were taken.
    assert physical == sorted(rows)


def test_no_postgresql_wal_record_of_an_answer_shares_a_transaction_with_a_ballot(
    answered, wal_start
):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's WAL")
    waldump = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_waldump"))
    if not waldump:
        pytest.skip("pg_waldump is not installed")
    db.session.execute(text("SELECT pg_switch_wal()"))  # so the records are on disk
    db.session.commit()
    data_directory = db.session.scalar(text("SHOW data_directory"))
    files = {}
    for table in ("feedback_response", "feedback_token"):
        files[table] = set(
            db.session.scalars(
                text(
                    "SELECT pg_relation_filenode(c.oid)::text FROM pg_class c"
                    " WHERE c.oid = CAST(:t AS regclass) OR c.oid IN"
                    " (SELECT indexrelid FROM pg_index WHERE indrelid = CAST(:t AS regclass))"
                ),
                {"t": table},
            )
        )
    dump = subprocess.run(
        [str(waldump[-1]), "-p", f"{data_directory}/pg_wal", "-s", wal_start],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    touched = {}  # transaction id -> the feedback tables its records touch
    for line in dump.splitlines():
        xid = re.search(r"tx:\s+(\d+)", line)
        if not xid or xid.group(1) == "0":
            continue
        for table, nodes in files.items():
            if any(re.search(rf"rel \d+/\d+/{node}\b", line) for node in nodes):
                touched.setdefault(xid.group(1), set()).add(table)
    answers = [xid for xid, tables in touched.items() if "feedback_response" in tables]
    ballots = [xid for xid, tables in touched.items() if "feedback_token" in tables]
    assert len(ballots) == len(WORDS) and answers  # the WAL was read
    assert all(tables != {"feedback_response", "feedback_token"} for tables in touched.values())


def _occurrences(data: bytes, needle: bytes):
    at = data.find(needle)
    while at != -1:
        yield at
        at = data.find(needle, at + 1)
