"""group cover and handed-over sessions: one date of a group led by someone else, and a
session that moved to the job-share partner, while a peer worker is on leave

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 07:10:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_peer_worker_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_booking_previous_peer_worker_id_user_account'), 'user_account', ['previous_peer_worker_id'], ['id'])
    with op.batch_alter_table('activity_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leader_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_activity_change_leader_id_user_account'), 'user_account', ['leader_id'], ['id'])
        batch_op.drop_constraint(batch_op.f('ck_activity_change_status_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_activity_change_status_known'), "status in ('cancelled', 'moved', 'covered')")


def downgrade():
    with op.batch_alter_table('activity_change', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_activity_change_status_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_activity_change_status_known'), "status in ('cancelled', 'moved')")
        batch_op.drop_constraint(batch_op.f('fk_activity_change_leader_id_user_account'), type_='foreignkey')
        batch_op.drop_column('leader_id')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_booking_previous_peer_worker_id_user_account'), type_='foreignkey')
        batch_op.drop_column('previous_peer_worker_id')
