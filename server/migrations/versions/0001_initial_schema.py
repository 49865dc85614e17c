# ruff: noqa: E501
"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 22:37:48.374273
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('mission',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=80), nullable=False),
    sa.Column('city', sa.String(length=80), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('start_date', sa.String(length=10), nullable=False),
    sa.Column('end_date', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('config', sa.JSON(), nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mission')),
    sa.UniqueConstraint('code', name=op.f('uq_mission_code'))
    )
    op.create_table('user_account',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=150), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('username', name=op.f('uq_user_account_username'))
    )
    op.create_table('assessor',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('is_chair', sa.Boolean(), nullable=False),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_assessor_mission_id_mission'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_assessor_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessor')),
    sa.UniqueConstraint('mission_id', 'user_id', name=op.f('uq_assessor_mission_id'))
    )
    with op.batch_alter_table('assessor', schema=None) as batch_op:
        batch_op.create_index('ix_assessor_feed', ['mission_id', 'seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessor_user_id'), ['user_id'], unique=False)

    op.create_table('audit',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old', sa.JSON(), nullable=True),
    sa.Column('new', sa.JSON(), nullable=True),
    sa.Column('actor_id', sa.String(length=36), nullable=True),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('client_at', sa.String(length=64), nullable=False),
    sa.Column('server_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('mutation_id', sa.String(length=36), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_audit_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit'))
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_mission_id'), ['mission_id'], unique=False)
        batch_op.create_index('ix_audit_row', ['entity', 'row_id'], unique=False)

    op.create_table('candidate',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('application_number', sa.String(length=40), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('given_names', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.String(length=10), nullable=True),
    sa.Column('nationality', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('home_institution', sa.String(length=300), nullable=False),
    sa.Column('track', sa.String(length=16), nullable=False),
    sa.Column('partner_institution', sa.String(length=300), nullable=False),
    sa.Column('wishes', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_candidate_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate')),
    sa.UniqueConstraint('mission_id', 'application_number', name=op.f('uq_candidate_mission_id'))
    )
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.create_index('ix_candidate_feed', ['mission_id', 'seq'], unique=False)

    op.create_table('client_state',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('last_mid', sa.BigInteger(), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_client_state_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'mission_id', name=op.f('pk_client_state'))
    )
    op.create_table('conflict',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('current_value', sa.JSON(), nullable=True),
    sa.Column('other_value', sa.JSON(), nullable=True),
    sa.Column('current_author', sa.String(length=36), nullable=True),
    sa.Column('other_author', sa.String(length=36), nullable=True),
    sa.Column('other_mutation_id', sa.String(length=36), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('detected_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolved_by', sa.String(length=36), nullable=True),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_conflict_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict'))
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index('ix_conflict_feed', ['mission_id', 'seq'], unique=False)
        batch_op.create_index('ix_conflict_field', ['entity', 'row_id', 'field'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_device_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_device_token_hash'))
    )
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_device_user_id'), ['user_id'], unique=False)

    op.create_table('mutation_outcome',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('mid', sa.BigInteger(), nullable=False),
    sa.Column('mutation_id', sa.String(length=36), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_mutation_outcome_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', 'mission_id', 'mid', name=op.f('pk_mutation_outcome'))
    )
    with op.batch_alter_table('mutation_outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mutation_outcome_mutation_id'), ['mutation_id'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('candidate_id', sa.String(length=36), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('option_code', sa.String(length=40), nullable=True),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_decision_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_decision_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('candidate_id', name=op.f('uq_decision_candidate_id'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index('ix_decision_feed', ['mission_id', 'seq'], unique=False)

    op.create_table('interview',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('candidate_id', sa.String(length=36), nullable=False),
    sa.Column('starts_at', sa.String(length=32), nullable=True),
    sa.Column('room', sa.String(length=80), nullable=False),
    sa.Column('panel', sa.JSON(), nullable=False),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_interview_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_interview_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview')),
    sa.UniqueConstraint('candidate_id', name=op.f('uq_interview_candidate_id'))
    )
    with op.batch_alter_table('interview', schema=None) as batch_op:
        batch_op.create_index('ix_interview_feed', ['mission_id', 'seq'], unique=False)

    op.create_table('mark',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('candidate_id', sa.String(length=36), nullable=False),
    sa.Column('subject', sa.String(length=40), nullable=False),
    sa.Column('marker_id', sa.String(length=36), nullable=False),
    sa.Column('value', sa.String(length=16), nullable=True),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_mark_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['marker_id'], ['assessor.id'], name=op.f('fk_mark_marker_id_assessor')),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_mark_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mark')),
    sa.UniqueConstraint('candidate_id', 'subject', 'marker_id', name=op.f('uq_mark_candidate_id'))
    )
    with op.batch_alter_table('mark', schema=None) as batch_op:
        batch_op.create_index('ix_mark_feed', ['mission_id', 'seq'], unique=False)

    op.create_table('scorecard',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('mission_id', sa.String(length=36), nullable=False),
    sa.Column('candidate_id', sa.String(length=36), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=False),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('recommendation', sa.String(length=16), nullable=True),
    sa.Column('submitted', sa.Boolean(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('amendments', sa.Integer(), nullable=False),
    sa.Column('versions', sa.JSON(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['assessor.id'], name=op.f('fk_scorecard_author_id_assessor')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_scorecard_candidate_id_candidate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mission_id'], ['mission.id'], name=op.f('fk_scorecard_mission_id_mission'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scorecard')),
    sa.UniqueConstraint('candidate_id', 'author_id', name=op.f('uq_scorecard_candidate_id'))
    )
    with op.batch_alter_table('scorecard', schema=None) as batch_op:
        batch_op.create_index('ix_scorecard_feed', ['mission_id', 'seq'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('scorecard', schema=None) as batch_op:
        batch_op.drop_index('ix_scorecard_feed')

    op.drop_table('scorecard')
    with op.batch_alter_table('mark', schema=None) as batch_op:
        batch_op.drop_index('ix_mark_feed')

    op.drop_table('mark')
    with op.batch_alter_table('interview', schema=None) as batch_op:
        batch_op.drop_index('ix_interview_feed')

    op.drop_table('interview')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index('ix_decision_feed')

    op.drop_table('decision')
    with op.batch_alter_table('mutation_outcome', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mutation_outcome_mutation_id'))

    op.drop_table('mutation_outcome')
    with op.batch_alter_table('device', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_device_user_id'))

    op.drop_table('device')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index('ix_conflict_field')
        batch_op.drop_index('ix_conflict_feed')

    op.drop_table('conflict')
    op.drop_table('client_state')
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.drop_index('ix_candidate_feed')

    op.drop_table('candidate')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_row')
        batch_op.drop_index(batch_op.f('ix_audit_mission_id'))

    op.drop_table('audit')
    with op.batch_alter_table('assessor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessor_user_id'))
        batch_op.drop_index('ix_assessor_feed')

    op.drop_table('assessor')
    op.drop_table('user_account')
    op.drop_table('mission')
