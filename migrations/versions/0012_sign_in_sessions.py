"""sign-in sessions: one server-side record per sign-in instead of one token per user

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 22:40:00.000000

"""
from alembic import op
import sqlalchemy as sa



# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'sign_in_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_digest', sa.String(length=64), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.Column('seen_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_sign_in_session_user_id_user_account'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_session')),
        sa.UniqueConstraint('token_digest', name=op.f('uq_sign_in_session_token_digest')),
    )
    op.create_index(op.f('ix_sign_in_session_user_id'), 'sign_in_session', ['user_id'], unique=False)
    # Every session open before this ends: its token was the user's, not its own.
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.drop_column('session_token')


def downgrade():
    with op.batch_alter_table('user_account') as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=False, server_default=''))
    op.drop_index(op.f('ix_sign_in_session_user_id'), table_name='sign_in_session')
    op.drop_table('sign_in_session')
