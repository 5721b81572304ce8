# Build stage: compile and package the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY mappings mappings
RUN mvn -B -q package -DskipTests -Dexec.skip

# Run stage: a JRE, a non-root user, config and mappings mountable, data in a volume.
FROM eclipse-temurin:17-jre
RUN groupadd --system gateway && useradd --system --gid gateway --home-dir /app gateway \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/scim-ldap-gateway.jar /app/scim-ldap-gateway.jar
# The class archive of this image's JVM, written by a rehearsal of the gateway (README, Quick
# start): mapped at start instead of loading the classes from the jar.
RUN java -Xmx512m -XX:ArchiveClassesAtExit=/app/scim-ldap-gateway.jsa -Xlog:cds*=error \
        -jar /app/scim-ldap-gateway.jar rehearse \
    && test -s /app/scim-ldap-gateway.jsa
COPY config /app/config
COPY mappings /app/mappings
# The data folder holds the store, the audit log and generated secrets: the gateway's user only.
RUN mkdir -p /app/data && chown -R gateway:gateway /app/data && chmod 700 /app/data
USER gateway
# Every interface, plain HTTP: for a TLS-terminating proxy in front. To serve HTTPS here instead,
# set GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE, and GATEWAY_HTTP_ALLOW_PLAIN_HTTP=false.
ENV GATEWAY_HTTP_HOST=0.0.0.0 \
    GATEWAY_HTTP_ALLOW_PLAIN_HTTP=true \
    GATEWAY_DATA_DIR=/app/data
VOLUME ["/app/data"]
EXPOSE 8080
# Healthy while /health/ready answers 200: directory reachable and bound, store writable, mapping
# served (503 otherwise); follows GATEWAY_HTTP_PORT, and HTTPS when a certificate is set (the
# certificate names the public host, not 127.0.0.1, so its name is not checked here).
HEALTHCHECK --interval=30s --timeout=20s --start-period=20s --retries=3 \
  CMD sh -c 'scheme=http; [ -n "${GATEWAY_TLS_CERT_FILE}${GATEWAY_TLS_KEYSTORE}" ] && scheme=https; \
    curl -fsSk -o /dev/null "$scheme://127.0.0.1:${GATEWAY_HTTP_PORT:-8080}/health/ready"' || exit 1
# Heap bounded by default (README "Sizing"); GATEWAY_HEAP changes it, e.g. -e GATEWAY_HEAP=1g. exec keeps
# java as PID 1, so that docker stop's SIGTERM reaches it and requests under way can finish.
ENTRYPOINT ["sh", "-c", "exec java -Xmx${GATEWAY_HEAP:-512m} -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=/app/scim-ldap-gateway.jsa -jar /app/scim-ldap-gateway.jar \"$@\"", "scim-ldap-gateway"]
