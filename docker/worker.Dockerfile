# The worker image: built from the worker bundle (`nx build worker`), which
# carries its own dependencies, except the two the bundle cannot hold: sharp
# (native libvips binaries, per platform) and pdfkit (reads its font metrics
# from files beside its code). Those two are installed, at the versions of
# the lockfile, into a node_modules of their own beside the bundle.
# Build from the repository root: docker build -f docker/worker.Dockerfile .

FROM node:24-bookworm-slim AS build
WORKDIR /repo
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY tools/package.json tools/package.json
COPY apps apps
COPY libs libs
RUN npm ci --no-audit --no-fund && NX_DAEMON=false npx nx build worker
# The external packages, for this image's platform (linux, glibc).
RUN version() { node -p "JSON.parse(require('fs').readFileSync('/repo/node_modules/$1/package.json', 'utf8')).version"; } \
 && mkdir /externals && cd /externals && echo '{"private":true}' > package.json \
 && npm install --omit=dev --no-audit --no-fund --no-package-lock \
      "sharp@$(version sharp)" "pdfkit@$(version pdfkit)"

FROM node:24-bookworm-slim
# The app's own version (apps/worker/package.json, see its CHANGELOG.md);
# CI passes it: --build-arg VERSION=$(node -p "require('./apps/worker/package.json').version")
ARG VERSION=0.0.0-dev
LABEL org.opencontainers.image.title="errand-worker" \
      org.opencontainers.image.description="The Errand worker" \
      org.opencontainers.image.version="$VERSION"
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /repo/dist/apps/worker/main.js ./main.js
COPY --from=build /externals/node_modules ./node_modules
# image.resize and pdf.render write their files here, and email.send its
# .eml files when SMTP_URL is unset; mount a volume to keep them.
RUN mkdir -p /data/output /data/outbox && chown -R node:node /data
ENV OUTPUT_DIR=/data/output OUTBOX_DIR=/data/outbox
VOLUME /data
USER node
EXPOSE 8001
HEALTHCHECK --interval=10s --timeout=2s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.METRICS_PORT||8001)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM lets running jobs finish (SHUTDOWN_GRACE_MS); give the container
# at least that long to stop (compose: stop_grace_period).
# Small young-generation semi-spaces: a worker's garbage is short-lived job
# objects, and 4 MB instead of 16 MB cut its peak RSS by a seventh at the
# same CPU per job (docs/performance.md; tools/bench uses the same flag).
CMD ["node", "--max-semi-space-size=4", "main.js"]
