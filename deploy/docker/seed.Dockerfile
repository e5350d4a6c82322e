# The demo-data seeder: the local-stack launcher in --seed-only mode. It runs calendar-store's Liquibase
# changelog and inserts the demo users, persons and matters (idempotent), then exits. Build from the
# repository root after `./mvnw -B -DskipTests package`:
#
#   docker build -f deploy/docker/seed.Dockerfile -t calsync/seed .
#
# UNTESTED here: no Docker on the machines this was written on. See deploy/README.md.
FROM eclipse-temurin:21-jre-noble

RUN groupadd --system calsync && useradd --system --gid calsync --home-dir /app --shell /usr/sbin/nologin calsync
WORKDIR /app
COPY --chown=root:root deploy/target/lib /app/lib
COPY --chown=root:root deploy/target/deploy-0.1.0-SNAPSHOT.jar /app/deploy.jar

USER calsync
# --data-dir only receives the launcher's bookkeeping (no embedded database or broker in this mode).
ENTRYPOINT ["java", "-Xmx96m", "-XX:+UseSerialGC", "-jar", "/app/deploy.jar", "--seed-only", "--data-dir=/tmp/calsync-seed", "--repo-root=/app"]
