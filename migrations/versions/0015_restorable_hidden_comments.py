"""hidden feedback comments can be restored for 30 days

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('feedback_response') as batch_op:
        batch_op.add_column(sa.Column('hidden_on', sa.Date(), nullable=True))


def downgrade():
    # Rebuilt on SQLite: keep it WITHOUT ROWID, so that no row order tells when it came.
    with op.batch_alter_table('feedback_response', table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.drop_column('hidden_on')
