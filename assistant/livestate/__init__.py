"""Live shop state in a database: chat sessions, carts, orders and the events shoppers make.

SQLite (a file beside the artifacts) by default, PostgreSQL from a `postgresql://` URL; the same
SQLAlchemy Core tables on both, created and upgraded by Alembic migrations.
"""
