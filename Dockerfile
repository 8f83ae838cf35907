# syntax=docker/dockerfile:1
# One image for every Switchyard service; the registry id is the argument:
#   docker build -t switchyard .
#   docker run switchyard shop/cart               (the service)
#   docker run switchyard shop/cart --migrate-only (its migrations, then exit)
# Compose and Kubernetes files: deploy/ (generated from services/registry.ts).

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# Only the package manifests, so the dependency layers below are rebuilt when a
# package.json or the lock file changes, not on every source edit.
FROM base AS manifests
COPY . /src
RUN mkdir /manifests \
 && cd /src \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \; \
 && cp package-lock.json /manifests/

# Production dependencies only. Install scripts stay off, as the root package.json's
# allowScripts asks; esbuild and the other native packages ship their binaries as optional
# dependencies.
FROM base AS deps
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts

# Everything, dev tools included, to build the web apps the gateway serves and the services'
# bundle: every service compiled to JavaScript (platform/runner/src/bundle.ts), so a container
# starts without compiling TypeScript. It is built at /app, where the runtime keeps the
# sources its services read files next to (migrations, data).
FROM base AS web
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY . .
RUN node -e "import('./scripts/build-web.mjs').then((m) => m.buildWebApps({ force: true }))" \
 && node --import tsx platform/runner/src/build.ts dist/services \
 && mkdir -p /built \
 && cp -r --parents dist/services /built/ \
 && for dist in web/*/dist; do \
      if [ -d "$dist" ]; then mkdir -p "/built/$dist" && cp -r "$dist/." "/built/$dist/"; fi; \
    done

FROM base AS runtime
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0 DATA_DIR=/data LOG_FORMAT=json
# Code and dependencies stay owned by root: the service (user node) can read them, not change them.
COPY --from=deps /app/ ./
COPY . .
COPY --from=web /built/ ./
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "--enable-source-maps", "dist/services/run-service.mjs"]
CMD ["gateway"]
