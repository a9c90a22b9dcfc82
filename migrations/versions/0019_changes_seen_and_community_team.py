"""what changed reaches her home; her community perinatal team after discharge

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-10 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('booking') as batch_op:
        batch_op.add_column(sa.Column('changed_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('community_team_name', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('community_team_phone', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('changes_seen_at', sa.DateTime(), nullable=True))
    # Changes made before this revision: shown until she has seen them, like new ones.
    op.execute(
        "UPDATE booking SET changed_at = updated_at WHERE previous_peer_worker_id IS NOT NULL"
        " OR (status = 'cancelled' AND cancelled_by_id <> mother_id)"
    )


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('changes_seen_at')
        batch_op.drop_column('community_team_phone')
        batch_op.drop_column('community_team_name')
    with op.batch_alter_table('booking') as batch_op:
        batch_op.drop_column('changed_at')
