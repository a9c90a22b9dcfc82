"""a mother's plan for going home; the "How was your stay?" ask after discharge

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-12 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('going_home_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('mother_id', sa.Integer(), nullable=False),
    sa.Column('what_helped', sa.Text(), nullable=False),
    sa.Column('warning_signs', sa.Text(), nullable=False),
    sa.Column('what_to_do', sa.Text(), nullable=False),
    sa.Column('health_visitor_name', sa.String(length=60), nullable=False),
    sa.Column('health_visitor_phone', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['mother_id'], ['user_account.id'], name=op.f('fk_going_home_plan_mother_id_user_account')),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_going_home_plan_unit_id_unit')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user_account.id'], name=op.f('fk_going_home_plan_updated_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_going_home_plan')),
    sa.UniqueConstraint('mother_id', name=op.f('uq_going_home_plan_mother_id'))
    )
    with op.batch_alter_table('going_home_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_going_home_plan_unit_id'), ['unit_id'], unique=False)
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('discharge_feedback_asked_for', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('discharge_feedback_asked_for')
    with op.batch_alter_table('going_home_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_going_home_plan_unit_id'))
    op.drop_table('going_home_plan')
