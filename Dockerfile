# syntax=docker/dockerfile:1
# Build: docker build -t rdobot .      Run: docker run --env-file .env -v rdobot-data:/data -p 127.0.0.1:8080:8080 rdobot

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The image already has Node 22: skip the pinned `node` devDependency's download and build explicitly.
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY commands ./commands
COPY test ./test
COPY bench ./bench
RUN npx tsc -p tsconfig.json && npm run --silent bundle:zod

FROM node:22-bookworm-slim AS runtime
# A bounded heap: V8 sizes it for the whole machine otherwise, and lets garbage pile up before collecting it.
# Inside the container the endpoint listens on 0.0.0.0:8080 (so that a published port reaches it); publish it on
# loopback (-p 127.0.0.1:8080:8080) unless it is meant to be public. /metrics is off here: to scrape it, set
# HTTP_METRICS=on and HTTP_METRICS_TOKEN (Prometheus then sends Authorization: Bearer <token>). See docs/limits-and-safety.md.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=384 \
    RDOBOT_DATA_DIR=/data \
    RDOBOT_ADAPTERS=irc \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080 \
    HTTP_METRICS=off
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY examples ./examples
# The community page's script, style sheet and icon.
COPY web ./web
# The data directory is the bot's alone (the bot also makes its files 0600 whatever the umask).
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM from `docker stop` shuts the bot down gracefully (QUIT, state persisted) within 10 s.
CMD ["node", "dist/src/main/cli.js", "run"]
