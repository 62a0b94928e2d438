/**
 * Runs the real `kubectl` for the kubernetes deploy target and its lock. The target only sees the
 * `Kubectl` function type (src/deploy/targets/kubernetes.ts), so tests can point it at the
 * Kubernetes API fake through a kubeconfig, exactly as a runner points it at a cluster.
 */
import { execFile } from 'node:child_process';
import { UserError } from '../errors.js';
import type { Kubectl, KubectlResult } from '../deploy/targets/kubernetes.js';

export interface KubectlOptions {
  /** Path to a kubeconfig (default: kubectl's own lookup: $KUBECONFIG, ~/.kube/config). */
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  /** The binary (default `kubectl` on PATH). */
  bin?: string;
  /** Per-call timeout (default 60 s). */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
}

export function createKubectl(opts: KubectlOptions = {}): Kubectl {
  const bin = opts.bin ?? 'kubectl';
  const base: string[] = [];
  if (opts.kubeconfig) base.push(`--kubeconfig=${opts.kubeconfig}`);
  if (opts.context) base.push(`--context=${opts.context}`);
  if (opts.namespace) base.push(`--namespace=${opts.namespace}`);
  return (args: string[], stdin?: string): Promise<KubectlResult> =>
    new Promise((resolve, reject) => {
      const child = execFile(
        bin,
        [...base, ...args],
        {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: opts.timeoutMs ?? 60_000,
          env: { ...process.env, ...(opts.env ?? {}) },
        },
        (err, stdout, stderr) => {
          if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
            reject(
              new UserError(
                `'${bin}' was not found on PATH: the kubernetes target needs kubectl (Debian/Ubuntu: apt-get install kubernetes-client; or azure/setup-kubectl)`,
                'target',
              ),
            );
            return;
          }
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr: stderr || (err && code !== 0 && !stderr ? err.message : '') });
        },
      );
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(stdin ?? '');
    });
}
