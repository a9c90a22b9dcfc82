"""The product's app on the tests' clock, for tests only: the moment in ``TEST_CLOCK``
(ISO 8601) stands still, as it does in the test that started the process.

``gunicorn "tests.scale.clocked_app:create_app()"`` serves the app as ``wsgi:app`` does,
and ``flask --app tests.scale.clocked_app push worker`` runs its push worker, at that
moment: the rows a test seeds are dated by its frozen clock, and a host on the real
clock would see them as months away.
"""

import os
from datetime import datetime

from app import create_app as create_product_app
from app.services import clock


def create_app():
    moment = datetime.fromisoformat(os.environ["TEST_CLOCK"])
    clock.now = lambda: moment
    return create_product_app()
