# syntax=docker/dockerfile:1
# startup-coach: build, warm up, run. No Docker engine was available where this was written: the
# steps below are the ones run by hand (see README, "Running in production").
#
#   docker build -t startup-coach .
#   docker run -p 3000:3000 -v coach-data:/data --env-file coach.env startup-coach

# 1. Build: the Maven wrapper and a full JDK; dependencies first so code changes reuse the layer.
FROM eclipse-temurin:17-jdk AS build
# gcc builds the tiny MKL vendor-check shim for the fast embedding kernels (src/main/native);
# without it the image still works, on the safe kernels only.
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY knowledge knowledge
COPY prompts prompts
RUN ./mvnw -q -B -DskipTests package

# 2. Warm: run `index` once so the PyTorch natives are extracted and every passage vector is cached
#    inside the image (COACH_CACHE_DIR): a container starts answering in seconds, offline, and never
#    writes natives at run time. The model itself (bge-small-zh) is a resource inside the jar.
#    The embedding-kernel probe's verdict made here is keyed by this build host's CPU; a host with
#    another CPU probes once more on its first start (a few seconds, written under /app/cache).
FROM eclipse-temurin:17-jre AS warm
WORKDIR /app
COPY --from=build /src/target/startup-coach.jar /app/startup-coach.jar
COPY --from=build /src/knowledge /app/knowledge
ENV COACH_KNOWLEDGE_DIR=/app/knowledge COACH_CACHE_DIR=/app/cache COACH_DATA_DIR=/tmp/warm-data
RUN java -jar /app/startup-coach.jar index && rm -rf /tmp/warm-data

# 3. Run: a JRE, the jar, the knowledge base and the warm cache, as a non-root user; /data (index,
#    SQLite database, logs) is a volume. PostgreSQL instead of SQLite: set DATABASE_URL.
FROM eclipse-temurin:17-jre
RUN groupadd --system coach && useradd --system --gid coach --home-dir /app coach \
    && mkdir -p /data && chown coach:coach /data
WORKDIR /app
COPY --from=warm --chown=coach:coach /app /app
USER coach
ENV COACH_KNOWLEDGE_DIR=/app/knowledge COACH_CACHE_DIR=/app/cache COACH_DATA_DIR=/data PORT=3000 \
    COACH_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
VOLUME ["/data"]
EXPOSE 3000
# /healthz over bash's /dev/tcp: the JRE image needs no curl for it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf "GET /healthz HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
# SIGTERM (docker stop) drains: stop_grace_period / --stop-timeout should exceed COACH_SHUTDOWN_SECONDS (20).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/startup-coach.jar"]
CMD ["serve"]
