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
RUN npx tsc -p tsconfig.json

FROM node:22-bookworm-slim AS runtime
# A bounded heap: V8 sizes it for the whole machine otherwise, and lets garbage pile up before collecting it.
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-old-space-size=384 \
    RDOBOT_DATA_DIR=/data \
    RDOBOT_ADAPTERS=irc \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY examples ./examples
# The community page's script, style sheet and icon.
COPY web ./web
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM from `docker stop` shuts the bot down gracefully (QUIT, state persisted) within 10 s.
CMD ["node", "dist/src/main/cli.js", "run"]
