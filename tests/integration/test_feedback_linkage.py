"""An attacker holding everything the server keeps tries to pair answers with mothers.

Four mothers take their ballots in turn; their phones send the answers later, in
another order. The attacker then has the database (on SQLite its file and WAL, on
PostgreSQL its system columns), the instance secret and every log line, and tries each
pairing of issue 14: the keyed "already answered" tokens, the same transaction, the
physical order of rows, and the logs. Each attack must leave her no better than a guess.
"""

import logging
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


@pytest.fixture
def answered(app, as_role, frozen_now, caplog):
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


def _occurrences(data: bytes, needle: bytes):
    at = data.find(needle)
    while at != -1:
        yield at
        at = data.find(needle, at + 1)
