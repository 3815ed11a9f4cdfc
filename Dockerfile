# Build stage: compile TypeScript with the dev dependencies. better-sqlite3 builds from
# source when no prebuilt binary can be fetched, so the compiler lives here only.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# npm ci's postinstall brings the embedding model from Maven Central into .onramp/models.
COPY scripts ./scripts
COPY models ./models
RUN ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies (already compiled), compiled code and the knowledge.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 ONRAMP_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/models ./models
COPY --from=build /app/.onramp/models ./.onramp/models
COPY knowledge ./knowledge
# Prebuild the index cache, the embedded knowledge and the model's optimised graph into the
# image (the app user cannot write node_modules or the model directory).
RUN ONRAMP_DATA_DIR=/tmp/onramp node dist/cli.js ask "what is a BSL" >/dev/null && rm -rf /tmp/onramp
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
CMD ["node", "dist/cli.js", "serve"]
