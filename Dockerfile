# JVM image of the KubeSphere MCP server, serving streamable HTTP on 0.0.0.0:8080 as a non-root user.
# Build:  docker build -t kubesphere-mcp-server:0.1.0 .
# Run:    docker run -p 8080:8080 -e KUBESPHERE_HOST=http://ks-apiserver.kubesphere-system -e KS_MCP_AUTH=passthrough \
#           kubesphere-mcp-server:0.1.0
# Kubernetes manifests: deploy/ (probes /q/health/live and /q/health/ready, metrics /q/metrics).

## Stage 1: build the Quarkus jar (aot-jar layout: dependencies on the class path) with the project's Maven wrapper.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies in their own layer, so a source change does not download the world again.
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
RUN ./mvnw -B -q package -DskipTests

## Stage 2: a small JRE, the jar, non-root (uid 185, as in the Deployment).
FROM eclipse-temurin:17-jre-alpine
RUN addgroup -S -g 185 app && adduser -S -u 185 -G app -h /deployments app
WORKDIR /deployments
COPY --from=build --chown=185:185 /build/target/quarkus-app/lib/ lib/
COPY --from=build --chown=185:185 /build/target/quarkus-app/app/ app/
COPY --from=build --chown=185:185 /build/target/quarkus-app/quarkus/ quarkus/
COPY --from=build --chown=185:185 /build/target/quarkus-app/quarkus-run.jar quarkus-run.jar
USER 185
EXPOSE 8080
ENV KS_MCP_TRANSPORT=http \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8080/q/health/live || exit 1
# JVM warnings and the JVM's own messages (ExitOnOutOfMemoryError's included) go to stderr: stdout is JSON-RPC when
# someone runs the image with KS_MCP_TRANSPORT=stdio.
ENTRYPOINT ["java", "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr", "-jar", "/deployments/quarkus-run.jar"]
