"""family feedback: a topic for visitors' answers, the visitors' room poster code,
the partners' support list and the unit's family rooms text

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-12 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

MOTHERS_TOPICS = "topic in ('peer_support', 'groups', 'unit', 'discharge')"
ALL_TOPICS = "topic in ('peer_support', 'groups', 'unit', 'discharge', 'family')"


def _topics(check):
    # Rebuilt on SQLite: keep it WITHOUT ROWID, so that no row order tells when it came.
    with op.batch_alter_table('feedback_response', table_kwargs={'sqlite_with_rowid': False}) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_feedback_response_topic_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_feedback_response_topic_known'), check)


def upgrade():
    op.create_table('family_feedback_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_family_feedback_code_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_family_feedback_code'))
    )
    with op.batch_alter_table('family_feedback_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_family_feedback_code_unit_id'), ['unit_id'], unique=False)

    op.create_table('partner_support',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_partner_support_unit_id_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_support'))
    )
    with op.batch_alter_table('partner_support', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_support_unit_id'), ['unit_id'], unique=False)

    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family_rooms', sa.Text(), server_default='', nullable=False))

    _topics(ALL_TOPICS)


def downgrade():
    op.execute("DELETE FROM feedback_response WHERE topic = 'family'")
    _topics(MOTHERS_TOPICS)
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('family_rooms')
    with op.batch_alter_table('partner_support', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_support_unit_id'))
    op.drop_table('partner_support')
    with op.batch_alter_table('family_feedback_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_family_feedback_code_unit_id'))
    op.drop_table('family_feedback_code')
