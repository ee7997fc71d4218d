# The worker image: built from the worker bundle alone (`nx build worker`), which
# carries its own dependencies, so the runtime stage has no node_modules.
# Build from the repository root: docker build -f docker/worker.Dockerfile .

FROM node:20-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY apps apps
COPY libs libs
RUN npm ci --no-audit --no-fund && NX_DAEMON=false npx nx build worker

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /repo/dist/apps/worker/main.js ./main.js
USER node
EXPOSE 8001
HEALTHCHECK --interval=10s --timeout=2s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||8001)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM lets running jobs finish (SHUTDOWN_GRACE_MS); give the container
# at least that long to stop (compose: stop_grace_period).
CMD ["node", "main.js"]
