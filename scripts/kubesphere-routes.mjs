#!/usr/bin/env node
// Extracts the route facts this project needs from the route tables of KubeSphere's published OpenAPI documents
// (kubesphere-openapi/routes-*.json: method, path, produces, consumes, body type and required fields) into
// src/test/resources/kubesphere-routes/, which RouteContractTest holds every tool's routes to.
// Usage: node scripts/kubesphere-routes.mjs [path/to/kubesphere-openapi]   (default: ../shared/kubesphere-openapi)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = process.argv[2] ?? join(root, '..', 'shared', 'kubesphere-openapi');
// The API groups the tools and the client use; everything else in the documents is left out.
const needed = [/^\/oauth\/token$/, /^\/kapis\/version$/, /^\/kapis\/iam\.kubesphere\.io\/v1beta1\//,
  /^\/kapis\/tenant\.kubesphere\.io\/v1beta1\//, /^\/kapis\/devops\.kubesphere\.io\/v1alpha[23]\//];

for (const [source, target] of [['routes-kubesphere-v4.1.3.json', 'kubesphere-v4.1.3.json'],
  ['routes-ks-devops.json', 'ks-devops.json']]) {
  const doc = JSON.parse(readFileSync(join(from, source), 'utf8'));
  const routes = doc.routes
    .filter((r) => needed.some((p) => p.test(r.path)))
    .map((r) => ({ method: r.method, path: r.path, produces: r.produces, consumes: r.consumes,
      ...(r.body ? { body: r.body } : {}) }))
    .sort((a, b) => (a.path + ' ' + a.method).localeCompare(b.path + ' ' + b.method));
  const out = { source: doc.source, generatedBy: 'scripts/kubesphere-routes.mjs', routes };
  writeFileSync(join(root, 'src/test/resources/kubesphere-routes', target), JSON.stringify(out, null, 1) + '\n');
  console.log(`${target}: ${routes.length} of ${doc.routes.length} routes`);
}
