# The api image: built from the api bundle alone (`nx build api`), which
# carries its own dependencies, so the runtime stage has no node_modules.
# Build from the repository root: docker build -f docker/api.Dockerfile .

FROM node:24-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY tools/package.json tools/package.json
COPY apps apps
COPY libs libs
RUN npm ci --no-audit --no-fund && NX_DAEMON=false npx nx build api

FROM node:24-bookworm-slim
# The app's own version (apps/api/package.json, see its CHANGELOG.md);
# CI passes it: --build-arg VERSION=$(node -p "require('./apps/api/package.json').version")
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="errand-api" \
      org.opencontainers.image.description="The Errand HTTP API" \
      org.opencontainers.image.version="$VERSION"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /repo/dist/apps/api/main.js ./main.js
USER node
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=2s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "main.js"]
