"""groups open to mothers after discharge

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activity') as batch_op:
        batch_op.add_column(sa.Column('open_to_discharged', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('activity') as batch_op:
        batch_op.drop_column('open_to_discharged')
