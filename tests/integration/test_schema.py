"""The schema comes from migrations only: `flask db upgrade` on an empty database gives
exactly the models, on SQLite and on PostgreSQL (whichever the suite runs on)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.extensions import db
from app.models import Base
from app.models.base import render_migration_item


def test_migrations_match_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"compare_type": True, "render_item": render_migration_item},
        )
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_table_of_unit_data_carries_a_unit_id():
    # The unit itself; failures keyed by hash, no unit.
    # Sign-in sessions belong to a user (whose row carries the unit), never to a unit alone
    exempt = {"unit", "login_failure", "sign_in_session"}
    missing = [
        table.name
        for table in Base.metadata.sorted_tables
        if table.name not in exempt and "unit_id" not in table.columns
    ]
    assert missing == []
