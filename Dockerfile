# ehi-connector: Fivetran partner SDK v2 source connector for SQL Server.
#
#   docker build -t ehi-connector .
#   docker run --rm -p 50051:50051 ehi-connector            # --port 50051
#
# Build stage: Fivetran's pipeline targets (make build_dependencies
# build_connector) on Debian bookworm, Clang 16, Release.
FROM debian:bookworm AS build
ENV DEBIAN_FRONTEND=noninteractive
WORKDIR /src
COPY . .
RUN make build_dependencies \
 && make build_connector \
 && scripts/check-release-dir.sh build/Release \
 && strip build/Release/ehi-connector

# Runtime stage: only the shared libraries ehi-connector links against
# (gRPC 1.51, protobuf 3.21, Abseil 20220623, FreeTDS 1.3.17 DB-Library with
# its configuration files) plus the system CA bundle used to verify SQL
# Server certificates when no 'cert' is configured.
FROM debian:bookworm-slim AS runtime
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libgrpc++1.51 libprotobuf32 libabsl20220623 libsybdb5 freetds-common \
      ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /nonexistent --shell /usr/sbin/nologin ehi
COPY --from=build /src/build/Release/ehi-connector /usr/local/bin/ehi-connector
USER ehi
# The connector keeps its private freetds.conf in $TMPDIR (mode 0700).
ENV TMPDIR=/tmp
EXPOSE 50051
# The binary's own client for the standard gRPC health service (no
# grpc_health_probe in Debian). Assumes the default port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 \
  CMD ["ehi-connector", "--health-check", "--port", "50051"]
ENTRYPOINT ["ehi-connector"]
CMD ["--port", "50051"]
