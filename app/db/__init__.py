"""Database layer: declarative base, engine and sessions, ORM models per aggregate."""
