# One image per calsync app (and the google-emulator): the jar built by Maven, on a Temurin 21 JRE, as a
# non-root user. Build from the repository root after `./mvnw -B -DskipTests package`:
#
#   docker build -f deploy/docker/app.Dockerfile --build-arg JAR=dashboard/target/dashboard-0.1.0-SNAPSHOT.jar \
#       -t calsync/dashboard .
#
# UNTESTED here: no Docker on the machines this was written on. See deploy/README.md.
FROM eclipse-temurin:21-jre-noble

ARG JAR
RUN test -n "$JAR" || (echo "build with --build-arg JAR=<module>/target/<jar>" && false)

RUN groupadd --system calsync && useradd --system --gid calsync --home-dir /app --shell /usr/sbin/nologin calsync
WORKDIR /app
COPY --chown=root:root --chmod=0444 ${JAR} /app/app.jar

USER calsync
# Memory follows the container limit: heap at 60 % of it leaves room for metaspace, code cache, threads
# and direct buffers. Serial GC suits the one or two CPUs these services get. Override with JAVA_OPTS.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Xss512k -XX:TrimNativeHeapInterval=5000"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "--"]
