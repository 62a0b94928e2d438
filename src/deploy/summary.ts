/** Job summary for a deploy or rollback: verdict line first, then one row per phase. */
import type { DeployResult } from './types.js';

const VERDICT: Record<DeployResult['outcome'], string> = {
  success: '✅',
  'failed-before-switch': '❌',
  'rolled-back': '↩️',
  failed: '❌',
};

function secs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderSummary(title: string, r: DeployResult): string {
  const lines = [
    `### ${VERDICT[r.outcome]} ${cell(title)}: ${cell(r.message)}`,
    '',
    '| phase | result | duration | detail |',
    '|---|---|---|---|',
    ...r.phases.map((p) => `| ${p.phase} | ${p.ok ? 'ok' : 'failed'} | ${secs(p.ms)} | ${cell(p.detail)} |`),
    '',
  ];
  const facts = [
    `color: \`${r.color ?? 'none'}\``,
    `previous color: \`${r.previousColor ?? 'none'}\``,
    `image: \`${r.image}\``,
    `previous image: \`${r.previousImage ?? 'none'}\``,
    `url: ${r.url}`,
  ];
  if (r.deploymentId) facts.push(`deployment: ${r.deploymentId}`);
  if (r.rollbackDeploymentId) facts.push(`rollback recorded as deployment ${r.rollbackDeploymentId}`);
  if (r.switchMs !== undefined) facts.push(`switch: ${secs(r.switchMs)}`);
  if (r.rollbackMs !== undefined) facts.push(`rollback: ${secs(r.rollbackMs)}`);
  lines.push(
    `<details><summary>Details</summary>\n\n${facts.map((f) => `- ${f}`).join('\n')}\n\n</details>`,
    '',
  );
  return lines.join('\n');
}
