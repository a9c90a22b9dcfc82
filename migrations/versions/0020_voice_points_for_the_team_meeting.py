"""my voice: points for the team's meeting, and when the meeting is held

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 14:19:14.345584

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('new_date', sa.Date(), nullable=True),
    sa.Column('new_starts_at', sa.Time(), nullable=True),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status in ('cancelled', 'moved')", name=op.f('ck_meeting_change_status_known')),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_meeting_change_changed_by_id_user_account')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_meeting_change_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_change')),
    sa.UniqueConstraint('unit_id', 'on_date', name='uq_meeting_change_date')
    )
    with op.batch_alter_table('meeting_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_change_unit_id'), ['unit_id'], unique=False)

    op.create_table('meeting_schedule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('weekday between 0 and 6', name=op.f('ck_meeting_schedule_weekday_known')),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user_account.id'], name=op.f('fk_meeting_schedule_changed_by_id_user_account')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_meeting_schedule_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_schedule')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_meeting_schedule_unit_id'))
    )
    op.create_table('voice_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('mother_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('travels', sa.String(length=20), nullable=False),
    sa.Column('meeting_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('answer', sa.String(length=500), nullable=False),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('theme', sa.String(length=60), nullable=False),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state in ('open', 'raised', 'carried', 'read', 'withdrawn')", name=op.f('ck_voice_point_state_known')),
    sa.CheckConstraint("travels in ('named', 'unnamed', 'peer_only')", name=op.f('ck_voice_point_travels_known')),
    sa.ForeignKeyConstraint(['answered_by_id'], ['user_account.id'], name=op.f('fk_voice_point_answered_by_id_user_account')),
    sa.ForeignKeyConstraint(['mother_id'], ['user_account.id'], name=op.f('fk_voice_point_mother_id_user_account')),
    sa.ForeignKeyConstraint(['reply_to_id'], ['voice_point.id'], name=op.f('fk_voice_point_reply_to_id_voice_point')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_voice_point_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voice_point'))
    )
    with op.batch_alter_table('voice_point', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voice_point_meeting_on'), ['meeting_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_voice_point_mother_id'), ['mother_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_voice_point_unit_id'), ['unit_id'], unique=False)



def downgrade():
    with op.batch_alter_table('voice_point', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voice_point_unit_id'))
        batch_op.drop_index(batch_op.f('ix_voice_point_mother_id'))
        batch_op.drop_index(batch_op.f('ix_voice_point_meeting_on'))

    op.drop_table('voice_point')
    op.drop_table('meeting_schedule')
    with op.batch_alter_table('meeting_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_change_unit_id'))

    op.drop_table('meeting_change')
