"""phone sessions: who rings whom, and the number a mother gives to be rung on

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-03 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('callback_phone', sa.String(length=20), nullable=True))
    with op.batch_alter_table('booking') as batch_op:
        batch_op.add_column(sa.Column('mother_rings_unit', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('booking') as batch_op:
        batch_op.drop_column('mother_rings_unit')
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('callback_phone')
