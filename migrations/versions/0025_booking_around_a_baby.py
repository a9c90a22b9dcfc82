"""booking around a baby: who minds the baby during a session, short sessions of 15 and
20 minutes, and a mother's daily rest time

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('baby_care', sa.String(length=10), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_booking_baby_care_known'), "baby_care IS NULL OR baby_care IN ('with_me', 'nursery')")

    with op.batch_alter_table('availability_window', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_availability_window_session_length'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_availability_window_session_length'), "session_minutes IN (15, 20, 30, 45, 60)")

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rest_from', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('rest_until', sa.Time(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_user_account_rest_both_or_neither'), "(rest_from IS NULL) = (rest_until IS NULL)")
        batch_op.create_check_constraint(batch_op.f('ck_user_account_rest_in_order'), "rest_from IS NULL OR rest_from < rest_until")


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_account_rest_in_order'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_user_account_rest_both_or_neither'), type_='check')
        batch_op.drop_column('rest_until')
        batch_op.drop_column('rest_from')

    # Short sessions do not exist before this revision: their windows become 30 minutes.
    op.execute("UPDATE availability_window SET session_minutes = 30 WHERE session_minutes IN (15, 20)")
    with op.batch_alter_table('availability_window', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_availability_window_session_length'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_availability_window_session_length'), "session_minutes IN (30, 45, 60)")

    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_booking_baby_care_known'), type_='check')
        batch_op.drop_column('baby_care')
