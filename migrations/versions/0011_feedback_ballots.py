"""feedback ballots: one blind-signing key per unit, topic and week; a ballot's blinded digest

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 06:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'feedback_key',
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=20), nullable=False),
        sa.Column('week', sa.Date(), nullable=False),
        sa.Column('private_key', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_feedback_key_unit_id_unit')),
        sa.PrimaryKeyConstraint('unit_id', 'topic', 'week', name=op.f('pk_feedback_key')),
    )
    op.add_column('feedback_token', sa.Column('blinded_digest', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('feedback_token') as batch_op:
        batch_op.drop_column('blinded_digest')
    op.drop_table('feedback_key')
