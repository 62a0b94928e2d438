/** Which builder `slipway build` picks, from what the docker CLI answers (a scripted CLI). */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { detectBuilder, type ExecResult } from '../../../src/runner/docker.js';

type Script = Record<string, ExecResult | undefined>;
const ok = (stdout: string): ExecResult => ({ code: 0, stdout, stderr: '' });
const fail = (stderr: string): ExecResult => ({ code: 1, stdout: '', stderr });

function cli(script: Script) {
  const calls: string[] = [];
  const run = async (cmd: string, argv: string[]) => {
    const key = `${cmd} ${argv.join(' ')}`;
    calls.push(key);
    const r = Object.entries(script).find(([k]) => key.startsWith(k))?.[1];
    if (!r) throw new Error(`spawn ${cmd} ENOENT`);
    return r;
  };
  return { run, calls };
}

const engine = { 'docker version --format {{.Server.Os}}': ok('linux/amd64\n') };

describe('detectBuilder', () => {
  it('buildx with a docker-container builder: buildx (cache export)', async () => {
    const { run } = cli({
      ...engine,
      'docker buildx inspect': ok('Name: ci\nDriver:        docker-container\n'),
    });
    expect(await detectBuilder({}, run)).toEqual({
      kind: 'buildx',
      client: 'docker',
      platform: 'linux/amd64',
    });
  });

  it("buildx whose builder has the docker driver: the inline-cache commands through buildx's docker build", async () => {
    const { run } = cli({ ...engine, 'docker buildx inspect': ok('Name: default\nDriver: docker\n') });
    expect(await detectBuilder({}, run)).toEqual({
      kind: 'classic',
      client: 'docker',
      platform: 'linux/amd64',
    });
    expect((await detectBuilder({ SLIPWAY_BUILDER: 'buildx' }, run)).kind).toBe('buildx');
  });

  it('no buildx: a client older than 23 (here Debian /usr/bin/docker behind a newer docker)', async () => {
    const { run, calls } = cli({
      ...engine,
      'docker buildx inspect': fail("docker: 'buildx' is not a docker command."),
      'docker version --format {{.Client.Version}}': ok('28.2.2\n'),
      '/usr/bin/docker version --format {{.Client.Version}}': ok('20.10.24+dfsg1\n'),
    });
    expect(await detectBuilder({}, run)).toEqual({
      kind: 'classic',
      client: '/usr/bin/docker',
      platform: 'linux/amd64',
    });
    expect(calls).toContain('docker version --format {{.Client.Version}}');
  });

  it('SLIPWAY_DOCKER names the client; SLIPWAY_BUILDER=classic skips buildx', async () => {
    const { run, calls } = cli({
      'old-docker version --format {{.Server.Os}}': ok('linux/arm64\n'),
      'old-docker version --format {{.Client.Version}}': ok('20.10.5\n'),
    });
    expect(await detectBuilder({ SLIPWAY_DOCKER: 'old-docker', SLIPWAY_BUILDER: 'classic' }, run)).toEqual({
      kind: 'classic',
      client: 'old-docker',
      platform: 'linux/arm64',
    });
    expect(calls.some((c) => c.includes('buildx'))).toBe(false);
  });

  it('no engine, or no BuildKit-capable client: a UserError saying what to do', async () => {
    const down = cli({
      'docker version': fail('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.'),
    });
    await expect(detectBuilder({}, down.run)).rejects.toThrow(
      /the docker engine does not answer \(Cannot connect to the Docker daemon.*\): start it/,
    );
    const none = cli({
      ...engine,
      'docker buildx inspect': fail('no buildx'),
      'docker version --format {{.Client.Version}}': ok('28.2.2\n'),
    });
    const err = await detectBuilder({}, none.run).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/install docker buildx, or point SLIPWAY_DOCKER/);
    await expect(detectBuilder({ SLIPWAY_BUILDER: 'buildx' }, none.run)).rejects.toThrow(
      /SLIPWAY_BUILDER=buildx/,
    );
  });
});
