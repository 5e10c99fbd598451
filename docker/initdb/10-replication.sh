#!/bin/sh
# Run once by the postgres image when it creates the database: let streaming replicas connect
# (the image's own pg_hba.conf line names `all` databases, which does not cover replication).
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
