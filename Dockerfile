# The books API (examples/books) in a small image. Build: docker build -t books .
# Run: docker run -p 8000:8000 -e APOGEE_SECRET_KEY=… -e APOGEE_DATABASES='{books={url="postgres://…"}}' books
# See docs/deploy.md.

# Build stage: install the workspace's production dependencies; better-sqlite3 compiles here, with the toolchain.
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/apogee/package.json packages/apogee/
COPY examples/books/package.json examples/books/
RUN npm ci --workspace examples/books --omit=dev --no-audit --no-fund
COPY packages/apogee packages/apogee
COPY examples/books examples/books

# Runtime stage: the app and its node_modules, no compiler, run by the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    APOGEE_PROFILE=release \
    APOGEE_ADDRESS=0.0.0.0 \
    APOGEE_PORT=8000
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/examples/books/data && chown node:node /app/examples/books/data
USER node
WORKDIR /app/examples/books
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.APOGEE_PORT||8000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM from `docker stop` starts Apogee's graceful shutdown; exec form so node receives it directly.
CMD ["node", "--import", "tsx", "main.ts"]
