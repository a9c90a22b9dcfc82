"""about peer support: the unit's texts, a mother's first look, peer workers' consent

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-12 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'about_peer_support',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('audience', sa.String(length=20), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("audience in ('mothers', 'visitors', 'team')", name=op.f('ck_about_peer_support_audience_known')),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_about_peer_support_unit_id_unit')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_about_peer_support')),
        sa.UniqueConstraint('unit_id', 'audience', name='uq_about_peer_support_audience'),
    )
    with op.batch_alter_table('about_peer_support') as batch_op:
        batch_op.create_index(batch_op.f('ix_about_peer_support_unit_id'), ['unit_id'], unique=False)
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('about_seen_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('name_shown_to_mothers', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('name_shown_to_visitors', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('name_shown_to_visitors')
        batch_op.drop_column('name_shown_to_mothers')
        batch_op.drop_column('about_seen_at')
    with op.batch_alter_table('about_peer_support') as batch_op:
        batch_op.drop_index(batch_op.f('ix_about_peer_support_unit_id'))
    op.drop_table('about_peer_support')
