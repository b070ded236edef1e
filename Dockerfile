# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper and a full JDK.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY knowledge knowledge
COPY prompts prompts
RUN ./mvnw -q -B -DskipTests package

# Runtime stage: a JRE, the jar and the knowledge base, as a non-root user.
FROM eclipse-temurin:17-jre
RUN groupadd --system coach && useradd --system --gid coach --home-dir /app coach \
    && mkdir -p /app /data && chown coach:coach /data
WORKDIR /app
COPY --from=build /src/target/startup-coach.jar /app/startup-coach.jar
COPY --from=build /src/knowledge /app/knowledge
USER coach
ENV COACH_KNOWLEDGE_DIR=/app/knowledge COACH_DATA_DIR=/data
VOLUME ["/data"]
ENTRYPOINT ["java", "-jar", "/app/startup-coach.jar"]
CMD ["chat"]
