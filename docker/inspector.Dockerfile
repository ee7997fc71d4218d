# The inspector image: built from the inspector bundle alone (`nx build inspector`), which
# carries its own dependencies, so the runtime stage has no node_modules.
# Build from the repository root: docker build -f docker/inspector.Dockerfile .

FROM node:24-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY tools/package.json tools/package.json
COPY apps apps
COPY libs libs
RUN npm ci --no-audit --no-fund && NX_DAEMON=false npx nx build inspector

FROM node:24-bookworm-slim
# The app's own version (apps/inspector/package.json, see its CHANGELOG.md);
# CI passes it: --build-arg VERSION=$(node -p "require('./apps/inspector/package.json').version")
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="errand-inspector" \
      org.opencontainers.image.description="The Errand operator CLI" \
      org.opencontainers.image.version="$VERSION"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /repo/dist/apps/inspector/main.js ./main.js
USER node

# A one-shot CLI: nothing long-running to health-check.
HEALTHCHECK NONE
ENTRYPOINT ["node", "main.js"]
CMD ["--help"]
