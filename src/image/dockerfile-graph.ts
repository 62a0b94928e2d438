/**
 * The stage graph of a Dockerfile: which stages a target builds FROM and which it copies from
 * (`COPY --from=`, `RUN --mount=...,from=`). Used to check a target exists and to pick the
 * intermediate stages whose layers a cache must carry besides the image's own.
 */

export interface StageNode {
  index: number;
  /** Lower-cased `AS` name, if any. */
  name?: string;
  /** Line of the FROM instruction (1-based). */
  line: number;
  /** The FROM argument as written (an image, a stage name, or `${ARG}`). */
  from: string;
  /** Index of the stage this one is built FROM, when it is a stage of this file. */
  parent?: number;
  /** Indexes of stages copied or mounted from. */
  copiesFrom: number[];
}

/** Joins continuation lines; drops comments and blank lines; keeps the first line number. */
function instructions(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) {
      const next = lines[++i]!.trim();
      if (next.startsWith('#')) continue;
      line = line.slice(0, -1).trimEnd() + ' ' + next;
    }
    out.push({ line: start + 1, text: line });
  }
  return out;
}

export function stageGraph(text: string): StageNode[] {
  const stages: StageNode[] = [];
  const byName = new Map<string, number>();
  const resolve = (ref: string): number | undefined => {
    if (/^\d+$/.test(ref)) {
      const n = Number(ref);
      return n < stages.length ? n : undefined;
    }
    return byName.get(ref.toLowerCase());
  };
  for (const ins of instructions(text)) {
    const from = /^FROM\s+((?:--\S+\s+)*)(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(ins.text);
    if (from) {
      const node: StageNode = { index: stages.length, line: ins.line, from: from[2]!, copiesFrom: [] };
      if (from[3]) node.name = from[3].toLowerCase();
      const parent = byName.get(from[2]!.toLowerCase());
      if (parent !== undefined) node.parent = parent;
      stages.push(node);
      if (node.name) byName.set(node.name, node.index);
      continue;
    }
    const current = stages[stages.length - 1];
    if (!current) continue;
    const refs: string[] = [];
    if (/^(COPY|ADD)\s/i.test(ins.text)) {
      const m = /\s--from=(\S+)/i.exec(ins.text);
      if (m) refs.push(m[1]!);
    }
    if (/^RUN\s/i.test(ins.text)) {
      for (const mount of ins.text.matchAll(/--mount=(\S+)/gi)) {
        const m = /(?:^|,)from=([^,\s]+)/.exec(mount[1]!);
        if (m) refs.push(m[1]!);
      }
    }
    for (const ref of refs) {
      const idx = resolve(ref);
      if (idx !== undefined && !current.copiesFrom.includes(idx)) current.copiesFrom.push(idx);
    }
  }
  return stages;
}

/** The stage a build of `target` ends on (the last stage when no target is given). */
export function findTarget(stages: StageNode[], target?: string): StageNode | undefined {
  if (target === undefined) return stages[stages.length - 1];
  return stages.find((s) => s.name === target.toLowerCase());
}

/** Stages in the FROM chain of a stage, itself first. */
export function lineage(stages: StageNode[], index: number): number[] {
  const out: number[] = [];
  for (let i: number | undefined = index; i !== undefined; i = stages[i]!.parent) out.push(i);
  return out;
}

/** Every stage a build of `stage` needs (FROM chain and copies, transitively). */
export function needed(stages: StageNode[], index: number): Set<number> {
  const seen = new Set<number>();
  const visit = (i: number) => {
    if (seen.has(i)) return;
    seen.add(i);
    const s = stages[i]!;
    if (s.parent !== undefined) visit(s.parent);
    for (const c of s.copiesFrom) visit(c);
  };
  visit(index);
  return seen;
}

/**
 * Intermediate stages whose layers are not in the final image: with an inline cache (which only
 * carries the exported image's own FROM chain) each of them needs its own cache image to be
 * reusable. Only the ends of chains are returned: a stage's inline cache covers its FROM chain,
 * so `build FROM deps` carries `deps` too. Unnamed stages are referred to by index.
 */
export function cacheStages(stages: StageNode[], target?: string): string[] {
  const t = findTarget(stages, target);
  if (!t) return [];
  const inImage = new Set(lineage(stages, t.index));
  const rest = [...needed(stages, t.index)].filter((i) => !inImage.has(i));
  const coveredByOther = new Set<number>();
  for (const i of rest) for (const a of lineage(stages, i).slice(1)) coveredByOther.add(a);
  return rest
    .filter((i) => !coveredByOther.has(i) && !inImage.has(i))
    .sort((a, b) => a - b)
    .map((i) => stages[i]!.name ?? String(i));
}
