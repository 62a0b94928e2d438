import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheStages, findTarget, lineage, needed, stageGraph } from '../../../src/image/dockerfile-graph.js';
import { repoRoot } from '../../support/harness.js';

const fixture = readFileSync(join(repoRoot, 'fixtures/apps/stack/Dockerfile'), 'utf8');

describe('stageGraph', () => {
  it('reads stages, parents and copies of the fixture app', () => {
    const g = stageGraph(fixture);
    expect(g.map((s) => s.name)).toEqual([
      'base',
      'deps',
      'build',
      'runtime',
      'web',
      'worker',
      'scheduler',
      'site',
    ]);
    const by = (n: string) => g.find((s) => s.name === n)!;
    expect(by('base').parent).toBeUndefined();
    expect(by('base').from).toBe('${BASE_IMAGE}');
    expect(by('deps').parent).toBe(0);
    expect(by('build').parent).toBe(1);
    expect(by('runtime').copiesFrom).toEqual([1, 2]);
    expect(by('web').parent).toBe(3);
  });

  it('handles continuation lines, comments, --platform, numeric --from and RUN --mount from=', () => {
    const g = stageGraph(
      [
        'FROM --platform=$BUILDPLATFORM golang:1.22 \\',
        '  AS Builder',
        'RUN --mount=type=cache,target=/root/.cache \\',
        '    # a comment inside a continuation',
        '    --mount=type=bind,from=tools,source=/x,target=/x go build',
        'FROM alpine AS tools',
        'FROM scratch',
        'COPY --from=0 /out /out',
        'copy --from=builder /bin /bin',
      ].join('\n'),
    );
    expect(g).toHaveLength(3);
    expect(g[0]).toMatchObject({ name: 'builder', line: 1, from: 'golang:1.22' });
    // `tools` is declared after the RUN that mounts it: BuildKit would reject that, and so it is not a dependency
    expect(g[0]!.copiesFrom).toEqual([]);
    expect(g[2]!.name).toBeUndefined();
    expect(g[2]!.copiesFrom).toEqual([0]);
  });

  it('finds targets case-insensitively; no target means the last stage', () => {
    const g = stageGraph(fixture);
    expect(findTarget(g, 'WEB')?.name).toBe('web');
    expect(findTarget(g)?.name).toBe('site');
    expect(findTarget(g, 'api')).toBeUndefined();
  });

  it('lineage follows FROM, needed follows FROM and copies', () => {
    const g = stageGraph(fixture);
    expect(lineage(g, 4).map((i) => g[i]!.name)).toEqual(['web', 'runtime', 'base']);
    expect([...needed(g, 4)].map((i) => g[i]!.name).sort()).toEqual([
      'base',
      'build',
      'deps',
      'runtime',
      'web',
    ]);
  });
});

describe('cacheStages', () => {
  it('exports only the end of each chain outside the image (build covers deps)', () => {
    expect(cacheStages(stageGraph(fixture), 'web')).toEqual(['build']);
    expect(cacheStages(stageGraph(fixture), 'deps')).toEqual([]);
  });

  it('exports every independent chain, unnamed stages by index', () => {
    const g = stageGraph(
      [
        'FROM node:20 AS deps',
        'RUN npm ci',
        'FROM python:3 ',
        'RUN pip install x',
        'FROM deps AS assets',
        'RUN npm run build',
        'FROM debian AS final',
        'COPY --from=assets /dist /dist',
        'COPY --from=1 /venv /venv',
      ].join('\n'),
    );
    expect(cacheStages(g, 'final')).toEqual(['1', 'assets']);
  });

  it('a single-stage file needs no stage cache; an unknown target gives none', () => {
    expect(cacheStages(stageGraph('FROM alpine\nRUN true\n'))).toEqual([]);
    expect(cacheStages(stageGraph(fixture), 'nope')).toEqual([]);
  });
});
