# Build stage: compile TypeScript with the dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies, compiled code and the knowledge only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 ONRAMP_STORE=file:/data/store.json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
# Prebuild the index cache into the image (the app user cannot write node_modules).
RUN node dist/cli.js ask "what is a BSL" >/dev/null
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
CMD ["node", "dist/cli.js", "serve"]
