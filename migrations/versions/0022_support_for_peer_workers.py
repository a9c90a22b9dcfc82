"""support for the peer workers: supervision dates, line managers, debriefs, leave kinds
and breaks within a day

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-11 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('debrief_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('peer_worker_id', sa.Integer(), nullable=False),
    sa.Column('asked_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_debrief_request_answered_by_id_user_account')),
    sa.ForeignKeyConstraint(['peer_worker_id'], ['user_account.id'], name=op.f('fk_debrief_request_peer_worker_id_user_account')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_debrief_request_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_debrief_request'))
    )
    with op.batch_alter_table('debrief_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_debrief_request_peer_worker_id'), ['peer_worker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_debrief_request_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('uq_debrief_request_open', ['peer_worker_id'], unique=True, sqlite_where=sa.text('answered_at IS NULL'), postgresql_where=sa.text('answered_at IS NULL'))

    op.create_table('supervision_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('peer_worker_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('met_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('clinical', 'line_management')", name=op.f('ck_supervision_meeting_kind_known')),
    sa.ForeignKeyConstraint(['peer_worker_id'], ['user_account.id'], name=op.f('fk_supervision_meeting_peer_worker_id_user_account')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_supervision_meeting_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_meeting'))
    )
    with op.batch_alter_table('supervision_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_meeting_peer_worker_id'), ['peer_worker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervision_meeting_unit_id'), ['unit_id'], unique=False)

    op.create_table('supervision_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('peer_worker_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['peer_worker_id'], ['user_account.id'], name=op.f('fk_supervision_reminder_peer_worker_id_user_account')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_supervision_reminder_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervision_reminder')),
    sa.UniqueConstraint('peer_worker_id', 'kind', 'due_on', name=op.f('uq_supervision_reminder_peer_worker_id'))
    )
    with op.batch_alter_table('supervision_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervision_reminder_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('availability_pause', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('ends', sa.Time(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_availability_pause_kind_known'), "kind IN ('leave', 'wellbeing', 'unpaid', 'break', 'pause')")
        batch_op.create_check_constraint(batch_op.f('ck_availability_pause_break_hours'), "(kind = 'break') = (starts IS NOT NULL AND ends IS NOT NULL)")
        batch_op.create_check_constraint(batch_op.f('ck_availability_pause_break_in_a_day'), "starts IS NULL OR (starts < ends AND first_day = last_day)")

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('line_manager_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_user_account_line_manager_id_user_account'), 'user_account', ['line_manager_id'], ['id'])



def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_account_line_manager_id_user_account'), type_='foreignkey')
        batch_op.drop_column('line_manager_id')

    op.execute("DELETE FROM availability_pause WHERE kind = 'break'")
    op.execute("UPDATE availability_pause SET kind = 'leave' WHERE kind IN ('wellbeing', 'unpaid')")
    with op.batch_alter_table('availability_pause', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_availability_pause_break_in_a_day'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_availability_pause_break_hours'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_availability_pause_kind_known'), type_='check')
        batch_op.drop_column('ends')
        batch_op.drop_column('starts')

    with op.batch_alter_table('supervision_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_reminder_unit_id'))

    op.drop_table('supervision_reminder')
    with op.batch_alter_table('supervision_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supervision_meeting_unit_id'))
        batch_op.drop_index(batch_op.f('ix_supervision_meeting_peer_worker_id'))

    op.drop_table('supervision_meeting')
    with op.batch_alter_table('debrief_request', schema=None) as batch_op:
        batch_op.drop_index('uq_debrief_request_open', sqlite_where=sa.text('answered_at IS NULL'), postgresql_where=sa.text('answered_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_debrief_request_unit_id'))
        batch_op.drop_index(batch_op.f('ix_debrief_request_peer_worker_id'))

    op.drop_table('debrief_request')
