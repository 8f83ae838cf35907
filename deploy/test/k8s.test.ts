import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../services/gateway/src/directory';
import { committed, DEPLOY, fixture, readDeploy, yamlDocs, yamlOf, type Rendered } from './support';

type K8s = Record<string, any>;

/** Every object the base kustomization lists, by `Kind/name`. */
function baseObjects(r: Rendered): Map<string, K8s> {
  const kustomization = yamlOf(r.files['k8s/base/kustomization.yaml']!) as { resources: string[] };
  const objects = new Map<string, K8s>();
  for (const file of kustomization.resources) {
    const text = r.files[`k8s/base/${file}`];
    expect(text, `k8s/base/${file} listed in the kustomization`).toBeDefined();
    for (const obj of yamlDocs(text!)) {
      const key = `${obj.kind}/${(obj as K8s).metadata.name}`;
      expect(objects.has(key), `duplicate ${key}`).toBe(false);
      objects.set(key, obj);
    }
  }
  return objects;
}

const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function checkPod(where: string, pod: K8s, objects: Map<string, K8s>) {
  expect(pod.securityContext?.runAsNonRoot, `${where}: runAsNonRoot`).toBe(true);
  expect(pod.securityContext?.runAsUser, `${where}: runAsUser`).toBeGreaterThan(0);
  const mounts = new Map<string, string>();
  for (const c of pod.containers as K8s[]) {
    expect(c.image, `${where}: image`).toBe('switchyard');
    expect(c.securityContext, `${where}: container securityContext`).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    for (const kind of ['requests', 'limits']) {
      expect(c.resources?.[kind]?.cpu, `${where}: ${kind}.cpu`).toMatch(/^\d+m?$/);
      expect(c.resources?.[kind]?.memory, `${where}: ${kind}.memory`).toMatch(/^\d+(Mi|Gi)$/);
    }
    for (const m of c.volumeMounts ?? []) mounts.set(m.mountPath, m.name);
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef)
        expect(
          objects.has(`ConfigMap/${from.configMapRef.name}`),
          `${where}: ${from.configMapRef.name}`,
        ).toBe(true);
      if (from.secretRef) expect(from.secretRef.name, where).toBe('switchyard-secrets');
    }
  }
  // Read-only root: /tmp (tsx's cache) and /data (DATA_DIR) are writable emptyDirs.
  for (const path of ['/tmp', '/data']) {
    const volume = (pod.volumes as K8s[]).find((v) => v.name === mounts.get(path));
    expect(volume?.emptyDir, `${where}: emptyDir on ${path}`).toBeDefined();
  }
}

for (const r of [await committed(), await fixture()]) {
  describe(`Kubernetes base: ${r.label}`, () => {
    const objects = baseObjects(r);
    const get = (kind: string, name: string) => objects.get(`${kind}/${name}`);

    it('has a Deployment with probes, resources and a non-root, read-only pod for every service', () => {
      for (const s of r.services) {
        const d = get('Deployment', s.slug);
        expect(d, s.id).toBeDefined();
        const pod = d!.spec.template.spec;
        expect(matches(d!.spec.selector.matchLabels, d!.spec.template.metadata.labels), s.id).toBe(true);
        const [c] = pod.containers as K8s[];
        expect(c!.args, s.id).toEqual([s.id]);
        const port = (c!.ports as K8s[]).find((p) => p.name === 'http');
        expect(port?.containerPort, s.id).toBe(8080);
        expect(c!.readinessProbe?.httpGet, s.id).toEqual({ path: '/readyz', port: 'http' });
        expect(c!.livenessProbe?.httpGet, s.id).toEqual({ path: '/healthz', port: 'http' });
        expect(c!.startupProbe?.httpGet?.path, s.id).toBe('/healthz');
        expect(d!.spec.template.metadata.annotations, s.id).toMatchObject({
          'prometheus.io/scrape': 'true',
          'prometheus.io/port': String(port!.containerPort),
          'prometheus.io/path': '/metrics',
        });
        expect(
          c!.envFrom.map((e: K8s) => e.configMapRef?.name ?? e.secretRef?.name),
          s.id,
        ).toEqual(['switchyard-shared', `${s.slug}-config`, 'switchyard-secrets']);
        checkPod(s.id, pod, objects);
      }
    });

    it('exposes each Deployment through a ClusterIP Service on the container port', () => {
      for (const s of r.services) {
        const svc = get('Service', s.slug);
        const pod = get('Deployment', s.slug)!.spec.template;
        expect(svc?.spec.type, s.id).toBe('ClusterIP');
        expect(matches(svc!.spec.selector, pod.metadata.labels), s.id).toBe(true);
        const [p] = svc!.spec.ports as K8s[];
        expect(p, s.id).toMatchObject({ name: 'http', port: 8080, targetPort: 'http' });
      }
    });

    it('gives every service a HorizontalPodAutoscaler and a PodDisruptionBudget (min available 1)', () => {
      for (const s of r.services) {
        const deployment = get('Deployment', s.slug)!;
        const podLabels = deployment.spec.template.metadata.labels;
        const pdb = get('PodDisruptionBudget', s.slug);
        expect(pdb, s.id).toBeDefined();
        expect(matches(pdb!.spec.selector.matchLabels, podLabels), s.id).toBe(true);
        const hpa = get('HorizontalPodAutoscaler', s.slug);
        if (s.singleton) {
          // One replica by design: no autoscaler, and a PDB that cannot block node drains.
          expect(hpa, s.id).toBeUndefined();
          expect(deployment.spec.replicas, s.id).toBe(1);
          expect(pdb!.spec, s.id).toMatchObject({ maxUnavailable: 1 });
          continue;
        }
        expect(deployment.spec.replicas, `${s.id}: the HPA owns replicas`).toBeUndefined();
        expect(pdb!.spec.minAvailable, s.id).toBe(1);
        expect(hpa?.apiVersion, s.id).toBe('autoscaling/v2');
        expect(hpa!.spec.scaleTargetRef, s.id).toEqual({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: s.slug,
        });
        expect(
          hpa!.spec.minReplicas,
          `${s.id}: two replicas so the PDB allows a drain`,
        ).toBeGreaterThanOrEqual(2);
        expect(hpa!.spec.maxReplicas, s.id).toBeGreaterThan(hpa!.spec.minReplicas);
        const cpu = (hpa!.spec.metrics as K8s[]).find((m) => m.resource?.name === 'cpu');
        expect(cpu?.resource.target.type, s.id).toBe('Utilization');
        if (s.system === 'shop') {
          expect(hpa!.spec, s.id).toMatchObject({ minReplicas: 2, maxReplicas: 5 });
          expect(cpu!.resource.target.averageUtilization, s.id).toBe(70);
          const memory = (hpa!.spec.metrics as K8s[]).find((m) => m.resource?.name === 'memory');
          expect(memory?.resource.target, s.id).toEqual({ type: 'AverageValue', averageValue: '200Mi' });
        }
      }
    });

    it('runs migrations as a Job for every service with a database, and only for those', () => {
      for (const s of r.services) {
        const job = get('Job', `${s.slug}-migrate`);
        if (!s.database) {
          expect(job, s.id).toBeUndefined();
          continue;
        }
        expect(job?.apiVersion, s.id).toBe('batch/v1');
        const pod = job!.spec.template.spec;
        expect(pod.restartPolicy, s.id).toBe('Never');
        expect(pod.containers[0].args, s.id).toEqual([s.id, '--migrate-only']);
        expect(job!.metadata.labels['app.kubernetes.io/component'], s.id).toBe('migration');
        checkPod(`${s.id} migrations`, pod, objects);
      }
      // The apply script holds back exactly the Deployments until the Jobs completed.
      for (const [key, obj] of objects)
        expect(obj.metadata.labels?.['switchyard/rollout'] === 'after-migrations', key).toBe(
          obj.kind === 'Deployment',
        );
    });

    it('lets only the watchdogs talk to the Kubernetes API, through their own Role', () => {
      for (const s of r.services) {
        const pod = get('Deployment', s.slug)!.spec.template.spec;
        if (!s.launchesJobs) {
          expect(pod.serviceAccountName, s.id).toBe('switchyard');
          expect(pod.automountServiceAccountToken, s.id).toBe(false);
          expect(get('Role', `${s.slug}-workers`), s.id).toBeUndefined();
          continue;
        }
        expect(pod.serviceAccountName, s.id).toBe(s.slug);
        expect(pod.automountServiceAccountToken, s.id).toBe(true);
        expect(get('ServiceAccount', s.slug), s.id).toBeDefined();
        const role = get('Role', `${s.slug}-workers`);
        const jobs = (role?.rules as K8s[]).find((rule) => rule.resources.includes('jobs'));
        expect(jobs, s.id).toMatchObject({ apiGroups: ['batch'] });
        expect(jobs!.verbs, s.id).toEqual(expect.arrayContaining(['create', 'delete', 'watch']));
        const binding = get('RoleBinding', `${s.slug}-workers`);
        expect(binding?.roleRef, s.id).toMatchObject({ kind: 'Role', name: `${s.slug}-workers` });
        expect(binding?.subjects, s.id).toEqual([{ kind: 'ServiceAccount', name: s.slug }]);
        const env = pod.containers[0].env as K8s[];
        expect(env.find((e) => e.name === 'POD_NAMESPACE')?.valueFrom.fieldRef.fieldPath, s.id).toBe(
          'metadata.namespace',
        );
      }
      expect(get('ServiceAccount', 'switchyard')?.automountServiceAccountToken).toBe(false);
    });

    it('points every SERVICE_URL_* and the gateway directory at a Service that exists', () => {
      const data = get('ConfigMap', 'switchyard-shared')!.data as Record<string, string>;
      const resolve = (url: string) => {
        const { hostname, port } = new URL(url);
        const svc = get('Service', hostname);
        expect(svc, url).toBeDefined();
        expect(
          (svc!.spec.ports as K8s[]).some((p) => String(p.port) === port),
          url,
        ).toBe(true);
      };
      for (const s of r.services) {
        expect(data[s.urlVariable], s.urlVariable).toBe(`http://${s.slug}:8080`);
        resolve(data[s.urlVariable]!);
      }
      const directory = parseDirectory(data.GATEWAY_SERVICES!);
      expect(directory.map((d) => d.path).sort()).toEqual(
        r.services
          .filter((s) => s.id !== 'gateway')
          .map((s) => s.publicPath)
          .sort(),
      );
      for (const entry of directory) resolve(entry.url);
      expect(data.MIGRATE_ON_START).toBe('false');
      expect(data.OTEL_EXPORTER_OTLP_ENDPOINT).toMatch(/^http:\/\/.+:4318$/);
    });

    it('routes the Ingress to the gateway', () => {
      const ingress = get('Ingress', 'switchyard')!;
      const path = ingress.spec.rules[0].http.paths[0];
      expect(path).toMatchObject({ path: '/', pathType: 'Prefix' });
      expect(path.backend.service).toEqual({ name: 'gateway', port: { name: 'http' } });
      expect(get('Service', 'gateway')).toBeDefined();
    });

    it('keeps the Secret out of the base and lists every required variable in its template', () => {
      expect([...objects.keys()].some((k) => k.startsWith('Secret/'))).toBe(false);
      const template = yamlOf(r.files['k8s/secret.template.yaml']!) as K8s;
      expect(template.metadata.name).toBe('switchyard-secrets');
      const keys = Object.keys(template.stringData);
      for (const key of [
        'DATABASE_URL',
        'RABBITMQ_URL',
        'REDIS_URL',
        'SMTP_URL',
        'SECRETS_KEY',
        'INTERNAL_API_TOKEN',
        ...r.services.flatMap((s) => s.requiredEnv),
      ])
        expect(keys, key).toContain(key);
      for (const value of Object.values(template.stringData)) expect(value).toMatch(/CHANGE_ME/);
      const dev = r.files['k8s/overlays/dev/dev-secrets.env']!;
      for (const key of keys) expect(dev, key).toMatch(new RegExp(`^${key}=.+`, 'm'));
    });
  });
}

/** Paths a kustomization refers to (resources, patches, generators), relative to its folder. */
function referencedPaths(k: K8s): string[] {
  return [
    ...(k.resources ?? []),
    ...(k.patches ?? []).filter((p: K8s) => p.path).map((p: K8s) => p.path),
    ...(k.secretGenerator ?? []).flatMap((g: K8s) => [...(g.envs ?? []), ...(g.files ?? [])]),
    ...(k.configMapGenerator ?? []).flatMap((g: K8s) => [...(g.envs ?? []), ...(g.files ?? [])]),
  ];
}

describe('Kustomize files on disk', () => {
  const kustomizations: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === 'kustomization.yaml') kustomizations.push(path);
    }
  };
  walk(join(DEPLOY, 'k8s'));

  it('has a base and the dev and prod overlays', () => {
    const relative = kustomizations.map((p) => p.slice(DEPLOY.length + 1)).sort();
    expect(relative).toEqual([
      'k8s/base/kustomization.yaml',
      'k8s/overlays/dev/kustomization.yaml',
      'k8s/overlays/prod/kustomization.yaml',
    ]);
  });

  it('lists only files and folders that exist', () => {
    for (const file of kustomizations) {
      const k = yamlOf(readDeploy(file.slice(DEPLOY.length + 1))) as K8s;
      expect(k.kind, file).toBe('Kustomization');
      for (const ref of referencedPaths(k)) {
        const target = join(dirname(file), ref.split('?')[0]!);
        expect(existsSync(target), `${file}: ${ref}`).toBe(true);
        if (statSync(target).isDirectory())
          expect(existsSync(join(target, 'kustomization.yaml')), `${file}: ${ref}`).toBe(true);
      }
    }
  });

  it('makes the dev overlay self-contained and keeps prod secrets out of the repository', () => {
    const dev = yamlOf(readDeploy('k8s/overlays/dev/kustomization.yaml')) as K8s;
    expect(dev.secretGenerator.map((g: K8s) => g.name)).toEqual(['switchyard-secrets']);
    const infra = yamlDocs(readDeploy('k8s/overlays/dev/infra.yaml'));
    const names = infra.filter((o) => o.kind === 'Service').map((o) => (o as K8s).metadata.name);
    expect(names).toEqual(expect.arrayContaining(['postgres', 'rabbitmq', 'redis', 'mailpit', 'jaeger']));
    const prod = yamlOf(readDeploy('k8s/overlays/prod/kustomization.yaml')) as K8s;
    expect(prod.secretGenerator).toBeUndefined();
    expect(prod.namespace).toBe('switchyard');
  });

  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  // kubectl's built-in Kustomize needs no cluster; where kubectl is missing this is skipped.
  it.skipIf(!kubectl)('renders both overlays with `kubectl kustomize` (offline)', () => {
    for (const overlay of ['dev', 'prod']) {
      const out = execFileSync('kubectl', ['kustomize', join(DEPLOY, 'k8s/overlays', overlay)], {
        encoding: 'utf8',
      });
      const docs = yamlDocs(out) as K8s[];
      const namespace = overlay === 'dev' ? 'switchyard-dev' : 'switchyard';
      for (const d of docs)
        if (d.kind !== 'Namespace')
          expect(d.metadata.namespace, `${overlay} ${d.kind}/${d.metadata.name}`).toBe(namespace);
      const images = docs
        .filter(
          (d) => d.kind === 'Deployment' && d.metadata.labels?.['app.kubernetes.io/component'] === 'service',
        )
        .map((d) => d.spec.template.spec.containers[0].image);
      expect(images.length, overlay).toBeGreaterThan(0);
      for (const image of images)
        expect(image, overlay).toBe(
          overlay === 'dev' ? 'switchyard:dev' : 'registry.example.com/switchyard:0.1.0',
        );
    }
  });
});
